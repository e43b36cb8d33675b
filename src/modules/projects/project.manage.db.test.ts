import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newUser } from '../../../test/helpers/factories';
import { postForm, signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import { sharedData } from '../../../test/helpers/shared-data';

type User = Awaited<ReturnType<typeof newUser>>;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A multipart form body as a browser sends it. */
function multipart(fields: Record<string, string>, file?: { name: string; filename: string; type: string; data: Buffer }) {
  const boundary = '----manage-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\ncontent-type: ${file.type}\r\n\r\n`), file.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Every file under the test's media folder. */
function storedFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.parentPath.includes('.tmp')).map((e) => path.join(e.parentPath, e.name));
}

describe('deleting project parts from the pages, and project documents', () => {
  let t: TestApp;
  let leadUser: User;
  let partnerUser: User;
  let lead: BrowserSession;
  let partner: BrowserSession;
  let stranger: BrowserSession;
  let member: BrowserSession;
  let ownerId: string;
  const get = (url: string, who?: BrowserSession) => t.app.inject({ url, ...(who ? { headers: { cookie: who.cookie } } : {}) });
  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, who: User, payload?: object) => t.app.inject({ method, url, payload, headers: { authorization: `Bearer ${who.token}` } });
  const upload = (projectId: string, who: BrowserSession, fields: Record<string, string>, file?: { filename: string; type: string; data: Buffer }) => {
    const form = multipart(fields, file ? { name: 'file', ...file } : undefined);
    return t.app.inject({ method: 'POST', url: `/projects/${projectId}/documents?_csrf=${encodeURIComponent(who.csrf)}&lang=en`, payload: form.payload, headers: { ...form.headers, cookie: who.cookie } });
  };
  const newProject = async (title: string) => {
    const res = await api('POST', '/api/v1/projects', leadUser, { kind: 'restoration', title: { en: [title] }, ownerInstitutionId: ownerId, partners: [{ institutionId: partnerInstitution, role: 'partner' }] });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  let partnerInstitution: string;
  const mediaDir = () => path.join(t.database.dataDir, 'media', 'projects');

  beforeAll(async () => {
    t = await buildTestApp();
    ownerId = (await newInstitution(t.store, { name: { en: ['Oasis Museum'] }, country: 'UZ' })).id;
    partnerInstitution = (await newInstitution(t.store, { name: { en: ['Partner Lab'] }, country: 'FR' })).id;
    const strangerInstitution = (await newInstitution(t.store, { name: { en: ['Faraway Archive'] }, country: 'PE' })).id;
    leadUser = await newUser(t.store, { role: 'curator', institutionId: ownerId });
    partnerUser = await newUser(t.store, { role: 'curator', institutionId: partnerInstitution });
    lead = await signInBrowser(t.app, leadUser.email);
    partner = await signInBrowser(t.app, partnerUser.email);
    stranger = await signInBrowser(t.app, (await newUser(t.store, { role: 'curator', institutionId: strangerInstitution })).email);
    member = await signInBrowser(t.app, (await newUser(t.store, { role: 'member', institutionId: strangerInstitution })).email);
  });
  afterAll(() => t?.close());

  it('asks before removing a milestone or an update, then removes it with a POST', async () => {
    const id = await newProject('Caravanserai roof');
    await api('POST', `/api/v1/projects/${id}/milestones`, leadUser, { title: { en: ['Scaffolding up'] } });
    const png = fs.readFileSync(sharedData('iiif-test-image', '67352ccc-d1b0-11e1-89ae-279075081939.png'));
    const form = multipart({ title: 'Roof opened', body: 'The beams are sound.', lang: 'en' }, { name: 'image', filename: 'roof.png', type: 'image/png', data: png });
    expect((await t.app.inject({ method: 'POST', url: `/projects/${id}/updates?_csrf=${encodeURIComponent(partner.csrf)}`, payload: form.payload, headers: { ...form.headers, cookie: partner.cookie } })).statusCode).toBe(303);
    const filesBefore = storedFiles(mediaDir()).length;

    const page = await get(`/projects/${id}?lang=en`, partner);
    const milestoneLink = /href="(\/projects\/[^"]+\/milestones\/[^"]+\/delete)"/.exec(page.body)![1];
    const updateLink = /href="(\/projects\/[^"]+\/updates\/[^"]+\/delete)"/.exec(page.body)![1];
    expect(page.body).not.toContain(`href="/projects/${id}/delete"`); // a partner edits, only the lead deletes the project
    expect((await get(`/projects/${id}?lang=en`, stranger)).body).not.toContain('/delete"');

    const ask = await get(`${milestoneLink}?lang=en`, partner);
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('Remove the milestone “Scaffolding up”?');
    expect(ask.body).toContain(`action="${milestoneLink}"`);
    expect((await get(milestoneLink, stranger)).statusCode).toBe(403);
    expect((await postForm(t.app, milestoneLink, { _csrf: stranger.csrf }, stranger.cookie)).statusCode).toBe(403);
    const removed = await postForm(t.app, milestoneLink, { _csrf: partner.csrf }, partner.cookie);
    expect(removed.statusCode).toBe(303);
    expect((await api('GET', `/api/v1/projects/${id}/milestones`, leadUser)).json().items).toEqual([]);
    expect((await get(milestoneLink, partner)).statusCode).toBe(404);

    expect((await get(`${updateLink}?lang=en`, partner)).body).toContain('Its image is deleted with it.');
    expect((await postForm(t.app, updateLink, { _csrf: partner.csrf }, partner.cookie)).statusCode).toBe(303);
    expect((await api('GET', `/api/v1/projects/${id}/updates`, leadUser)).json().items).toEqual([]);
    expect(storedFiles(mediaDir()).length).toBe(filesBefore - 1);
  });

  it('uploads a PDF document, sniffed and bounded, and serves it by its visibility', async () => {
    const id = await newProject('Mosaic survey');
    const refused = await upload(id, partner, { title: 'Not a PDF', visibility: 'public' }, { filename: 'report.pdf', type: 'application/pdf', data: Buffer.from('<html><script>alert(1)</script></html>') });
    expect(refused.statusCode).toBe(415);
    expect(refused.body).toContain('document-form');
    const noFile = await upload(id, partner, { title: 'Forgot the file', visibility: 'public' });
    expect(noFile.statusCode).toBe(400);
    const stranger415 = await upload(id, stranger, { title: 'Sneaky', visibility: 'public' }, { filename: 'x.pdf', type: 'application/pdf', data: PDF });
    expect(stranger415.statusCode).toBe(403);

    expect((await upload(id, partner, { title: 'Condition report', visibility: 'public' }, { filename: 'report.pdf', type: 'application/octet-stream', data: PDF })).statusCode).toBe(303);
    expect((await upload(id, lead, { title: 'Budget 2027', visibility: 'members' }, { filename: 'budget.pdf', type: 'application/pdf', data: PDF })).statusCode).toBe(303);
    const outputs = (await api('GET', `/api/v1/projects/${id}/outputs`, leadUser)).json().items as { id: string; title: string; file: { href: string; mime: string; size: number } | null }[];
    const report = outputs.find((o) => o.title === 'Condition report')!;
    const budget = outputs.find((o) => o.title === 'Budget 2027')!;
    expect(report.file).toEqual({ href: `/projects/${id}/outputs/${report.id}/file`, mime: 'application/pdf', size: PDF.length });

    const download = await get(report.file!.href);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment; filename="Condition report.pdf"');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(PDF)).toBe(true);
    // Members-only: 404 to the public (and absent from its page), served to members of the alliance.
    expect((await get(budget.file!.href)).statusCode).toBe(404);
    expect((await get(`/projects/${id}?lang=en`)).body).not.toContain('Budget 2027');
    expect((await get(budget.file!.href, member)).statusCode).toBe(200);
    expect((await get(`/projects/${id}?lang=en`, member)).body).toContain(`href="${budget.file!.href}"`);

    // The API takes the same multipart upload; removing the output deletes the file.
    const form = multipart({ title: 'Drawings', visibility: 'public' }, { name: 'file', filename: 'd.pdf', type: 'application/pdf', data: PDF });
    const viaApi = await t.app.inject({ method: 'POST', url: `/api/v1/projects/${id}/documents`, payload: form.payload, headers: { ...form.headers, authorization: `Bearer ${leadUser.token}` } });
    expect(viaApi.statusCode, viaApi.body).toBe(201);
    expect(viaApi.json().file.mime).toBe('application/pdf');
    const before = storedFiles(mediaDir()).length;
    expect((await api('DELETE', `/api/v1/projects/${id}/outputs/${viaApi.json().id}`, leadUser)).statusCode).toBe(204);
    expect(storedFiles(mediaDir()).length).toBe(before - 1);
    expect((await get(viaApi.json().file.href)).statusCode).toBe(404);
  });

  it('hides the documents of a partners-only project from everyone else', async () => {
    const id = await newProject('Sealed vault');
    expect((await upload(id, lead, { title: 'Vault plan', visibility: 'public' }, { filename: 'plan.pdf', type: 'application/pdf', data: PDF })).statusCode).toBe(303);
    const href = (await api('GET', `/api/v1/projects/${id}/outputs`, leadUser)).json().items[0].file.href as string;
    const hidden = await t.app.inject({ method: 'PATCH', url: `/api/v1/projects/${id}`, payload: { visibility: 'private' }, headers: { authorization: `Bearer ${leadUser.token}` } });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect((await get(href)).statusCode).toBe(404);
    expect((await get(href, member)).statusCode).toBe(404);
    expect((await get(href, partner)).statusCode).toBe(200);
  });

  it('asks before deleting a project, lets only the lead institution do it, and deletes its files', async () => {
    const id = await newProject('Temporary shelter');
    expect((await upload(id, lead, { title: 'Shelter drawing', visibility: 'public' }, { filename: 's.pdf', type: 'application/pdf', data: PDF })).statusCode).toBe(303);
    const page = await get(`/projects/${id}?lang=en`, lead);
    expect(page.body).toContain(`href="/projects/${id}/delete"`);
    const ask = await get(`/projects/${id}/delete?lang=en`, lead);
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('Delete the project “Temporary shelter”?');
    expect(ask.body).toContain('Yes, delete');
    expect((await get(`/projects/${id}/delete`, partner)).statusCode).toBe(403);
    expect((await postForm(t.app, `/projects/${id}/delete`, { _csrf: partner.csrf }, partner.cookie)).statusCode).toBe(403);
    expect((await postForm(t.app, `/projects/${id}/delete`, { _csrf: 'wrong' }, lead.cookie)).statusCode).toBe(403);
    const before = storedFiles(mediaDir()).length;
    const done = await postForm(t.app, `/projects/${id}/delete`, { _csrf: lead.csrf }, lead.cookie);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/projects');
    expect((await get(`/projects/${id}`, lead)).statusCode).toBe(404);
    expect(storedFiles(mediaDir()).length).toBe(before - 1);
  });

  it('removes an update through the API', async () => {
    const id = await newProject('Feed');
    const u = (await api('POST', `/api/v1/projects/${id}/updates`, leadUser, { title: { en: ['Hello'] }, body: { en: ['First news.'] } })).json();
    expect((await api('DELETE', `/api/v1/projects/${id}/updates/${u.id}`, partnerUser)).statusCode).toBe(204);
    expect((await api('DELETE', `/api/v1/projects/${id}/updates/${u.id}`, partnerUser)).statusCode).toBe(404);
  });
});
