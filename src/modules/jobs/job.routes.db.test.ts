import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newUser } from '../../../test/helpers/factories';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import type { Actor } from '../accounts/actor';
import { createJobRunner, type JobRunner } from './job.runner';
import { enqueueJob } from './job.service';
import type { JobHandler } from './job.types';

type User = { actor: Actor; token: string };

describe(`jobs API (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let runner: JobRunner;
  let instA: string;
  let admin: User, curatorA: User, curatorA2: User, curatorB: User, memberA: User, readOnlyCuratorA: User;
  const gates = new Map<string, () => void>();
  const aborted = new Set<string>();
  const auth = (u: User) => ({ authorization: `Bearer ${u.token}` });
  const get = (id: string, u?: User) => t.app.inject({ url: `/api/v1/jobs/${id}`, headers: u ? auth(u) : {} });
  const cancel = (id: string, u: User) => t.app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/cancel`, headers: auth(u) });
  const list = async (u: User, query = '') => (await t.app.inject({ url: `/api/v1/jobs?${query}`, headers: auth(u) })).json();
  const enqueue = (u: User, kind: string, institutionId: string | null = instA) => enqueueJob(t.store, u.actor, { kind, payload: {}, institutionId, subject: { type: 'media', id: 'm1' } });

  /** Polls a job through the API until it matches, as a client would. */
  async function waitFor(id: string, until: (job: any) => boolean) {
    for (let i = 0; i < 250; i++) {
      const job = (await get(id, admin)).json();
      if (until(job)) return job;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`job ${id} never reached the expected state`);
  }

  const handlers: Record<string, JobHandler> = {
    'test.tiles': async (ctx) => {
      await ctx.progress(1, 4, 'Reading upload.jpg');
      await ctx.progress(3, 4, 'Tiling level 3');
      await new Promise<void>((r) => gates.set(ctx.job.id, r));
      await ctx.progress(4, 4, 'Done');
      return { tiles: 85 };
    },
    'test.until-cancelled': async (ctx) => {
      await ctx.progress(0, null, 'Waiting');
      await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => (aborted.add(ctx.job.id), reject(ctx.signal.reason))));
    },
    'test.bad-image': async () => {
      throw new Error('Input file is truncated (media m1, file upload.jpg)');
    },
  };

  beforeAll(async () => {
    t = await buildTestApp();
    instA = (await newInstitution(t.store, { country: 'CN' })).id;
    const instB = (await newInstitution(t.store, { country: 'UZ' })).id;
    admin = await newUser(t.store, { admin: true });
    curatorA = await newUser(t.store, { role: 'curator', institutionId: instA });
    curatorA2 = await newUser(t.store, { role: 'institution-admin', institutionId: instA });
    curatorB = await newUser(t.store, { role: 'curator', institutionId: instB });
    memberA = await newUser(t.store, { role: 'member', institutionId: instA });
    readOnlyCuratorA = await newUser(t.store, { role: 'curator', institutionId: instA, scopes: ['read'] });
    runner = createJobRunner({ store: t.store, handlers, pollMs: 20, leaseMs: 300, logger: { info() {}, warn() {}, error() {} } });
    runner.start();
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
  });

  it('shows a running job’s progress, percentage and message, then its result', async () => {
    const job = await enqueue(curatorA, 'test.tiles');
    const running = await waitFor(job.id, (j) => j.progress.done === 3);
    expect(running).toMatchObject({ status: 'running', attempts: 1, subject: { type: 'media', id: 'm1' }, progress: { done: 3, total: 4, percent: 75, message: 'Tiling level 3' }, finishedAt: null });
    expect(running.startedAt).not.toBeNull();
    gates.get(job.id)!();
    const done = await waitFor(job.id, (j) => j.status === 'succeeded');
    expect(done).toMatchObject({ result: { tiles: 85 }, error: null, progress: { done: 4, total: 4, percent: 100, message: 'Done' } });
    expect(done.finishedAt >= done.startedAt).toBe(true);
  });

  it('shows why a job failed', async () => {
    const job = await enqueue(curatorA, 'test.bad-image');
    const failed = await waitFor(job.id, (j) => j.status === 'failed');
    expect(failed.error).toBe('Input file is truncated (media m1, file upload.jpg)');
  });

  it('cancels a queued job at once, and a running one when its handler stops; both are audited', async () => {
    const queued = await enqueue(curatorA, 'test.no-runner-handles-this');
    const res = await cancel(queued.id, curatorA);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled' });
    expect(res.json().finishedAt).not.toBeNull();
    expect((await cancel(queued.id, curatorA)).json().status).toBe('cancelled');

    const running = await enqueue(curatorA, 'test.until-cancelled');
    await waitFor(running.id, (j) => j.status === 'running');
    const asked = (await cancel(running.id, curatorA2)).json();
    expect(asked.cancelRequestedAt).not.toBeNull();
    const cancelled = await waitFor(running.id, (j) => j.status === 'cancelled');
    expect(cancelled).toMatchObject({ error: null });
    expect(aborted.has(running.id)).toBe(true);

    const events = await t.store.db.selectFrom('audit_event').select(['action', 'target_id']).where('action', '=', 'job.cancel').execute();
    expect(events.map((e) => e.target_id).sort()).toEqual([queued.id, running.id].sort());
    const finished = await enqueue(curatorA, 'test.bad-image');
    await waitFor(finished.id, (j) => j.status === 'failed');
    expect((await cancel(finished.id, curatorA)).statusCode).toBe(409);
  });

  it('shows a job to alliance admins, its institution’s curators and its creator; 404 to others, 401 to the public', async () => {
    const job = await enqueue(curatorA, 'test.no-runner-handles-this');
    const own = await enqueue(memberA, 'test.no-runner-handles-this');
    expect((await get(job.id)).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/jobs' })).statusCode).toBe(401);
    for (const u of [admin, curatorA, curatorA2, readOnlyCuratorA]) expect((await get(job.id, u)).statusCode).toBe(200);
    const missing = await get('job-doesnotexist', curatorB);
    for (const u of [curatorB, memberA]) {
      const res = await get(job.id, u);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe(missing.json().error.code);
      expect((await cancel(job.id, u)).statusCode).toBe(404);
    }
    expect((await get(own.id, memberA)).statusCode).toBe(200);
    expect((await list(memberA)).items.map((j: { id: string }) => j.id)).toEqual([own.id]);
    expect((await list(curatorB)).items).toEqual([]);
    const seenByCurator = (await list(curatorA, 'limit=500')).items.map((j: { id: string }) => j.id);
    expect(seenByCurator).toEqual(expect.arrayContaining([job.id, own.id]));
    expect((await cancel(job.id, readOnlyCuratorA)).statusCode).toBe(403);
  });

  it('lists jobs newest first with filters and cursor pagination', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await enqueue(curatorA, 'test.paged')).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; kind: string }[]; next: string | null } = await list(curatorA, `kind=test.paged&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((j) => j.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    expect((await list(curatorA, 'status=cancelled&subjectType=media&subjectId=m1')).items.every((j: { status: string }) => j.status === 'cancelled')).toBe(true);
    expect((await t.app.inject({ url: '/api/v1/jobs?cursor=bogus', headers: auth(curatorA) })).statusCode).toBe(400);
  });
});
