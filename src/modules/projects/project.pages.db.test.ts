import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { postForm, signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import { sharedData } from '../../../test/helpers/shared-data';

/** A multipart form body as a browser sends it. */
function multipart(fields: Record<string, string>, file?: { name: string; filename: string; type: string; data: Buffer }) {
  const boundary = '----projects-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\ncontent-type: ${file.type}\r\n\r\n`), file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('the project pages', () => {
  let t: TestApp;
  let lead: BrowserSession;
  let outsider: BrowserSession;
  let ownerId: string;
  let recordId: string;
  let projectId: string;
  const get = (url: string, who?: BrowserSession) => t.app.inject({ url, ...(who ? { headers: { cookie: who.cookie } } : {}) });

  beforeAll(async () => {
    t = await buildTestApp();
    const owner = await newInstitution(t.store, { name: { en: ['Oasis Museum'] }, country: 'UZ' });
    const other = await newInstitution(t.store, { name: { en: ['Faraway Archive'] }, country: 'PE' });
    ownerId = owner.id;
    recordId = (await newRecord(t.store, { institutionId: owner.id, title: { en: ['Painted panel'] } })).id;
    lead = await signInBrowser(t.app, (await newUser(t.store, { role: 'curator', institutionId: owner.id })).email);
    outsider = await signInBrowser(t.app, (await newUser(t.store, { role: 'curator', institutionId: other.id })).email);
  });
  afterAll(() => t?.close());

  it('creates a project through the form, and answers a wrong field with the form again', async () => {
    const bad = await postForm(t.app, '/projects', { _csrf: lead.csrf, ownerInstitutionId: ownerId, title: 'Panel study', lang: 'en', kind: 'research', startDate: 'someday' }, lead.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('startDate: ');
    expect(bad.body).toContain('value="Panel study"');
    const ok = await postForm(t.app, '/projects', { _csrf: lead.csrf, ownerInstitutionId: ownerId, title: 'Panel study', summary: 'Studying the painted panels.', lang: 'en', kind: 'research', status: 'active', visibility: 'public', startDate: '2025-01' }, lead.cookie);
    expect(ok.statusCode).toBe(303);
    projectId = /\/projects\/([^/]+)\/edit/.exec(ok.headers.location as string)![1];
    const partner = await postForm(t.app, `/projects/${projectId}/partners`, { _csrf: lead.csrf, name: 'Ministry of Culture of Peru', countryCode: 'pe', role: 'funder' }, lead.cookie);
    expect(partner.statusCode).toBe(303);
    const site = await postForm(t.app, `/projects/${projectId}/sites`, { _csrf: lead.csrf, name: 'Khiva', countryCode: 'UZ', lat: '41.378', lon: '60.364' }, lead.cookie);
    expect(site.statusCode).toBe(303);
    const list = await get('/projects?lang=en&country=PE');
    expect(list.body).toContain('Panel study');
    expect(list.body).toContain('class="map-pin"');
    expect(list.body).toContain('Research: 1 project with 2 countries');
  });

  it('lets the partners add a milestone, link a record and publish an update with an image', async () => {
    expect((await postForm(t.app, `/projects/${projectId}/milestones`, { _csrf: lead.csrf, title: 'Sampling done', lang: 'en', dueDate: '2025-06' }, lead.cookie)).statusCode).toBe(303);
    expect((await postForm(t.app, `/projects/${projectId}/outputs`, { _csrf: lead.csrf, kind: 'record', recordId, relation: 'studied' }, lead.cookie)).statusCode).toBe(303);
    const png = fs.readFileSync(sharedData('iiif-test-image', '67352ccc-d1b0-11e1-89ae-279075081939.png'));
    const form = multipart({ title: 'Samples taken', body: 'Twelve samples went to the lab.', lang: 'en', imageAlt: 'A conservator at work' }, { name: 'image', filename: 'x.png', type: 'image/png', data: png });
    const res = await t.app.inject({ method: 'POST', url: `/projects/${projectId}/updates?_csrf=${encodeURIComponent(lead.csrf)}`, payload: form.payload, headers: { ...form.headers, cookie: lead.cookie } });
    expect(res.statusCode, res.body).toBe(303);
    const page = await get(`/projects/${projectId}?lang=en`);
    expect(page.body).toContain('Sampling done');
    expect(page.body).toContain('Painted panel');
    expect(page.body).toContain('Samples taken');
    const src = /<img class="update-image" src="([^"]+)"/.exec(page.body)![1];
    const img = await get(src);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.equals(png)).toBe(true);
  });

  it('refuses a file that is not an image, and forms from people who are not partners', async () => {
    const form = multipart({ title: 'Bad', body: 'x', lang: 'en' }, { name: 'image', filename: 'x.png', type: 'image/png', data: Buffer.from('%PDF-1.7 not an image at all') });
    const res = await t.app.inject({ method: 'POST', url: `/projects/${projectId}/updates?_csrf=${encodeURIComponent(lead.csrf)}`, payload: form.payload, headers: { ...form.headers, cookie: lead.cookie } });
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain('update-form');
    const sneaky = await postForm(t.app, `/projects/${projectId}/milestones`, { _csrf: outsider.csrf, title: 'Sneaky', lang: 'en' }, outsider.cookie);
    expect(sneaky.statusCode).toBe(403);
    expect((await get(`/projects/${projectId}/edit`, outsider)).statusCode).toBe(403);
    expect((await get(`/projects/${projectId}?lang=en`, outsider)).body).not.toContain('milestone-form');
  });

  it('hides a private project as if it did not exist', async () => {
    expect((await postForm(t.app, `/projects/${projectId}`, { _csrf: lead.csrf, title: 'Panel study', lang: 'en', kind: 'research', status: 'active', visibility: 'private' }, lead.cookie)).statusCode).toBe(303);
    expect((await get(`/projects/${projectId}`)).statusCode).toBe(404);
    expect((await get(`/projects/${projectId}`, outsider)).statusCode).toBe(404);
    expect((await get('/projects?lang=en')).body).not.toContain('Panel study');
    expect((await get(`/records/${recordId}?lang=en`)).body).not.toContain('Panel study');
    expect((await get(`/records/${recordId}?lang=en`, lead)).body).toContain('Panel study');
    // Removing the output unlinks the record both ways.
    const outputId = /\/outputs\/([^/"]+)\/delete/.exec((await get(`/projects/${projectId}?lang=en`, lead)).body)![1];
    expect((await postForm(t.app, `/projects/${projectId}/outputs/${outputId}/delete`, { _csrf: lead.csrf }, lead.cookie)).statusCode).toBe(303);
    expect((await get(`/records/${recordId}?lang=en`, lead)).body).not.toContain('Panel study');
  });
});
