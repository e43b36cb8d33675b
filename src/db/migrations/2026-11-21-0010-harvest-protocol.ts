import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect';

/**
 * Harvest sources speak one of two protocols: OAI-PMH (a repository's records in an XML format) or
 * IIIF Change Discovery (a stream of changes, followed to each record's JSON or IIIF Manifest) —
 * the second is how an alliance hub keeps the records of its members' nodes.
 */
export async function up(db: Kysely<any>, _dialect: DialectAdapter): Promise<void> {
  await db.schema.alterTable('harvest_source').addColumn('protocol', 'text', (c) => c.notNull().defaultTo('oai-pmh')).execute();
}
