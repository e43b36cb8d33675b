import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { bearer, jpeg, runMediaJobs } from '../media/media.test-support';
import { presentationValidator } from '../interop/iiif-schema.test-support';
import { postForm, signInBrowser } from '../../../test/helpers/browser-session';

type User = Awaited<ReturnType<typeof newUser>>;
const BASE = 'http://localhost:3000';
const REMOTE = 'https://images.holder.example/iiif/3/pelliot-chinois-2001';

describe(`reunited works (${TEST_DIALECT})`, () => {
  const validate = presentationValidator();
  let t: TestApp;
  let instA: string;
  let instB: string;
  let curatorA: User;
  let curatorB: User;
  let recA: string;
  let recB: string;
  let recRemote: string;
  let recPrivate: string;
  let mediaA: string;
  let mediaB: string;
  let workId: string;

  const image = async (recordId: string, who: User): Promise<string> => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/records/${recordId}/media`, headers: { ...bearer(who.token), 'content-type': 'image/jpeg' }, payload: await jpeg(600, 400) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    instA = (await newInstitution(t.store, { name: { en: ['Dunhuang Academy'] }, country: 'CN' })).id;
    instB = (await newInstitution(t.store, { name: { en: ['British Library'] }, country: 'GB' })).id;
    const instC = (await newInstitution(t.store, { name: { en: ['National Library of France'] }, country: 'FR' })).id;
    curatorA = await newUser(t.store, { role: 'curator', institutionId: instA });
    curatorB = await newUser(t.store, { role: 'curator', institutionId: instB });
    recA = (await newRecord(t.store, { institutionId: instA, kind: 'manuscript', title: { en: ['Sutra, fragment 1'] } })).id;
    recB = (await newRecord(t.store, { institutionId: instB, kind: 'manuscript', title: { en: ['Sutra, fragment 2'] } })).id;
    recRemote = (await newRecord(t.store, { institutionId: instC, kind: 'manuscript', title: { en: ['Sutra, fragment 3'] } })).id;
    recPrivate = (await newRecord(t.store, { institutionId: instA, kind: 'manuscript', title: { en: ['Sutra, fragment 4 (in conservation)'] }, visibility: 'private' })).id;
    mediaA = await image(recA, curatorA);
    mediaB = await image(recB, curatorB);
    await image(recPrivate, curatorA);
    await runMediaJobs(t.store, t.database.dataDir);
  });
  afterAll(() => t.close());

  it('refuses an incomplete work and says which field is wrong', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/reunited', payload: { institutionId: instA, title: { en: ['x'] } } })).statusCode).toBe(401);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reunited',
      headers: bearer(curatorA.token),
      payload: { institutionId: instA, title: { en: ['Sutra'] }, history: [{ date: 'around 1907', place: 'Dunhuang', note: {} }], fragments: [{ recordId: recA, imageService: 'http://insecure.example/iiif/x' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.problems.map((p: { field: string }) => p.field).sort()).toEqual(['fragments', 'fragments/0/height', 'fragments/0/imageService', 'fragments/0/width', 'history/0/date']);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/reunited', headers: bearer(curatorB.token), payload: { institutionId: instA, title: { en: ['x'] }, fragments: [{ recordId: recA }, { recordId: recB }] } })).statusCode).toBe(403);
  });

  it('gathers fragments from three holders, one on its own image server, and hides the private one from the public', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reunited',
      headers: bearer(curatorA.token),
      payload: {
        institutionId: instA,
        title: { en: ['The Sutra of Cave 17'], zh: ['藏经洞佛经'] },
        summary: { en: ['One scroll, now in three countries.'] },
        history: [
          { date: '1900', place: 'Mogao Cave 17', lat: 40.04, lon: 94.81, note: { en: ['The library cave is opened.'] } },
          { date: '1907/1908', place: 'London', lat: 51.53, lon: -0.13, note: { en: ['Part of the scroll leaves for London.'] } },
        ],
        fragments: [{ recordId: recA }, { recordId: recB }, { recordId: recRemote, imageService: `${REMOTE}/`, width: 4000, height: 1200 }, { recordId: recPrivate }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    workId = res.json().id;
    expect(res.json().fragments.map((f: { recordId: string }) => f.recordId)).toEqual([recA, recB, recRemote, recPrivate]);
    const pub = await t.app.inject({ url: `/api/v1/reunited/${workId}` });
    expect(pub.json().fragments.map((f: { recordId: string }) => f.recordId)).toEqual([recA, recB, recRemote]);
    expect(pub.json().fragments[2]).toMatchObject({ imageService: REMOTE, width: 4000, height: 1200 });
  });

  it('combines the fragments’ canvases in one Manifest that validates and points at each holder’s image service', async () => {
    const res = await t.app.inject({ url: `/iiif/manifest/reunited/${workId}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    const manifest = res.json();
    expect(validate(manifest)).toEqual([]);
    const services = manifest.items.map((c: { items: { items: { body: { service: { id: string }[] } }[] }[] }) => c.items[0].items[0].body.service[0].id);
    expect(services).toEqual([`${BASE}/iiif/3/${mediaA}`, `${BASE}/iiif/3/${mediaB}`, REMOTE]);
    expect(manifest.items[2]).toMatchObject({ width: 4000, height: 1200 });
    expect(manifest.provider.map((p: { id: string }) => p.id)).toHaveLength(3);
    expect(manifest.homepage[0].id).toBe(`${BASE}/reunited/${workId}`);
    expect(JSON.stringify(manifest)).not.toContain('fragment 4');
    const staff = (await t.app.inject({ url: `/iiif/manifest/reunited/${workId}`, headers: bearer(curatorA.token) })).json();
    expect(validate(staff)).toEqual([]);
    expect(staff.items).toHaveLength(4);
    expect((await t.app.inject({ url: '/iiif/manifest/reunited/rw-nothing' })).statusCode).toBe(404);
  });

  it('shows its page with the fragments side by side, the dispersal history, and links from each fragment’s record page', async () => {
    const page = await t.app.inject({ url: `/reunited/${workId}?lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The Sutra of Cave 17');
    expect(page.body).toContain(`/compare?records=${recA},${recB},${recRemote}`);
    expect(page.body).toContain(`${REMOTE}/full/640,/0/default.jpg`);
    expect(page.headers['content-security-policy']).toContain('https://images.holder.example');
    expect(page.body).toContain('Part of the scroll leaves for London.');
    expect(page.body).not.toContain('fragment 4');
    const record = (await t.app.inject({ url: `/records/${recB}?lang=en` })).body;
    expect(record).toContain('Part of a reunited work');
    expect(record).toContain(`href="/reunited/${workId}"`);
    expect((await t.app.inject({ url: '/reunited/rw-nothing' })).statusCode).toBe(404);
  });

  it('gathers and edits a work through its form without JavaScript, keeping fragments the editor cannot see', async () => {
    const a = await signInBrowser(t.app, curatorA.email);
    const b = await signInBrowser(t.app, curatorB.email);
    const form = await t.app.inject({ url: '/reunited/new?lang=en', headers: { cookie: b.cookie } });
    expect(form.body).toContain(`<option value="${instB}"`);
    expect(form.body).not.toContain(`<option value="${instA}"`);
    const fields = { _csrf: b.csrf, institutionId: instB, lang: 'en', title: 'Two halves of a sutra', summary: '', fragments: `${recB}\n${recRemote} | ${REMOTE} | 4000 | 1200`, history: 'in 1907 | London' };
    const refused = await postForm(t.app, '/reunited/new', fields, b.cookie);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="rw-history-error"');
    expect(refused.body).toContain('Two halves of a sutra');
    const created = await postForm(t.app, '/reunited/new', { ...fields, history: '1907 | London | 51.5 | -0.13 | Reaches the British Museum.' }, b.cookie);
    expect(created.statusCode).toBe(303);
    const id = created.headers.location!.split('/').pop()!;
    const page = (await t.app.inject({ url: `/reunited/${id}?lang=en`, headers: { cookie: b.cookie } })).body;
    expect(page).toContain('Reaches the British Museum.');
    expect(page).toContain(`href="/reunited/${id}/edit"`);
    expect((await t.app.inject({ url: `/reunited/${id}/edit?lang=en`, headers: { cookie: a.cookie } })).statusCode).toBe(403);
    // Curator A adds its private fragment through the API; curator B, who cannot see it, edits the list without it.
    const withPrivate = await t.app.inject({ method: 'PATCH', url: `/api/v1/reunited/${id}`, headers: bearer(curatorB.token), payload: { fragments: [{ recordId: recB }, { recordId: recPrivate }] } });
    expect(withPrivate.statusCode).toBe(400);
    const edit = await t.app.inject({ url: `/reunited/${id}/edit?lang=en`, headers: { cookie: b.cookie } });
    expect(edit.body).toContain(`${recRemote} | ${REMOTE} | 4000 | 1200`);
    const saved = await postForm(t.app, `/reunited/${id}/edit`, { _csrf: b.csrf, lang: 'fr', title: 'Deux moitiés d’un sutra', summary: '', fragments: `${recRemote} | ${REMOTE} | 4000 | 1200\n${recB}`, history: '1907 | Londres | 51.5 | -0.13 | Arrive au British Museum.' }, b.cookie);
    expect(saved.statusCode).toBe(303);
    const json = (await t.app.inject({ url: `/api/v1/reunited/${id}` })).json();
    expect(json.title).toEqual({ en: ['Two halves of a sutra'], fr: ['Deux moitiés d’un sutra'] });
    expect(json.fragments.map((f: { recordId: string }) => f.recordId)).toEqual([recRemote, recB]);
    expect(json.history[0].note).toEqual({ en: ['Reaches the British Museum.'], fr: ['Arrive au British Museum.'] });
  });

  it('keeps, on an edit by someone who cannot see them, the fragments hidden from that editor', async () => {
    const admin = await newUser(t.store, { admin: true });
    const made = await t.app.inject({ method: 'POST', url: '/api/v1/reunited', headers: bearer(admin.token), payload: { institutionId: instB, title: { en: ['With a private part'] }, fragments: [{ recordId: recB }, { recordId: recPrivate }] } });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    const edited = await t.app.inject({ method: 'PATCH', url: `/api/v1/reunited/${id}`, headers: bearer(curatorB.token), payload: { fragments: [{ recordId: recRemote }, { recordId: recB }] } });
    expect(edited.json().fragments.map((f: { recordId: string }) => f.recordId)).toEqual([recRemote, recB]);
    expect((await t.app.inject({ url: `/api/v1/reunited/${id}`, headers: bearer(admin.token) })).json().fragments.map((f: { recordId: string }) => f.recordId)).toEqual([recRemote, recB, recPrivate]);
  });

  it('lets only curators of its institution change or delete it', async () => {
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/reunited/${workId}`, headers: bearer(curatorB.token), payload: { title: { en: ['Mine now'] } } })).statusCode).toBe(403);
    const renamed = await t.app.inject({ method: 'PATCH', url: `/api/v1/reunited/${workId}`, headers: bearer(curatorA.token), payload: { title: { en: ['The Lotus Sutra of Cave 17'] } } });
    expect(renamed.json().title).toEqual({ en: ['The Lotus Sutra of Cave 17'] });
    expect(renamed.json().fragments).toHaveLength(4);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/reunited/${workId}`, headers: bearer(curatorA.token) })).statusCode).toBe(204);
    expect((await t.app.inject({ url: `/records/${recB}?lang=en` })).body).not.toContain(`href="/reunited/${workId}"`);
    expect((await t.app.inject({ url: `/api/v1/reunited/${workId}` })).statusCode).toBe(404);
  });
});
