import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { listNotifications } from '../notifications/notification.service';

/** A small JPEG carrying an EXIF GPS position, as phones write them. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#8a5a44' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 7/1 2446/100', GPSLongitudeRef: 'E', GPSLongitude: '75/1 59/1 1555/100' } })
    .toBuffer();
}

/** A multipart body as a browser sends the assessment form. */
function multipart(fields: Record<string, string | string[]>, files: Record<string, Buffer> = {}) {
  const boundary = '----risk' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`));
  for (const [k, data] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${k}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe(`incidents and damage assessments (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let inst: string;
  let temple: string;
  let token: string;
  let memberToken: string;
  let curator: BrowserSession;
  let incident: string;
  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, who: string | null = token) =>
    t.app.inject({ method, url, payload, headers: who ? { authorization: `Bearer ${who}` } : {} });

  beforeAll(async () => {
    t = await buildTestApp();
    inst = (await newInstitution(t.store, { name: { en: ['Valley Heritage Office'] } })).id;
    temple = (await newRecord(t.store, { institutionId: inst, kind: 'site', title: { en: ['Nine-storey pagoda'] } })).id;
    const user = await newUser(t.store, { role: 'curator', institutionId: inst });
    token = user.token;
    memberToken = (await newUser(t.store, { role: 'member', institutionId: (await newInstitution(t.store)).id })).token;
    curator = await signInBrowser(t.app, user.email);
  });
  afterAll(() => t?.close());

  it('opens an incident with a date, a polygon and its affected sites, and moves it from report to closure', async () => {
    const res = await api('POST', '/api/v1/risk/incidents', {
      title: 'Valley earthquake',
      kind: 'earthquake',
      date: '2026-11-03/2026-11-05',
      area: { type: 'Polygon', coordinates: [[[85, 27], [86, 27], [86, 28], [85, 28], [85, 27]]] },
      institutionId: inst,
    });
    expect(res.statusCode, res.body).toBe(201);
    incident = res.json().id;
    expect(res.json()).toMatchObject({ status: 'reported', dateFrom: '2026-11-03', dateTo: '2026-11-05', canEdit: true });
    const linked = await api('POST', `/api/v1/risk/incidents/${incident}/sites`, { recordId: temple });
    expect(linked.json().sites.map((s: { recordId: string }) => s.recordId)).toEqual([temple]);
    for (const status of ['verified', 'responding']) {
      const up = await api('PUT', `/api/v1/risk/incidents/${incident}`, { title: 'Valley earthquake', kind: 'earthquake', date: '2026-11-03/2026-11-05', institutionId: inst, status });
      expect(up.json().status).toBe(status);
    }
    // The area stays when an update does not send one.
    expect((await api('GET', `/api/v1/risk/incidents/${incident}`, undefined, null)).json().area.type).toBe('Polygon');
    const bad = await api('POST', '/api/v1/risk/incidents', { title: 'x', kind: 'flood', date: 'last week', institutionId: inst });
    expect(bad.json().error.problems).toEqual([{ field: '/date', message: 'must be an EDTF date, e.g. 2026-11-03 or 2026-11-03/2026-11-05' }]);
    expect((await api('POST', '/api/v1/risk/incidents', { title: 'x', kind: 'flood', date: '2026-11-01', institutionId: inst }, memberToken)).statusCode).toBe(403);
  });

  it('records two assessments of a site over time, the first kept as a draft before it is submitted, with a photo stripped of its location', async () => {
    const path = `/risk/incidents/${incident}/assess`;
    const form = await t.app.inject({ url: `${path}?lang=en&site=${temple}`, headers: { cookie: curator.cookie } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('enctype="multipart/form-data"');
    const first = { recordId: temple, damageTypes: ['cracking', 'displacement'], extent: 'partial', urgentActions: 'Shore the east wall' };
    let body = multipart({ ...first, action: 'draft' }, { photo1: await phonePhoto() });
    let res = await t.app.inject({ method: 'POST', url: `${path}?_csrf=${encodeURIComponent(curator.csrf)}`, headers: { ...body.headers, cookie: curator.cookie }, payload: body.payload });
    expect(res.statusCode, res.body.slice(0, 400)).toBe(303);
    const draftId = /draft=([^&]+)/.exec(res.headers.location as string)![1];
    // The draft is the curator's alone.
    const listed = (await api('GET', `/api/v1/risk/incidents/${incident}/assessments`, undefined, memberToken)).json().items;
    expect(listed).toEqual([]);
    const draft = (await api('GET', `/api/v1/risk/assessments/${draftId}`)).json();
    expect(draft).toMatchObject({ status: 'draft', extent: 'partial', mine: true });
    expect(draft.photos).toHaveLength(1);
    // The stored photo is a JPEG without EXIF, however it came.
    const photo = await t.app.inject({ url: draft.photos[0].url, headers: { cookie: curator.cookie } });
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(photo.rawPayload).metadata()).exif).toBeUndefined();
    expect((await t.app.inject({ url: draft.photos[0].url })).statusCode).toBe(404);
    // Submitting an incomplete assessment names the missing fields and keeps what was typed.
    body = multipart({ ...first, draftId, action: 'submit' });
    res = await t.app.inject({ method: 'POST', url: `${path}?_csrf=${encodeURIComponent(curator.csrf)}`, headers: { ...body.headers, cookie: curator.cookie }, payload: body.payload });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('is required to submit');
    expect(res.body).toContain('Shore the east wall');
    expect(res.body).toContain(`name="draftId" value="${draftId}"`);
    body = multipart({ ...first, draftId, severity: 'moderate', stability: 'at-risk', assessor: 'Dr. Lin', assessedOn: '2026-11-06', action: 'submit' });
    res = await t.app.inject({ method: 'POST', url: `${path}?_csrf=${encodeURIComponent(curator.csrf)}`, headers: { ...body.headers, cookie: curator.cookie }, payload: body.payload });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('done=submitted');
    // A second visit later: a new assessment through the API.
    const second = await api('POST', `/api/v1/risk/incidents/${incident}/assessments`, {
      recordId: temple,
      damageTypes: ['collapse'],
      extent: 'extensive',
      severity: 'critical',
      stability: 'collapsed',
      assessor: 'Dr. Lin',
      assessedOn: '2026-11-12',
      submit: true,
    });
    expect(second.statusCode, second.body).toBe(201);
    const items = (await api('GET', `/api/v1/risk/incidents/${incident}/assessments`, undefined, memberToken)).json().items;
    expect(items.map((a: { assessedOn: string; severity: string }) => [a.assessedOn, a.severity])).toEqual([
      ['2026-11-06', 'moderate'],
      ['2026-11-12', 'critical'],
    ]);
    expect((await api('POST', `/api/v1/risk/incidents/${incident}/assessments`, { recordId: temple, draftId, submit: true })).statusCode).toBe(409);
  });

  it('alerts the staff of institutions in the region of a new incident, and the institutions whose records it affects', async () => {
    const near = await newUser(t.store, { role: 'member', institutionId: (await newInstitution(t.store, { country: 'NP', lat: 27.9, lon: 85.6 })).id });
    const far = await newUser(t.store, { role: 'member', institutionId: (await newInstitution(t.store, { country: 'FR', lat: 48.85, lon: 2.35 })).id });
    const owner = await newInstitution(t.store, { country: 'FR', lat: 43.6, lon: 1.44 });
    const ownerStaff = await newUser(t.store, { role: 'curator', institutionId: owner.id });
    const ownedRecord = await newRecord(t.store, { institutionId: owner.id, title: { en: ['Loaned thangka'] } });
    const res = await api('POST', '/api/v1/risk/incidents', { title: 'Kathmandu flood', kind: 'flood', date: '2026-11-20', area: { type: 'Point', coordinates: [85.32, 27.71] }, institutionId: inst });
    expect(res.statusCode).toBe(201);
    await api('POST', `/api/v1/risk/incidents/${res.json().id}/sites`, { recordId: ownedRecord.id });
    const keys = async (actor: typeof near.actor) => (await listNotifications(t.store.db, actor)).map((n) => [n.message.key, n.link]);
    expect(await keys(near.actor)).toEqual([['risk.notify.incident', `/risk/incidents/${res.json().id}`]]);
    expect(await keys(far.actor)).toEqual([]);
    expect(await keys(ownerStaff.actor)).toEqual([['risk.notify.linked', `/risk/incidents/${res.json().id}`]]);
  });

  it('exports a situation report as printable HTML and as CSV, with assessments for members only', async () => {
    const html = await t.app.inject({ url: `/risk/incidents/${incident}/report?lang=en`, headers: { cookie: curator.cookie } });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Situation report: Valley earthquake');
    expect(html.body).toContain('Shore the east wall');
    expect(html.body).toMatch(/Sites assessed<\/dt><dd>1<\/dd><dt>Assessments<\/dt><dd>2<\/dd>/);
    const csv = await api('GET', `/risk/incidents/${incident}/report.csv`, undefined, memberToken);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',cracking; displacement,');
    expect(lines[2]).toContain(',critical,');
    const publicCsv = await api('GET', `/risk/incidents/${incident}/report.csv`, undefined, null);
    expect(publicCsv.body.trim().split('\r\n')).toHaveLength(1);
    const publicHtml = await t.app.inject({ url: `/risk/incidents/${incident}/report?lang=en` });
    expect(publicHtml.body).not.toContain('Shore the east wall');
    expect(publicHtml.body).toContain('shown to members of the alliance only');
  });

  it('makes an incident a restoration project once', async () => {
    const post = () => t.app.inject({ method: 'POST', url: `/risk/incidents/${incident}/project`, payload: `_csrf=${encodeURIComponent(curator.csrf)}`, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: curator.cookie } });
    const res = await post();
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    const projectId = (await api('GET', `/api/v1/risk/incidents/${incident}`)).json().projectId;
    expect(res.headers.location).toBe(`/projects/${projectId}/edit?done=created`);
    expect((await t.app.inject({ url: `/projects/${projectId}?lang=en`, headers: { cookie: curator.cookie } })).body).toContain('Restoration after: Valley earthquake');
    expect((await post()).statusCode).toBe(409);
  });

  it('opens incidents and links sites through the pages', async () => {
    const list = await t.app.inject({ url: '/risk/incidents?lang=en', headers: { cookie: curator.cookie } });
    expect(list.body).toContain('Valley earthquake');
    expect(list.body).toContain('Report an incident');
    const post = (fields: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/risk/incidents', payload: new URLSearchParams({ _csrf: curator.csrf, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: curator.cookie } });
    let res = await post({ title: 'Museum fire', kind: 'fire', date: '2026-11-20', area: 'not a place', institutionId: inst });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('must be &quot;latitude, longitude&quot; or a GeoJSON Point or Polygon');
    res = await post({ title: 'Museum fire', kind: 'fire', date: '2026-11-20', area: '27.7, 85.3', institutionId: inst });
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject({ url: `${res.headers.location}&lang=en`, headers: { cookie: curator.cookie } });
    expect(page.body).toContain('The incident is saved.');
    expect(page.body).toContain('27.7° N, 85.3° E');
  });
});
