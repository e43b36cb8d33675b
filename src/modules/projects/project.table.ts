import type { Insertable, Selectable } from 'kysely';

export const PROJECT_KINDS = ['restoration', 'excavation', 'research', 'digitisation', 'laboratory', 'training', 'exhibition', 'emergency'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const PROJECT_STATUSES = ['planned', 'active', 'completed', 'suspended'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_VISIBILITIES = ['public', 'members', 'private'] as const;
export type ProjectVisibility = (typeof PROJECT_VISIBILITIES)[number];
export const PARTNER_ROLES = ['lead', 'partner', 'funder', 'host'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];
export const OUTPUT_KINDS = ['record', 'publication', 'dataset', 'document'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];
/** How a project worked on a linked record (shown on the record page). */
export const OUTPUT_RELATIONS = ['studied', 'restored', 'digitised', 'excavated', 'exhibited'] as const;
export type OutputRelation = (typeof OUTPUT_RELATIONS)[number];
/** Who sees an output (documents may be for members only); the project's own visibility applies first. */
export const OUTPUT_VISIBILITIES = ['public', 'members'] as const;

/** A joint project of the alliance; title and summary are language maps (JSON). */
export interface ProjectTable {
  id: string;
  kind: ProjectKind;
  status: ProjectStatus;
  visibility: ProjectVisibility;
  /** The lead's institution: its staff and the partners' staff edit the project. */
  owner_institution_id: string;
  title: string;
  /** Lower-cased first title, for ordering. */
  title_sort: string;
  summary: string;
  /** EDTF text or ISO date. */
  start_date: string | null;
  end_date: string | null;
  /** Years derived from the dates (astronomical), for "active during year" filters. */
  year_from: number | null;
  year_to: number | null;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

/** A partner of a project: an institution of the alliance, or a state (no institution). */
export interface ProjectPartnerTable {
  id: string;
  project_id: string;
  institution_id: string | null;
  /** ISO 3166-1 alpha-2. */
  country_code: string;
  role: PartnerRole;
  /** The partner's name when it is not an institution of the alliance (e.g. a ministry). */
  name: string | null;
  created_at: string;
}

/** A place a project works at, for the map. */
export interface ProjectSiteTable {
  id: string;
  project_id: string;
  name: string;
  country_code: string;
  lat: number | null;
  lon: number | null;
  created_at: string;
}

export interface ProjectMilestoneTable {
  id: string;
  project_id: string;
  /** Language map, JSON. */
  title: string;
  /** EDTF text or ISO date. */
  due_date: string | null;
  /** When it was reached (ISO), null while open. */
  done_at: string | null;
  created_at: string;
}

/** A news item of a project, with an optional image stored in the media store. */
export interface ProjectUpdateTable {
  id: string;
  project_id: string;
  /** Language maps, JSON. */
  title: string;
  body: string;
  image_mime: string | null;
  /** A random media store key (never derived from an id). */
  image_key: string | null;
  image_alt: string | null;
  published_at: string;
  created_by: string | null;
}

/** An output of a project: a record in the library (linked both ways), a publication, dataset or document. */
export interface ProjectOutputTable {
  id: string;
  project_id: string;
  kind: OutputKind;
  record_id: string | null;
  /** Plain text (a citation or the document's name); empty for records (their own title shows). */
  title: string;
  url: string | null;
  /** For records: how the project worked on it. */
  relation: OutputRelation | null;
  visibility: (typeof OUTPUT_VISIBILITIES)[number];
  created_at: string;
  /** An uploaded document: its random media store key, sniffed type and size (null otherwise). */
  file_key: string | null;
  file_mime: string | null;
  file_size: number | null;
}

export type ProjectRow = Selectable<ProjectTable>;
export type NewProjectRow = Insertable<ProjectTable>;
export type ProjectPartnerRow = Selectable<ProjectPartnerTable>;
export type ProjectSiteRow = Selectable<ProjectSiteTable>;
export type ProjectMilestoneRow = Selectable<ProjectMilestoneTable>;
export type ProjectUpdateRow = Selectable<ProjectUpdateTable>;
export type ProjectOutputRow = Selectable<ProjectOutputTable>;

declare module '../../db/schema' {
  interface Database {
    project: ProjectTable;
    project_partner: ProjectPartnerTable;
    project_site: ProjectSiteTable;
    project_milestone: ProjectMilestoneTable;
    project_update: ProjectUpdateTable;
    project_output: ProjectOutputTable;
  }
}
