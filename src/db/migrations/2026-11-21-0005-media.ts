import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect';

/** Media files attached to records (images), with their derivative state. */
export async function up(db: Kysely<any>, _dialect: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('record.id'))
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('rights', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('embargo_until', 'text')
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text')
    // bigint: masters of several gigabytes overflow a 32-bit integer on PostgreSQL.
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('media_record').on('media').columns(['record_id', 'position']).execute();
}
