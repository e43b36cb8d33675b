import type { Selectable } from 'kysely';

export interface InstitutionTable {
  id: string;
  name: string;
  name_sort: string;
  country: string;
  kind: string;
  city: string | null;
  lat: number | null;
  lon: number | null;
  website: string | null;
  description: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export type InstitutionRow = Selectable<InstitutionTable>;
