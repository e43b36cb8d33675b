import type { Db } from '../../db/database';

// Small enough for any dialect's bound-parameter limit, large enough to be few statements.
const CHUNK = 500;

/** A stored record's keys, as the deletion needs them. */
export interface RecordKeys {
  seq: number;
  id: string;
}

/** All SQL of the demo module. */
export const demoRepository = {
  /** True when the database holds any institution at all (deleted ones count: the database is not new). */
  async hasInstitutions(db: Db): Promise<boolean> {
    return !!(await db.selectFrom('institution').select('id').limit(1).executeTakeFirst());
  },

  /** True when an institution with this id exists (or existed: ids are never reused). */
  async institutionExists(db: Db, id: string): Promise<boolean> {
    return !!(await db.selectFrom('institution').select('id').where('id', '=', id).executeTakeFirst());
  },

  /**
   * The demo's records: those with one of the demo's record ids, and those of the demo's
   * institutions whose source key starts with `sourceKeyPrefix` (records of an older demo).
   */
  async findDemoRecords(db: Db, opts: { ids: string[]; institutionIds: string[]; sourceKeyPrefix: string }): Promise<RecordKeys[]> {
    const found = new Map<number, RecordKeys>();
    for (let i = 0; i < opts.ids.length; i += CHUNK) {
      const rows = await db.selectFrom('record').select(['seq', 'id']).where('id', 'in', opts.ids.slice(i, i + CHUNK)).execute();
      for (const r of rows) found.set(r.seq, r);
    }
    if (opts.institutionIds.length) {
      const rows = await db
        .selectFrom('record')
        .select(['seq', 'id'])
        .where('institution_id', 'in', opts.institutionIds)
        .where('source_key', 'like', `${opts.sourceKeyPrefix}%`)
        .execute();
      for (const r of rows) found.set(r.seq, r);
    }
    return [...found.values()].sort((a, b) => a.seq - b.seq);
  },

  /**
   * Deletes records with everything kept about them: versions, facet and relation rows. The
   * full-text entries are the dialect's to remove (the caller does it, before this). Call inside a transaction.
   */
  async deleteRecords(db: Db, records: RecordKeys[]): Promise<void> {
    for (let i = 0; i < records.length; i += CHUNK) {
      const chunk = records.slice(i, i + CHUNK);
      const ids = chunk.map((r) => r.id);
      const seqs = chunk.map((r) => r.seq);
      await db.deleteFrom('record_version').where('record_id', 'in', ids).execute();
      await db.deleteFrom('record_facet').where('seq', 'in', seqs).execute();
      await db.deleteFrom('record_relation').where('record_id', 'in', ids).execute();
      await db.deleteFrom('record').where('seq', 'in', seqs).execute();
    }
  },
};
