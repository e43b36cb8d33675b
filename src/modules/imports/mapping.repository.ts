import type { Db } from '../../db/database';
import type { ImportMappingRow, ImportMappingTable, NewImportMappingRow } from './mapping.table';

/** All SQL of saved import mappings. */
export const mappingRepository = {
  async insert(db: Db, row: NewImportMappingRow): Promise<void> {
    await db.insertInto('import_mapping').values(row).execute();
  },

  async find(db: Db, id: string): Promise<ImportMappingRow | undefined> {
    return db.selectFrom('import_mapping').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async findByName(db: Db, institutionId: string, name: string): Promise<ImportMappingRow | undefined> {
    return db.selectFrom('import_mapping').selectAll().where('institution_id', '=', institutionId).where('name', '=', name).executeTakeFirst();
  },

  /** Mappings of these institutions (all when null), by institution and name. */
  async list(db: Db, institutionIds: string[] | null, limit: number): Promise<ImportMappingRow[]> {
    if (institutionIds && !institutionIds.length) return [];
    let q = db.selectFrom('import_mapping').selectAll().orderBy('institution_id').orderBy('name').limit(limit);
    if (institutionIds) q = q.where('institution_id', 'in', institutionIds);
    return q.execute();
  },

  async update(db: Db, id: string, patch: Partial<Pick<ImportMappingTable, 'name' | 'mapping' | 'updated_by' | 'updated_at'>>): Promise<void> {
    await db.updateTable('import_mapping').set(patch).where('id', '=', id).execute();
  },

  async delete(db: Db, id: string): Promise<void> {
    await db.deleteFrom('import_mapping').where('id', '=', id).execute();
  },
};
