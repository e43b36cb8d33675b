import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../db/database';
import { SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers/test-database';
import { followJob } from '../../cli/job-progress';
import { inTransaction, type Store } from '../records/record.store';
import { createJobRunner, runJobNow } from './job.runner';
import { enqueueJob, getJob } from './job.service';
import { RetryableJobError, type JobHandler } from './job.types';

const quiet = { info() {}, warn() {}, error() {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`job runner (${TEST_DIALECT})`, () => {
  let database: TestDatabase;
  let store: Store;
  let second: DatabaseHandle;
  const enqueue = (kind: string, payload: unknown = {}) => enqueueJob(store, SYSTEM_ADMIN, { kind, payload });
  const row = (id: string) => store.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    database = await createTestDatabase();
    store = { db: database.handle.db, dialect: database.handle.dialect };
    // A second connection pool to the same database, as a second server process would have.
    second = createDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir }, { poolSize: 4 });
  });
  afterAll(async () => {
    await second?.close();
    await database?.destroy();
  });

  it('runs a handler with its payload, stores its result and the final progress despite throttling', async () => {
    const job = await enqueue('test.sum', { numbers: [1, 2, 3, 4] });
    const runner = createJobRunner({ store, handlers: { 'test.sum': async (ctx, p: { numbers: number[] }) => {
      for (let i = 1; i <= 500; i++) await ctx.progress(i, 500, `step ${i}`);
      return { sum: p.numbers.reduce((a, b) => a + b, 0) };
    } }, logger: quiet });
    await runner.runUntilIdle();
    const done = await getJob(store, SYSTEM_ADMIN, job.id);
    expect(done).toMatchObject({ status: 'succeeded', result: { sum: 10 }, attempts: 1, error: null, progress: { done: 500, total: 500, message: 'step 500' } });
    expect(done.startedAt! <= done.finishedAt!).toBe(true);
  });

  it('gives each of 20 jobs to exactly one of two runners working on the same database', async () => {
    const ids = new Set((await Promise.all(Array.from({ length: 20 }, (_, n) => enqueue('test.once', { n })))).map((j) => j.id));
    const runs: { id: string; by: string }[] = [];
    const handler = (by: string): JobHandler => async (ctx) => {
      runs.push({ id: ctx.job.id, by });
      await sleep(5);
      return null;
    };
    const a = createJobRunner({ store, handlers: { 'test.once': handler('a') }, concurrency: 3, logger: quiet });
    const b = createJobRunner({ store: second, handlers: { 'test.once': handler('b') }, concurrency: 3, logger: quiet });
    await Promise.all([a.runUntilIdle(), b.runUntilIdle()]);
    expect(runs).toHaveLength(20);
    expect(new Set(runs.map((r) => r.id))).toEqual(ids);
    expect(new Set(runs.map((r) => r.by))).toEqual(new Set(['a', 'b']));
    const rows = await store.db.selectFrom('job').select(['status', 'attempts']).where('kind', '=', 'test.once').execute();
    expect(rows.every((r) => r.status === 'succeeded' && r.attempts === 1)).toBe(true);
  });

  it('resumes a job from its checkpoint after the process running it was killed', async () => {
    const job = await enqueue('test.crash', { items: 6, crashAfter: 3 });
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./job.crash-child.ts', import.meta.url))], {
      env: { ...process.env, CRASH_DATABASE_URL: database.databaseUrl ?? '', CRASH_DATA_DIR: database.dataDir, CRASH_LEASE_MS: '400' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const signal = await new Promise((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect(signal).toBe('SIGKILL');
    const crashed = await row(job.id);
    expect(crashed).toMatchObject({ status: 'running', attempts: 1, checkpoint: JSON.stringify({ next: 3 }) });

    const seen: { checkpoint: unknown; items: number[] } = { checkpoint: undefined, items: [] };
    const resume: JobHandler = async (ctx, p: { items: number }) => {
      seen.checkpoint = ctx.checkpoint;
      for (let i = (ctx.checkpoint as { next: number }).next; i < p.items; i++) {
        seen.items.push(i);
        await ctx.saveCheckpoint({ next: i + 1 });
      }
      return { finishedBy: 'parent' };
    };
    const runner = createJobRunner({ store, handlers: { 'test.crash': resume }, leaseMs: 400, logger: quiet });
    await runner.runUntilIdle();
    expect(seen.items).toEqual([]); // the dead process's lease has not expired yet: nobody may take the job
    await sleep(Date.parse(crashed.lease_until!) - Date.now() + 20);
    await runner.runUntilIdle();
    expect(seen).toEqual({ checkpoint: { next: 3 }, items: [3, 4, 5] });
    expect(await getJob(store, SYSTEM_ADMIN, job.id)).toMatchObject({ status: 'succeeded', attempts: 2, result: { finishedBy: 'parent' } });
  });

  it('fails a job whose handler throws, storing the message and not the stack', async () => {
    const job = await enqueue('test.broken');
    const runner = createJobRunner({ store, handlers: { 'test.broken': async () => {
      throw new Error('Input file is truncated (media m1, file upload.jpg)');
    } }, logger: quiet });
    await runner.runUntilIdle();
    const failed = await getJob(store, SYSTEM_ADMIN, job.id);
    expect(failed).toMatchObject({ status: 'failed', error: 'Input file is truncated (media m1, file upload.jpg)', attempts: 1, result: null });
    expect(failed.finishedAt).not.toBeNull();
  });

  it('retries a RetryableJobError with backoff, then fails after maxAttempts', async () => {
    const job = await enqueue('test.flaky');
    let calls = 0;
    const runner = createJobRunner({ store, handlers: { 'test.flaky': async () => {
      calls++;
      throw new RetryableJobError('The OAI-PMH server answered 503');
    } }, maxAttempts: 2, retryBaseMs: 150, logger: quiet });
    await runner.runUntilIdle();
    const waiting = await row(job.id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, error: 'The OAI-PMH server answered 503', lease_owner: null });
    expect(Date.parse(waiting.run_after!)).toBeGreaterThan(Date.now());
    await runner.runUntilIdle();
    expect(calls).toBe(1); // not yet due
    await sleep(Date.parse(waiting.run_after!) - Date.now() + 20);
    await runner.runUntilIdle();
    expect(calls).toBe(2);
    expect(await getJob(store, SYSTEM_ADMIN, job.id)).toMatchObject({ status: 'failed', attempts: 2, error: 'The OAI-PMH server answered 503 (gave up after 2 attempts)' });
  });

  it('fails a job whose runners kept dying once it has used maxAttempts', async () => {
    const job = await enqueue('test.deadly');
    await store.db.updateTable('job').set({ status: 'running', attempts: 3, lease_owner: 'dead-host:1:x', lease_until: new Date(Date.now() - 1000).toISOString() }).where('id', '=', job.id).execute();
    let calls = 0;
    const runner = createJobRunner({ store, handlers: { 'test.deadly': async () => void calls++ }, maxAttempts: 3, logger: quiet });
    await runner.runUntilIdle();
    expect(calls).toBe(0);
    const failed = await getJob(store, SYSTEM_ADMIN, job.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed.error).toMatch(/Gave up after 3 attempts/);
  });

  it('hands a running job back to the queue on stop(), without counting the attempt, and the next runner resumes it', async () => {
    const job = await enqueue('test.long', { items: 4 });
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const first = createJobRunner({ store, handlers: { 'test.long': async (ctx) => {
      await ctx.saveCheckpoint({ next: 2 });
      await ctx.progress(2, 4, 'half way');
      started();
      await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
    } }, pollMs: 10, logger: quiet });
    first.start();
    await running;
    await first.stop();
    expect(await row(job.id)).toMatchObject({ status: 'queued', attempts: 0, lease_owner: null, checkpoint: JSON.stringify({ next: 2 }), progress_done: 2, progress_message: 'half way' });

    let resumedFrom: unknown;
    const next = createJobRunner({ store, handlers: { 'test.long': async (ctx) => ((resumedFrom = ctx.checkpoint), 'ok') }, logger: quiet });
    await next.runUntilIdle();
    expect(resumedFrom).toEqual({ next: 2 });
    expect(await getJob(store, SYSTEM_ADMIN, job.id)).toMatchObject({ status: 'succeeded', attempts: 1, result: 'ok' });
  });

  it('keeps a checkpoint saved in a transaction that rolled back out of the job', async () => {
    const job = await enqueue('test.batch');
    const runner = createJobRunner({ store, handlers: { 'test.batch': async (ctx) => {
      await ctx.saveCheckpoint({ batch: 1 });
      await inTransaction(ctx.store, async (trx) => {
        await ctx.saveCheckpoint({ batch: 2 }, trx);
        throw new Error('Batch 2 has a bad row');
      });
    } }, logger: quiet });
    await runner.runUntilIdle();
    expect(await row(job.id)).toMatchObject({ status: 'failed', error: 'Batch 2 has a bad row', checkpoint: JSON.stringify({ batch: 1 }) });
  });

  it('runs one job in-process with runJobNow, and followJob reports how another ended', async () => {
    const job = await enqueue('test.cli', { n: 3 });
    const seen: number[] = [];
    const handlers: Record<string, JobHandler> = { 'test.cli': async (ctx, p: { n: number }) => {
      for (let i = 1; i <= p.n; i++) await ctx.progress(i, p.n);
      return { built: p.n };
    } };
    const done = await runJobNow(store, handlers, job.id, (p) => seen.push(p.done), { logger: quiet });
    expect(done).toMatchObject({ status: 'succeeded', result: { built: 3 }, progress: { done: 3, total: 3 } });
    expect(seen).toEqual([1, 2, 3]);

    const other = await enqueue('test.cli', { n: 2 });
    const runner = createJobRunner({ store, handlers, pollMs: 10, logger: quiet });
    runner.start();
    const followed = await followJob(store, other.id, 'test', { pollMs: 10 });
    await runner.stop();
    expect(followed).toMatchObject({ id: other.id, status: 'succeeded', result: { built: 2 } });
  });
});
