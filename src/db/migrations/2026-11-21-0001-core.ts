import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect';

/** Institutions, records with versions and derived facet/relation tables, accounts, the full-text index. */
export async function up(db: Kysely<any>, dialect: DialectAdapter): Promise<void> {
  const serial = dialect.name === 'postgres' ? 'serial' : 'integer';

  await db.schema
    .createTable('app_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('institution')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_sort', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('city', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('website', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();

  await db.schema
    .createTable('record')
    .addColumn('seq', serial, (c) => (dialect.name === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title_sort', 'text', (c) => c.notNull())
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('embargo_until', 'text')
    .addColumn('rights_uri', 'text')
    .addColumn('rights_open', 'integer', (c) => c.notNull())
    .addColumn('has_media', 'integer', (c) => c.notNull())
    .addColumn('year_from', 'integer')
    .addColumn('year_to', 'integer')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('source_key', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('change_action', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('record_institution').on('record').columns(['institution_id', 'seq']).execute();
  await db.schema.createIndex('record_source').on('record').columns(['institution_id', 'source_key']).unique().execute();
  await db.schema.createIndex('record_title_sort').on('record').columns(['title_sort', 'seq']).execute();
  await db.schema.createIndex('record_updated').on('record').columns(['updated_at', 'seq']).execute();
  // Year, embargo and facet-value filters run on the in-memory search index, not through SQL
  // indexes: each index left out is one random B-tree insert less per record in bulk loads.

  await db.schema
    .createTable('record_version')
    .addColumn('id', serial, (c) => (dialect.name === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('record_id', 'text', (c) => c.notNull().references('record.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('record_version_record').on('record_version').columns(['record_id', 'version']).unique().execute();

  await db.schema
    .createTable('record_facet')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('record_facet_seq').on('record_facet').columns(['seq', 'facet']).execute();

  await db.schema
    .createTable('record_relation')
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('record_relation_from').on('record_relation').columns(['record_id']).execute();
  await db.schema.createIndex('record_relation_to').on('record_relation').columns(['target_id']).execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('is_admin', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute();

  await db.schema
    .createTable('user_institution')
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_institution_pk', ['user_id', 'institution_id'])
    .execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text')
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();

  await dialect.createFullTextIndex(db);
  void sql;
}
