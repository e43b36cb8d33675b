import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { insertRows } from '../../db/dialect/bulk-insert';
import { runTemplate } from '../../db/query-template';
import type { Actor } from '../accounts/actor';
import type { NewRecordRow, RecordRow, RecordVersionRow } from './record.table';
import { visibleTo } from './record.visibility';

/** All SQL of records, their versions and derived rows. */
export const recordRepository = {
  async insert(db: Db, row: NewRecordRow): Promise<number> {
    const r = await db.insertInto('record').values(row).returning('seq').executeTakeFirstOrThrow();
    return r.seq;
  },

  /** Inserts many rows, at most `chunkSize` a statement; returns their seqs in order. */
  async insertMany(db: Db, rows: NewRecordRow[], chunkSize: number): Promise<number[]> {
    const uniform = asValueRows(rows);
    if (uniform) return (await insertRows(db, 'record', uniform.columns, uniform.values, { maxParams: chunkSize * uniform.columns.length, returning: 'seq' })) as number[];
    const seqs: number[] = [];
    for (let i = 0; i < rows.length; i += chunkSize) {
      const r = await db.insertInto('record').values(rows.slice(i, i + chunkSize)).returning('seq').execute();
      for (const x of r) seqs.push(x.seq);
    }
    return seqs;
  },

  /** Writes a new state if the stored version is still `expectedVersion`; false when it was not. */
  async update(db: Db, seq: number, row: Omit<NewRecordRow, 'seq' | 'id' | 'created_at' | 'created_by'>, expectedVersion: number): Promise<boolean> {
    const r = await db.updateTable('record').set(row).where('seq', '=', seq).where('version', '=', expectedVersion).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** A record by id as the actor may see it (deleted ones only with `includeDeleted`, for editors). */
  async findVisible(db: Db, actor: Actor, id: string): Promise<RecordRow | undefined> {
    if (actor.kind === 'public') {
      // The public's record reads are the hottest query: compiled once, run with fresh values.
      const rows = await runTemplate<RecordRow>(
        db,
        'record.findVisible.public',
        (p) => db.selectFrom('record').selectAll().where('id', '=', p('id')).where(visibleTo(actor, p('now'))),
        { id, now: new Date().toISOString() },
      );
      return rows[0];
    }
    return db.selectFrom('record').selectAll().where('id', '=', id).where(visibleTo(actor)).executeTakeFirst();
  },

  /** A record by id whatever its visibility: for authorisation checks that follow. */
  async findAny(db: Db, id: string): Promise<RecordRow | undefined> {
    return db.selectFrom('record').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async findByIds(db: Db, ids: string[]): Promise<RecordRow[]> {
    if (!ids.length) return [];
    return db.selectFrom('record').selectAll().where('id', 'in', ids).execute();
  },

  /** Live records of an institution whose source key starts with `prefix` (one source's records), a batch at a time. */
  async liveBySourcePrefix(db: Db, institutionId: string, prefix: string, limit: number): Promise<RecordRow[]> {
    // substr, not LIKE (no wildcards to escape) nor a range (collations need not keep a prefix's keys together).
    return db
      .selectFrom('record')
      .selectAll()
      .where('institution_id', '=', institutionId)
      .where(sql<string>`substr(source_key, 1, ${prefix.length})`, '=', prefix)
      .where('deleted_at', 'is', null)
      .orderBy('seq')
      .limit(limit)
      .execute();
  },

  async findBySourceKeys(db: Db, institutionId: string, keys: string[]): Promise<RecordRow[]> {
    if (!keys.length) return [];
    return db.selectFrom('record').selectAll().where('institution_id', '=', institutionId).where('source_key', 'in', keys).execute();
  },

  /** A page of visible records in `seq` order after a cursor. */
  async listVisible(db: Db, actor: Actor, opts: { institutionId?: string; afterSeq?: number; limit: number; updatedSince?: string }): Promise<RecordRow[]> {
    let q = db.selectFrom('record').selectAll().where(visibleTo(actor));
    if (opts.institutionId) q = q.where('institution_id', '=', opts.institutionId);
    if (opts.updatedSince) q = q.where('updated_at', '>=', opts.updatedSince);
    if (opts.afterSeq !== undefined) q = q.where('seq', '>', opts.afterSeq);
    return q.orderBy('seq').limit(opts.limit).execute();
  },

  async replaceFacets(db: Db, seqs: number[], rows: { seq: number; facet: string; value: string }[]): Promise<void> {
    for (let i = 0; i < seqs.length; i += 5000) {
      await db.deleteFrom('record_facet').where('seq', 'in', seqs.slice(i, i + 5000)).execute();
    }
    await insertRows(db, 'record_facet', ['seq', 'facet', 'value'], rows.map((r) => [r.seq, r.facet, r.value]), { maxParams: 15000 });
  },

  async replaceRelations(db: Db, recordIds: string[], rows: { record_id: string; relation: string; target_id: string }[]): Promise<void> {
    for (let i = 0; i < recordIds.length; i += 5000) {
      await db.deleteFrom('record_relation').where('record_id', 'in', recordIds.slice(i, i + 5000)).execute();
    }
    await insertRows(db, 'record_relation', ['record_id', 'relation', 'target_id'], rows.map((r) => [r.record_id, r.relation, r.target_id]), { maxParams: 15000 });
  },

  /** Records (visible to the actor) whose relations point at this record. */
  async findPointingAt(db: Db, actor: Actor, id: string): Promise<{ row: RecordRow; relation: string }[]> {
    const rows = await db
      .selectFrom('record_relation')
      .innerJoin('record', 'record.id', 'record_relation.record_id')
      .selectAll('record')
      .select('record_relation.relation')
      .where('record_relation.target_id', '=', id)
      .where(visibleTo(actor))
      .limit(200)
      .execute();
    return rows.map(({ relation, ...row }) => ({ row: row as RecordRow, relation }));
  },

  async insertVersions(db: Db, rows: Omit<RecordVersionRow, 'id'>[]): Promise<void> {
    const uniform = asValueRows(rows);
    if (uniform) await insertRows(db, 'record_version', uniform.columns, uniform.values, { maxParams: 15000 });
    else for (let i = 0; i < rows.length; i += 2000) await db.insertInto('record_version').values(rows.slice(i, i + 2000)).execute();
  },

  async listVersions(db: Db, recordId: string): Promise<RecordVersionRow[]> {
    return db.selectFrom('record_version').selectAll().where('record_id', '=', recordId).orderBy('version', 'desc').execute();
  },

  async findVersion(db: Db, recordId: string, version: number): Promise<RecordVersionRow | undefined> {
    return db.selectFrom('record_version').selectAll().where('record_id', '=', recordId).where('version', '=', version).executeTakeFirst();
  },
};

/** Rows with the same columns in the same order and no undefined value, as value arrays; null otherwise (the query builder then fills defaults). */
function asValueRows(rows: object[]): { columns: string[]; values: unknown[][] } | null {
  if (!rows.length) return null;
  const columns = Object.keys(rows[0]);
  const values: unknown[][] = [];
  for (const row of rows) {
    const keys = Object.keys(row);
    if (keys.length !== columns.length) return null;
    const v: unknown[] = [];
    for (let c = 0; c < columns.length; c++) {
      const value = (row as Record<string, unknown>)[keys[c]];
      if (keys[c] !== columns[c] || value === undefined) return null;
      v.push(value);
    }
    values.push(v);
  }
  return { columns, values };
}
