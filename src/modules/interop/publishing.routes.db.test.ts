import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { loadConfig } from '../../config/config';
import { installErrorHandler } from '../../shared/error-handler';
import { deleteRecord } from '../records/record.service';
import { bearer } from '../media/media.test-support';
import { publishingRoutes } from './publishing.routes';
import { sitemapProblems } from './sitemap-schema.test-support';
import { publicTrace } from '../records/record.public-trace';

const BASE = 'https://heritage.example.org/hc';
const PAGE_SIZE = 3;

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);

describe(`sitemap.xml and robots.txt (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let small: FastifyInstance;
  let admin: { token: string };
  let institutions: string[];
  const publicIds: string[] = [];
  const hiddenIds: string[] = [];
  let released: string;

  beforeAll(async () => {
    t = await buildTestApp({ HERITAGE_PUBLIC_URL: BASE });
    admin = await newUser(t.store, { admin: true });
    institutions = [(await newInstitution(t.store)).id, (await newInstitution(t.store, { country: 'UZ' })).id];
    const [a, b] = institutions;
    // In seq order: three public, three hidden (a whole page of three when pages hold three), then a deleted one and two public.
    for (let i = 0; i < 3; i++) publicIds.push((await newRecord(t.store, { institutionId: i % 2 ? a : b })).id);
    hiddenIds.push((await newRecord(t.store, { institutionId: a, visibility: 'members' })).id);
    hiddenIds.push((await newRecord(t.store, { institutionId: a, visibility: 'private' })).id);
    hiddenIds.push((await newRecord(t.store, { institutionId: b, embargoUntil: '2999-01-01T00:00:00.000Z' })).id);
    const deleted = (await newRecord(t.store, { institutionId: a })).id;
    await deleteRecord(t.store, SYSTEM_ADMIN, deleted);
    hiddenIds.push(deleted);
    released = (await newRecord(t.store, { institutionId: a, embargoUntil: '2021-06-01T00:00:00.000Z' })).id;
    publicIds.push(released, (await newRecord(t.store, { institutionId: b })).id);
    // An embargo that ended after the last edit: the page changed for the public when it ended.
    // (The row as a write in 2020 would have left it: its public trace says when the public saw it.)
    const edited = { visibility: 'public', embargo_until: '2021-06-01T00:00:00.000Z', deleted_at: null, updated_at: '2020-01-01T00:00:00.000Z' };
    await t.store.db.updateTable('record').set({ updated_at: edited.updated_at, ...publicTrace(edited, undefined, edited.updated_at) }).where('id', '=', released).execute();

    small = Fastify();
    installErrorHandler(small, () => null);
    const config = loadConfig({ HERITAGE_PUBLIC_URL: BASE, HERITAGE_DEMO: 'off' }, { data: t.database.dataDir, databaseUrl: t.database.databaseUrl ?? undefined });
    await small.register(publishingRoutes, { store: t.store, config, sitemapPageSize: PAGE_SIZE });
    await small.ready();
  });
  afterAll(async () => {
    await small?.close();
    await t?.close();
  });

  const recordUrl = (id: string) => `${BASE}/records/${id}`;

  it('lists the site pages, the institutions and every public record with its last change, in one valid sitemap', async () => {
    const res = await t.app.inject({ url: '/sitemap.xml' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(await sitemapProblems(res.body)).toBe('');
    expect(res.body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(locs(res.body).sort()).toEqual(
      [`${BASE}/`, `${BASE}/search`, `${BASE}/institutions`, ...institutions.map((i) => `${BASE}/institutions/${i}`), ...publicIds.map(recordUrl)].sort(),
    );
    for (const id of hiddenIds) expect(res.body).not.toContain(id);
    expect(res.body).toContain(`<url><loc>${recordUrl(released)}</loc><lastmod>2021-06-01T00:00:00Z</lastmod></url>`);
    expect(res.body).toMatch(new RegExp(`<loc>${recordUrl(publicIds[0])}</loc><lastmod>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ</lastmod>`));
  });

  it('is the same for everyone: a signed-in admin sees no hidden record in it', async () => {
    const anonymous = await t.app.inject({ url: '/sitemap.xml' });
    const signedIn = await t.app.inject({ url: '/sitemap.xml', headers: bearer(admin.token) });
    expect(signedIn.body).toBe(anonymous.body);
  });

  it('becomes an index of pages by seq range when there are more URLs than a sitemap may hold', async () => {
    const res = await small.inject({ url: '/sitemap.xml' });
    expect(res.statusCode).toBe(200);
    expect(await sitemapProblems(res.body)).toBe('');
    expect(res.body).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    const seqs = await t.store.db.selectFrom('record').select(['id', 'seq']).execute();
    const seqOf = new Map(seqs.map((r) => [r.id, Number(r.seq)]));
    const pages = [...new Set(publicIds.map((id) => Math.ceil(seqOf.get(id)! / PAGE_SIZE)))].sort((x, y) => x - y);
    expect(pages).toHaveLength(2);
    expect(locs(res.body)).toEqual([`${BASE}/sitemaps/pages.xml`, ...pages.map((n) => `${BASE}/sitemaps/records-${n}.xml`)]);

    const listed: string[] = [];
    for (const n of pages) {
      const part = await small.inject({ url: `/sitemaps/records-${n}.xml` });
      expect(part.statusCode).toBe(200);
      expect(await sitemapProblems(part.body)).toBe('');
      const urls = locs(part.body);
      expect(urls.length).toBeLessThanOrEqual(PAGE_SIZE);
      // Stable paging: a page holds exactly the public records of its seq range.
      for (const url of urls) expect(Math.ceil(seqOf.get(url.slice(`${BASE}/records/`.length))! / PAGE_SIZE)).toBe(n);
      listed.push(...urls);
    }
    expect(listed.sort()).toEqual(publicIds.map(recordUrl).sort());

    const site = await small.inject({ url: '/sitemaps/pages.xml' });
    expect(await sitemapProblems(site.body)).toBe('');
    expect(locs(site.body)).toEqual([`${BASE}/`, `${BASE}/search`, `${BASE}/institutions`, ...institutions.map((i) => `${BASE}/institutions/${i}`).sort()]);
  });

  it('answers 404 for a page of hidden records only and for pages that do not exist', async () => {
    const seqs = await t.store.db.selectFrom('record').select(['id', 'seq']).where('id', 'in', hiddenIds.slice(0, 3)).execute();
    const hiddenPage = Math.ceil(Number(seqs[0].seq) / PAGE_SIZE);
    expect(seqs.every((r) => Math.ceil(Number(r.seq) / PAGE_SIZE) === hiddenPage)).toBe(true);
    for (const file of [`records-${hiddenPage}.xml`, 'records-99.xml', 'records-0.xml', 'records-x.xml', 'other.xml', 'records-99999999999.xml']) {
      expect((await small.inject({ url: `/sitemaps/${file}` })).statusCode, file).toBe(404);
    }
  });

  it('serves robots.txt: public pages open, staff pages and the API closed, the sitemap named', async () => {
    const res = await t.app.inject({ url: '/robots.txt' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const lines = res.body.split('\n');
    expect(lines[0]).toBe('User-agent: *');
    expect(lines).toContain('Allow: /hc/');
    for (const path of ['/api/', '/login', '/account', '/admin/', '/imports', '/records/*/images']) expect(lines).toContain(`Disallow: /hc${path}`);
    expect(lines).toContain(`Sitemap: ${BASE}/sitemap.xml`);
    // No rule closes what the sitemap lists.
    const rules = lines.filter((l) => l.startsWith('Disallow: ')).map((l) => new RegExp(`^${l.slice(10).replace(/[.?+]/g, '\\$&').replace(/\*/g, '.*')}`));
    const open = ['/hc/', '/hc/search', '/hc/institutions', `/hc/institutions/${institutions[0]}`, `/hc/records/${publicIds[0]}`, `/hc/linked-art/object/${publicIds[0]}`, '/hc/sitemap.xml'];
    for (const path of open) expect(rules.filter((r) => r.test(path)), path).toEqual([]);
    expect(rules.some((r) => r.test(`/hc/records/${publicIds[0]}/images`))).toBe(true);
  });
});
