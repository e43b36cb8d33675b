import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { bearer, jpeg, runMediaJobs } from '../media/media.test-support';
import { presentationValidator } from '../interop/iiif-schema.test-support';

type User = Awaited<ReturnType<typeof newUser>>;

describe(`exhibitions: co-curation, approvals and per-language publication (${TEST_DIALECT})`, () => {
  const validate = presentationValidator();
  let t: TestApp;
  let instA: string;
  let instB: string;
  let instC: string;
  let curatorA: User;
  let curatorB: User;
  let curatorC: User;
  let memberC: User;
  let recA: string;
  let recB: string;
  let recC: string;
  let exId: string;
  let slug: string;
  let ch1: string;
  let ch2: string;

  const api = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, who?: User, payload?: object) =>
    t.app.inject({ method, url, ...(who ? { headers: bearer(who.token) } : {}), ...(payload ? { payload } : {}) });
  const image = async (recordId: string, who: User) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/records/${recordId}/media`, headers: { ...bearer(who.token), 'content-type': 'image/jpeg' }, payload: await jpeg(640, 480) });
    expect(res.statusCode, res.body).toBe(201);
  };

  beforeAll(async () => {
    t = await buildTestApp();
    instA = (await newInstitution(t.store, { name: { en: ['Dunhuang Academy'], zh: ['敦煌研究院'] }, country: 'CN' })).id;
    instB = (await newInstitution(t.store, { name: { en: ['British Library'] }, country: 'GB' })).id;
    instC = (await newInstitution(t.store, { name: { en: ['National Library of France'], fr: ['Bibliothèque nationale de France'] }, country: 'FR' })).id;
    curatorA = await newUser(t.store, { role: 'curator', institutionId: instA });
    curatorB = await newUser(t.store, { role: 'curator', institutionId: instB });
    curatorC = await newUser(t.store, { role: 'curator', institutionId: instC });
    memberC = await newUser(t.store, { role: 'member', institutionId: instC });
    recA = (await newRecord(t.store, { institutionId: instA, kind: 'manuscript', title: { en: ['Lotus Sutra scroll'] }, places: [{ name: { en: ['Dunhuang'] }, lat: 40.14, lon: 94.66 }] } as never)).id;
    recB = (await newRecord(t.store, { institutionId: instB, kind: 'manuscript', title: { en: ['Diamond Sutra'] } })).id;
    recC = (await newRecord(t.store, { institutionId: instC, kind: 'manuscript', title: { en: ['Pelliot manuscript'] }, visibility: 'members' })).id;
    await image(recA, curatorA);
    await image(recB, curatorB);
    await image(recC, curatorC);
    await runMediaJobs(t.store, t.database.dataDir);
  });
  afterAll(() => t.close());

  it('lets a curator start an exhibition and invite a second institution to co-curate it, hidden from everyone else', async () => {
    const created = await api('POST', '/api/v1/exhibitions', curatorA, { institutionId: instA, title: { en: ['Scattered Scriptures'], fr: ['Écritures dispersées'] }, summary: { en: ['Manuscripts from one cave.'], fr: ['Manuscrits d’une même grotte.'] } });
    expect(created.statusCode, created.body).toBe(201);
    exId = created.json().id;
    slug = created.json().slug;
    expect(slug).toBe('scattered-scriptures');
    expect(created.json().languages).toEqual([expect.objectContaining({ lang: 'en', published: false }), expect.objectContaining({ lang: 'fr', published: false })]);
    expect((await api('POST', '/api/v1/exhibitions', curatorA, { institutionId: instB, title: { en: ['Not mine'] } })).statusCode).toBe(403);
    expect((await api('POST', `/api/v1/exhibitions/${exId}/curators`, curatorA, { institutionId: instB })).json().curators).toEqual([instA, instB]);
    // A draft is as absent as a missing exhibition to the public and to other institutions.
    expect((await api('GET', `/api/v1/exhibitions/${slug}`)).statusCode).toBe(404);
    expect((await api('GET', `/api/v1/exhibitions/${exId}/draft`, curatorC)).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/exhibitions/${slug}` })).statusCode).toBe(404);
    expect((await api('GET', '/api/v1/exhibitions')).json().items).toEqual([]);
    expect((await api('GET', '/api/v1/exhibitions', curatorB)).json().items.map((x: { id: string }) => x.id)).toEqual([exId]);
  });

  it('places records of three institutions; the non-public one asks its holder, who refuses and later grants', async () => {
    let draft = (await api('POST', `/api/v1/exhibitions/${exId}/chapters`, curatorA, { title: { en: ['The cave'], fr: ['La grotte'] }, layout: 'text-image', body: { en: ['In **1900** the [library cave](https://idp.bl.uk/) was opened.\n\n<script>alert(1)</script>'] } })).json();
    ch1 = draft.chapters[0].id;
    draft = (await api('POST', `/api/v1/exhibitions/${exId}/chapters`, curatorB, { title: { en: ['Dispersal'] }, layout: 'grid' })).json();
    ch2 = draft.chapters[1].id;
    expect((await api('POST', `/api/v1/exhibitions/${exId}/items`, curatorA, { chapterId: ch1, recordId: recA, region: '0,0,320,240', caption: { en: ['A detail of the scroll'] } })).statusCode).toBe(201);
    expect((await api('POST', `/api/v1/exhibitions/${exId}/items`, curatorB, { chapterId: ch2, recordId: recB })).statusCode).toBe(201);
    const bad = await api('POST', `/api/v1/exhibitions/${exId}/items`, curatorB, { chapterId: ch2, recordId: 'r-nothing', region: 'everywhere' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.problems.map((p: { field: string }) => p.field).sort()).toEqual(['recordId', 'region']);
    const added = await api('POST', `/api/v1/exhibitions/${exId}/items`, curatorB, { chapterId: ch2, recordId: recC });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().approvals).toEqual([expect.objectContaining({ recordId: recC, institutionId: instC, status: 'pending' })]);

    // Only curators of the holder see and answer the request.
    expect((await api('GET', '/api/v1/exhibitions/approvals', curatorC)).json().items).toEqual([expect.objectContaining({ recordId: recC, status: 'pending' })]);
    expect((await api('GET', '/api/v1/exhibitions/approvals', curatorB)).json().items).toEqual([]);
    expect((await api('GET', '/api/v1/exhibitions/approvals', memberC)).json().items).toEqual([]);
    expect((await api('PUT', `/api/v1/exhibitions/${exId}/approvals/${recC}`, curatorB, { decision: 'granted' })).statusCode).toBe(404);
    expect((await api('PUT', `/api/v1/exhibitions/${exId}/approvals/${recC}`, memberC, { decision: 'granted' })).statusCode).toBe(404);
    const refused = await api('PUT', `/api/v1/exhibitions/${exId}/approvals/${recC}`, curatorC, { decision: 'refused', note: 'Under conservation' });
    expect(refused.json()).toMatchObject({ status: 'refused', note: 'Under conservation' });
  });

  it('publishes one language version while another is still draft, through review, by the lead institution', async () => {
    expect((await api('POST', `/api/v1/exhibitions/${exId}/status`, curatorB, { action: 'publish' })).statusCode).toBe(409);
    expect((await api('POST', `/api/v1/exhibitions/${exId}/status`, curatorB, { action: 'submit' })).json().status).toBe('review');
    const none = await api('POST', `/api/v1/exhibitions/${exId}/status`, curatorA, { action: 'publish' });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.problems[0].field).toBe('languages');
    expect((await api('PUT', `/api/v1/exhibitions/${exId}/languages/en`, curatorB, { published: true })).json().languages).toEqual([expect.objectContaining({ lang: 'en', published: true }), expect.objectContaining({ lang: 'fr', published: false })]);
    expect((await api('PUT', `/api/v1/exhibitions/${exId}/languages/ru`, curatorB, { published: true })).statusCode).toBe(400);
    expect((await api('POST', `/api/v1/exhibitions/${exId}/status`, curatorB, { action: 'publish' })).statusCode).toBe(403);
    expect((await api('POST', `/api/v1/exhibitions/${exId}/status`, curatorA, { action: 'publish' })).json().status).toBe('published');

    const en = await api('GET', `/api/v1/exhibitions/${slug}?lang=en`);
    expect(en.statusCode).toBe(200);
    expect(en.json()).toMatchObject({ lang: 'en', languages: ['en'], title: 'Scattered Scriptures' });
    expect(en.json().chapters.map((c: { items: { recordId: string }[] }) => c.items.map((i) => i.recordId))).toEqual([[recA], [recB]]);
    // The French version is still a draft: the public gets the English one, and no French text anywhere.
    const fr = await api('GET', `/api/v1/exhibitions/${slug}?lang=fr`);
    expect(fr.json()).toMatchObject({ lang: 'en', title: 'Scattered Scriptures' });
    const listed = (await api('GET', '/api/v1/exhibitions')).json().items;
    expect(listed).toEqual([expect.objectContaining({ id: exId, title: { en: ['Scattered Scriptures'] }, languages: [expect.objectContaining({ lang: 'en' })] })]);
    const page = await t.app.inject({ url: `/exhibitions/${slug}?lang=fr` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('n’est pas encore disponible en');
    expect(page.body).not.toContain('Écritures dispersées');
    expect(page.body).not.toContain('La grotte');
    // Its curators preview the French draft.
    const preview = await t.app.inject({ url: `/api/v1/exhibitions/${slug}?lang=fr`, headers: bearer(curatorB.token) });
    expect(preview.json()).toMatchObject({ lang: 'fr', title: 'Écritures dispersées' });

    await api('PUT', `/api/v1/exhibitions/${exId}/languages/fr`, curatorA, { published: true });
    expect((await api('GET', `/api/v1/exhibitions/${slug}?lang=fr`)).json()).toMatchObject({ lang: 'fr', title: 'Écritures dispersées', languages: ['en', 'fr'] });
  });

  it('shows a refused record to nobody but the curators, and a granted one as a catalogue entry to the exhibition’s audience', async () => {
    const itemsOf = async (who?: User) => (await api('GET', `/api/v1/exhibitions/${slug}?lang=en`, who)).json().chapters.flatMap((c: { items: object[] }) => c.items);
    expect((await itemsOf()).map((i: { recordId: string }) => i.recordId)).toEqual([recA, recB]);
    expect((await itemsOf(curatorC)).map((i: { recordId: string }) => i.recordId)).toEqual([recA, recB, recC]);
    await api('PUT', `/api/v1/exhibitions/${exId}/approvals/${recC}`, curatorC, { decision: 'granted' });
    const items = await itemsOf();
    expect(items.map((i: { recordId: string; access: string }) => [i.recordId, i.access])).toEqual([[recA, 'full'], [recB, 'full'], [recC, 'entry']]);
    expect(items[2].mediaId).toBeNull();
    const page = (await t.app.inject({ url: `/exhibitions/${slug}?lang=en` })).body;
    expect(page).toContain('Pelliot manuscript');
    expect(page).not.toContain(`href="/records/${recC}"`);
    expect(page).toContain('Shown with the permission of its holder');
    // Images at several widths from the IIIF server, lazy; the detail as a IIIF region.
    expect(page).toMatch(/srcset="\/iiif\/3\/[^/]+\/0,0,320,240\/320,\/0\/default\.jpg 320w"/);
    expect(page).toContain('loading="lazy"');
    expect(page).toContain('<strong>1900</strong>');
    expect(page).toContain('<a href="https://idp.bl.uk/" rel="noopener">library cave</a>');
    expect(page).not.toContain('<script>alert');
    // The IIIF Collection lists the Manifests the reader may see: approval opens no Manifest.
    const collection = await api('GET', `/iiif/collection/exhibition/${exId}`);
    expect(collection.headers['content-type']).toContain('application/ld+json');
    expect(validate(collection.json())).toEqual([]);
    expect(collection.json().items.map((m: { id: string }) => m.id)).toEqual([`http://localhost:3000/iiif/manifest/${recA}`, `http://localhost:3000/iiif/manifest/${recB}`]);
  });

  it('drops a record made private later from the public exhibition and its IIIF Collection, at once', async () => {
    const put = await t.app.inject({ method: 'PUT', url: `/api/v1/records/${recB}`, headers: { ...bearer(curatorB.token), 'if-match': '"1"' }, payload: { institutionId: instB, kind: 'manuscript', title: { en: ['Diamond Sutra'] }, visibility: 'private' } });
    expect(put.statusCode, put.body).toBe(200);
    const items = (await api('GET', `/api/v1/exhibitions/${slug}`)).json().chapters.flatMap((c: { items: { recordId: string }[] }) => c.items.map((i) => i.recordId));
    expect(items).toEqual([recA, recC]);
    expect((await t.app.inject({ url: `/exhibitions/${slug}?lang=en` })).body).not.toContain('Diamond Sutra');
    expect((await api('GET', `/iiif/collection/exhibition/${exId}`)).json().items.map((m: { id: string }) => m.id)).toEqual([`http://localhost:3000/iiif/manifest/${recA}`]);
    expect((await api('GET', `/api/v1/exhibitions/${slug}`, curatorB)).json().chapters[1].items.map((i: { recordId: string }) => i.recordId)).toEqual([recB, recC]);
  });

  it('lists events on the exhibition and in the calendar feed, and links the exhibition from its records’ pages', async () => {
    const bad = await api('POST', `/api/v1/exhibitions/${exId}/events`, curatorA, { kind: 'opening', title: {}, startsAt: 'tomorrow', url: 'javascript:x' });
    expect(bad.json().error.problems.map((p: { field: string }) => p.field).sort()).toEqual(['startsAt', 'title', 'url']);
    const added = await api('POST', `/api/v1/exhibitions/${exId}/events`, curatorA, { kind: 'live-stream', title: { en: ['Curators’ live tour'] }, startsAt: '2099-03-01T10:00:00Z', endsAt: '2099-03-01T11:00:00Z', url: 'https://live.example.org/tour' });
    expect(added.statusCode, added.body).toBe(201);
    const feed = (await api('GET', '/api/v1/exhibitions/events')).json().items;
    expect(feed).toEqual([expect.objectContaining({ kind: 'live-stream', exhibitionSlug: slug, startsAt: '2099-03-01T10:00:00.000Z' })]);
    // The alliance calendar lists it in its month, linking the exhibition, and its iCalendar feed carries it.
    const month = (await api('GET', '/api/v1/events?month=2099-03')).json();
    expect(month.items).toEqual([expect.objectContaining({ kind: 'livestream', title: { en: ['Curators’ live tour'] }, source: { kind: 'exhibition', id: exId }, page: `/exhibitions/${slug}` })]);
    expect((await t.app.inject({ url: '/events?month=2099-03&lang=en' })).body).toContain(`href="/exhibitions/${slug}"`);
    const ics = (await t.app.inject({ url: '/events.ics' })).body;
    expect(ics).toContain('SUMMARY:Curators’ live tour');
    expect(ics).toContain(`/exhibitions/${slug}`);
    const page = (await t.app.inject({ url: `/exhibitions/${slug}?lang=en` })).body;
    expect(page).toContain('Curators’ live tour');
    expect(page).toContain('href="https://live.example.org/tour" rel="noopener"');
    const record = (await t.app.inject({ url: `/records/${recA}?lang=en` })).body;
    expect(record).toContain('Shown in exhibition');
    expect(record).toContain(`href="/exhibitions/${slug}"`);
    // The home page features it while it is on view.
    expect((await t.app.inject({ url: '/?lang=en' })).body).toContain(`href="/exhibitions/${slug}"`);
    // Unpublished, it is gone from the public and from its records' pages.
    expect((await api('POST', `/api/v1/exhibitions/${exId}/status`, curatorB, { action: 'unpublish' })).json().status).toBe('unpublished');
    expect((await api('GET', `/api/v1/exhibitions/${slug}`)).statusCode).toBe(404);
    expect((await api('GET', '/api/v1/exhibitions/events')).json().items).toEqual([]);
    expect((await api('GET', '/api/v1/events?month=2099-03')).json().items).toEqual([]);
    expect((await t.app.inject({ url: `/records/${recA}?lang=en` })).body).not.toContain('Shown in exhibition');
    expect((await t.app.inject({ url: '/?lang=en' })).body).not.toContain(`href="/exhibitions/${slug}"`);
  });
});
