import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect';

/** Uploaded files of project documents: a random media store key, the sniffed type and the size in bytes. */
export async function up(db: Kysely<any>, _dialect: DialectAdapter): Promise<void> {
  // One column per statement: SQLite adds a single column per ALTER TABLE.
  await db.schema.alterTable('project_output').addColumn('file_key', 'text').execute();
  await db.schema.alterTable('project_output').addColumn('file_mime', 'text').execute();
  await db.schema.alterTable('project_output').addColumn('file_size', 'integer').execute();
}
