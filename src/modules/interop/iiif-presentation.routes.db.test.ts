import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { bearer, jpeg, png, runMediaJobs } from '../media/media.test-support';
import { presentationValidator } from './iiif-schema.test-support';

const LD = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"';
const BASE = 'http://localhost:3000';

describe(`IIIF Presentation API: Manifests (${TEST_DIALECT})`, () => {
  const validate = presentationValidator();
  let t: TestApp;
  let instA: string;
  let curatorA: { token: string };
  let curatorB: { token: string };
  let memberB: { token: string };
  let book: string;
  let folio: string;
  let cover: string;
  let secretImage: string;
  let pendingImage: string;
  let oddRights: string;
  let membersOnly: string;
  let privateOfA: string;
  let noImages: string;

  beforeAll(async () => {
    t = await buildTestApp();
    instA = (await newInstitution(t.store, { name: { en: ['Silk Road Museum'], zh: ['丝绸之路博物馆'] }, website: 'https://silkroad.example.org/' })).id;
    const instB = (await newInstitution(t.store, { country: 'FR' })).id;
    curatorA = await newUser(t.store, { role: 'curator', institutionId: instA });
    curatorB = await newUser(t.store, { role: 'curator', institutionId: instB });
    memberB = await newUser(t.store, { role: 'member', institutionId: instB });
    book = (
      await newRecord(t.store, {
        institutionId: instA,
        kind: 'rare-book',
        title: { en: ['Analects'], zh: ['论语'] },
        description: { en: ['A woodblock print of the Analects.'], zh: ['论语刻本。'] },
        agents: [{ name: { en: ['Confucius'], zh: ['孔子'] }, role: 'author' }],
        date: { display: '1368' },
        materials: [{ label: { en: ['paper'], zh: ['纸'] } }],
        identifiers: [{ type: 'call-number', value: 'SR 1368.1' }],
        languages: ['zh'],
        rights: 'https://rightsstatements.org/vocab/NoC-NC/1.0/',
      })
    ).id;
    oddRights = (await newRecord(t.store, { institutionId: instA, rights: 'https://silkroad.example.org/terms' })).id;
    membersOnly = (await newRecord(t.store, { institutionId: instA, visibility: 'members' })).id;
    privateOfA = (await newRecord(t.store, { institutionId: instA, visibility: 'private' })).id;
    noImages = (await newRecord(t.store, { institutionId: instA })).id;
    const up = async (record: string, body: Buffer, query = '', type = 'image/jpeg') => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/records/${record}/media?${query}`, headers: { ...bearer(curatorA.token), 'content-type': type }, payload: body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    folio = await up(book, await jpeg(1500, 1000), `label=${encodeURIComponent('{"en":["Folio 1"],"zh":["第一叶"]}')}&rights=http://creativecommons.org/publicdomain/zero/1.0/`);
    cover = await up(book, await png(600, 800), '', 'image/png');
    secretImage = await up(book, await jpeg(300, 200), 'visibility=private');
    // Not smaller: the media module cannot yet read back pyramids of images under about 26,000 pixels.
    for (const r of [oddRights, membersOnly, privateOfA]) await up(r, await jpeg(320, 240));
    await runMediaJobs(t.store, t.database.dataDir);
    pendingImage = await up(book, await jpeg(320, 240));
    // The cover goes first: canvases follow the images' positions, not their upload order.
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/media/${cover}`, headers: bearer(curatorA.token), payload: { position: 1 } });
    expect(moved.statusCode, moved.body).toBe(200);
  });
  afterAll(() => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

  it('answers a valid Manifest with a Canvas per visible ready image, in position order, sized like the image', async () => {
    const res = await get(`/iiif/manifest/${book}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(LD);
    const m = res.json();
    expect(validate(m)).toEqual([]);
    expect(m['@context']).toBe('http://iiif.io/api/presentation/3/context.json');
    expect(m.id).toBe(`${BASE}/iiif/manifest/${book}`);
    expect(m.items.map((c: { id: string }) => c.id)).toEqual([`${m.id}/canvas/${cover}`, `${m.id}/canvas/${folio}`]);
    const [c1, c2] = m.items;
    expect(c1).toMatchObject({ type: 'Canvas', width: 600, height: 800, label: { none: ['1'] } });
    expect(c2).toMatchObject({ width: 1500, height: 1000, label: { en: ['Folio 1'], zh: ['第一叶'] }, rights: 'http://creativecommons.org/publicdomain/zero/1.0/' });
    const annotation = c2.items[0].items[0];
    expect(annotation).toMatchObject({ type: 'Annotation', motivation: 'painting', target: c2.id });
    expect(annotation.body).toMatchObject({ type: 'Image', format: 'image/jpeg', width: 1500, height: 1000, id: `${BASE}/iiif/3/${folio}/full/max/0/default.jpg` });
    expect(annotation.body.service).toEqual([{ id: `${BASE}/iiif/3/${folio}`, type: 'ImageService3', profile: 'level2' }]);
    // The service really is the image's IIIF base.
    expect((await get(`/iiif/3/${folio}/info.json`)).json()).toMatchObject({ id: annotation.body.service[0].id, width: 1500, height: 1000 });
  });

  it('describes the record: multilingual label, summary and metadata, the institution, rights and links', async () => {
    const m = (await get(`/iiif/manifest/${book}`)).json();
    expect(m.label).toEqual({ en: ['Analects'], zh: ['论语'] });
    expect(m.summary).toEqual({ en: ['A woodblock print of the Analects.'], zh: ['论语刻本。'] });
    expect(m.requiredStatement).toEqual({
      label: expect.objectContaining({ en: ['Held by'], fr: [expect.any(String)], ar: [expect.any(String)] }),
      value: { en: ['Silk Road Museum'], zh: ['丝绸之路博物馆'] },
    });
    expect(m.rights).toBe('http://rightsstatements.org/vocab/NoC-NC/1.0/');
    expect(m.provider[0]).toMatchObject({ id: `${BASE}/institutions/${instA}`, type: 'Agent', label: { en: ['Silk Road Museum'], zh: ['丝绸之路博物馆'] } });
    expect(m.provider[0].homepage.map((h: { id: string }) => h.id)).toContain('https://silkroad.example.org/');
    expect(m.homepage).toEqual([{ id: `${BASE}/records/${book}`, type: 'Text', label: m.label, format: 'text/html' }]);
    expect(m.seeAlso[0]).toMatchObject({ id: `${BASE}/api/v1/records/${book}`, type: 'Dataset', format: 'application/json' });
    expect((await get(m.seeAlso[0].id.replace(BASE, ''))).statusCode).toBe(200);
    expect(m.thumbnail[0]).toMatchObject({ id: `${BASE}/media/${cover}/thumb/200.jpg`, type: 'Image', width: 200, height: 267 });
    expect(m).toMatchObject({ navDate: '1368-01-01T00:00:00Z', behavior: ['paged'], viewingDirection: 'left-to-right' });
    const byLabel = (en: string) => m.metadata.find((e: { label: { en: string[] } }) => e.label.en[0] === en);
    expect(Object.keys(byLabel('Kind of item').label).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    expect(byLabel('Kind of item').value.en).toEqual(['Rare book']);
    expect(byLabel('People and organisations').value).toEqual({ en: ['Confucius, author'], zh: ['孔子, author'] });
    expect(byLabel('Date').value).toEqual({ none: ['1368'] });
    expect(byLabel('Materials').value).toEqual({ en: ['paper'], zh: ['纸'] });
    expect(byLabel('Call number').value).toEqual({ none: ['SR 1368.1'] });
    expect(byLabel('Languages').value.en).toEqual(['Chinese']);
  });

  it('omits rights that are not a Creative Commons or rightsstatements.org URI, and shows them in metadata', async () => {
    const m = (await get(`/iiif/manifest/${oddRights}`)).json();
    expect(validate(m)).toEqual([]);
    expect(m.rights).toBeUndefined();
    expect(m.metadata).toContainEqual({ label: expect.objectContaining({ en: ['Rights'] }), value: { none: ['https://silkroad.example.org/terms'] } });
  });

  it('shows a private image only to its institution, and never a pending one', async () => {
    const canvases = async (headers: Record<string, string> = {}) => (await get(`/iiif/manifest/${book}`, headers)).json().items.map((c: { id: string }) => c.id.split('/').pop());
    expect(await canvases()).toEqual([cover, folio]);
    expect(await canvases(bearer(curatorB.token))).toEqual([cover, folio]);
    const own = await get(`/iiif/manifest/${book}`, bearer(curatorA.token));
    expect(validate(own.json())).toEqual([]);
    expect(own.json().items.map((c: { id: string }) => c.id.split('/').pop())).toEqual([cover, folio, secretImage]);
    expect(JSON.stringify(own.json())).not.toContain(pendingImage);
  });

  it('hides records from those who may not see them with a 404 like a missing record', async () => {
    const status = async (id: string, headers: Record<string, string> = {}) => (await get(`/iiif/manifest/${id}`, headers)).statusCode;
    expect(await status(membersOnly)).toBe(404);
    expect(await status(membersOnly, bearer(memberB.token))).toBe(200);
    expect(await status(privateOfA, bearer(curatorB.token))).toBe(404);
    expect(await status(privateOfA, bearer(memberB.token))).toBe(404);
    expect(await status(privateOfA, bearer(curatorA.token))).toBe(200);
    const hidden = await get(`/iiif/manifest/${privateOfA}`);
    const missing = await get('/iiif/manifest/no-such-record');
    expect(hidden.json()).toEqual({ error: { code: 'RECORD_NOT_FOUND', message: `No record "${privateOfA}"` } });
    expect(missing.json().error.code).toBe('RECORD_NOT_FOUND');
    expect(hidden.headers['content-type']).toMatch(/^application\/json/);
  });

  it('has no Manifest for a record without an image to show (a Manifest needs a Canvas)', async () => {
    const res = await get(`/iiif/manifest/${noImages}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('answers with an ETag (304 when unchanged, new when an image changes), CORS and caching fit for who asks', async () => {
    const first = await get(`/iiif/manifest/${book}`);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    const head = await t.app.inject({ method: 'HEAD', url: `/iiif/manifest/${book}` });
    expect(head.statusCode).toBe(200);
    expect(head.headers.etag).toBe(etag);
    const again = await get(`/iiif/manifest/${book}`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const signedIn = await get(`/iiif/manifest/${book}`, bearer(curatorB.token));
    expect(signedIn.headers['cache-control']).toMatch(/^private/);
    expect(signedIn.headers.vary).toMatch(/Authorization/);
    const plain = await get(`/iiif/manifest/${book}`, { accept: 'application/json' });
    expect(plain.headers['content-type']).toBe('application/json');
    expect(plain.headers.etag).not.toBe(etag);
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/media/${folio}`, headers: bearer(curatorA.token), payload: { label: { en: ['Folio 1 recto'] } } });
    expect(patched.statusCode).toBe(200);
    const changed = await get(`/iiif/manifest/${book}`, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().items[1].label).toEqual({ en: ['Folio 1 recto'] });
    const preflight = await t.app.inject({ method: 'OPTIONS', url: `/iiif/manifest/${book}`, headers: { origin: 'https://viewer.example.org', 'access-control-request-method': 'GET' } });
    expect(preflight.statusCode).toBe(204);
  });

  it('documents its routes in the OpenAPI description under the iiif tag', async () => {
    const paths = (await get('/api/openapi.json')).json().paths;
    for (const p of ['/iiif/manifest/{recordId}', '/iiif/collection/top', '/iiif/collection/institution/{id}', '/iiif/collection/institution/{id}/{part}']) {
      expect(paths[p]?.get?.tags, p).toEqual(['iiif']);
    }
  });
});
