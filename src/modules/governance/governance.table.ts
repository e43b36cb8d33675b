import type { Selectable } from 'kysely';

/** An alliance hosted on this hub; `name` and `description` are JSON language maps. */
export interface AllianceTable {
  id: string;
  name: string;
  description: string;
  /** Who may be a member: states, institutions or both. */
  member_kinds: string;
  created_at: string;
  updated_at: string;
}

/** A membership tier of an alliance (member state, observer, associate institution…). */
export interface AllianceTierTable {
  id: string;
  alliance_id: string;
  code: string;
  name: string;
  /** `state` or `institution`. */
  applies_to: string;
  position: number;
}

/** One step of a member's history: joined, tier-changed, suspended, reinstated, left. */
export interface AllianceMembershipEventTable {
  id: string;
  alliance_id: string;
  /** `institution:<id>` or `state:<ISO code>`: one member's key across its events. */
  member_key: string;
  institution_id: string | null;
  country: string | null;
  event: string;
  tier_id: string | null;
  /** The calendar date the step took effect (YYYY-MM-DD). */
  effective_on: string;
  note: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface AllianceApplicationTable {
  id: string;
  alliance_id: string;
  applicant_user_id: string;
  member_key: string;
  institution_id: string | null;
  country: string | null;
  tier_id: string;
  statement: string;
  status: string;
  decided_by: string | null;
  decided_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface AllianceApplicationStepTable {
  id: string;
  application_id: string;
  status: string;
  note: string | null;
  by_user: string | null;
  at: string;
}

export interface MeetingTable {
  id: string;
  alliance_id: string;
  kind: string;
  title: string;
  starts_on: string;
  ends_on: string | null;
  place: string | null;
  online_url: string | null;
  agenda: string;
  minutes: string;
  visibility: string;
  created_at: string;
  updated_at: string;
}

export interface MeetingParticipantTable {
  id: string;
  meeting_id: string;
  /** `institution`, `state` or `person`. */
  kind: string;
  institution_id: string | null;
  country: string | null;
  name: string | null;
  attended: number;
}

export interface MeetingVoteTable {
  id: string;
  meeting_id: string;
  motion: string;
  yes: number;
  no: number;
  abstain: number;
  result: string;
  resolution_id: string | null;
  created_at: string;
}

export interface ResolutionTable {
  id: string;
  alliance_id: string;
  meeting_id: string | null;
  kind: string;
  adopted_on: string;
  visibility: string;
  /** The current version's number. */
  version: number;
  created_at: string;
}

/** Every version of a resolution's text (the current one included): earlier ones stay citable. */
export interface ResolutionVersionTable {
  resolution_id: string;
  version: number;
  title: string;
  body: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export interface AgreementTable {
  id: string;
  alliance_id: string;
  kind: string;
  title: string;
  scope: string;
  signed_on: string | null;
  signed_place: string | null;
  starts_on: string | null;
  ends_on: string | null;
  renewal: string | null;
  visibility: string;
  created_at: string;
  updated_at: string;
}

export interface AgreementPartyTable {
  id: string;
  agreement_id: string;
  kind: string;
  institution_id: string | null;
  country: string | null;
  name: string | null;
}

/** What an agreement governs: a project, dataset, collection, exhibition or record, by kind and id. */
export interface AgreementLinkTable {
  agreement_id: string;
  target_kind: string;
  target_id: string;
}

/** A file (a PDF) of a meeting or an agreement: agenda papers, minutes, the signed text. */
export interface GovernanceDocumentTable {
  id: string;
  /** `meeting` or `agreement`. */
  owner_kind: string;
  owner_id: string;
  title: string;
  visibility: string;
  media_type: string;
  bytes: number;
  sha256: string;
  /** A random store key: never derived from the id or the uploaded name. */
  storage_key: string;
  created_by: string | null;
  created_at: string;
}

export type AllianceRow = Selectable<AllianceTable>;
export type TierRow = Selectable<AllianceTierTable>;
export type MembershipEventRow = Selectable<AllianceMembershipEventTable>;
export type ApplicationRow = Selectable<AllianceApplicationTable>;
export type MeetingRow = Selectable<MeetingTable>;
export type ResolutionRow = Selectable<ResolutionTable>;
export type AgreementRow = Selectable<AgreementTable>;

declare module '../../db/schema' {
  interface Database {
    alliance: AllianceTable;
    alliance_tier: AllianceTierTable;
    alliance_membership_event: AllianceMembershipEventTable;
    alliance_application: AllianceApplicationTable;
    alliance_application_step: AllianceApplicationStepTable;
    meeting: MeetingTable;
    meeting_participant: MeetingParticipantTable;
    meeting_vote: MeetingVoteTable;
    resolution: ResolutionTable;
    resolution_version: ResolutionVersionTable;
    agreement: AgreementTable;
    agreement_party: AgreementPartyTable;
    agreement_link: AgreementLinkTable;
    governance_document: GovernanceDocumentTable;
  }
}
