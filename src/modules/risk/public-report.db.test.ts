import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { anonymousForm, signInBrowser, postForm, type BrowserSession } from '../../../test/helpers/browser-session';
import { TEST_DIALECT } from '../../../test/helpers/test-database';

const withGps = () =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: '#6b4f3a' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 49/1 4800/100', GPSLongitudeRef: 'E', GPSLongitude: '67/1 49/1 1200/100' } })
    .toBuffer();

function multipart(fields: Record<string, string>, files: { name: string; data: Buffer; filename?: string }[] = []) {
  const boundary = '----report' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename ?? 'p.jpg'}"\r\nContent-Type: image/jpeg\r\n\r\n`), f.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe(`public reports, moderated (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let site: string;
  let curator: BrowserSession;
  let visitor: BrowserSession;
  const send = (fields: Record<string, string>, files: { name: string; data: Buffer; filename?: string }[] = [], ip = '203.0.113.7') => {
    const body = multipart(fields, files);
    return t.app.inject({ method: 'POST', url: `/risk/report?_csrf=${encodeURIComponent(visitor.csrf)}`, headers: { ...body.headers, cookie: visitor.cookie }, payload: body.payload, remoteAddress: ip });
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const inst = (await newInstitution(t.store, { name: { en: ['Cliff Sites Agency'] } })).id;
    site = (await newRecord(t.store, { institutionId: inst, kind: 'site', title: { en: ['Painted caves'] } })).id;
    curator = await signInBrowser(t.app, (await newUser(t.store, { role: 'curator', institutionId: inst })).email);
    visitor = await anonymousForm(t.app, `/risk/report?site=${site}&lang=en`);
  });
  afterAll(() => t?.close());

  it('takes a report from anyone, keeps it pending, and publishes it after moderation with its EXIF GPS removed', async () => {
    const res = await send({ recordId: site, kind: 'damage', description: 'Fresh graffiti over the painted ceiling of cave 3', lat: '34.83', lon: '67.82', reporterName: 'A visitor', reporterEmail: 'visitor@example.org' }, [{ name: 'photos', data: await withGps() }]);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    expect(res.headers.location).toBe(`/risk/report/thanks?site=${site}`);
    // Pending: nowhere in public.
    expect((await t.app.inject({ url: `/api/v1/risk/reports?site=${site}` })).json().items).toEqual([]);
    expect((await t.app.inject({ url: `/risk/sites/${site}?lang=en` })).body).not.toContain('Fresh graffiti');
    const queue = await t.app.inject({ url: '/risk/moderation?lang=en', headers: { cookie: curator.cookie } });
    expect(queue.body).toContain('Fresh graffiti');
    expect(queue.body).toContain('visitor@example.org');
    const id = /\/risk\/moderation\/([^/]+)\/publish/.exec(queue.body)![1];
    const photoUrl = /src="(\/risk\/photos\/[^"]+)"/.exec(queue.body)![1];
    expect((await t.app.inject({ url: photoUrl })).statusCode).toBe(404);
    const published = await postForm(t.app, `/risk/moderation/${id}/publish`, { _csrf: curator.csrf }, curator.cookie);
    expect(published.headers.location).toBe('/risk/moderation?done=publish');
    const items = (await t.app.inject({ url: `/api/v1/risk/reports?site=${site}` })).json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: 'public', reporterName: 'A visitor', lat: 34.83, lon: 67.82 });
    expect(items[0].reporterEmail).toBeUndefined();
    const photo = await t.app.inject({ url: photoUrl });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(photo.rawPayload).metadata()).exif).toBeUndefined();
    const page = await t.app.inject({ url: `/risk/sites/${site}?lang=en` });
    expect(page.body).toContain('Reports from the public');
    expect(page.body).toContain('Fresh graffiti');
    expect(page.body).not.toContain('visitor@example.org');
  });

  it('keeps the photo’s location only when the reporter allows it', async () => {
    const res = await send({ recordId: site, kind: 'threat', description: 'A new road is being cut below the caves', shareLocation: 'yes' }, [{ name: 'photos', data: await withGps() }], '203.0.113.8');
    expect(res.statusCode).toBe(303);
    const [report] = (await t.app.inject({ url: '/api/v1/risk/moderation', headers: { cookie: curator.cookie } })).json().items;
    const photo = await t.app.inject({ url: report.photos[0].url, headers: { cookie: curator.cookie } });
    expect((await sharp(photo.rawPayload).metadata()).exif).toBeDefined();
  });

  it('resists abuse: refuses executables and short texts, and limits how often one address reports', async () => {
    const exe = await send({ recordId: site, kind: 'damage', description: 'See the attached file please' }, [{ name: 'photos', data: Buffer.from('MZ\x90\x00\x03\x00\x00\x00 this is a program'), filename: 'photo.jpg' }], '198.51.100.1');
    expect(exe.statusCode).toBe(400);
    expect(exe.body).toContain('it looks like');
    const short = await send({ recordId: site, kind: 'damage', description: 'bad' }, [], '198.51.100.1');
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('needs at least 10 characters');
    expect(short.body).toContain('value="damage" checked');
    for (let i = 0; i < 5; i++) expect((await send({ recordId: site, kind: 'threat', description: `Report number ${i} about the caves` }, [], '198.51.100.2')).statusCode).toBe(303);
    const sixth = await send({ recordId: site, kind: 'threat', description: 'One report too many about the caves' }, [], '198.51.100.2');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.body).toContain('several reports in the last hour');
    // Another address is not held back.
    expect((await send({ recordId: site, kind: 'threat', description: 'A different visitor writes in' }, [], '198.51.100.3')).statusCode).toBe(303);
    // Rejecting a report keeps it out of public view.
    const pending = (await t.app.inject({ url: '/api/v1/risk/moderation', headers: { cookie: curator.cookie } })).json().items;
    const rejected = await t.app.inject({ method: 'POST', url: `/api/v1/risk/reports/${pending[0].id}/reject`, headers: { cookie: curator.cookie, 'x-csrf-token': curator.csrf } });
    expect(rejected.json().status).toBe('rejected');
    expect((await t.app.inject({ url: `/api/v1/risk/reports/${pending[0].id}/publish`, method: 'POST' })).statusCode).toBe(404);
  });
});
