import type { Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import type { RecordDoc } from './record.normalize';
import type { Store } from './record.store';
import type { RecordRow } from './record.table';
import { visibleTo } from './record.visibility';

/**
 * Rows as the actor may read them: relations that point at records the actor may not see are
 * left out, since their ids would tell that those records exist. Those who may edit a record see
 * its relations whole (they are its catalogue, and an edit must not lose them unseen).
 */
export async function withVisibleRelations(store: Store, actor: Actor, rows: RecordRow[]): Promise<RecordRow[]> {
  const docs = new Map<number, RecordDoc>();
  for (const row of rows) {
    // Most records relate to none: only those whose document names relations are parsed.
    if (!row.metadata.includes('"relations"') || can(actor, 'edit', { institutionId: row.institution_id })) continue;
    const doc = JSON.parse(row.metadata) as RecordDoc;
    if (doc.relations?.length) docs.set(row.seq, doc);
  }
  if (!docs.size) return rows;
  const targets = [...new Set([...docs.values()].flatMap((d) => d.relations!.map((r) => r.target)))];
  const seen = new Set<string>();
  for (let i = 0; i < targets.length; i += 1000) {
    const found = await store.db.selectFrom('record').select('id').where('id', 'in', targets.slice(i, i + 1000)).where(visibleTo(actor)).execute();
    for (const r of found) seen.add(r.id);
  }
  return rows.map((row) => {
    const doc = docs.get(row.seq);
    if (!doc || doc.relations!.every((r) => seen.has(r.target))) return row;
    const relations = doc.relations!.filter((r) => seen.has(r.target));
    const { relations: _, ...rest } = doc;
    return { ...row, metadata: JSON.stringify(relations.length ? { ...rest, relations } : rest) };
  });
}
