import type { Db } from '../../db/database';
import type { InstitutionRow } from '../institutions/institution.table';
import type { MediaRow } from '../media/media.table';
import type { NewRecordRow, RecordRow, RecordVersionRow } from '../records/record.table';

/** The SQL of dumps and loads: whole tables read in stable orders, rows written as they were. */
export const dumpRepository = {
  /** Institutions of a dump, by id (deleted ones too: their records still name them). */
  async institutions(db: Db, institutionId: string | null): Promise<InstitutionRow[]> {
    let q = db.selectFrom('institution').selectAll();
    if (institutionId) q = q.where('id', '=', institutionId);
    return q.orderBy('id').execute();
  },

  /** A page of records whatever their visibility, deleted ones included, after a seq. */
  async recordPage(db: Db, institutionId: string | null, afterSeq: number, limit: number): Promise<RecordRow[]> {
    let q = db.selectFrom('record').selectAll().where('seq', '>', afterSeq);
    if (institutionId) q = q.where('institution_id', '=', institutionId);
    return q.orderBy('seq').limit(limit).execute();
  },

  async versionsOf(db: Db, recordIds: string[]): Promise<RecordVersionRow[]> {
    if (!recordIds.length) return [];
    return db.selectFrom('record_version').selectAll().where('record_id', 'in', recordIds).orderBy('record_id').orderBy('version').execute();
  },

  async mediaOf(db: Db, recordIds: string[]): Promise<MediaRow[]> {
    if (!recordIds.length) return [];
    return db.selectFrom('media').selectAll().where('record_id', 'in', recordIds).orderBy('record_id').orderBy('position').orderBy('id').execute();
  },

  async findInstitution(db: Db, id: string): Promise<InstitutionRow | undefined> {
    return db.selectFrom('institution').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async insertInstitution(db: Db, row: InstitutionRow): Promise<void> {
    await db.insertInto('institution').values(row).execute();
  },

  async updateInstitution(db: Db, row: InstitutionRow): Promise<void> {
    const { id, ...rest } = row;
    await db.updateTable('institution').set(rest).where('id', '=', id).execute();
  },

  /** Which of these institutions exist here (deleted ones too). */
  async institutionIds(db: Db, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    return new Set((await db.selectFrom('institution').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
  },

  async recordsByIds(db: Db, ids: string[]): Promise<RecordRow[]> {
    if (!ids.length) return [];
    return db.selectFrom('record').selectAll().where('id', 'in', ids).execute();
  },

  /** Replaces a record's row as a whole (its seq stays). */
  async replaceRecord(db: Db, seq: number, row: Omit<NewRecordRow, 'seq'>): Promise<void> {
    await db.updateTable('record').set(row).where('seq', '=', seq).execute();
  },

  /** The versions already stored of these records, as `id\u0000version` keys. */
  async versionKeys(db: Db, recordIds: string[]): Promise<Set<string>> {
    if (!recordIds.length) return new Set();
    const rows = await db.selectFrom('record_version').select(['record_id', 'version']).where('record_id', 'in', recordIds).execute();
    return new Set(rows.map((r) => `${r.record_id}\u0000${r.version}`));
  },

  async findMedia(db: Db, id: string): Promise<MediaRow | undefined> {
    return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async insertMedia(db: Db, rows: MediaRow[]): Promise<void> {
    for (const row of rows) await db.insertInto('media').values(row).execute();
  },
};
