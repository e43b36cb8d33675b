import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect';

/**
 * Heritage at risk: sensitive locations (exact coordinates kept out of the public record) and the
 * risk register (one entry per site or record, with its threats from the UNESCO list of factors).
 */
export async function up(db: Kysely<any>, _dialect: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('risk_sensitive_location')
    .addColumn('record_id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    // JSON [{ index, lat, lon }]: the exact coordinates of the record's places, by place position.
    .addColumn('exact_places', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('flagged_by', 'text')
    .addColumn('flagged_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('risk_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().unique())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('responsible_institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('trend', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('last_inspection', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_entry_responsible').on('risk_entry').columns(['responsible_institution_id', 'priority']).execute();

  await db.schema
    .createTable('risk_threat')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('risk_entry.id').onDelete('cascade'))
    .addColumn('primary_factor', 'text', (c) => c.notNull())
    .addColumn('secondary_factor', 'text')
    .addColumn('description', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_threat_entry').on('risk_threat').column('entry_id').execute();
  await db.schema.createIndex('risk_threat_factor').on('risk_threat').columns(['primary_factor', 'entry_id']).execute();

  await db.schema
    .createTable('risk_incident')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // EDTF text as entered (e.g. 2026-11-03, 2026-11-03/2026-11-05) and its machine range.
    .addColumn('date_text', 'text', (c) => c.notNull())
    .addColumn('date_from', 'text', (c) => c.notNull())
    .addColumn('date_to', 'text', (c) => c.notNull())
    // GeoJSON geometry (Point or Polygon), and its bounding box for maps and regional alerts.
    .addColumn('area', 'text')
    .addColumn('min_lat', 'double precision')
    .addColumn('min_lon', 'double precision')
    .addColumn('max_lat', 'double precision')
    .addColumn('max_lon', 'double precision')
    .addColumn('description', 'text')
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    // The restoration project the incident became (projects module), if any.
    .addColumn('project_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_incident_date').on('risk_incident').columns(['date_from', 'id']).execute();

  await db.schema
    .createTable('risk_incident_site')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('risk_incident.id').onDelete('cascade'))
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('risk_incident_site_pk', ['incident_id', 'record_id'])
    .execute();
  await db.schema.createIndex('risk_incident_site_record').on('risk_incident_site').column('record_id').execute();

  await db.schema
    .createTable('risk_assessment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('risk_incident.id').onDelete('cascade'))
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON array of damage types.
    .addColumn('damage_types', 'text', (c) => c.notNull())
    .addColumn('extent', 'text')
    .addColumn('severity', 'text')
    .addColumn('stability', 'text')
    .addColumn('urgent_actions', 'text')
    .addColumn('notes', 'text')
    .addColumn('assessor', 'text')
    .addColumn('assessed_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .execute();
  await db.schema.createIndex('risk_assessment_incident').on('risk_assessment').columns(['incident_id', 'record_id', 'assessed_on']).execute();

  await db.schema
    .createTable('risk_photo')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The assessment or public report the photo belongs to.
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('caption', 'text')
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('kept_location', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_photo_owner').on('risk_photo').columns(['owner_type', 'owner_id']).execute();

  await db.schema
    .createTable('risk_help_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('incident_id', 'text', (c) => c.references('risk_incident.id'))
    .addColumn('record_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('skill', 'text')
    // JSON array of BCP 47 tags.
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    // Where the help is needed (generalised for a sensitive site), for distances.
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('needed_from', 'text', (c) => c.notNull())
    .addColumn('needed_until', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_help_request_status').on('risk_help_request').columns(['status', 'kind']).execute();

  await db.schema
    .createTable('risk_help_offer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('skill', 'text')
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('available_from', 'text', (c) => c.notNull())
    .addColumn('available_until', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_help_offer_status').on('risk_help_offer').columns(['status', 'kind']).execute();

  await db.schema
    .createTable('risk_help_match')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('risk_help_request.id'))
    .addColumn('offer_id', 'text', (c) => c.notNull().references('risk_help_offer.id'))
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    // proposed, accepted, delivered, declined
    .addColumn('status', 'text', (c) => c.notNull())
    // Which side proposed it (request or offer): the other side accepts.
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('risk_help_match_request').on('risk_help_match').column('request_id').execute();
  await db.schema.createIndex('risk_help_match_offer').on('risk_help_match').column('offer_id').execute();

  await db.schema
    .createTable('risk_public_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull())
    // The institution that moderates it: the site's responsible institution.
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('reporter_name', 'text')
    // Never shown: for the moderators to write back.
    .addColumn('reporter_email', 'text')
    .addColumn('share_location', 'integer', (c) => c.notNull().defaultTo(0))
    // pending, public, rejected
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('moderated_by', 'text')
    .addColumn('moderated_at', 'text')
    // A keyed hash of the sender's address, for rate limits (the address itself is not kept).
    .addColumn('sender_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_public_report_status').on('risk_public_report').columns(['institution_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('risk_public_report_sender').on('risk_public_report').columns(['sender_key', 'created_at']).execute();
}
