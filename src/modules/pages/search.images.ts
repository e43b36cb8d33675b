import type { Actor } from '../accounts/actor';
import type { Store } from '../records/record.store';
import { isVisibleUnder, visibilityRule } from '../records/record.visibility';

/**
 * The first image of each listed record that the actor may see and that is ready to serve, by
 * record id, for the grid view's thumbnails. The records themselves were already filtered by the
 * search service; each image's own visibility and embargo pass the same rule here.
 */
export async function firstImages(store: Store, actor: Actor, recordIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!recordIds.length) return out;
  const rows = await store.db
    .selectFrom('media')
    .select(['id', 'record_id', 'institution_id', 'visibility', 'embargo_until'])
    .where('record_id', 'in', recordIds)
    .where('status', '=', 'ready')
    .orderBy('record_id')
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  const rule = visibilityRule(actor);
  for (const r of rows) {
    if (out.has(r.record_id)) continue;
    if (isVisibleUnder(rule, { deleted: false, visibility: r.visibility, embargoUntil: r.embargo_until, institutionId: r.institution_id })) out.set(r.record_id, r.id);
  }
  return out;
}
