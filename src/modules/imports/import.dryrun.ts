import { createHash } from 'node:crypto';
import type { Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import type { BulkResult } from '../records/record.bulk';
import { sourceKey } from '../records/record.mapper';
import { institutionCountries } from '../records/record.normalize';
import { prepareRecords } from '../records/record.prepare';
import { recordRepository as repo } from '../records/record.repository';
import type { Store } from '../records/record.store';
import type { RecordRow } from '../records/record.table';

/** What a dry run remembers between batches: the records it would have created, by key, with a hash of their document. */
export type DryRunMemory = Map<string, string>;

/**
 * What saveRecordsBulk would do with a batch, computed read-only: the same validation and
 * normalisation, the same matching by source key and id, the same rejections. Nothing is written.
 */
export async function classifyBatch(store: Store, actor: Actor, inputs: unknown[], memory: DryRunMemory): Promise<BulkResult> {
  const result: BulkResult = { created: 0, updated: 0, unchanged: 0, rejected: [] };
  const preps = prepareRecords(inputs);
  const valid: { index: number; doc: NonNullable<(typeof preps)[number]['doc']> }[] = [];
  preps.forEach((p, index) => {
    if (!p.doc) result.rejected.push({ index, id: (inputs[index] as { id?: string })?.id, problems: p.problems ?? [] });
    else if (!can(actor, 'edit', { institutionId: p.doc.institutionId })) {
      result.rejected.push({ index, id: p.doc.id, problems: [{ field: '/institutionId', message: `you may not edit records of ${p.doc.institutionId}` }] });
    } else valid.push({ index, doc: p.doc });
  });
  if (!valid.length) return result;

  const countries = await institutionCountries(store.db, valid.map((v) => v.doc.institutionId));
  const byKey = new Map<string, RecordRow>();
  const keysByInst = new Map<string, string[]>();
  for (const v of valid) if (v.doc.source) keysByInst.set(v.doc.institutionId, [...(keysByInst.get(v.doc.institutionId) ?? []), sourceKey(v.doc.source)]);
  for (const [inst, keys] of keysByInst) {
    for (let i = 0; i < keys.length; i += 5000) {
      for (const row of await repo.findBySourceKeys(store.db, inst, keys.slice(i, i + 5000))) byKey.set(`${inst}\u0000${row.source_key}`, row);
    }
  }
  const ids = valid.filter((v) => v.doc.id).map((v) => v.doc.id!);
  const byId = new Map<string, RecordRow>();
  for (let i = 0; i < ids.length; i += 5000) for (const row of await repo.findByIds(store.db, ids.slice(i, i + 5000))) byId.set(row.id, row);

  const seenKeys = new Set<string>();
  const seenIds = new Set<string>();
  for (const v of valid) {
    const reject = (field: string, message: string) => result.rejected.push({ index: v.index, id: v.doc.id, problems: [{ field, message }] });
    if (!countries.has(v.doc.institutionId)) {
      reject('/institutionId', `no institution "${v.doc.institutionId}"`);
      continue;
    }
    const key = v.doc.source ? `${v.doc.institutionId}\u0000${sourceKey(v.doc.source)}` : null;
    if (key && seenKeys.has(key)) {
      reject('/source/identifier', 'appears twice in this batch');
      continue;
    }
    let existing = key ? byKey.get(key) : undefined;
    if (!existing && v.doc.id) {
      existing = byId.get(v.doc.id);
      if (existing && existing.institution_id !== v.doc.institutionId) {
        reject('/id', `is taken by a record of ${existing.institution_id}`);
        continue;
      }
    }
    const memoryKey = key ?? (v.doc.id ? `id\u0000${v.doc.id}` : null);
    const id = existing?.id ?? v.doc.id ?? `dry-run-${v.index}`;
    if (seenIds.has(id)) {
      reject(v.doc.id ? '/id' : '/source/identifier', 'names a record already written in this batch');
      continue;
    }
    seenIds.add(id);
    if (key) seenKeys.add(key);
    if (existing) {
      if (existing.metadata === JSON.stringify({ ...v.doc, id }) && !existing.deleted_at) result.unchanged++;
      else result.updated++;
      continue;
    }
    // A record an earlier batch of this dry run would have created: a real run would find it then.
    const hash = createHash('sha1').update(JSON.stringify({ ...v.doc, id: '' })).digest('base64');
    const before = memoryKey ? memory.get(memoryKey) : undefined;
    if (before === undefined) {
      result.created++;
      if (memoryKey) memory.set(memoryKey, hash);
    } else if (before === hash) result.unchanged++;
    else {
      result.updated++;
      memory.set(memoryKey!, hash);
    }
  }
  return result;
}
