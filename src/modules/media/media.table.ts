import type { Insertable, Selectable, Updateable } from 'kysely';

/** One image attached to a record; the file itself lives in the media store under `storage_key`. */
export interface MediaTable {
  id: string;
  record_id: string;
  institution_id: string;
  /** 1-based order of the image on its record. */
  position: number;
  /** Language map, JSON. */
  label: string;
  rights: string | null;
  visibility: string;
  embargo_until: string | null;
  mime: string;
  original_name: string | null;
  bytes: number;
  sha256: string;
  width: number;
  height: number;
  /** pending (derivatives not built yet), ready, failed. */
  status: string;
  error: string | null;
  /** A random store key: never derived from the id, so no identifier becomes a file path. */
  storage_key: string;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

export type MediaRow = Selectable<MediaTable>;
export type NewMediaRow = Insertable<MediaTable>;
export type MediaUpdate = Updateable<MediaTable>;

// The module adds its table to the shared schema type itself, so schema.ts need not know it.
declare module '../../db/schema' {
  interface Database {
    media: MediaTable;
  }
}
