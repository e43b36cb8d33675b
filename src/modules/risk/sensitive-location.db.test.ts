import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { mediaStoreFor } from '../media/media.module';
import { listForModeration, moderateReport, submitReport } from './public-report.service';
import { signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import { runHeritage } from '../../../test/helpers/cli';
import { TEST_DIALECT } from '../../../test/helpers/test-database';

/** The editable part of a record read from the API, and its version. */
const asInput = (r: any) => ({ version: r.version as number, institutionId: r.institutionId, kind: r.kind, title: r.title, visibility: r.visibility, date: { display: r.date.display }, places: r.places, ...(r.notes ? { notes: r.notes } : {}) });

// The exact points, and any rendering of them (4 decimals on pages, a comma in French, CSV, LIDO "lat lon").
const EXACT = /39[.,]12|75[.,]98|75[.,]99|38[.,]76|38[.,]77|74[.,]23/;

describe(`sensitive locations (${TEST_DIALECT})`, { timeout: 120_000 }, () => {
  let t: TestApp;
  let inst: string;
  let site: string;
  let staffToken: string;
  let outsiderToken: string;
  let staff: BrowserSession;
  let outsider: BrowserSession;
  let incidentId: string;
  const get = (url: string, who?: { token?: string; session?: BrowserSession }, headers: Record<string, string> = {}) =>
    t.app.inject({ url, headers: { ...headers, ...(who?.token ? { authorization: `Bearer ${who.token}` } : {}), ...(who?.session ? { cookie: who.session.cookie } : {}) } });

  beforeAll(async () => {
    t = await buildTestApp();
    inst = (await newInstitution(t.store, { name: { en: ['Desert Archaeology Institute'] } })).id;
    const other = (await newInstitution(t.store, { name: { en: ['Neighbour Museum'] } })).id;
    site = (
      await newRecord(t.store, {
        institutionId: inst,
        kind: 'site',
        title: { en: ['Hidden valley cemetery'] },
        date: { display: '3rd century' },
        places: [
          { name: { en: ['Hidden valley'] }, lat: 39.123456, lon: 75.987654 },
          { name: { en: ['Upper terrace'] }, lat: 38.765432, lon: 74.234567 },
        ],
      })
    ).id;
    const curator = await newUser(t.store, { role: 'curator', institutionId: inst });
    const foreign = await newUser(t.store, { role: 'curator', institutionId: other });
    staffToken = curator.token;
    outsiderToken = foreign.token;
    staff = await signInBrowser(t.app, curator.email);
    outsider = await signInBrowser(t.app, foreign.email);
    const res = await t.app.inject({ method: 'PUT', url: `/api/v1/risk/sites/${site}/sensitive`, headers: { authorization: `Bearer ${staffToken}` }, payload: { reason: 'Looters dug here in 2024' } });
    expect(res.statusCode, res.body).toBe(200);
    // An incident placed exactly at the site, and a published public report giving its exact position.
    const auth = { authorization: `Bearer ${staffToken}` };
    const inc = await t.app.inject({ method: 'POST', url: '/api/v1/risk/incidents', headers: auth, payload: { title: 'Looting at the valley', kind: 'looting', date: '2026-11-02', area: { type: 'Point', coordinates: [75.987654, 39.123456] }, institutionId: inst } });
    incidentId = inc.json().id;
    await t.app.inject({ method: 'POST', url: `/api/v1/risk/incidents/${incidentId}/sites`, headers: auth, payload: { recordId: site } });
    await t.app.inject({ method: 'POST', url: '/api/v1/risk/help/requests', headers: auth, payload: { institutionId: inst, recordId: site, kind: 'equipment', title: 'Fencing', quantity: 200, unit: 'm', neededFrom: '2026-11-01', neededUntil: '2026-12-01' } });
    await submitReport({ store: t.store, files: mediaStoreFor(t.database), maxPixels: 1e7 }, { kind: 'public' }, { recordId: site, kind: 'threat', description: 'Diggers seen at night near the cemetery', lat: 39.123456, lon: 75.987654 }, [], '192.0.2.1');
    const [pending] = await listForModeration(t.store, SYSTEM_ADMIN, 'pending');
    await moderateReport(t.store, SYSTEM_ADMIN, pending.id, 'publish');
    expect(res.json().exact).toEqual([
      { index: 0, lat: 39.123456, lon: 75.987654 },
      { index: 1, lat: 38.765432, lon: 74.234567 },
    ]);
  });
  afterAll(() => t?.close());

  it('keeps only generalised coordinates in the stored record and its index columns', async () => {
    const row = await t.store.db.selectFrom('record').select(['metadata', 'lat', 'lon']).where('id', '=', site).executeTakeFirstOrThrow();
    expect([row.lat, row.lon]).toEqual([39.1, 76]);
    expect(row.metadata).not.toMatch(EXACT);
    expect(JSON.parse(row.metadata).places.map((p: { lat: number; lon: number }) => [p.lat, p.lon])).toEqual([[39.1, 76], [38.8, 74.2]]);
  });

  it('never shows the exact coordinates to the public or to another institution, on any surface', async () => {
    const q = encodeURIComponent('Hidden valley');
    const surfaces = [
      `/api/v1/records/${site}`,
      `/api/v1/records?institution=${inst}`,
      `/records/${site}`,
      `/records/${site}/images`,
      `/records/${site}/cite.ris`,
      `/records/${site}/cite.bib`,
      `/records/${site}/history`,
      `/api/v1/records/${site}/versions`,
      `/api/v1/records/${site}/versions/1`,
      `/search?q=${q}`,
      `/search?q=${q}&view=map`,
      `/api/v1/search?q=${q}`,
      `/api/v1/search?q=${q}&facets=geo`,
      `/api/v1/exports/records?format=csv`,
      `/api/v1/exports/records?format=jsonl`,
      `/api/v1/exports/records?format=geojson`,
      `/api/v1/search/export?format=geojson&q=${q}`,
      `/api/v1/search/export?format=csv&q=${q}`,
      `/api/v1/exports/dump?institution=${inst}`,
      '/oai?verb=ListRecords&metadataPrefix=oai_dc',
      '/oai?verb=ListRecords&metadataPrefix=lido',
      `/linked-art/object/${site}`,
      `/iiif/manifest/${site}`,
      '/sitemap.xml',
      '/risk',
      `/risk/sites/${site}`,
      '/api/v1/risk/register',
      '/risk/incidents',
      `/risk/incidents/${incidentId}`,
      `/risk/incidents/${incidentId}/report`,
      `/risk/incidents/${incidentId}/report.csv`,
      '/api/v1/risk/incidents',
      `/api/v1/risk/incidents/${incidentId}`,
      '/api/v1/risk/reports',
      '/api/v1/risk/help/requests',
      '/risk/help',
      `/api/v1/risk/sites/${site}`,
    ];
    let seen = 0;
    for (const who of [undefined, { token: outsiderToken }, { session: outsider }]) {
      for (const url of surfaces) {
        for (const lang of ['en', 'fr']) {
          const res = await get(url.includes('?') ? `${url}&lang=${lang}` : `${url}?lang=${lang}`, who);
          if (res.statusCode === 200) seen++;
          expect(res.body, `${url} as ${who ? Object.keys(who)[0] : 'public'}`).not.toMatch(EXACT);
        }
      }
    }
    // Most surfaces answered with content (not merely refusals).
    expect(seen).toBeGreaterThan(40);
    const page = await get(`/records/${site}?lang=en`);
    expect(page.body).toContain('39.1° N');
    const linked = await get(`/records/${site}`, undefined, { accept: 'application/ld+json' });
    expect(linked.statusCode).toBe(303);
  });

  it('does not let a tiny bounding box around the exact point find the site', async () => {
    const tiny = await get('/api/v1/search?bbox=75.98,39.12,75.99,39.13');
    expect(tiny.json().total).toBe(0);
    const cell = await get('/api/v1/search?bbox=75.95,39.05,76.05,39.15');
    expect(cell.json().items.map((h: { id: string }) => h.id)).toContain(site);
  });

  it('keeps the exact coordinates out of the command-line exports', async () => {
    const args = ['--data', t.database.dataDir, ...(t.database.databaseUrl ? ['--database-url', t.database.databaseUrl] : [])];
    const runs = await Promise.all([
      runHeritage(['export', '--format', 'geojson', ...args]),
      runHeritage(['export', '--format', 'csv', '--all', ...args]),
      runHeritage(['export', '--format', 'jsonl', ...args]),
    ]);
    for (const r of runs) {
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(site);
      expect(r.out).not.toMatch(EXACT);
    }
  });

  it('shows the exact coordinates to the site’s own staff, in the API and on the site page', async () => {
    const json = await get(`/api/v1/records/${site}`, { token: staffToken });
    expect(json.json().places[0]).toMatchObject({ lat: 39.123456, lon: 75.987654 });
    const status = await get(`/api/v1/risk/sites/${site}`, { token: staffToken });
    expect(status.json().sensitive.exact[1]).toEqual({ index: 1, lat: 38.765432, lon: 74.234567 });
    expect(status.json().sensitive.reason).toBe('Looters dug here in 2024');
    const page = await get(`/risk/sites/${site}?lang=en`, { session: staff });
    expect(page.body).toContain('39.1235° N, 75.9877° E');
    expect(page.body).toContain('seen only by the site’s institution');
    // The incident placed at the site keeps its exact point for them (and only them).
    expect((await get(`/api/v1/risk/incidents/${incidentId}`, { token: staffToken })).json().area.coordinates).toEqual([75.987654, 39.123456]);
    expect((await get(`/api/v1/risk/incidents/${incidentId}`)).json().area.coordinates).toEqual([76, 39.1]);
    expect((await get(`/api/v1/risk/reports`, { token: staffToken })).json().items[0]).toMatchObject({ lat: 39.123456, lon: 75.987654 });
    const outsiderView = await get(`/api/v1/risk/sites/${site}`, { token: outsiderToken });
    expect(outsiderView.json().sensitive).toEqual({ sensitive: true, reason: null, flaggedAt: expect.any(String) });
  });

  it('keeps exact points through edits of the generalised or exact document, new points included, and through a revert', async () => {
    const auth = { authorization: `Bearer ${staffToken}` };
    const current = (await get(`/api/v1/records/${site}`, { token: staffToken })).json();
    const { version, ...input } = asInput(current);
    // Staff save the exact document they read, with a note changed.
    let res = await t.app.inject({ method: 'PUT', url: `/api/v1/records/${site}`, headers: { ...auth, 'if-match': `"${version}"` }, payload: { ...input, notes: { en: ['Fenced'] } } });
    expect(res.statusCode, res.body).toBe(200);
    // A client that only had the public document saves it back: the exact points stay.
    const publicDoc = (await get(`/api/v1/records/${site}`)).json();
    const { version: v2, ...publicInput } = asInput(publicDoc);
    res = await t.app.inject({ method: 'PUT', url: `/api/v1/records/${site}`, headers: { ...auth, 'if-match': `"${v2}"` }, payload: publicInput });
    expect(res.statusCode, res.body).toBe(200);
    expect((await get(`/api/v1/risk/sites/${site}`, { token: staffToken })).json().sensitive.exact[0]).toEqual({ index: 0, lat: 39.123456, lon: 75.987654 });
    // Reverting to the version from before the flag does not publish the exact points again.
    res = await t.app.inject({ method: 'POST', url: `/api/v1/records/${site}/versions/1/restore`, headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    expect((await get(`/api/v1/records/${site}`)).body).not.toMatch(EXACT);
    // A new exact point entered by staff becomes the exact point, generalised for the public.
    const now = (await get(`/api/v1/records/${site}`, { token: staffToken })).json();
    const { version: v3, ...moved } = asInput(now);
    moved.places[0] = { ...moved.places[0], lat: 39.654321, lon: 75.123123 };
    res = await t.app.inject({ method: 'PUT', url: `/api/v1/records/${site}`, headers: { ...auth, 'if-match': `"${v3}"` }, payload: moved });
    expect(res.statusCode, res.body).toBe(200);
    expect((await get(`/api/v1/records/${site}`)).json().places[0]).toMatchObject({ lat: 39.7, lon: 75.1 });
    expect((await get(`/api/v1/records/${site}`, { token: staffToken })).json().places[0]).toMatchObject({ lat: 39.654321, lon: 75.123123 });
  });

  it('answers 404 to those who may not see the record, and refuses the flag to non-editors', async () => {
    const hidden = await newRecord(t.store, { institutionId: inst, kind: 'site', visibility: 'private', places: [{ name: { en: ['Secret'] }, lat: 1.234, lon: 2.345 }] });
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/risk/sites/${hidden.id}/sensitive`, headers: { authorization: `Bearer ${outsiderToken}` }, payload: {} })).statusCode).toBe(404);
    expect((await get(`/api/v1/risk/sites/${hidden.id}`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/risk/sites/${site}/sensitive`, headers: { authorization: `Bearer ${outsiderToken}` }, payload: {} })).statusCode).toBe(403);
  });

  it('puts the exact coordinates back when the flag is lifted', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/risk/sites/${site}/sensitive`, headers: { authorization: `Bearer ${staffToken}` } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await get(`/api/v1/records/${site}`)).json().places[0]).toMatchObject({ lat: 39.654321, lon: 75.123123 });
    expect((await get(`/api/v1/records/${site}`)).json().places[1]).toMatchObject({ lat: 38.765432, lon: 74.234567 });
  });
});
