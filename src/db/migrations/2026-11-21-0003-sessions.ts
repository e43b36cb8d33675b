import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect';

/** Browser sessions and one-time links (invitations, password resets). */
export async function up(db: Kysely<any>, _dialect: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('user_session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('user_session_user').on('user_session').columns(['user_id']).execute();

  await db.schema
    .createTable('account_link')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('institution_id', 'text')
    .addColumn('role', 'text')
    .addColumn('is_admin', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('account_link_email').on('account_link').columns(['email']).execute();

  await db.schema.alterTable('app_user').addColumn('last_login_at', 'text').execute();
  // Failed sign-ins are counted from the audit log, by account and by address, over the last minute.
  await db.schema.createIndex('audit_event_action_at').on('audit_event').columns(['action', 'at']).execute();
}
