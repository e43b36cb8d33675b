import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { AppError } from '../../shared/errors';
import type { Store } from '../records/record.store';
import { executeJob, type Execution, type ExecutionEnv, type JobLogger } from './job.execute';
import { jobRepository as repo, toJob } from './job.repository';
import { isFinished, type Job, type JobHandler } from './job.types';

export interface JobRunner {
  /** Starts polling for jobs (and claiming those whose runner died). */
  start(): void;
  /** Stops claiming, asks running handlers to stop, waits for them (bounded) and hands their jobs back to the queue. */
  stop(): Promise<void>;
  /** Polls now instead of at the next interval (after enqueueing in this process). */
  wake(): void;
  /** Runs jobs until none is claimable and none of this runner's is running. */
  runUntilIdle(): Promise<void>;
}

export interface JobRunnerOptions {
  store: Store;
  handlers: Record<string, JobHandler>;
  /** Jobs run at once by this runner (default 2). */
  concurrency?: number;
  /** Time between polls when idle (default 1 s). */
  pollMs?: number;
  /** How long a claim holds without renewal; a crashed runner's jobs are taken over after it (default 60 s). */
  leaseMs?: number;
  /** Attempts (crashes and retryable failures) before a job fails for good (default 3). */
  maxAttempts?: number;
  /** First retry delay after a RetryableJobError, doubled at each attempt (default 5 s). */
  retryBaseMs?: number;
  /** How long stop() waits for running handlers before handing their jobs back anyway (default 10 s). */
  stopTimeoutMs?: number;
  logger?: JobLogger;
}

// Without a logger, problems still reach the console; routine news does not.
const CONSOLE: JobLogger = { info() {}, warn: console.warn, error: console.error };

/** A runner that claims jobs of the kinds it has handlers for and runs them, alone or beside other runners and processes. */
export function createJobRunner(opts: JobRunnerOptions): JobRunner {
  const env = envOf(opts);
  const kinds = Object.keys(opts.handlers);
  const concurrency = Math.max(1, opts.concurrency ?? 2);
  const pollMs = opts.pollMs ?? 1000;
  const active = new Map<string, Execution>();
  let started = false;
  let stopped = false;
  let ticking = false;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let claiming: Promise<unknown> = Promise.resolve();

  // One claiming pass at a time per runner, so concurrency holds however often it is asked.
  const fill = (): Promise<void> => {
    const pass = claiming.then(async () => {
      if (stopped) return;
      await repo.settleAbandoned(env.store.db, env.maxAttempts);
      while (!stopped && active.size < concurrency) {
        const row = await repo.claim(env.store.db, { kinds, owner: env.owner, leaseMs: env.leaseMs, maxAttempts: env.maxAttempts });
        if (!row) return;
        const exec = executeJob(env, row, opts.handlers[row.kind]);
        active.set(row.id, exec);
        void exec.done.then(() => {
          active.delete(row.id);
          runner.wake();
        });
      }
    });
    claiming = pass.catch(() => undefined);
    return pass;
  };
  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
  };
  const tick = async () => {
    timer = null;
    if (!started) return;
    if (ticking) return void (again = true);
    ticking = true;
    try {
      await fill();
    } catch (e) {
      env.logger.error({ err: e }, 'could not claim jobs');
    } finally {
      ticking = false;
    }
    if (started) schedule(again ? 0 : pollMs);
    again = false;
  };

  const runner: JobRunner = {
    start() {
      if (started) return;
      started = true;
      stopped = false;
      schedule(0);
    },
    wake() {
      if (started) schedule(0);
    },
    async runUntilIdle() {
      for (;;) {
        await fill();
        if (!active.size) return;
        await Promise.race([...active.values()].map((e) => e.done));
      }
    },
    async stop() {
      started = false;
      stopped = true;
      if (timer) clearTimeout(timer);
      await claiming;
      const running = [...active.values()];
      for (const e of running) e.stop();
      let timeout: NodeJS.Timeout | undefined;
      const allDone = Promise.all(running.map((e) => e.done)).then(() => true);
      const inTime = await Promise.race([allDone, new Promise<boolean>((r) => (timeout = setTimeout(() => r(false), opts.stopTimeoutMs ?? 10_000)))]);
      clearTimeout(timeout);
      if (!inTime) {
        const late = running.filter((e) => active.has(e.job.id));
        env.logger.warn({ jobs: late.map((e) => e.job.id) }, 'job handlers did not stop in time; their jobs go back to the queue');
        await Promise.all(late.map((e) => e.release().catch((err) => env.logger.error({ err, jobId: e.job.id }, 'could not hand a job back'))));
      }
    },
  };
  return runner;
}

/**
 * Runs one queued job in this process to completion and returns how it ended (the CLI uses it
 * when no server runs). A finished job is returned as it is.
 */
export async function runJobNow(
  store: Store,
  handlers: Record<string, JobHandler>,
  jobId: string,
  onProgress?: (progress: Job['progress']) => void,
  opts: Omit<JobRunnerOptions, 'store' | 'handlers' | 'concurrency' | 'pollMs' | 'stopTimeoutMs'> = {},
): Promise<Job> {
  const env = envOf({ store, ...opts });
  const existing = await repo.find(store.db, jobId);
  if (!existing) throw new AppError('NOT_FOUND', `No job "${jobId}"`);
  if (isFinished(toJob(existing).status)) return toJob(existing);
  const handler = handlers[existing.kind];
  if (!handler) throw new AppError('CONFLICT', `No handler for jobs of kind "${existing.kind}" here`);
  const row = await repo.claim(store.db, { kinds: [existing.kind], owner: env.owner, leaseMs: env.leaseMs, maxAttempts: env.maxAttempts, id: jobId });
  if (!row) throw new AppError('CONFLICT', `Job "${jobId}" is running elsewhere or waiting to be retried`);
  await executeJob(env, row, handler, onProgress).done;
  return toJob((await repo.find(store.db, jobId))!);
}

function envOf(opts: Pick<JobRunnerOptions, 'store' | 'leaseMs' | 'maxAttempts' | 'retryBaseMs' | 'logger'>): ExecutionEnv {
  return {
    store: opts.store,
    // Unique per runner, readable in the table: which machine and process holds a job.
    owner: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    leaseMs: opts.leaseMs ?? 60_000,
    maxAttempts: Math.max(1, opts.maxAttempts ?? 3),
    retryBaseMs: opts.retryBaseMs ?? 5000,
    logger: opts.logger ?? CONSOLE,
  };
}
