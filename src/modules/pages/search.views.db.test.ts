import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import { PUBLIC } from '../accounts/actor';
import { nowIso } from '../../shared/ids';
import { searchRecords } from '../search/search.service';
import { inlineSearchRunner } from '../search/search.runner';

describe('search views: grid, map of all results, and country pages', () => {
  let t: TestApp;
  let curator: BrowserSession;
  let mineId: string;
  let imaged: string;
  const get = (url: string, who?: BrowserSession) => t.app.inject({ url, ...(who ? { headers: { cookie: who.cookie } } : {}) });
  const place = (lat: number, lon: number) => [{ name: { en: ['Place'] }, lat, lon }];

  beforeAll(async () => {
    t = await buildTestApp();
    const mine = await newInstitution(t.store, { name: { en: ['Dunhuang Academy'] }, country: 'CN', lat: 40.1, lon: 94.7 });
    const theirs = await newInstitution(t.store, { name: { en: ['British Library'] }, country: 'GB' });
    mineId = mine.id;
    // Three public records in one cell near Dunhuang, one in London, one without a place, and a private one in Samarkand.
    for (const [lat, lon] of [[40.1, 94.6], [40.2, 94.8], [41, 95]]) await newRecord(t.store, { institutionId: mine.id, title: { en: ['Sutra fragment'] }, places: place(lat, lon) });
    await newRecord(t.store, { institutionId: theirs.id, title: { en: ['Sutra scroll'] }, places: place(51.5, -0.12) });
    await newRecord(t.store, { institutionId: theirs.id, title: { en: ['Sutra without place'] } });
    await newRecord(t.store, { institutionId: mine.id, title: { en: ['Secret sutra'] }, visibility: 'private', places: place(39.6, 66.9) });
    imaged = (await newRecord(t.store, { institutionId: mine.id, title: { en: ['Painted banner'] } })).id;
    const hidden = (await newRecord(t.store, { institutionId: mine.id, title: { en: ['Banner with a private image'] } })).id;
    const now = nowIso();
    const media = (id: string, recordId: string, visibility: string) => ({
      id, record_id: recordId, institution_id: mine.id, position: 1, label: '{}', rights: null, visibility, embargo_until: null, mime: 'image/jpeg', original_name: null,
      bytes: 1, sha256: id, width: 800, height: 600, status: 'ready', error: null, storage_key: `k-${id}`, created_at: now, updated_at: now, created_by: null,
    });
    await t.store.db.insertInto('media').values([media('img-open', imaged, 'public'), media('img-secret', hidden, 'private')]).execute();
    await t.store.db.updateTable('record').set({ has_media: 1 }).where('id', 'in', [imaged, hidden]).execute();
    curator = await signInBrowser(t.app, (await newUser(t.store, { role: 'curator', institutionId: mine.id })).email);
  });
  afterAll(() => t?.close());

  it('maps all matching records with a place in cells that link to a search within them, not counting a private record', async () => {
    const res = await get('/search?q=sutra&view=map&lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Map of the 4 results with a place');
    expect(res.body).toContain('1 result has no place and is not on the map.');
    // Cells of 10°: the three Dunhuang records fall in 40–50° N, 90–100° E.
    expect(res.body).toContain('href="/search?q=sutra&amp;bbox=90%2C40%2C100%2C50&amp;view=map"');
    expect(res.body).toContain('aria-label="3 records in this area: show them"');
    expect(res.body).not.toContain('bbox=60%2C30%2C70%2C40');
    expect(res.body).not.toContain('view=map" download');
    // Its curator sees the private record on the map too.
    const staff = await get('/search?q=sutra&view=map&lang=en', curator);
    expect(staff.body).toContain('Map of the 5 results with a place');
    expect(staff.body).toContain('bbox=60%2C30%2C70%2C40');
  });

  it('zooms into a cell with finer cells, and leads back to the whole world', async () => {
    const res = await get('/search?q=sutra&bbox=90,40,100,50&view=map&lang=en');
    expect(res.body).toContain('Map of the 3 results with a place');
    expect(res.body).toContain('bbox=94.5%2C40%2C95%2C40.5'); // 0.5° cells inside a 10° box
    expect(res.body).toContain('href="/search?q=sutra&amp;view=map">Show the whole world</a>');
  });

  it('answers the same cells from the in-memory engine and the SQL reference path, over the API too', async () => {
    const params = { q: 'sutra', geoCell: 10, facets: [] as [], limit: 0 };
    const engine = await inlineSearchRunner(t.store).search(PUBLIC, params);
    const reference = await searchRecords(t.store, PUBLIC, params);
    expect(engine.geo?.map((c) => [c.count, c.bbox])).toEqual(reference.geo?.map((c) => [c.count, c.bbox]));
    expect(engine.geo?.reduce((n, c) => n + c.count, 0)).toBe(4);
    expect((await searchRecords(t.store, SYSTEM_ADMIN, params)).geo?.reduce((n, c) => n + c.count, 0)).toBe(5);
    const api = await get('/api/v1/search?q=sutra&geoCell=10&limit=0&facets=none');
    expect(api.json().geo).toEqual(engine.geo);
    expect((await get('/api/v1/search?q=sutra&geoCell=3')).statusCode).toBe(400);
  });

  it('shows a grid of IIIF thumbnails with srcset, lazily loaded, and never a private image', async () => {
    const res = await get('/search?q=banner&view=grid&lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="record-grid"');
    expect(res.body).toContain('src="/iiif/3/img-open/full/400,/0/default.jpg"');
    expect(res.body).toContain('/iiif/3/img-open/full/200,/0/default.jpg 200w, /iiif/3/img-open/full/400,/0/default.jpg 400w, /iiif/3/img-open/full/600,/0/default.jpg 600w');
    expect(res.body).toContain('loading="lazy"');
    expect(res.body).not.toContain('img-secret');
    expect(res.body).toContain('No image');
    // The view stays in every link that changes the search.
    expect(res.body).toMatch(/href="\/search\?q=banner&amp;kind=object&amp;view=grid"/);
    expect(res.body).toContain('aria-current="page">Grid</a>');
  });

  it('lists the countries with their institutions and counts, and a country’s holdings', async () => {
    const list = await get('/countries?lang=en');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/countries/CN">China</a>');
    expect(list.body).toContain('href="/countries/GB">United Kingdom</a>');
    expect(list.body).toMatch(/China<\/a><\/h2><p class="country-card-meta"><span>1 institution<\/span><span>5 records<\/span>/);
    const cn = await get('/countries/CN?lang=en');
    expect(cn.statusCode).toBe(200);
    expect(cn.body).toContain('Dunhuang Academy');
    expect(cn.body).toContain('href="/search?country=CN"');
    expect(cn.body).toContain('Records with images');
    expect(cn.body).toContain('/iiif/3/img-open/full/');
    expect(cn.body).not.toContain('Secret sutra');
    expect((await get('/countries/cn')).headers.location).toBe('/countries/CN');
    expect((await get('/countries/FR')).statusCode).toBe(404);
    expect((await get('/countries/XX')).statusCode).toBe(404);
    expect((await get('/institutions?lang=en')).body).toContain('href="/countries">Holdings by country</a>');
  });

  it('keeps list the default view, with no view in its URL', async () => {
    const res = await get(`/search?institution=${mineId}&lang=en`);
    expect(res.body).toContain('aria-current="page">List</a>');
    expect(res.body).toContain('class="record-list"');
  });
});
