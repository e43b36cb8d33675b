import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect';

/** Imports: the report of every import or harvest job (rejections, warnings, the fatal fault), row by row. */
export async function up(db: Kysely<any>, _dialect: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('import_problem')
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_index', 'integer')
    .addColumn('line', 'integer')
    .addColumn('identifier', 'text')
    .addColumn('field', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_problem_pk', ['job_id', 'seq'])
    .execute();
}
