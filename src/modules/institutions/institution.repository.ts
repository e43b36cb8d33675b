import type { Db } from '../../db/database';
import type { InstitutionRow } from './institution.table';

/** All SQL of institutions. */
export const institutionRepository = {
  async findById(db: Db, id: string): Promise<InstitutionRow | undefined> {
    return db.selectFrom('institution').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  },

  async list(db: Db, opts: { country?: string; kind?: string; after?: string; limit: number }): Promise<InstitutionRow[]> {
    let q = db.selectFrom('institution').selectAll().where('deleted_at', 'is', null);
    if (opts.country) q = q.where('country', '=', opts.country);
    if (opts.kind) q = q.where('kind', '=', opts.kind);
    if (opts.after) q = q.where('id', '>', opts.after);
    return q.orderBy('id').limit(opts.limit).execute();
  },

  async insert(db: Db, row: InstitutionRow): Promise<void> {
    await db.insertInto('institution').values(row).execute();
  },

  /** Updates when the stored version is still `expectedVersion`; returns false otherwise. */
  async update(db: Db, row: InstitutionRow, expectedVersion: number): Promise<boolean> {
    const { id, created_at, ...rest } = row;
    void created_at;
    const r = await db.updateTable('institution').set(rest).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async existsAny(db: Db, id: string): Promise<boolean> {
    return !!(await db.selectFrom('institution').select('id').where('id', '=', id).executeTakeFirst());
  },
};
