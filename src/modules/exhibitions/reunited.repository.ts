import type { Db } from '../../db/database';
import type { FragmentRow, ReunitedFragmentTable, ReunitedWorkRow, ReunitedWorkTable } from './exhibition.table';

/** All SQL of reunited works and their fragments. */
export const reunitedRepository = {
  async insert(db: Db, row: ReunitedWorkTable): Promise<void> {
    await db.insertInto('reunited_work').values(row).execute();
  },

  async find(db: Db, id: string): Promise<ReunitedWorkRow | undefined> {
    return db.selectFrom('reunited_work').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async update(db: Db, id: string, patch: Partial<Pick<ReunitedWorkTable, 'title' | 'summary' | 'history' | 'updated_at'>>): Promise<void> {
    await db.updateTable('reunited_work').set(patch).where('id', '=', id).execute();
  },

  async delete(db: Db, id: string): Promise<void> {
    await db.deleteFrom('reunited_fragment').where('work_id', '=', id).execute();
    await db.deleteFrom('reunited_work').where('id', '=', id).execute();
  },

  async list(db: Db, limit: number): Promise<ReunitedWorkRow[]> {
    return db.selectFrom('reunited_work').selectAll().orderBy('updated_at', 'desc').orderBy('id').limit(limit).execute();
  },

  async fragments(db: Db, workIds: string[]): Promise<FragmentRow[]> {
    if (!workIds.length) return [];
    return db.selectFrom('reunited_fragment').selectAll().where('work_id', 'in', workIds).orderBy('work_id').orderBy('position').execute();
  },

  async replaceFragments(db: Db, workId: string, rows: ReunitedFragmentTable[]): Promise<void> {
    await db.deleteFrom('reunited_fragment').where('work_id', '=', workId).execute();
    if (rows.length) await db.insertInto('reunited_fragment').values(rows).execute();
  },

  /** Works that have this record among their fragments. */
  async containing(db: Db, recordId: string, limit: number): Promise<ReunitedWorkRow[]> {
    return db
      .selectFrom('reunited_work')
      .selectAll()
      .where((eb) => eb.exists(eb.selectFrom('reunited_fragment as f').select('f.record_id').whereRef('f.work_id', '=', 'reunited_work.id').where('f.record_id', '=', recordId)))
      .orderBy('id')
      .limit(limit)
      .execute();
  },
};
