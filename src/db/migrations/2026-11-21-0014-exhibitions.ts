import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect';

/** Exhibitions (co-curated, per-language publication, record approvals, events) and reunited works. */
export async function up(db: Kysely<any>, _dialect: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('exhibition')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('lead_institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('credits', 'text', (c) => c.notNull())
    .addColumn('cover_record_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  await db.schema
    .createTable('exhibition_curator')
    .addColumn('exhibition_id', 'text', (c) => c.notNull().references('exhibition.id').onDelete('cascade'))
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('exhibition_curator_pk', ['exhibition_id', 'institution_id'])
    .execute();
  await db.schema.createIndex('exhibition_curator_institution').on('exhibition_curator').column('institution_id').execute();
  await db.schema
    .createTable('exhibition_language')
    .addColumn('exhibition_id', 'text', (c) => c.notNull().references('exhibition.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    .addPrimaryKeyConstraint('exhibition_language_pk', ['exhibition_id', 'lang'])
    .execute();
  await db.schema
    .createTable('exhibition_chapter')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exhibition_id', 'text', (c) => c.notNull().references('exhibition.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('layout', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exhibition_chapter_exhibition').on('exhibition_chapter').columns(['exhibition_id', 'position']).execute();
  await db.schema
    .createTable('exhibition_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exhibition_id', 'text', (c) => c.notNull().references('exhibition.id').onDelete('cascade'))
    .addColumn('chapter_id', 'text', (c) => c.notNull().references('exhibition_chapter.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('media_id', 'text')
    .addColumn('region', 'text')
    .addColumn('caption', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exhibition_item_chapter').on('exhibition_item').columns(['chapter_id', 'position']).execute();
  await db.schema.createIndex('exhibition_item_record').on('exhibition_item').column('record_id').execute();
  await db.schema
    .createTable('exhibition_approval')
    .addColumn('exhibition_id', 'text', (c) => c.notNull().references('exhibition.id').onDelete('cascade'))
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('exhibition_approval_pk', ['exhibition_id', 'record_id'])
    .execute();
  await db.schema.createIndex('exhibition_approval_institution').on('exhibition_approval').columns(['institution_id', 'status']).execute();
  await db.schema
    .createTable('exhibition_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exhibition_id', 'text', (c) => c.notNull().references('exhibition.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text')
    .addColumn('url', 'text')
    .execute();
  await db.schema.createIndex('exhibition_event_starts').on('exhibition_event').columns(['starts_at']).execute();
  await db.schema
    .createTable('reunited_work')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('history', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('reunited_fragment')
    .addColumn('work_id', 'text', (c) => c.notNull().references('reunited_work.id').onDelete('cascade'))
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('image_service', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addPrimaryKeyConstraint('reunited_fragment_pk', ['work_id', 'record_id'])
    .execute();
  await db.schema.createIndex('reunited_fragment_record').on('reunited_fragment').column('record_id').execute();
}
