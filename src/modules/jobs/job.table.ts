import type { Insertable, Selectable } from 'kysely';

export interface JobTable {
  id: string;
  kind: string;
  status: string;
  institution_id: string | null;
  created_by: string | null;
  subject_type: string | null;
  subject_id: string | null;
  /** JSON given at enqueue, handed to the handler. */
  payload: string;
  /** JSON saved by the handler to resume after a crash. */
  checkpoint: string | null;
  /** JSON the handler returned. */
  result: string | null;
  error: string | null;
  progress_done: number;
  progress_total: number | null;
  progress_message: string | null;
  attempts: number;
  /** The runner holding the job while it runs, until `lease_until`. */
  lease_owner: string | null;
  lease_until: string | null;
  /** Not to be claimed before this instant (retry backoff). */
  run_after: string | null;
  cancel_requested_at: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

export type JobRow = Selectable<JobTable>;
export type NewJobRow = Insertable<JobTable>;

// The module adds its table to the shared schema type itself, so schema.ts need not know it.
declare module '../../db/schema' {
  interface Database {
    job: JobTable;
  }
}
