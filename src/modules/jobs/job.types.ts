import type { Store } from '../records/record.store';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

/** One piece of long work recorded in the database, as users and services see it. */
export interface Job {
  id: string;
  kind: string;
  status: JobStatus;
  institutionId: string | null;
  /** User id of the creator. */
  createdBy: string | null;
  /** What the job works on, e.g. `{ type: 'media', id }`. */
  subject: { type: string; id: string } | null;
  progress: { done: number; total: number | null; message: string | null };
  /** Why it failed (or why the last attempt failed while it waits for a retry), human-readable. */
  error: string | null;
  /** JSON the handler returned. */
  result: unknown;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  /** When a cancel was asked for a job that was running (it ends as `cancelled` when its handler stops). */
  cancelRequestedAt: string | null;
}

/** What a handler receives for one attempt at a job. */
export interface JobContext {
  job: Job;
  store: Store;
  /** The last state saved by saveCheckpoint in an earlier attempt, or null. */
  checkpoint: unknown;
  /** Throttled writes (at most 4 a second); the final value is always stored. `undefined` keeps the previous total or message. */
  progress(done: number, total?: number | null, message?: string): Promise<void>;
  /**
   * Durable; also renews the lease. Inside your own transaction, pass it as `within`: the checkpoint
   * then commits with the batch it marks (and on SQLite, writing outside it would wait for the one
   * connection the transaction holds).
   */
  saveCheckpoint(state: unknown, within?: Store): Promise<void>;
  /** Aborted on cancel, on runner stop, or when another runner took the job over. */
  signal: AbortSignal;
}

export type JobHandler = (ctx: JobContext, payload: any) => Promise<unknown>;

/** Thrown by a handler for a passing problem (a remote server down): the job is tried again later, with backoff. */
export class RetryableJobError extends Error {
  constructor(
    message: string,
    /** Wait at least this long before the next attempt (else the runner's backoff). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryableJobError';
  }
}

/** True for statuses a job never leaves. */
export function isFinished(status: JobStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}
