import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { bearer, jpeg, runMediaJobs } from '../media/media.test-support';

const BASE = 'https://heritage.example.org';
const HOSTILE = 'Bowl </script><script>alert(1)</script><!-- & more';
type Node = Record<string, any>;

/** The schema.org data blocks of a page, parsed. */
function dataBlocks(html: string): Node[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
}

describe(`schema.org JSON-LD in record pages (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let curator: { token: string };
  let member: { token: string };
  let bowl: string;
  let privateImageOnly: string;
  const kinds: Record<string, string> = {};
  const hidden: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp({ HERITAGE_PUBLIC_URL: BASE });
    const inst = (await newInstitution(t.store, { name: { en: ['Palace Museum'], zh: ['故宫博物院'] } })).id;
    const archive = (await newInstitution(t.store, { kind: 'archive', name: { en: ['State Archive'] } })).id;
    curator = await newUser(t.store, { role: 'curator', institutionId: inst });
    member = await newUser(t.store, { role: 'member', institutionId: archive });
    bowl = (
      await newRecord(t.store, {
        institutionId: inst,
        title: { en: [HOSTILE], zh: ['碗'] },
        description: { en: ['Blue and white <b>porcelain</b>.'] },
        agents: [{ name: { en: ['Jingdezhen kilns'] }, role: 'factory' }],
        date: { display: '1368' },
        places: [{ name: { en: ['Jingdezhen'] }, lat: 29.3, lon: 117.2 }],
        materials: [{ label: { en: ['porcelain'] } }],
        identifiers: [{ type: 'inventory', value: 'G-1' }],
        rights: 'https://creativecommons.org/licenses/by/4.0/',
      })
    ).id;
    privateImageOnly = (await newRecord(t.store, { institutionId: inst, title: { en: ['Vase'] } })).id;
    const upload = async (record: string, query = '') => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/records/${record}/media?${query}`, headers: { ...bearer(curator.token), 'content-type': 'image/jpeg' }, payload: await jpeg(320, 240) });
      expect(res.statusCode, res.body).toBe(201);
    };
    await upload(bowl);
    await upload(privateImageOnly, 'visibility=private');
    await runMediaJobs(t.store, t.database.dataDir);
    kinds.manuscript = (await newRecord(t.store, { institutionId: inst, kind: 'manuscript', title: { zh: ['金刚经'] }, date: { display: '4th–14th century' } })).id;
    kinds.site = (await newRecord(t.store, { institutionId: inst, kind: 'site', title: { en: ['Mogao Caves'] }, places: [{ name: { en: ['Mogao'] }, lat: 40.04, lon: 94.8 }] })).id;
    kinds.archival = (await newRecord(t.store, { institutionId: archive, kind: 'archival-unit', title: { en: ['Letters'] } })).id;
    kinds.book = (await newRecord(t.store, { institutionId: inst, kind: 'rare-book', title: { en: ['Analects'] } })).id;
    hidden.members = (await newRecord(t.store, { institutionId: inst, visibility: 'members' })).id;
    hidden.private = (await newRecord(t.store, { institutionId: inst, visibility: 'private' })).id;
    hidden.embargoed = (await newRecord(t.store, { institutionId: inst, embargoUntil: '2999-01-01T00:00:00.000Z' })).id;
  });
  afterAll(() => t?.close());

  const page = async (id: string, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ url: `/records/${id}`, headers });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res;
  };

  it('embeds a schema.org description of a public record for search engines', async () => {
    const [block] = dataBlocks((await page(bowl)).body);
    expect(block).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'VisualArtwork',
      url: `${BASE}/records/${bowl}`,
      name: [
        { '@value': HOSTILE, '@language': 'en' },
        { '@value': '碗', '@language': 'zh' },
      ],
      description: [{ '@value': 'Blue and white <b>porcelain</b>.', '@language': 'en' }],
      dateCreated: '1368',
      creator: [{ '@type': 'Organization', name: [{ '@value': 'Jingdezhen kilns', '@language': 'en' }] }],
      contentLocation: [{ '@type': 'Place', geo: { '@type': 'GeoCoordinates', latitude: 29.3, longitude: 117.2 } }],
      material: ['porcelain'],
      identifier: [{ '@type': 'PropertyValue', propertyID: 'inventory', value: 'G-1' }],
      license: 'https://creativecommons.org/licenses/by/4.0/',
      provider: { '@type': 'Museum', url: expect.stringMatching(new RegExp(`^${BASE}/institutions/`)) },
    });
    expect(block.thumbnailUrl).toMatch(new RegExp(`^${BASE}/media/[^/]+/thumb/200\\.jpg$`));
  });

  it('escapes the block so text in a record cannot close the script or open a comment, and keeps the strict CSP', async () => {
    const res = await page(bowl);
    const start = res.body.indexOf('<script type="application/ld+json">');
    const end = res.body.indexOf('</script>', start);
    const inside = res.body.slice(start + '<script type="application/ld+json">'.length, end);
    expect(inside).not.toMatch(/[<>]/);
    expect(inside).toContain('Bowl \\u003c/script\\u003e');
    // Every script of the page is either ours by URL or a data block a browser never runs.
    for (const tag of res.body.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc="\/|type="application\/ld\+json"/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('picks the schema.org type from the kind of record', async () => {
    const types = Object.fromEntries(await Promise.all(Object.entries(kinds).map(async ([k, id]) => [k, dataBlocks((await page(id)).body)[0]])));
    expect(types.manuscript).toMatchObject({ '@type': 'Manuscript', name: [{ '@value': '金刚经', '@language': 'zh' }], temporalCoverage: '0301/1400' });
    expect(types.site).toMatchObject({ '@type': 'Place', geo: { latitude: 40.04, longitude: 94.8 } });
    expect(types.site.provider).toBeUndefined();
    expect(types.archival).toMatchObject({ '@type': 'ArchiveComponent', holdingArchive: { '@type': 'ArchiveOrganization' } });
    expect(types.book['@type']).toBe('Book');
  });

  it('never shows search engines an image the public may not see, even on a page its curator views', async () => {
    const [asCurator] = dataBlocks((await page(privateImageOnly, bearer(curator.token))).body);
    expect(asCurator.name).toEqual([{ '@value': 'Vase', '@language': 'en' }]);
    expect(asCurator.thumbnailUrl).toBeUndefined();
    expect(asCurator.image).toBeUndefined();
  });

  it('embeds nothing in pages of members-only, private or embargoed records, whoever views them', async () => {
    expect(dataBlocks((await page(hidden.members, bearer(member.token))).body)).toEqual([]);
    for (const id of Object.values(hidden)) {
      const res = await page(id, bearer(curator.token));
      expect(dataBlocks(res.body)).toEqual([]);
      expect(res.headers.link).toBeUndefined();
    }
    for (const id of Object.values(hidden)) expect((await t.app.inject({ url: `/records/${id}` })).statusCode).toBe(404);
  });
});
