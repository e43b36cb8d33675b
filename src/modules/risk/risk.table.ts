import type { Generated, Insertable, Selectable } from 'kysely';

/** A site flagged sensitive: the exact coordinates of its places, kept out of the record's public document. */
export interface RiskSensitiveLocationTable {
  record_id: string;
  institution_id: string;
  /** JSON `ExactPlace[]`. */
  exact_places: string;
  reason: string | null;
  flagged_by: string | null;
  flagged_at: string;
  updated_at: string;
}

/** A site or record in the risk register. */
export interface RiskEntryTable {
  id: string;
  record_id: string;
  /** The record's owner. */
  institution_id: string;
  /** The institution answerable for the site's care (often the owner). */
  responsible_institution_id: string;
  condition: string;
  trend: string;
  priority: string;
  /** ISO date (YYYY-MM-DD) of the last inspection. */
  last_inspection: string | null;
  notes: string | null;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

/** A threat to a register entry, classified under a primary (and optionally a secondary) factor. */
export interface RiskThreatTable {
  id: string;
  entry_id: string;
  primary_factor: string;
  secondary_factor: string | null;
  description: string | null;
  created_by: string | null;
  created_at: string;
}

/** An incident: an earthquake, flood, fire, storm, conflict, looting or theft, from report to closure. */
export interface RiskIncidentTable {
  id: string;
  title: string;
  kind: string;
  status: string;
  /** EDTF as entered, and its range as ISO dates. */
  date_text: string;
  date_from: string;
  date_to: string;
  /** GeoJSON geometry (Point or Polygon), JSON. */
  area: string | null;
  min_lat: number | null;
  min_lon: number | null;
  max_lat: number | null;
  max_lon: number | null;
  description: string | null;
  /** The institution coordinating the response. */
  institution_id: string;
  /** The restoration project the incident became, if any. */
  project_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface RiskIncidentSiteTable {
  incident_id: string;
  record_id: string;
  added_at: string;
}

/** A rapid damage assessment of one affected site or object; a site may have several over time. */
export interface RiskAssessmentTable {
  id: string;
  incident_id: string;
  record_id: string;
  status: 'draft' | 'submitted';
  /** JSON array of damage types. */
  damage_types: string;
  extent: string | null;
  severity: string | null;
  stability: string | null;
  urgent_actions: string | null;
  notes: string | null;
  assessor: string | null;
  assessed_on: string | null;
  /** The user who drafted it (drafts are theirs alone). */
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
}

/** A photo of an assessment or a public report: re-encoded JPEG in the media store, metadata stripped. */
export interface RiskPhotoTable {
  id: string;
  owner_type: 'assessment' | 'report';
  owner_id: string;
  storage_key: string;
  caption: string | null;
  width: number;
  height: number;
  bytes: number;
  /** 1 when the photo kept its EXIF location (the reporter allowed it). */
  kept_location: Generated<number>;
  created_at: string;
}

/** A request for help: experts by skill, funds, equipment, materials, emergency digitisation, temporary storage. */
export interface RiskHelpRequestTable {
  id: string;
  institution_id: string;
  incident_id: string | null;
  record_id: string | null;
  kind: string;
  title: string;
  description: string | null;
  skill: string | null;
  /** JSON array of BCP 47 tags. */
  languages: string;
  quantity: number;
  unit: string;
  lat: number | null;
  lon: number | null;
  needed_from: string;
  needed_until: string;
  status: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** An offer of help from a member institution. */
export interface RiskHelpOfferTable {
  id: string;
  institution_id: string;
  kind: string;
  title: string;
  description: string | null;
  skill: string | null;
  languages: string;
  quantity: number;
  unit: string;
  lat: number | null;
  lon: number | null;
  available_from: string;
  available_until: string;
  status: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A match of an offer to a request, tracked from proposal to delivery. */
export interface RiskHelpMatchTable {
  id: string;
  request_id: string;
  offer_id: string;
  quantity: number;
  status: string;
  proposed_by: 'request' | 'offer';
  created_by: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}

/** A report of damage or a threat from anyone, waiting for moderation before it is public. */
export interface RiskPublicReportTable {
  id: string;
  record_id: string;
  institution_id: string;
  kind: string;
  description: string;
  lat: number | null;
  lon: number | null;
  reporter_name: string | null;
  reporter_email: string | null;
  share_location: Generated<number>;
  status: string;
  moderated_by: string | null;
  moderated_at: string | null;
  sender_key: string;
  created_at: string;
}

export type RiskPublicReportRow = Selectable<RiskPublicReportTable>;
export type RiskHelpRequestRow = Selectable<RiskHelpRequestTable>;
export type RiskHelpOfferRow = Selectable<RiskHelpOfferTable>;
export type RiskHelpMatchRow = Selectable<RiskHelpMatchTable>;
export type RiskIncidentRow = Selectable<RiskIncidentTable>;
export type RiskAssessmentRow = Selectable<RiskAssessmentTable>;
export type RiskPhotoRow = Selectable<RiskPhotoTable>;
export type RiskSensitiveLocationRow = Selectable<RiskSensitiveLocationTable>;
export type RiskEntryRow = Selectable<RiskEntryTable>;
export type NewRiskEntryRow = Insertable<RiskEntryTable>;
export type RiskThreatRow = Selectable<RiskThreatTable>;

declare module '../../db/schema' {
  interface Database {
    risk_sensitive_location: RiskSensitiveLocationTable;
    risk_entry: RiskEntryTable;
    risk_threat: RiskThreatTable;
    risk_incident: RiskIncidentTable;
    risk_incident_site: RiskIncidentSiteTable;
    risk_assessment: RiskAssessmentTable;
    risk_photo: RiskPhotoTable;
    risk_help_request: RiskHelpRequestTable;
    risk_help_offer: RiskHelpOfferTable;
    risk_help_match: RiskHelpMatchTable;
    risk_public_report: RiskPublicReportTable;
  }
}
