import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect';

/** Harvesting: OAI-PMH sources with their schedules, and the history of their runs. */
export async function up(db: Kysely<any>, _dialect: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('harvest_source')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('metadata_prefix', 'text', (c) => c.notNull())
    .addColumn('sets', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('schedule_hours', 'integer')
    .addColumn('last_datestamp', 'text')
    .addColumn('last_run_at', 'text')
    .addColumn('next_run_at', 'text')
    .addColumn('last_job_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('harvest_source_institution').on('harvest_source').columns(['institution_id', 'created_at']).execute();
  await db.schema.createIndex('harvest_source_due').on('harvest_source').columns(['next_run_at']).execute();
  await db.schema
    .createTable('harvest_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('harvest_source.id').onDelete('cascade'))
    .addColumn('job_id', 'text', (c) => c.notNull().unique())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('harvest_run_source').on('harvest_run').columns(['source_id', 'started_at']).execute();
}
