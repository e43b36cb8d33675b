import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers/test-database';
import { buildApp } from '../../app';
import { loadConfig } from '../../config/config';
import { listAuditEvents } from '../audit/audit.service';
import { bearer, bombPng, jpeg, png, runMediaJobs, storedFiles, tiffStream } from './media.test-support';

describe(`media API (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let instA: string;
  let curatorA: { token: string };
  let curatorB: { token: string };
  let publicRecord: string;
  let privateRecord: string;

  beforeAll(async () => {
    t = await buildTestApp();
    instA = (await newInstitution(t.store)).id;
    const instB = (await newInstitution(t.store, { country: 'GB' })).id;
    curatorA = await newUser(t.store, { role: 'curator', institutionId: instA });
    curatorB = await newUser(t.store, { role: 'curator', institutionId: instB });
    publicRecord = (await newRecord(t.store, { institutionId: instA })).id;
    privateRecord = (await newRecord(t.store, { institutionId: instA, visibility: 'private' })).id;
  });
  afterAll(() => t?.close());

  const upload = (recordId: string, body: Buffer | Readable, opts: { token?: string; type?: string; query?: string } = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/records/${recordId}/media${opts.query ? `?${opts.query}` : ''}`,
      headers: { ...(opts.token === '' ? {} : bearer(opts.token ?? curatorA.token)), 'content-type': opts.type ?? 'image/jpeg' },
      payload: body,
    });

  it('takes a raw JPEG upload as pending, builds its derivatives in a job, then serves it as ready', async () => {
    const res = await upload(publicRecord, await jpeg(1200, 800), { query: 'label=Folio%201&rights=http://creativecommons.org/publicdomain/zero/1.0/' });
    expect(res.statusCode, res.body).toBe(201);
    const media = res.json();
    expect(media).toMatchObject({ recordId: publicRecord, status: 'pending', mime: 'image/jpeg', width: 1200, height: 800, position: 1, label: { none: ['Folio 1'] } });
    expect(res.headers.location).toBe(`/api/v1/media/${media.id}`);
    const pending = (await t.app.inject({ url: `/api/v1/media/${media.id}`, headers: bearer(curatorA.token) })).json();
    expect(pending.job).toMatchObject({ status: 'queued' });
    // Not ready yet: hidden from the public, like anything unpublished.
    expect((await t.app.inject({ url: `/api/v1/media/${media.id}` })).statusCode).toBe(404);

    await runMediaJobs(t.store, t.database.dataDir);
    const ready = (await t.app.inject({ url: `/api/v1/media/${media.id}`, headers: bearer(curatorA.token) })).json();
    expect(ready).toMatchObject({ status: 'ready', error: null, width: 1200, height: 800 });
    expect(ready.job).toMatchObject({ status: 'succeeded', progress: { done: 100, total: 100 } });
    expect((await t.app.inject({ url: `/api/v1/media/${media.id}` })).json().links.info).toMatch(new RegExp(`/iiif/3/${media.id}/info.json$`));
    expect((await t.app.inject({ url: `/api/v1/records/${publicRecord}` })).json().hasMedia).toBe(true);
    const events = await listAuditEvents(t.store.db, SYSTEM_ADMIN, { action: 'media.upload', targetId: media.id });
    expect(events.items).toEqual([expect.objectContaining({ institutionId: instA, detail: expect.objectContaining({ recordId: publicRecord, width: 1200, height: 800 }) })]);
  });

  it('takes a multipart form with the fields after the file, and a caller-chosen id', async () => {
    const form = new FormData();
    form.append('file', new Blob([await png(300, 200)], { type: 'image/png' }), 'scan 1.png');
    form.append('id', 'dunhuang-or8210-p2.f1');
    form.append('label', JSON.stringify({ en: ['Frontispiece'], zh: ['扉画'] }));
    form.append('visibility', 'members');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/records/${publicRecord}/media`, headers: bearer(curatorA.token), payload: form });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: 'dunhuang-or8210-p2.f1', mime: 'image/png', originalName: 'scan 1.png', visibility: 'members', label: { en: ['Frontispiece'], zh: ['扉画'] }, position: 2 });
    const again = await upload(publicRecord, await jpeg(50, 50), { query: 'id=dunhuang-or8210-p2.f1' });
    expect(again.statusCode).toBe(409);
  });

  it('refuses files that are not images with 415 and says what they look like, storing nothing', async () => {
    const before = storedFiles(t.database.dataDir).length;
    const text = await upload(publicRecord, Buffer.from('inventory,title\n1,Diamond Sutra\n'));
    expect(text.statusCode).toBe(415);
    expect(text.json().error.message).toMatch(/not a JPEG, PNG, TIFF or WebP image: it looks like text/);
    const pdf = await upload(publicRecord, Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\n'), { type: 'application/pdf' });
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().error.message).toMatch(/PDF document/);
    const plain = await upload(publicRecord, Buffer.from('hello'), { type: 'text/plain' });
    expect(plain.statusCode).toBe(415);
    const header = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 0x41)]);
    const broken = await upload(publicRecord, header);
    expect(broken.statusCode).toBe(415);
    expect(broken.json().error.message).toMatch(/header cannot be read/);
    expect(storedFiles(t.database.dataDir).length).toBe(before);
  });

  it('refuses a decompression bomb from its header, before decoding anything', async () => {
    const bomb = bombPng(100_000, 100_000);
    expect(bomb.length).toBeLessThan(200);
    const before = storedFiles(t.database.dataDir).length;
    const res = await upload(publicRecord, bomb, { type: 'image/png' });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toMatch(/100000 × 100000 pixels.*HERITAGE_MAX_IMAGE_PIXELS/);
    expect(storedFiles(t.database.dataDir).length).toBe(before);
  });

  it('streams a 64 MB upload to storage without holding it in memory', async () => {
    const width = 4096;
    const height = 5462;
    const { stream: body, bytes } = tiffStream(width, height);
    global.gc?.();
    const base = process.memoryUsage();
    let peak = 0;
    const probe = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - (base.heapUsed + base.arrayBuffers));
    }, 5);
    const res = await upload(publicRecord, body, { type: 'image/tiff' });
    clearInterval(probe);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ bytes, width, height, mime: 'image/tiff' });
    expect(bytes).toBeGreaterThan(64 * 1024 * 1024);
    // Buffering the file would add its 64+ MB at least; the margin below it absorbs garbage-collector timing.
    expect(peak).toBeLessThan(48 * 1024 * 1024);
  });

  it('lets only editors of the record\'s institution upload (401, 403 when they see the record, 404 when they do not)', async () => {
    const img = await jpeg(40, 40);
    expect((await upload(publicRecord, img, { token: '' })).statusCode).toBe(401);
    expect((await upload(publicRecord, img, { token: curatorB.token })).statusCode).toBe(403);
    expect((await upload(privateRecord, img, { token: curatorB.token })).statusCode).toBe(404);
    expect((await upload('no-such-record', img)).statusCode).toBe(404);
    const readOnly = await newUser(t.store, { role: 'curator', institutionId: instA, scopes: ['read'] });
    expect((await upload(publicRecord, img, { token: readOnly.token })).statusCode).toBe(403);
  });

  it('reorders, relabels and deletes images, removing their files', async () => {
    const rec = (await newRecord(t.store, { institutionId: instA })).id;
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await upload(rec, await jpeg(200 * n, 200))).json().id);
    await runMediaJobs(t.store, t.database.dataDir);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/media/${ids[2]}`, headers: bearer(curatorA.token), payload: { position: 1, label: { fr: ['Verso'] }, visibility: 'private' } });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json()).toMatchObject({ position: 1, label: { fr: ['Verso'] }, visibility: 'private', effectiveVisibility: 'private' });
    const order = (await t.app.inject({ url: `/api/v1/records/${rec}/media`, headers: bearer(curatorA.token) })).json().items.map((m: { id: string; position: number }) => [m.id, m.position]);
    expect(order).toEqual([[ids[2], 1], [ids[0], 2], [ids[1], 3]]);
    const publicList = (await t.app.inject({ url: `/api/v1/records/${rec}/media` })).json().items.map((m: { id: string }) => m.id);
    expect(publicList).toEqual([ids[0], ids[1]]);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/media/${ids[0]}`, headers: bearer(curatorB.token), payload: { position: 3 } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/media/${ids[2]}`, headers: bearer(curatorB.token), payload: { position: 3 } })).statusCode).toBe(404);

    const files = storedFiles(t.database.dataDir).length;
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/media/${ids[0]}`, headers: bearer(curatorA.token) });
    expect(del.statusCode).toBe(204);
    expect(storedFiles(t.database.dataDir).length).toBe(files - 4);
    expect((await t.app.inject({ url: `/api/v1/media/${ids[0]}`, headers: bearer(curatorA.token) })).statusCode).toBe(404);
    const after = (await t.app.inject({ url: `/api/v1/records/${rec}/media`, headers: bearer(curatorA.token) })).json().items.map((m: { position: number }) => m.position);
    expect(after).toEqual([1, 2]);
  });

  it('documents every media route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    for (const p of ['/api/v1/records/{id}/media', '/api/v1/media/{id}', '/iiif/3/{id}/info.json', '/iiif/3/{id}/{region}/{size}/{rotation}/{file}', '/media/{id}/thumb/{file}']) {
      expect(doc.paths[p], p).toBeDefined();
    }
    expect(Object.keys(doc.paths['/api/v1/records/{id}/media'].post.requestBody.content)).toContain('multipart/form-data');
  });
});


describe(`media upload bounds from the configuration (${TEST_DIALECT})`, () => {
  let tdb: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let curator: { token: string };
  let recordId: string;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    const env = { HERITAGE_DEMO: 'off', HERITAGE_SEARCH_WORKERS: '0', HERITAGE_MAX_UPLOAD_MB: '1', HERITAGE_MAX_IMAGE_PIXELS: '1000000' };
    app = await buildApp({ config: loadConfig(env, { data: tdb.dataDir, databaseUrl: tdb.databaseUrl ?? undefined }), database: tdb.handle });
    const store = { db: tdb.handle.db, dialect: tdb.handle.dialect };
    const inst = (await newInstitution(store)).id;
    curator = await newUser(store, { role: 'curator', institutionId: inst });
    recordId = (await newRecord(store, { institutionId: inst })).id;
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.destroy();
  });

  const post = (payload: Buffer | Readable, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `/api/v1/records/${recordId}/media`, headers: { ...bearer(curator.token), 'content-type': 'image/tiff', ...headers }, payload });

  it('refuses a body over HERITAGE_MAX_UPLOAD_MB with 413, declared or streamed, storing nothing', async () => {
    const declared = await post(Buffer.alloc(1024 * 1024 + 1));
    expect(declared.statusCode).toBe(413);
    expect(declared.json().error.message).toMatch(/larger than the 1 MB this server accepts/);
    const streamed = await post(tiffStream(1000, 1000).stream);
    expect(streamed.statusCode).toBe(413);
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(2 * 1024 * 1024, 0xff)], { type: 'image/jpeg' }), 'big.jpg');
    expect((await app.inject({ method: 'POST', url: `/api/v1/records/${recordId}/media`, headers: bearer(curator.token), payload: form })).statusCode).toBe(413);
    expect(storedFiles(tdb.dataDir)).toEqual([]);
  });

  it('refuses an image over HERITAGE_MAX_IMAGE_PIXELS and takes one within it', async () => {
    const over = await post(await jpeg(1200, 1000), { 'content-type': 'image/jpeg' });
    expect(over.statusCode).toBe(413);
    expect(over.json().error.message).toMatch(/1200 × 1000 pixels/);
    expect((await post(await jpeg(1000, 1000), { 'content-type': 'image/jpeg' })).statusCode).toBe(201);
  });
});
