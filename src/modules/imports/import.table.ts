import type { Insertable, Selectable } from 'kysely';

/** One line of an import's report: a rejected record, a warning about an accepted one, or the fault that stopped the job. */
export interface ImportProblemTable {
  job_id: string;
  /** Order within the job's report, 1-based. */
  seq: number;
  kind: 'rejected' | 'warning' | 'fatal';
  /** 1-based index of the record in the input. */
  record_index: number | null;
  line: number | null;
  identifier: string | null;
  field: string | null;
  message: string;
}

export type ImportProblemRow = Selectable<ImportProblemTable>;
export type NewImportProblemRow = Insertable<ImportProblemTable>;

declare module '../../db/schema' {
  interface Database {
    import_problem: ImportProblemTable;
  }
}
