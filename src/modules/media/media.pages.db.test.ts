import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { postForm, signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import { jpeg, runMediaJobs } from './media.test-support';

describe('the image editor page of a record', () => {
  let t: TestApp;
  let record: string;
  let curator: BrowserSession;
  let otherCurator: BrowserSession;

  beforeAll(async () => {
    t = await buildTestApp();
    const a = await newInstitution(t.store);
    const b = await newInstitution(t.store);
    record = (await newRecord(t.store, { institutionId: a.id, title: { en: ['Folio album'] } })).id;
    curator = await signInBrowser(t.app, (await newUser(t.store, { role: 'curator', institutionId: a.id })).email);
    otherCurator = await signInBrowser(t.app, (await newUser(t.store, { role: 'curator', institutionId: b.id })).email);
  });
  afterAll(() => t.close());

  /** Posts the upload form as a browser does: multipart, the token in the action URL. */
  async function uploadForm(session: BrowserSession, file: Buffer, fields: Record<string, string>, csrf: string | null = session.csrf) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([file], { type: 'image/jpeg' }), 'folio.jpg');
    const encoded = new Response(form);
    return t.app.inject({
      method: 'POST',
      url: `/records/${record}/images${csrf ? `?_csrf=${encodeURIComponent(csrf)}` : ''}`,
      headers: { cookie: session.cookie, 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
  }
  const editor = (session?: BrowserSession) => t.app.inject({ url: `/records/${record}/images?lang=en`, headers: session ? { cookie: session.cookie } : {} });

  it('is offered on the record page to its curators only', async () => {
    expect((await t.app.inject({ url: `/records/${record}`, headers: { cookie: curator.cookie } })).body).toContain(`href="/records/${record}/images"`);
    expect((await t.app.inject({ url: `/records/${record}`, headers: { cookie: otherCurator.cookie } })).body).not.toContain(`/records/${record}/images`);
    expect((await editor()).statusCode).toBe(303);
    expect((await editor(otherCurator)).statusCode).toBe(403);
  });

  it('uploads through the form, shows the job, then the ready image', async () => {
    const res = await uploadForm(curator, await jpeg(900, 600), { label: 'Folio 1 recto', visibility: 'public' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    const pending = await editor(curator);
    expect(pending.body).toContain('being prepared');
    // With JavaScript, the job's status follows live (the island polls the jobs API).
    expect(pending.body).toMatch(/<span data-job="job-[^"]+">0%<\/span>/);
    expect(pending.body).toMatch(/<script src="\/assets\/islands\/job-status\.js\?v=[0-9a-f]{12}" defer=""><\/script>/);
    expect(pending.body).toContain('value="Folio 1 recto"');
    await runMediaJobs(t.store, t.database.dataDir);
    const ready = await editor(curator);
    expect(ready.body).toMatch(/900×600 · ready/);
    expect(ready.body).toMatch(/<img src="\/iiif\/3\/[^/]+\/full\/!200,200\/0\/default.jpg" alt="Folio 1 recto"/);
  });

  it('refuses an upload without its CSRF token, and one by a curator of another institution', async () => {
    expect((await uploadForm(curator, await jpeg(100, 100), {}, null)).statusCode).toBe(403);
    expect((await uploadForm(otherCurator, await jpeg(100, 100), {})).statusCode).toBe(403);
  });

  it('refuses a file that is not an image with a message on the page', async () => {
    const form = new FormData();
    form.append('file', new Blob(['inventory,title\n1,Sutra\n'], { type: 'text/csv' }), 'list.csv');
    const encoded = new Response(form);
    const res = await t.app.inject({
      method: 'POST',
      url: `/records/${record}/images?_csrf=${encodeURIComponent(curator.csrf)}`,
      headers: { cookie: curator.cookie, 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('role="alert"');
  });

  it('relabels, reorders and removes images', async () => {
    expect((await uploadForm(curator, await jpeg(300, 200), { label: 'Folio 2' })).statusCode).toBe(303);
    const list = async () => ((await (await t.app.inject({ url: `/api/v1/records/${record}/media`, headers: { cookie: curator.cookie } })).json()) as { items: { id: string; label: Record<string, string[]>; visibility: string }[] }).items;
    const [first, second] = await list();
    expect((await postForm(t.app, `/records/${record}/images/${second.id}`, { action: 'up', _csrf: curator.csrf }, curator.cookie)).statusCode).toBe(303);
    expect((await list()).map((m) => m.id)).toEqual([second.id, first.id]);
    expect((await postForm(t.app, `/records/${record}/images/${first.id}?lang=en`, { action: 'save', label: 'Folio 1 recto, restored', visibility: 'private', rights: '', _csrf: curator.csrf }, curator.cookie)).statusCode).toBe(303);
    const saved = (await list()).find((m) => m.id === first.id)!;
    expect(saved.label.en).toEqual(['Folio 1 recto, restored']);
    expect(saved.visibility).toBe('private');
    expect((await postForm(t.app, `/records/${record}/images/${second.id}`, { action: 'delete', _csrf: curator.csrf }, curator.cookie)).statusCode).toBe(303);
    expect((await list()).map((m) => m.id)).toEqual([first.id]);
    expect((await postForm(t.app, `/records/${record}/images/${first.id}`, { action: 'delete', _csrf: otherCurator.csrf }, otherCurator.cookie)).statusCode).toBe(403);
  });
});
