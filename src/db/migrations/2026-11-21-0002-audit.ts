import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect';

/** The audit log: who did what, when, from where. */
export async function up(db: Kysely<any>, dialect: DialectAdapter): Promise<void> {
  const serial = dialect.name === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('audit_event')
    .addColumn('id', serial, (c) => (dialect.name === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text')
    .addColumn('ip', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('institution_id', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('audit_event_at').on('audit_event').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_event_action').on('audit_event').columns(['action', 'id']).execute();
  await db.schema.createIndex('audit_event_target').on('audit_event').columns(['target_type', 'target_id']).execute();
  await db.schema.createIndex('audit_event_actor').on('audit_event').columns(['actor_id', 'id']).execute();
}
