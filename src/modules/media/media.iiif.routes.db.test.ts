import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { bearer, jpeg, runMediaJobs } from './media.test-support';

describe(`IIIF Image API and thumbnails (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let curatorA: { token: string };
  let curatorB: { token: string };
  let memberB: { token: string };
  let open: string;
  let privateOfA: string;
  let onMembersRecord: string;
  let pending: string;
  let embargoed: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const a = (await newInstitution(t.store)).id;
    const b = (await newInstitution(t.store, { country: 'FR' })).id;
    curatorA = await newUser(t.store, { role: 'curator', institutionId: a });
    curatorB = await newUser(t.store, { role: 'curator', institutionId: b });
    memberB = await newUser(t.store, { role: 'member', institutionId: b });
    const publicRecord = (await newRecord(t.store, { institutionId: a })).id;
    const membersRecord = (await newRecord(t.store, { institutionId: a, visibility: 'members' })).id;
    const up = async (record: string, query: string) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/records/${record}/media?${query}`, headers: { ...bearer(curatorA.token), 'content-type': 'image/jpeg' }, payload: await jpeg(1500, 1000) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    open = await up(publicRecord, 'id=open-1&rights=http://rightsstatements.org/vocab/NoC-NC/1.0/');
    privateOfA = await up(publicRecord, 'visibility=private');
    onMembersRecord = await up(membersRecord, 'visibility=public');
    embargoed = await up(publicRecord, 'embargoUntil=2999-01-01');
    await runMediaJobs(t.store, t.database.dataDir);
    pending = await up(publicRecord, 'visibility=public');
  });
  afterAll(() => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

  it('answers info.json (level 2, absolute id, limits, rights) as JSON or JSON-LD, with CORS and caching', async () => {
    const res = await get(`/iiif/3/${open}/info.json`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(res.headers.link).toContain('<http://iiif.io/api/image/3/level2.json>;rel="profile"');
    const info = res.json();
    expect(info).toMatchObject({ '@context': 'http://iiif.io/api/image/3/context.json', id: `http://localhost:3000/iiif/3/${open}`, type: 'ImageService3', protocol: 'http://iiif.io/api/image', profile: 'level2', width: 1500, height: 1000, rights: 'http://rightsstatements.org/vocab/NoC-NC/1.0/' });
    expect(info.maxWidth).toBeGreaterThan(0);
    const ld = await get(`/iiif/3/${open}/info.json`, { accept: 'application/ld+json' });
    expect(ld.headers['content-type']).toBe('application/ld+json;profile="http://iiif.io/api/image/3/context.json"');
    const base = await get(`/iiif/3/${open}`);
    expect(base.statusCode).toBe(303);
    expect(base.headers.location).toBe(`http://localhost:3000/iiif/3/${open}/info.json`);
  });

  it('renders regions and sizes with the right dimensions, a canonical Link header and an ETag answered with 304', async () => {
    const full = await get(`/iiif/3/${open}/full/max/0/default.jpg`);
    expect(full.statusCode, full.body).toBe(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    expect(await sharp(full.rawPayload).metadata()).toMatchObject({ width: 1500, height: 1000, format: 'jpeg' });
    const tile = await get(`/iiif/3/${open}/0,0,512,512/256,/0/gray.png`);
    expect(tile.statusCode).toBe(200);
    expect(await sharp(tile.rawPayload).metadata()).toMatchObject({ width: 256, height: 256, format: 'png' });
    const pct = await get(`/iiif/3/${open}/pct:50,50,50,50/!300,300/90/default.webp`);
    expect(pct.statusCode).toBe(200);
    expect(pct.headers.link).toContain(`<http://localhost:3000/iiif/3/${open}/750,500,750,500/300,200/90/default.webp>;rel="canonical"`);
    expect(await sharp(pct.rawPayload).metadata()).toMatchObject({ width: 200, height: 300, format: 'webp' });
    const etag = tile.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await get(`/iiif/3/${open}/0,0,512,512/256,/0/gray.png`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(fs.readdirSync(path.join(t.database.dataDir, 'cache', 'iiif')).length).toBeGreaterThan(0);
  });

  it('refuses bad requests with 400 before decoding: region outside, size beyond the limits, rotation 361, unknown quality or format', async () => {
    for (const p of ['2000,2000,10,10/max/0/default.jpg', 'full/100000,/0/default.jpg', 'full/^100000,/0/default.jpg', 'full/max/361/default.jpg', 'full/max/0/fancy.jpg', 'full/max/0/default.bmp', 'full/max/0/default']) {
      const res = await get(`/iiif/3/${open}/${p}`);
      expect(res.statusCode, p).toBe(400);
      expect(res.json().error.message, p).toBeTruthy();
    }
  });

  it('never turns an identifier into a path: traversal attempts are 400 or 404', async () => {
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '..', '%2e%2e', '..%5C..%5Cwindows', `${open}%00`, 'a'.repeat(200)]) {
      for (const suffix of ['info.json', 'full/max/0/default.jpg']) {
        const res = await get(`/iiif/3/${id}/${suffix}`);
        expect([400, 404], `${id}/${suffix}`).toContain(res.statusCode);
        expect(res.body).not.toMatch(/root:/);
      }
    }
    expect([400, 404]).toContain((await get('/iiif/3/../x/info.json')).statusCode);
    expect((await get('/iiif/3/no-such-image/info.json')).statusCode).toBe(404);
  });

  it('hides an image from anyone who may not see it (404), and never makes it more open than its record', async () => {
    for (const url of [`/iiif/3/${privateOfA}/info.json`, `/iiif/3/${privateOfA}/full/max/0/default.jpg`, `/media/${privateOfA}/thumb/200.jpg`, `/api/v1/media/${privateOfA}`]) {
      expect((await get(url)).statusCode, url).toBe(404);
      expect((await get(url, bearer(curatorB.token))).statusCode, url).toBe(404);
      const own = await get(url, bearer(curatorA.token));
      expect(own.statusCode, url).toBe(200);
      expect(own.headers['cache-control'] ?? 'private', url).toMatch(/private/);
    }
    expect((await get(`/iiif/3/${onMembersRecord}/info.json`)).statusCode).toBe(404);
    expect((await get(`/api/v1/media/${onMembersRecord}`)).statusCode).toBe(404);
    const member = await get(`/iiif/3/${onMembersRecord}/info.json`, bearer(memberB.token));
    expect(member.statusCode).toBe(200);
    expect(member.headers['cache-control']).toMatch(/^private/);
    expect((await get(`/api/v1/media/${onMembersRecord}`, bearer(memberB.token))).json().effectiveVisibility).toBe('members');
    expect((await get(`/iiif/3/${embargoed}/info.json`)).statusCode).toBe(404);
    expect((await get(`/iiif/3/${embargoed}/info.json`, bearer(memberB.token))).statusCode).toBe(404);
    expect((await get(`/iiif/3/${embargoed}/info.json`, bearer(curatorA.token))).statusCode).toBe(200);
  });

  it('answers 503 with Retry-After to editors while an image is prepared, and 404 to others', async () => {
    const editor = await get(`/iiif/3/${pending}/info.json`, bearer(curatorA.token));
    expect(editor.statusCode).toBe(503);
    expect(editor.headers['retry-after']).toBe('5');
    expect((await get(`/iiif/3/${pending}/info.json`)).statusCode).toBe(404);
  });

  it('serves thumbnails of the widths pages use, checked like everything else', async () => {
    const res = await get(`/media/${open}/thumb/200.jpg`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(await sharp(res.rawPayload).metadata()).toMatchObject({ width: 200, height: 133 });
    expect((await get(`/media/${open}/thumb/800.jpg`)).statusCode).toBe(200);
    expect((await get(`/media/${open}/thumb/300.jpg`)).statusCode).toBe(404);
    expect((await get(`/media/${open}/thumb/200.jpg`, { 'if-none-match': res.headers.etag as string })).statusCode).toBe(304);
  });
});
