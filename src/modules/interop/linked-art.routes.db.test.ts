import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { deleteRecord } from '../records/record.service';
import { bearer, jpeg, runMediaJobs } from '../media/media.test-support';

const BASE = 'https://heritage.example.org/hc';
const LA = 'application/ld+json;profile="https://linked.art/ns/v1/linked-art.json"';
const AAT = 'http://vocab.getty.edu/aat/';
type Node = Record<string, any>;

describe(`Linked Art JSON-LD (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let inst: string;
  let admin: { token: string };
  let member: { token: string };
  let scroll: string;
  let parent: string;
  const hidden: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp({ HERITAGE_PUBLIC_URL: BASE });
    inst = (await newInstitution(t.store, { name: { en: ['Dunhuang Academy'], zh: ['敦煌研究院'] } })).id;
    const curator = await newUser(t.store, { role: 'curator', institutionId: inst });
    admin = await newUser(t.store, { admin: true });
    member = await newUser(t.store, { role: 'member', institutionId: (await newInstitution(t.store, { country: 'FR' })).id });
    parent = (await newRecord(t.store, { institutionId: inst, kind: 'archival-unit', title: { en: ['Library Cave collection'] } })).id;
    hidden.privateParent = (await newRecord(t.store, { institutionId: inst, visibility: 'private', title: { en: ['Secret box'] } })).id;
    scroll = (
      await newRecord(t.store, {
        institutionId: inst,
        kind: 'manuscript',
        title: { en: ['Diamond Sutra'], zh: ['金刚经'], ar: ['سوترا الماس'] },
        description: { en: ['The earliest dated printed book.'], fr: ['Le plus ancien livre imprimé daté.'] },
        inscriptions: { zh: ['咸通九年四月十五日'] },
        notes: { en: ['Found in cave 17.'] },
        creditLine: { en: ['Gift of the monks'] },
        identifiers: [
          { type: 'inventory', value: 'DH-0017' },
          { type: 'shelfmark', value: 'Or.8210/P.2' },
          { type: 'isbn', value: '978-0-00-000000-0' },
        ],
        agents: [
          { name: { en: ['Wang Jie'], zh: ['王玠'] }, role: 'commissioner', uri: 'http://www.wikidata.org/entity/Q000001' },
          { name: { en: ['Imperial printing workshop'] }, role: 'printing workshop' },
        ],
        date: { display: '3rd century BCE' },
        places: [
          { name: { en: ['Dunhuang'], zh: ['敦煌'] }, role: 'origin', uri: 'http://vocab.getty.edu/tgn/1001789', lat: 40.14, lon: 94.66 },
          { name: { en: ['Mogao Caves'] }, role: 'location' },
        ],
        materials: [{ label: { en: ['paper'], zh: ['纸'] }, uri: 'http://vocab.getty.edu/aat/300014109' }, { label: { en: ['ink'] } }],
        techniques: [{ label: { en: ['woodblock printing'] }, uri: 'http://vocab.getty.edu/aat/300053319' }],
        objectTypes: [{ label: { en: ['scroll'] }, uri: 'http://vocab.getty.edu/aat/300028667' }],
        subjects: [{ label: { en: ['Buddhism'] }, uri: 'http://vocab.getty.edu/aat/300073715' }],
        dimensions: [
          { type: 'height', value: 26.7, unit: 'cm' },
          { type: 'length', value: 533, unit: 'cm' },
        ],
        dimensionsText: '26.7 × 533 cm',
        languages: ['zh'],
        relations: [
          { type: 'partOf', target: parent },
          { type: 'partOf', target: hidden.privateParent },
        ],
        rights: 'https://creativecommons.org/publicdomain/zero/1.0/',
      })
    ).id;
    const up = await t.app.inject({ method: 'POST', url: `/api/v1/records/${scroll}/media`, headers: { ...bearer(curator.token), 'content-type': 'image/jpeg' }, payload: await jpeg(320, 240) });
    expect(up.statusCode, up.body).toBe(201);
    await runMediaJobs(t.store, t.database.dataDir);
    hidden.members = (await newRecord(t.store, { institutionId: inst, visibility: 'members' })).id;
    hidden.private = (await newRecord(t.store, { institutionId: inst, visibility: 'private' })).id;
    hidden.embargoed = (await newRecord(t.store, { institutionId: inst, embargoUntil: '2999-01-01T00:00:00.000Z' })).id;
    hidden.deleted = (await newRecord(t.store, { institutionId: inst })).id;
    await deleteRecord(t.store, SYSTEM_ADMIN, hidden.deleted);
  });
  afterAll(() => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
  const linkedArt = async (id: string) => {
    const res = await get(`/linked-art/object/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return JSON.parse(res.body) as Node;
  };
  const ids = (nodes: Node[] | undefined) => (nodes ?? []).map((n) => n.id);

  it('describes a rich record as a HumanMadeObject with absolute ids under the public URL', async () => {
    const res = await get(`/linked-art/object/${scroll}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(LA);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const doc = JSON.parse(res.body) as Node;
    expect(doc['@context']).toBe('https://linked.art/ns/v1/linked-art.json');
    expect(doc.type).toBe('HumanMadeObject');
    expect(doc.id).toBe(`${BASE}/linked-art/object/${scroll}`);
    expect(doc._label).toBe('Diamond Sutra');
    const absolute = JSON.stringify(doc).match(/"id":"[^"]+"/g)!.map((s) => s.slice(6, -1));
    for (const id of absolute) expect(id, id).toMatch(/^https?:\/\//);
    expect(absolute.filter((id) => id.includes('heritage.example.org')).every((id) => id.startsWith(`${BASE}/`))).toBe(true);
    expect(ids(doc.classified_as)).toEqual([`${AAT}300265483`, 'http://vocab.getty.edu/aat/300028667', `${AAT}300404024`]);
  });

  it('names the record once per language with AAT languages, and lists its identifiers with their types', async () => {
    const doc = await linkedArt(scroll);
    const names = doc.identified_by.filter((n: Node) => n.type === 'Name');
    expect(names.map((n: Node) => [n.content, n.language[0].id, n.classified_as[0].id])).toEqual([
      ['Diamond Sutra', `${AAT}300388277`, `${AAT}300404670`],
      ['金刚经', `${AAT}300388113`, `${AAT}300404670`],
      ['سوترا الماس', `${AAT}300387843`, `${AAT}300404670`],
    ]);
    const identifiers = doc.identified_by.filter((n: Node) => n.type === 'Identifier');
    expect(identifiers.map((i: Node) => [i.content, i.classified_as?.[0].id ?? null])).toEqual([
      ['DH-0017', `${AAT}300312355`],
      ['Or.8210/P.2', `${AAT}300311706`],
      ['978-0-00-000000-0', null],
      [scroll, `${AAT}300435704`],
    ]);
  });

  it('gives statements classified as Linked Art asks, in their languages', async () => {
    const doc = await linkedArt(scroll);
    const statements = doc.referred_to_by.map((s: Node) => [s.classified_as[0].id, s.content, s.language?.[0].id ?? null, s.classified_as[0].classified_as[0].id]);
    expect(statements).toEqual([
      [`${AAT}300435416`, 'The earliest dated printed book.', `${AAT}300388277`, `${AAT}300418049`],
      [`${AAT}300435416`, 'Le plus ancien livre imprimé daté.', `${AAT}300388306`, `${AAT}300418049`],
      [`${AAT}300435414`, '咸通九年四月十五日', `${AAT}300388113`, `${AAT}300418049`],
      [`${AAT}300027200`, 'Found in cave 17.', `${AAT}300388277`, `${AAT}300418049`],
      [`${AAT}300026687`, 'Gift of the monks', `${AAT}300388277`, `${AAT}300418049`],
      [`${AAT}300435430`, '26.7 × 533 cm', null, `${AAT}300418049`],
    ]);
  });

  it('describes the production: agents, a timespan from the EDTF years, places and techniques', async () => {
    const { produced_by: p } = await linkedArt(scroll);
    expect(p.type).toBe('Production');
    expect(p.timespan).toEqual({
      type: 'TimeSpan',
      identified_by: [{ type: 'Name', classified_as: [expect.objectContaining({ id: `${AAT}300404669` })], content: '3rd century BCE' }],
      begin_of_the_begin: '-0299-01-01T00:00:00Z',
      end_of_the_end: '-0200-12-31T23:59:59Z',
    });
    expect(p.carried_out_by.map((a: Node) => [a.type, a.id ?? null, a._label, a.identified_by.map((n: Node) => n.content)])).toEqual([
      ['Person', 'http://www.wikidata.org/entity/Q000001', 'Wang Jie', ['Wang Jie', '王玠']],
      ['Group', null, 'Imperial printing workshop', ['Imperial printing workshop']],
    ]);
    expect(p.part.map((part: Node) => part.classified_as[0]._label)).toEqual(['commissioner', 'printing workshop']);
    expect(p.took_place_at).toEqual([expect.objectContaining({ id: 'http://vocab.getty.edu/tgn/1001789', type: 'Place', defined_by: 'POINT(94.66 40.14)' })]);
    expect(ids(p.technique)).toEqual(['http://vocab.getty.edu/aat/300053319']);
  });

  it('gives materials, dimensions, location, owner, rights, parents, the carried text and where to read more', async () => {
    const doc = await linkedArt(scroll);
    expect(doc.made_of.map((m: Node) => [m.type, m.id ?? null, m._label])).toEqual([
      ['Material', 'http://vocab.getty.edu/aat/300014109', 'paper'],
      ['Material', null, 'ink'],
    ]);
    expect(doc.dimension.map((d: Node) => [d.classified_as[0].id, d.value, d.unit.id ?? d.unit._label])).toEqual([
      [`${AAT}300055644`, 26.7, `${AAT}300379098`],
      [`${AAT}300055642`, 533, `${AAT}300379098`],
    ]);
    expect(doc.current_location._label).toBe('Mogao Caves');
    expect(doc.current_owner).toEqual([expect.objectContaining({ id: `${BASE}/institutions/${inst}`, type: 'Group', _label: 'Dunhuang Academy' })]);
    expect(doc.subject_to).toEqual([expect.objectContaining({ type: 'Right', classified_as: [expect.objectContaining({ id: 'http://creativecommons.org/publicdomain/zero/1.0/' })] })]);
    // The private parent is left out, as if the relation did not exist.
    expect(doc.part_of).toEqual([{ id: `${BASE}/linked-art/object/${parent}`, type: 'HumanMadeObject', _label: 'Library Cave collection' }]);
    expect(doc.carries).toEqual([expect.objectContaining({ type: 'LinguisticObject', language: [expect.objectContaining({ id: `${AAT}300388113` })], about: [expect.objectContaining({ id: 'http://vocab.getty.edu/aat/300073715' })] })]);
    const carriers = doc.subject_of.map((s: Node) => s.digitally_carried_by[0]);
    expect(carriers.map((c: Node) => [c.access_point[0].id, c.format])).toEqual([
      [`${BASE}/records/${scroll}`, 'text/html'],
      [`${BASE}/iiif/manifest/${scroll}`, 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'],
    ]);
    expect(carriers[1].conforms_to[0].id).toBe('http://iiif.io/api/presentation/3/context.json');
    expect(doc.representation[0].digitally_shown_by[0].access_point[0].id).toMatch(new RegExp(`^${BASE}/media/`));
  });

  it('is documented in the OpenAPI description', async () => {
    const spec = JSON.parse((await get('/api/openapi.json')).body);
    expect(spec.paths['/linked-art/object/{id}'].get.tags).toEqual(['linked-art']);
  });

  it('has no Manifest link for a record without images, and no parts or production it does not have', async () => {
    const doc = await linkedArt(parent);
    expect(doc.subject_of).toHaveLength(1);
    expect(doc.produced_by).toBeUndefined();
    expect(doc.part_of).toBeUndefined();
    expect(doc.carries).toBeUndefined();
  });

  it('answers 404 for members-only, private, embargoed, deleted and missing records, whoever asks', async () => {
    for (const [what, id] of Object.entries({ ...hidden, missing: 'no-such-record' })) {
      for (const headers of [{}, bearer(member.token), bearer(admin.token)]) {
        const res = await get(`/linked-art/object/${id}`, headers);
        expect(res.statusCode, `${what}: ${res.body}`).toBe(404);
        expect(res.body).not.toContain('Secret');
      }
    }
    expect((await get('/linked-art/object/bad%00id')).statusCode).toBe(400);
  });

  describe('content negotiation on the record URL', () => {
    it('sends clients that ask for JSON-LD to the Linked Art document (303)', async () => {
      const res = await get(`/records/${scroll}`, { accept: 'application/ld+json' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`${BASE}/linked-art/object/${scroll}`);
      expect(res.headers.vary).toMatch(/\bAccept\b/);
    });

    it('sends clients that ask for JSON to the API record (303)', async () => {
      const res = await get(`/records/${scroll}`, { accept: 'application/json' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`${BASE}/api/v1/records/${scroll}`);
    });

    it('still gives browsers the page, varying by Accept, with a Link to the Linked Art document', async () => {
      const res = await get(`/records/${scroll}`, { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(String(res.headers.vary).split(/,\s*/)).toEqual(expect.arrayContaining(['Accept', 'Accept-Language', 'Cookie']));
      expect(res.headers.link).toBe(`<${BASE}/linked-art/object/${scroll}>; rel="alternate"; type="application/ld+json"`);
      expect(res.body).toContain(`<link rel="alternate" type="application/ld+json" href="${BASE}/linked-art/object/${scroll}"`);
    });

    it('publishes no Linked Art link on pages of records the public may not see', async () => {
      const res = await get(`/records/${hidden.members}`, bearer(member.token));
      expect(res.statusCode).toBe(200);
      expect(res.headers.link).toBeUndefined();
      expect(res.body).not.toContain('/linked-art/');
      expect(res.body).not.toContain('<script type="application/ld+json"');
    });
  });
});
