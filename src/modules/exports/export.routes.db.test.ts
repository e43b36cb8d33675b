import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newInstitution, newRecord, newUser, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { bearer } from '../media/media.test-support';
import { deleteRecord } from '../records/record.service';

const FUTURE = new Date(Date.now() + 365 * 86400_000).toISOString();
const PAST = new Date(Date.now() - 86400_000).toISOString();

describe(`exports of records and search results (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let instA: string;
  let instB: string;
  const ids: Record<string, string> = {};
  let tokens: { admin: string; instAdmin: string; curator: string; memberB: string };

  const get = (url: string, token?: string) => t.app.inject({ url, headers: token ? bearer(token) : {} });
  const jsonlIds = (body: string) => body.trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l).id as string).sort();
  const csvRows = (body: string) => parse(body, { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[];

  beforeAll(async () => {
    t = await buildTestApp();
    instA = (await newInstitution(t.store, { name: { en: ['Silk Road Library'] } })).id;
    instB = (await newInstitution(t.store, { name: { en: ['Steppe Museum'] }, country: 'KZ' })).id;
    const a = { institutionId: instA };
    ids.public = (await newRecord(t.store, {
      ...a,
      title: { en: ['Scroll, "the Diamond Sutra"\nsecond line'], zh: ['金刚经'], ar: ['مخطوطة'] },
      agents: [{ name: { en: ['Wang Jie'] }, role: 'maker' }],
      places: [{ name: { en: ['Dunhuang'] }, lat: 40.14, lon: 94.66 }],
      identifiers: [{ type: 'inventory', value: '-123' }],
      date: { display: '868' },
    })).id;
    ids.formula = (await newRecord(t.store, { ...a, title: { en: ['=HYPERLINK("http://evil.example","click")'] } })).id;
    ids.pastEmbargo = (await newRecord(t.store, { ...a, title: { en: ['Sutra fragment'] }, embargoUntil: PAST })).id;
    ids.members = (await newRecord(t.store, { ...a, title: { en: ['Sutra members only'] }, visibility: 'members', places: [{ name: { en: ['Kashgar'] }, lat: 39.47, lon: 75.99 }] })).id;
    ids.private = (await newRecord(t.store, { ...a, title: { en: ['Sutra private'] }, visibility: 'private', places: [{ name: { en: ['Turfan'] }, lat: 42.95, lon: 89.18 }] })).id;
    ids.embargoed = (await newRecord(t.store, { ...a, title: { en: ['Sutra embargoed'] }, embargoUntil: FUTURE, places: [{ name: { en: ['Khotan'] }, lat: 37.11, lon: 79.93 }] })).id;
    ids.deleted = (await newRecord(t.store, { ...a, title: { en: ['Sutra deleted'] }, places: [{ name: { en: ['Merv'] }, lat: 37.66, lon: 62.19 }] })).id;
    await deleteRecord(t.store, SYSTEM_ADMIN, ids.deleted);
    ids.otherPublic = (await newRecord(t.store, { institutionId: instB, title: { en: ['Sutra of the steppe'] }, kind: 'manuscript' })).id;
    tokens = {
      admin: (await newUser(t.store, { admin: true })).token,
      instAdmin: (await newUser(t.store, { role: 'institution-admin', institutionId: instA })).token,
      curator: (await newUser(t.store, { role: 'curator', institutionId: instA })).token,
      memberB: (await newUser(t.store, { role: 'member', institutionId: instB })).token,
    };
  });
  afterAll(() => t?.close());

  const PUBLIC_IDS = () => [ids.public, ids.formula, ids.pastEmbargo, ids.otherPublic].sort();
  const HIDDEN = () => [ids.members, ids.private, ids.embargoed, ids.deleted];

  it('exports as JSON Lines exactly the records the API answers, and only the public ones to the public', async () => {
    const res = await get('/api/v1/exports/records?format=jsonl');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson');
    expect(res.headers['content-disposition']).toBe('attachment; filename="heritage-records.jsonl"');
    expect(jsonlIds(res.body)).toEqual(PUBLIC_IDS());
    for (const line of res.body.trimEnd().split('\n')) {
      const id = JSON.parse(line).id;
      expect(line).toBe((await get(`/api/v1/records/${id}`)).body);
    }
  });

  it('widens to what each actor may see, and never shows deleted records', async () => {
    const member = jsonlIds((await get('/api/v1/exports/records?format=jsonl', tokens.memberB)).body);
    expect(member).toEqual([...PUBLIC_IDS(), ids.members].sort());
    const staff = jsonlIds((await get(`/api/v1/exports/records?format=jsonl&institution=${instA}`, tokens.curator)).body);
    expect(staff).toEqual([ids.public, ids.formula, ids.pastEmbargo, ids.members, ids.private, ids.embargoed].sort());
    const admin = jsonlIds((await get('/api/v1/exports/records?format=jsonl', tokens.admin)).body);
    expect(admin).not.toContain(ids.deleted);
    expect(admin).toHaveLength(7);
  });

  it('exports CSV with per-language columns, quoting and formulas neutralised', async () => {
    const res = await get(`/api/v1/exports/records?format=csv&institution=${instA}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="heritage-${instA}.csv"`);
    const rows = csvRows(res.body);
    expect(rows.map((r) => r.id).sort()).toEqual([ids.public, ids.formula, ids.pastEmbargo].sort());
    const scroll = rows.find((r) => r.id === ids.public)!;
    expect(scroll).toMatchObject({
      institution: instA,
      'title (en)': 'Scroll, "the Diamond Sutra"\nsecond line',
      'title (zh)': '金刚经',
      'title (ar)': 'مخطوطة',
      agents: 'Wang Jie',
      role: 'maker',
      places: 'Dunhuang',
      latitude: '40.14',
      longitude: '94.66',
      'inventory number': "'-123",
      date: '868',
      url: `http://localhost:3000/records/${ids.public}`,
    });
    expect(rows.find((r) => r.id === ids.formula)!['title (en)']).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(res.body).not.toMatch(/Sutra (members only|private|embargoed|deleted)/);
  });

  it('exports GeoJSON: a FeatureCollection of the visible records that have coordinates', async () => {
    const res = await get('/api/v1/exports/records?format=geojson');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/geo+json');
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toEqual([
      {
        type: 'Feature',
        id: ids.public,
        geometry: { type: 'Point', coordinates: [94.66, 40.14] },
        properties: { id: ids.public, title: 'Scroll, "the Diamond Sutra"\nsecond line', kind: 'object', institution: instA, url: `http://localhost:3000/records/${ids.public}` },
      },
    ]);
    const staff = (await get('/api/v1/exports/records?format=geojson', tokens.curator)).json();
    expect(staff.features.map((f: { id: string }) => f.id).sort()).toEqual([ids.public, ids.members, ids.private, ids.embargoed].sort());
    // An empty collection is still valid GeoJSON.
    expect((await get(`/api/v1/exports/records?format=geojson&institution=${instB}`)).json()).toEqual({ type: 'FeatureCollection', features: [] });
  });

  it('exports every match of a search, with its filters, and nothing hidden', async () => {
    const res = await get('/api/v1/search/export?format=jsonl&q=sutra');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="heritage-search.jsonl"');
    const search = (await get('/api/v1/search?q=sutra&limit=100')).json();
    expect(jsonlIds(res.body)).toEqual(search.items.map((i: { id: string }) => i.id).sort());
    expect(jsonlIds(res.body)).toEqual([ids.public, ids.pastEmbargo, ids.otherPublic].sort());
    for (const id of HIDDEN()) expect(res.body).not.toContain(id);
    expect(jsonlIds((await get('/api/v1/search/export?format=jsonl&q=sutra&kind=manuscript')).body)).toEqual([ids.otherPublic]);
    expect(jsonlIds((await get(`/api/v1/search/export?format=jsonl&institution=${instA}`)).body)).toEqual([ids.public, ids.formula, ids.pastEmbargo].sort());
    const csv = csvRows((await get('/api/v1/search/export?format=csv&q=sutra', tokens.curator)).body);
    expect(csv.map((r) => r.id).sort()).toEqual([ids.public, ids.pastEmbargo, ids.otherPublic, ids.members, ids.private, ids.embargoed].sort());
    expect((await get('/api/v1/search/export?format=jsonl&q=%22%22')).body).toBe('');
  });

  it('answers 404 for an unknown institution and 400 for a bad format or search', async () => {
    expect((await get('/api/v1/exports/records?format=csv&institution=nope')).statusCode).toBe(404);
    expect((await get('/api/v1/exports/records?format=xlsx')).statusCode).toBe(400);
    expect((await get('/api/v1/search/export?format=csv&yearFrom=2000&yearTo=1000')).statusCode).toBe(400);
  });

  it('gives a dump only to alliance admins and to institution admins of their own institution; 404 to anyone else', async () => {
    expect((await get(`/api/v1/exports/dump?institution=${instA}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/exports/dump?institution=${instA}`, tokens.curator)).statusCode).toBe(404);
    expect((await get(`/api/v1/exports/dump?institution=${instA}`, tokens.memberB)).statusCode).toBe(404);
    expect((await get('/api/v1/exports/dump', tokens.instAdmin)).statusCode).toBe(404);
    expect((await get(`/api/v1/exports/dump?institution=${instB}`, tokens.instAdmin)).statusCode).toBe(404);
    expect((await get('/api/v1/exports/dump?institution=nope', tokens.admin)).statusCode).toBe(404);
    const own = await get(`/api/v1/exports/dump?institution=${instA}`, tokens.instAdmin);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-disposition']).toBe(`attachment; filename="heritage-dump-${instA}.jsonl"`);
    const records = own.body.trimEnd().split('\n').map((l) => JSON.parse(l)).filter((l) => l.type === 'record');
    expect(records.map((r) => r.id).sort()).toEqual([ids.public, ids.formula, ids.pastEmbargo, ...HIDDEN()].sort());
    const all = await get('/api/v1/exports/dump', tokens.admin);
    expect(all.body.trimEnd().split('\n').map((l) => JSON.parse(l)).filter((l) => l.type === 'institution').map((l) => l.id).sort()).toEqual([instA, instB].sort());
  });

  it('offers download links on the search page (same words and filters) and on an institution page', async () => {
    const search = await get('/search?q=sutra&kind=manuscript&sort=title&offset=0');
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('Download every result:');
    expect(search.body).toContain('href="/api/v1/search/export?format=csv&amp;q=sutra&amp;kind=manuscript"');
    expect(search.body).toContain('href="/api/v1/search/export?format=geojson&amp;q=sutra&amp;kind=manuscript"');
    const page = await get(`/institutions/${instA}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/api/v1/exports/records?format=jsonl&amp;institution=${instA}"`);
  });

  it('documents the export endpoints in the OpenAPI description', async () => {
    const paths = (await get('/api/openapi.json')).json().paths;
    expect(paths['/api/v1/exports/records'].get.tags).toContain('exports');
    expect(paths['/api/v1/search/export'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['format', 'q', 'kind', 'institution']));
    expect(paths['/api/v1/exports/dump'].get.summary).toMatch(/dump/);
  });
});
