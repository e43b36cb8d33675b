import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect';

/**
 * Running the alliance: alliances and their tiers, membership history, applications, meetings
 * with votes, versioned resolutions, agreements, their documents (PDF files); and in-app notifications (shared by modules).
 */
export async function up(db: Kysely<any>, _dialect: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('alliance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('member_kinds', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('alliance_tier')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliance.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applies_to', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('alliance_tier_code', ['alliance_id', 'code'])
    .execute();
  // Membership is a history of events; the state on any date is replayed from them.
  await db.schema
    .createTable('alliance_membership_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliance.id'))
    .addColumn('member_key', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.references('institution.id'))
    .addColumn('country', 'text')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('tier_id', 'text', (c) => c.references('alliance_tier.id'))
    .addColumn('effective_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alliance_membership_event_member').on('alliance_membership_event').columns(['alliance_id', 'member_key', 'effective_on']).execute();
  await db.schema
    .createTable('alliance_application')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliance.id'))
    .addColumn('applicant_user_id', 'text', (c) => c.notNull())
    .addColumn('member_key', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.references('institution.id'))
    .addColumn('country', 'text')
    .addColumn('tier_id', 'text', (c) => c.notNull().references('alliance_tier.id'))
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alliance_application_status').on('alliance_application').columns(['alliance_id', 'status']).execute();
  await db.schema
    .createTable('alliance_application_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('alliance_application.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('by_user', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('meeting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliance.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('place', 'text')
    .addColumn('online_url', 'text')
    .addColumn('agenda', 'text', (c) => c.notNull())
    .addColumn('minutes', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('meeting_participant')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.references('institution.id'))
    .addColumn('country', 'text')
    .addColumn('name', 'text')
    .addColumn('attended', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('meeting_vote')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
    .addColumn('motion', 'text', (c) => c.notNull())
    .addColumn('yes', 'integer', (c) => c.notNull())
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('abstain', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('resolution_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('resolution')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliance.id'))
    .addColumn('meeting_id', 'text', (c) => c.references('meeting.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('adopted_on', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('resolution_version')
    .addColumn('resolution_id', 'text', (c) => c.notNull().references('resolution.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('resolution_version_pk', ['resolution_id', 'version'])
    .execute();
  await db.schema
    .createTable('agreement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliance.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text')
    .addColumn('signed_place', 'text')
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('renewal', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('agreement_party')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreement.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.references('institution.id'))
    .addColumn('country', 'text')
    .addColumn('name', 'text')
    .execute();
  await db.schema
    .createTable('agreement_link')
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreement.id'))
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agreement_link_pk', ['agreement_id', 'target_kind', 'target_id'])
    .execute();
  await db.schema.createIndex('agreement_link_target').on('agreement_link').columns(['target_kind', 'target_id']).execute();
  await db.schema
    .createTable('governance_document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('governance_document_owner').on('governance_document').columns(['owner_kind', 'owner_id']).execute();
  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('message_key', 'text', (c) => c.notNull())
    .addColumn('message_params', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notification_user').on('notification').columns(['user_id', 'read_at', 'created_at']).execute();
}
