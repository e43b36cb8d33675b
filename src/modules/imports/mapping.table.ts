import type { Insertable, Selectable } from 'kysely';

/** A saved column mapping of an institution: named, reused by imports (CSV/TSV). */
export interface ImportMappingTable {
  id: string;
  institution_id: string;
  /** Unique within the institution; `heritage import --mapping NAME` finds it by this. */
  name: string;
  format: 'csv';
  /** JSON: a CsvMapping checked by validateMapping. */
  mapping: string;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

export type ImportMappingRow = Selectable<ImportMappingTable>;
export type NewImportMappingRow = Insertable<ImportMappingTable>;

declare module '../../db/schema' {
  interface Database {
    import_mapping: ImportMappingTable;
  }
}
