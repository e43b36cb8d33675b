import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { loadConfig } from '../../config/config';
import { getJob, latestJobFor } from '../jobs/job.service';
import { runJobNow } from '../jobs/job.runner';
import type { Job, JobContext } from '../jobs/job.types';
import { DERIVATIVES_JOB, pyramidKey, thumbKey } from './media.derivatives';
import { mediaJobHandlersFor } from './media.module';
import { mediaRepository } from './media.repository';
import { bearer, jpeg, runMediaJobs } from './media.test-support';

describe(`derivative jobs (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let curator: { token: string; actor: import('../accounts/actor').Actor };
  let recordId: string;
  let handlers: ReturnType<typeof mediaJobHandlersFor>;
  const file = (key: string) => path.join(t.database.dataDir, 'media', key);

  beforeAll(async () => {
    t = await buildTestApp();
    const inst = (await newInstitution(t.store)).id;
    curator = await newUser(t.store, { role: 'curator', institutionId: inst });
    recordId = (await newRecord(t.store, { institutionId: inst })).id;
    handlers = mediaJobHandlersFor(loadConfig({}, { data: t.database.dataDir }));
  });
  afterAll(() => t?.close());

  const upload = async (body: Buffer) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/records/${recordId}/media`, headers: { ...bearer(curator.token), 'content-type': 'image/jpeg' }, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  it('builds the pyramid and two thumbnails, reporting progress up to done', async () => {
    const id = await upload(await jpeg(2400, 1600));
    const job = (await latestJobFor(t.store, { type: 'media', id }))!;
    expect(job).toMatchObject({ kind: DERIVATIVES_JOB, status: 'queued', subject: { type: 'media', id } });
    const seen: Job['progress'][] = [];
    const ended = await runJobNow(t.store, handlers, job.id, (p) => seen.push(p));
    expect(ended).toMatchObject({ status: 'succeeded', error: null, progress: { done: 100, total: 100 }, result: { width: 2400, height: 1600 } });
    expect(seen.map((p) => p.message)).toEqual(expect.arrayContaining(['Building the tiled pyramid', 'Making the 200 px thumbnail', 'Making the 800 px thumbnail', 'Ready']));
    const row = (await mediaRepository.find(t.store.db, id))!;
    expect(row.status).toBe('ready');
    for (const key of [pyramidKey(row.storage_key), thumbKey(row.storage_key, 200), thumbKey(row.storage_key, 800)]) expect(fs.existsSync(file(key)), key).toBe(true);
  });

  it('resumes from its checkpoint: steps already done are skipped', async () => {
    const id = await upload(await jpeg(1000, 700));
    await runMediaJobs(t.store, t.database.dataDir);
    const row = (await mediaRepository.find(t.store.db, id))!;
    const pyramid = file(pyramidKey(row.storage_key));
    const built = fs.statSync(pyramid).mtimeMs;
    fs.rmSync(file(thumbKey(row.storage_key, 800)));
    const messages: (string | undefined)[] = [];
    const saved: unknown[] = [];
    const job = (await getJob(t.store, curator.actor, (await latestJobFor(t.store, { type: 'media', id }))!.id)) as Job;
    // A second attempt of the same job after a crash past the pyramid and the small thumbnail.
    const ctx: JobContext = {
      job,
      store: t.store,
      checkpoint: { done: ['pyramid', 'thumb-200'], dims: { width: 1000, height: 700 } },
      progress: async (_d, _t, m) => void messages.push(m),
      saveCheckpoint: async (s) => void saved.push(s),
      signal: new AbortController().signal,
    };
    await handlers[DERIVATIVES_JOB](ctx, { mediaId: id });
    expect(messages).not.toContain('Building the tiled pyramid');
    expect(messages).toContain('Making the 800 px thumbnail');
    expect(fs.statSync(pyramid).mtimeMs).toBe(built);
    expect(fs.existsSync(file(thumbKey(row.storage_key, 800)))).toBe(true);
    expect(saved.at(-1)).toEqual({ done: ['pyramid', 'thumb-200', 'thumb-800'], dims: { width: 1000, height: 700 } });
  });

  it('fails a truncated JPEG with a clear message on the job and the image, and rebuilds on request', async () => {
    const whole = await jpeg(1600, 1200);
    const id = await upload(whole.subarray(0, Math.floor(whole.length / 3)));
    await runMediaJobs(t.store, t.database.dataDir);
    const job = (await latestJobFor(t.store, { type: 'media', id }))!;
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/damaged or incomplete.*upload it again/);
    const media = (await t.app.inject({ url: `/api/v1/media/${id}`, headers: bearer(curator.token) })).json();
    expect(media).toMatchObject({ status: 'failed', error: job.error, job: { status: 'failed', error: job.error } });
    const info = await t.app.inject({ url: `/iiif/3/${id}/info.json`, headers: bearer(curator.token) });
    expect(info.statusCode).toBe(404);
    expect(info.json().error.message).toMatch(/could not be prepared: The image file is damaged/);
    expect((await t.app.inject({ url: `/iiif/3/${id}/info.json` })).statusCode).toBe(404);

    const again = await t.app.inject({ method: 'POST', url: `/api/v1/media/${id}/derivatives`, headers: bearer(curator.token) });
    expect(again.statusCode).toBe(202);
    expect((await getJob(t.store, curator.actor, again.json().jobId)).status).toBe('queued');
    expect((await mediaRepository.find(t.store.db, id))!.status).toBe('pending');
    const twice = await t.app.inject({ method: 'POST', url: `/api/v1/media/${id}/derivatives`, headers: bearer(curator.token) });
    expect(twice.statusCode).toBe(409);
  });
});
