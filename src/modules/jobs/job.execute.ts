import type { Store } from '../records/record.store';
import { jobRepository as repo, toJob, type ProgressState } from './job.repository';
import type { JobRow } from './job.table';
import { RetryableJobError, type Job, type JobContext, type JobHandler } from './job.types';

export interface JobLogger {
  info: Function;
  error: Function;
  warn: Function;
}

/** What one attempt needs to know about the runner that makes it. */
export interface ExecutionEnv {
  store: Store;
  owner: string;
  leaseMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  logger: JobLogger;
}

/** One attempt in flight. `done` never rejects. */
export interface Execution {
  job: Job;
  done: Promise<void>;
  /** Asks the handler to stop because the runner stops; the job goes back to the queue. */
  stop(): void;
  /** Gives the job back at once, without waiting for the handler (a stop that ran out of time). */
  release(): Promise<void>;
}

const PROGRESS_INTERVAL_MS = 250;
const MAX_BACKOFF_MS = 10 * 60_000;

/** Runs a claimed job's handler with its context, lease renewal and final bookkeeping. */
export function executeJob(env: ExecutionEnv, row: JobRow, handler: JobHandler, onProgress?: (p: Job['progress']) => void): Execution {
  const { store, owner, leaseMs, logger } = env;
  const job = toJob(row);
  const controller = new AbortController();
  let why: 'cancel' | 'stop' | 'lost' | null = null;
  let progress: ProgressState = { ...job.progress };
  let finished = false;
  let dirty = false;
  let lastWrite = 0;
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> | null = null;

  const abort = (reason: 'cancel' | 'stop' | 'lost') => {
    if (why) return;
    why = reason;
    controller.abort(new Error(reason === 'cancel' ? `Job ${job.id} was cancelled` : reason === 'stop' ? `The job runner is stopping` : `Job ${job.id} was taken over by another runner`));
  };
  const renew = async (set: { progress?: ProgressState; checkpoint?: string }, on: Store = store) => {
    const r = await repo.renew(on.db, job.id, owner, leaseMs, set);
    if (!r.held) abort('lost');
    else if (r.cancelRequested) abort('cancel');
    return r.held;
  };
  // Progress writes run in the background, coalesced: a handler inside its own SQLite transaction must not wait on the connection it holds.
  const writeProgress = () => {
    timer = null;
    if (!dirty || finished) return;
    dirty = false;
    lastWrite = Date.now();
    writing = renew({ progress: { ...progress } })
      .then(() => undefined, (e) => logger.warn({ err: e, jobId: job.id }, 'could not store job progress'))
      .finally(() => {
        writing = null;
        if (dirty) scheduleProgress();
      });
  };
  const scheduleProgress = () => {
    dirty = true;
    if (!timer && !writing) timer = setTimeout(writeProgress, Math.max(0, lastWrite + PROGRESS_INTERVAL_MS - Date.now()));
  };

  const ctx: JobContext = {
    job,
    store,
    checkpoint: row.checkpoint === null ? null : JSON.parse(row.checkpoint),
    signal: controller.signal,
    async progress(done, total, message) {
      progress = { done, total: total === undefined ? progress.total : total, message: message === undefined ? progress.message : message };
      onProgress?.({ ...progress });
      scheduleProgress();
    },
    async saveCheckpoint(state, within) {
      if (!(await renew({ checkpoint: JSON.stringify(state ?? null), progress: { ...progress } }, within ?? store))) {
        throw new Error(`Job ${job.id} was taken over by another runner; this attempt stops`);
      }
    },
  };

  let beating = false;
  // Renewal also carries the news of a cancel, hence at least every 2 s whatever the lease.
  const beat = setInterval(() => {
    if (beating) return;
    beating = true;
    renew({})
      .catch((e) => logger.warn({ err: e, jobId: job.id }, 'could not renew the job lease'))
      .finally(() => (beating = false));
  }, Math.max(20, Math.min(leaseMs / 3, 2000)));

  const settle = async (outcome: { ok: true; result: unknown } | { ok: false; error: unknown }) => {
    finished = true;
    clearInterval(beat);
    if (timer) clearTimeout(timer);
    await writing;
    if (why === 'lost') return logger.warn({ jobId: job.id }, 'job taken over by another runner; this attempt changed nothing more');
    const id = job.id;
    if (outcome.ok) {
      await repo.finish(store.db, id, owner, { status: 'succeeded', result: JSON.stringify(outcome.result ?? null), progress });
      return logger.info({ jobId: id, kind: job.kind, attempt: job.attempts }, 'job finished');
    }
    if (why === 'stop') return void (await repo.requeue(store.db, id, owner, { progress, countAttempt: false }));
    // A cancelled job's handler throws because it was aborted: not a failure worth an error.
    if (why === 'cancel') return void (await repo.finish(store.db, id, owner, { status: 'failed', progress }));
    const e = outcome.error;
    const message = messageOf(e);
    if (e instanceof RetryableJobError && job.attempts < env.maxAttempts) {
      const delay = e.retryAfterMs ?? Math.min(env.retryBaseMs * 2 ** (job.attempts - 1), MAX_BACKOFF_MS);
      logger.warn({ jobId: id, kind: job.kind, attempt: job.attempts, err: e }, 'job will be retried');
      return void (await repo.requeue(store.db, id, owner, { progress, countAttempt: true, error: message, runAfter: new Date(Date.now() + delay).toISOString() }));
    }
    logger.error({ jobId: id, kind: job.kind, err: e }, 'job failed');
    const error = e instanceof RetryableJobError ? `${message} (gave up after ${job.attempts} attempts)` : message;
    await repo.finish(store.db, id, owner, { status: 'failed', error, progress });
  };

  const done = Promise.resolve()
    .then(() => handler(ctx, JSON.parse(row.payload)))
    .then(
      (result) => settle({ ok: true, result }),
      (error) => settle({ ok: false, error }),
    )
    .catch((e) => logger.error({ err: e, jobId: job.id }, 'could not record the end of a job; its lease will expire and it will run again'));

  return {
    job,
    done,
    stop: () => abort('stop'),
    async release() {
      finished = true;
      clearInterval(beat);
      if (timer) clearTimeout(timer);
      await repo.requeue(store.db, job.id, owner, { progress, countAttempt: false });
    },
  };
}

/** The message of whatever a handler threw, never its stack. */
function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return typeof e === 'string' ? e : 'The job failed without saying why';
}
