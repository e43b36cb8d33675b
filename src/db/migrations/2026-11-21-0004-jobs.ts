import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect';

/** Jobs: long work (imports, harvests, derivatives) with progress, leases and checkpoints. */
export async function up(db: Kysely<any>, _dialect: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('checkpoint', 'text')
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_total', 'integer')
    .addColumn('progress_message', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('run_after', 'text')
    .addColumn('cancel_requested_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('job_claim').on('job').columns(['status', 'run_after']).execute();
  await db.schema.createIndex('job_institution').on('job').columns(['institution_id', 'created_at']).execute();
  await db.schema.createIndex('job_subject').on('job').columns(['subject_type', 'subject_id']).execute();
  await db.schema.createIndex('job_created').on('job').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('job_created_by').on('job').columns(['created_by', 'created_at']).execute();
}
