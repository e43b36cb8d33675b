import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect';

/** People and practice: experts, training and exchange calls, the events calendar, case studies, awards. */
export async function up(db: Kysely<any>, _dialect: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('expert')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().unique().references('app_user.id'))
    .addColumn('institution_id', 'text', (c) => c.references('institution.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('bio', 'text', (c) => c.notNull())
    .addColumn('skills', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('availability', 'text', (c) => c.notNull())
    .addColumn('listed', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('training_call')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('places', 'integer', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_call_deadline').on('training_call').columns(['deadline']).execute();

  await db.schema
    .createTable('training_application')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull().references('training_call.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('training_application_once', ['call_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.references('institution.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('all_day', 'integer', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('url', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text')
    .addColumn('source_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_starts_at').on('event').columns(['starts_at']).execute();
  await db.schema.createIndex('event_source').on('event').columns(['source_kind', 'source_id']).execute();

  await db.schema
    .createTable('case_study')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('case_study_link')
    .addColumn('case_study_id', 'text', (c) => c.notNull().references('case_study.id'))
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_study_link_pk', ['case_study_id', 'target_kind', 'target_id'])
    .execute();
  await db.schema.createIndex('case_study_link_target').on('case_study_link').columns(['target_kind', 'target_id']).execute();

  await db.schema
    .createTable('award')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('award_juror')
    .addColumn('award_id', 'text', (c) => c.notNull().references('award.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addPrimaryKeyConstraint('award_juror_pk', ['award_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('award_nomination')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('award_id', 'text', (c) => c.notNull().references('award.id'))
    .addColumn('nominee', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.references('institution.id'))
    .addColumn('citation', 'text', (c) => c.notNull())
    .addColumn('winner', 'integer', (c) => c.notNull())
    .addColumn('nominated_by', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('award_score')
    .addColumn('nomination_id', 'text', (c) => c.notNull().references('award_nomination.id'))
    .addColumn('juror_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('scored_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('award_score_pk', ['nomination_id', 'juror_id'])
    .execute();
}
