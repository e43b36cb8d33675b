import type { FieldProblem } from '../../shared/errors';
import { idAllocator } from '../../shared/ids';
import type { Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import { jsonWithId, sourceKey } from './record.mapper';
import { institutionCountries, type RecordDoc } from './record.normalize';
import { prepareRecords, type PreparedRecord } from './record.prepare';
import { recordRepository as repo } from './record.repository';
import { inTransaction, type Store } from './record.store';
import type { RecordRow } from './record.table';
import { writeRecords, type WriteOne } from './record.write';

export interface BulkResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Records refused, by their position in the batch, with every problem found. */
  rejected: { index: number; id?: string; problems: FieldProblem[] }[];
}

/**
 * Saves a batch of records in one transaction: records with a source already imported are
 * updated (so re-imports never duplicate), identical ones are left alone, invalid ones are
 * reported and skipped. The batch is atomic: it lands whole or not at all.
 */
export async function saveRecordsBulk(store: Store, actor: Actor, inputs: unknown[], action = 'import', prepared?: PreparedRecord[]): Promise<BulkResult> {
  const result: BulkResult = { created: 0, updated: 0, unchanged: 0, rejected: [] };
  const valid: { index: number; doc: RecordDoc; prep: PreparedRecord }[] = [];
  const preps = prepared ?? prepareRecords(inputs);
  inputs.forEach((input, index) => {
    const r = preps[index];
    if (!r.doc) result.rejected.push({ index, id: (input as { id?: string })?.id, problems: r.problems ?? [] });
    else if (!can(actor, 'edit', { institutionId: r.doc.institutionId })) {
      result.rejected.push({ index, id: r.doc.id, problems: [{ field: '/institutionId', message: `you may not edit records of ${r.doc.institutionId}` }] });
    } else valid.push({ index, doc: r.doc, prep: r });
  });
  if (!valid.length) return result;

  await inTransaction(store, async (trx) => {
    const countries = await institutionCountries(trx.db, valid.map((v) => v.doc.institutionId));
    const existingByKey = new Map<string, RecordRow>();
    const byInstitution = new Map<string, string[]>();
    for (const v of valid) {
      if (!v.doc.source) continue;
      const list = byInstitution.get(v.doc.institutionId) ?? [];
      list.push(sourceKey(v.doc.source));
      byInstitution.set(v.doc.institutionId, list);
    }
    for (const [inst, keys] of byInstitution) {
      for (let i = 0; i < keys.length; i += 5000) {
        for (const row of await repo.findBySourceKeys(trx.db, inst, keys.slice(i, i + 5000))) existingByKey.set(`${inst}\u0000${row.source_key}`, row);
      }
    }
    // Records named by id (not found by their source) update that record when it is the same institution's.
    const existingById = new Map<string, RecordRow>();
    const namedIds = valid.filter((v) => v.doc.id && !(v.doc.source && existingByKey.has(`${v.doc.institutionId}\u0000${sourceKey(v.doc.source)}`))).map((v) => v.doc.id!);
    for (let i = 0; i < namedIds.length; i += 5000) {
      for (const row of await repo.findByIds(trx.db, namedIds.slice(i, i + 5000))) existingById.set(row.id, row);
    }
    const writes: WriteOne[] = [];
    const nextId = idAllocator('r');
    const seenKeys = new Set<string>();
    const seenIds = new Set<string>();
    for (const v of valid) {
      const country = countries.get(v.doc.institutionId);
      if (!country) {
        result.rejected.push({ index: v.index, id: v.doc.id, problems: [{ field: '/institutionId', message: `no institution "${v.doc.institutionId}"` }] });
        continue;
      }
      const key = v.doc.source ? `${v.doc.institutionId}\u0000${sourceKey(v.doc.source)}` : null;
      if (key && seenKeys.has(key)) {
        result.rejected.push({ index: v.index, id: v.doc.id, problems: [{ field: '/source/identifier', message: 'appears twice in this batch' }] });
        continue;
      }
      let existing = key ? existingByKey.get(key) : undefined;
      if (!existing && v.doc.id) {
        existing = existingById.get(v.doc.id);
        if (existing && existing.institution_id !== v.doc.institutionId) {
          result.rejected.push({ index: v.index, id: v.doc.id, problems: [{ field: '/id', message: `is taken by a record of ${existing.institution_id}` }] });
          continue;
        }
      }
      const id = existing?.id ?? v.doc.id ?? nextId();
      if (seenIds.has(id)) {
        result.rejected.push({ index: v.index, id, problems: [{ field: v.doc.id ? '/id' : '/source/identifier', message: 'names a record already written in this batch' }] });
        continue;
      }
      seenIds.add(id);
      if (key) seenKeys.add(key);
      const doc = { ...v.doc, id };
      // A prepared document carries its JSON (and may be only its head): the id goes into that JSON.
      const json = v.prep.json !== undefined ? jsonWithId(v.doc, id, v.prep.json) : JSON.stringify(doc);
      if (existing) {
        if (existing.metadata === json && !existing.deleted_at) {
          result.unchanged++;
          continue;
        }
        writes.push({ doc, country, existing, action, deleted: false, prepared: v.prep, json });
        result.updated++;
      } else {
        writes.push({ doc, country, action, deleted: false, prepared: v.prep, json });
        result.created++;
      }
    }
    await writeRecords(trx, actor, writes, { audit: 'batch' });
  });
  return result;
}

/**
 * Moves to the trash every live record of an institution that came from one source system (a
 * harvest source being removed with its records), in atomic batches; returns how many.
 */
export async function trashRecordsOfSource(store: Store, actor: Actor, institutionId: string, system: string): Promise<number> {
  let trashed = 0;
  for (;;) {
    const n = await inTransaction(store, async (trx) => {
      const rows = await repo.liveBySourcePrefix(trx.db, institutionId, `ext:${system}:`, 500);
      if (rows.length) await writeRecords(trx, actor, rows.map((row) => ({ doc: JSON.parse(row.metadata) as RecordDoc & { id: string }, country: row.country, existing: row, action: 'delete', deleted: true })), { audit: 'batch' });
      return rows.length;
    });
    trashed += n;
    if (n < 500) return trashed;
  }
}
