import type { Generated, Insertable, Selectable } from 'kysely';

export interface RecordTable {
  seq: Generated<number>;
  id: string;
  institution_id: string;
  /** Denormalised from the institution, for the country facet. */
  country: string;
  kind: string;
  title_sort: string;
  /** The record document (language maps and structured fields), JSON. */
  metadata: string;
  visibility: string;
  embargo_until: string | null;
  rights_uri: string | null;
  rights_open: number;
  has_media: number;
  year_from: number | null;
  year_to: number | null;
  lat: number | null;
  lon: number | null;
  /** `kind:system:identifier` of the record's source, unique per institution, so re-imports update. */
  source_key: string | null;
  version: number;
  /** What made the current version: create, update, delete, restore, revert:N, import, harvest. */
  change_action: string;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
  deleted_at: string | null;
  /** The instant of the record's latest change as the public sees it (see record.public-trace.ts). */
  public_at: Generated<string>;
  /** 1 once the public could see the record: hiding or deleting it later is then announced as a deletion. */
  ever_public: Generated<number>;
}

/** A superseded state of a record (the current state is the record row itself). */
export interface RecordVersionTable {
  id: Generated<number>;
  record_id: string;
  version: number;
  action: string;
  snapshot: string;
  actor: string | null;
  created_at: string;
}

/** Derived: one row per value of a multi-valued facet (century, material, language, ...). */
export interface RecordFacetTable {
  seq: number;
  facet: string;
  value: string;
}

/** Derived: the record's relations, for finding records that point at a record. */
export interface RecordRelationTable {
  record_id: string;
  relation: string;
  target_id: string;
}

export type RecordRow = Selectable<RecordTable>;
export type NewRecordRow = Insertable<RecordTable>;
export type RecordVersionRow = Selectable<RecordVersionTable>;
