import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect';

/** Saved import mappings: an institution's named CSV column mappings, reused by imports. */
export async function up(db: Kysely<any>, _dialect: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('import_mapping')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull().defaultTo('csv'))
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('import_mapping_name', ['institution_id', 'name'])
    .execute();
}
