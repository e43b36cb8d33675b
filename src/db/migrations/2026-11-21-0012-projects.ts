import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect';

/** Joint projects (partners, sites, milestones, updates, outputs), scientific analyses, needs and pledges. */
export async function up(db: Kysely<any>, _dialect: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('project')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('owner_institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_sort', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('year_from', 'integer')
    .addColumn('year_to', 'integer')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_owner').on('project').columns(['owner_institution_id']).execute();
  await db.schema.createIndex('project_kind').on('project').columns(['kind', 'status']).execute();

  await db.schema
    .createTable('project_partner')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('institution_id', 'text', (c) => c.references('institution.id'))
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_partner_project').on('project_partner').columns(['project_id']).execute();
  await db.schema.createIndex('project_partner_institution').on('project_partner').columns(['institution_id']).execute();

  await db.schema
    .createTable('project_site')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_site_project').on('project_site').columns(['project_id']).execute();

  await db.schema
    .createTable('project_milestone')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_milestone_project').on('project_milestone').columns(['project_id']).execute();

  await db.schema
    .createTable('project_update')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('image_mime', 'text')
    .addColumn('image_key', 'text')
    .addColumn('image_alt', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('project_update_project').on('project_update').columns(['project_id', 'published_at']).execute();

  await db.schema
    .createTable('project_output')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('relation', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_output_project').on('project_output').columns(['project_id']).execute();
  await db.schema.createIndex('project_output_record').on('project_output').columns(['record_id']).execute();

  await db.schema
    .createTable('analysis')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('record_id', 'text')
    .addColumn('site', 'text')
    .addColumn('project_id', 'text', (c) => c.references('project.id').onDelete('set null'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('sample', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('analysed_on', 'text')
    .addColumn('laboratory', 'text', (c) => c.notNull())
    .addColumn('people', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('analysis_record').on('analysis').columns(['record_id']).execute();
  await db.schema.createIndex('analysis_method').on('analysis').columns(['method']).execute();

  await db.schema
    .createTable('need')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('project_id', 'text', (c) => c.references('project.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('skill', 'text')
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('need_status').on('need').columns(['status', 'kind']).execute();
  await db.schema.createIndex('need_project').on('need').columns(['project_id']).execute();

  await db.schema
    .createTable('pledge')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('need_id', 'text', (c) => c.notNull().references('need.id').onDelete('cascade'))
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('user_id', 'text')
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pledge_need').on('pledge').columns(['need_id']).execute();
}
