import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { loadConfig } from '../../config/config';
import { lidoReader } from '../imports/formats/lido.reader';
import type { ReadItem, ReaderOptions } from '../imports/import.types';
import { mediaRepository } from '../media/media.repository';
import { deleteRecord } from '../records/record.service';
import type { RecordInput } from '../records/record.schema';
import { buildOaiApp, errorCode, resumption, schemaProblems, texts } from './oai-schema.test-support';

const PUBLIC_URL = 'https://heritage.example.org';
const oaiId = (id: string) => `oai:heritage.example.org:${id}`;

/** A record with every field LIDO carries. */
const RICH: Omit<RecordInput, 'institutionId'> = {
  kind: 'object',
  title: { en: ['Jar with dragons', 'Dragon jar'], zh: ['龙纹罐'] },
  description: { en: ['A storage jar & its <lid>.'], fr: ['Une jarre de stockage.'] },
  notes: { en: ['Found broken in three pieces.'] },
  inscriptions: { zh: ['大明宣德年製'] },
  identifiers: [
    { type: 'inventory', value: 'INV-2024/7' },
    { type: 'shelfmark', value: 'Store B, 12' },
    { type: 'doi', value: '10.1234/jar.7' },
    { type: 'uri', value: 'https://www.wikidata.org/wiki/Q1' },
  ],
  agents: [
    { name: { en: ['Imperial kilns of Jingdezhen'], zh: ['景德镇御窑'] }, role: 'potter', uri: 'http://vocab.getty.edu/ulan/500000001', dates: '1369–1756' },
    { name: { none: ['Stein, Aurel'] }, role: 'collector', uri: 'https://www.wikidata.org/wiki/Q310986', dates: '1862–1943' },
    { name: { none: ['Spink & Son'] }, role: 'seller' },
    { name: { de: ['Museum für Asiatische Kunst'] }, role: 'Leihgeber (exhibition)' },
  ],
  date: { display: 'Xuande period, 1426–1435', edtf: '1426/1435' },
  places: [
    { name: { en: ['Jingdezhen'], zh: ['景德镇'] }, uri: 'http://sws.geonames.org/1805680/', country: 'CN', lat: 29.29, lon: 117.21 },
    { name: { en: ['Dunhuang'] }, role: 'find spot', lat: 40.142, lon: 94.662 },
  ],
  materials: [{ label: { en: ['porcelain'], zh: ['瓷'] }, uri: 'http://vocab.getty.edu/aat/300010662', vocabulary: 'AAT' }],
  techniques: [{ label: { en: ['underglaze painting'] }, uri: 'http://vocab.getty.edu/aat/300263924', vocabulary: 'AAT' }],
  objectTypes: [{ label: { en: ['jar'], zh: ['罐'] }, uri: 'http://vocab.getty.edu/aat/300193015', vocabulary: 'AAT' }],
  dimensions: [
    { type: 'height', value: 48.5, unit: 'cm' },
    { type: 'diameter', value: 30, unit: 'cm' },
  ],
  dimensionsText: 'H. 48.5 cm, D. 30 cm',
  subjects: [{ label: { en: ['dragons'] }, uri: 'http://vocab.getty.edu/aat/300249528', vocabulary: 'AAT' }, { label: { zh: ['云纹'] } }],
  rights: 'https://creativecommons.org/licenses/by/4.0/',
  creditLine: { en: ['Gift of the Silk Road Foundation, 2001'] },
};

/** The records our own LIDO import reads from an OAI-PMH response. */
async function readBack(xml: string): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of lidoReader(Readable.from([xml]), { institutionId: 'elsewhere', sourceSystem: 'oai', sourceKind: 'harvest' } satisfies ReaderOptions)) items.push(item);
  return items;
}

describe('OAI-PMH provider: LIDO', () => {
  let t: TestApp;
  let small: FastifyInstance;
  const ids: Record<string, string> = {};
  const oai = async (query: string, app = small) => {
    const res = await app.inject({ method: 'GET', url: `/oai?${query}` });
    expect(res.statusCode).toBe(200);
    expect(schemaProblems(res.body), res.body.slice(0, 3000)).toEqual([]);
    return res.body;
  };
  const getLido = (key: string) => oai(`verb=GetRecord&metadataPrefix=lido&identifier=${oaiId(ids[key])}`);

  beforeAll(async () => {
    t = await buildTestApp({ HERITAGE_PUBLIC_URL: PUBLIC_URL });
    small = await buildOaiApp(t.store, loadConfig({ HERITAGE_DEMO: 'off', HERITAGE_PUBLIC_URL: PUBLIC_URL }), 3);
    const inst = await newInstitution(t.store, { name: { en: ['Silk Road Museum'], zh: ['丝绸之路博物馆'] } });
    const mk = async (key: string, o: Partial<RecordInput>) => (ids[key] = (await newRecord(t.store, { institutionId: inst.id, ...o })).id);
    await mk('lid', { title: { en: ['Lid of the dragon jar'] } });
    await mk('secret', { title: { en: ['Private fragment'] }, visibility: 'private' });
    await mk('jar', { ...RICH, relations: [{ type: 'hasPart', target: ids.lid }, { type: 'relatedTo', target: ids.secret }] });
    await mk('sutra', { kind: 'manuscript', title: { zh: ['金刚经'] }, date: { display: '868' }, identifiers: [{ type: 'shelfmark', value: 'Or.8210/P.2' }] });
    await mk('temple', { kind: 'site', title: { en: ['Temple'] }, places: [{ name: { en: ['Bagan'] }, lat: 21.17, lon: 94.86 }], date: { display: '3rd century BCE' } });
    await mk('film', { kind: 'audiovisual', title: { en: ['Excavation film'] } });
    await mk('book', { kind: 'rare-book', title: { en: ['Herbal'] } });
    await mk('members', { title: { en: ['Members only'] }, visibility: 'members' });
    await mk('embargoed', { title: { en: ['Embargoed'] }, embargoUntil: '2999-01-01T00:00:00Z' });
    await mk('gone', { title: { en: ['Deleted public'] } });
    await mk('goneMembers', { title: { en: ['Deleted members'] }, visibility: 'members' });
    await deleteRecord(t.store, SYSTEM_ADMIN, ids.gone);
    await deleteRecord(t.store, SYSTEM_ADMIN, ids.goneMembers);
    const image = (id: string, o: { visibility?: string; embargo_until?: string | null; status?: string; position: number; recordId?: string }) =>
      mediaRepository.insert(t.store.db, {
        id,
        record_id: o.recordId ?? ids.jar,
        institution_id: inst.id,
        position: o.position,
        label: JSON.stringify({ en: [`View ${o.position}`] }),
        rights: 'http://rightsstatements.org/vocab/InC/1.0/',
        visibility: o.visibility ?? 'public',
        embargo_until: o.embargo_until ?? null,
        mime: 'image/jpeg',
        original_name: null,
        bytes: 1000,
        sha256: id.padEnd(64, '0'),
        width: 800,
        height: 600,
        status: o.status ?? 'ready',
        error: null,
        storage_key: `key-${id}`,
        created_at: '2024-01-01T00:00:00.000Z',
        updated_at: '2024-01-01T00:00:00.000Z',
        created_by: null,
      });
    await image('m-public', { position: 1 });
    await image('m-private', { position: 2, visibility: 'private' });
    await image('m-members', { position: 3, visibility: 'members' });
    await image('m-embargoed', { position: 4, embargo_until: '2999-01-01T00:00:00.000Z' });
    await image('m-pending', { position: 5, status: 'pending' });
    await image('m-hidden-record', { position: 1, recordId: ids.members });
  });

  afterAll(async () => {
    await small?.close();
    await t?.close();
  });

  it('announces lido, and lists it for an item only when the item can be expressed in LIDO', async () => {
    const prefixes = async (key?: string) => texts(await oai(`verb=ListMetadataFormats${key ? `&identifier=${oaiId(ids[key])}` : ''}`), 'metadataPrefix');
    const xml = await oai('verb=ListMetadataFormats');
    expect(texts(xml, 'metadataPrefix')).toEqual(['oai_dc', 'marcxml', 'lido']);
    expect(xml).toContain('<metadataFormat><metadataPrefix>lido</metadataPrefix><schema>http://www.lido-schema.org/schema/v1.1/lido-v1.1.xsd</schema><metadataNamespace>http://www.lido-schema.org</metadataNamespace></metadataFormat>');
    expect(await prefixes('jar')).toEqual(['oai_dc', 'lido']);
    expect(await prefixes('sutra')).toEqual(['oai_dc', 'marcxml', 'lido']);
    expect(await prefixes('temple')).toEqual(['oai_dc', 'lido']);
    expect(await prefixes('book')).toEqual(['oai_dc', 'marcxml']);
  });

  it('writes a rich record as LIDO 1.1, valid against the schema, with multilingual values as repeated elements', async () => {
    const xml = await getLido('jar');
    expect(xml).toContain(`<lido:lidoRecID lido:source="heritage.example.org" lido:type="http://terminology.lido-schema.org/lido00100">${oaiId(ids.jar)}</lido:lidoRecID>`);
    expect(xml).toContain('<lido:descriptiveMetadata xml:lang="en">');
    expect(xml).toContain('<lido:appellationValue xml:lang="zh">龙纹罐</lido:appellationValue>');
    expect(xml).toContain('<lido:appellationValue lido:pref="http://terminology.lido-schema.org/lido00170" xml:lang="en">Dragon jar</lido:appellationValue>');
    expect(xml).toContain('<lido:descriptiveNoteValue xml:lang="en">A storage jar &amp; its &lt;lid&gt;.</lido:descriptiveNoteValue>');
    expect(xml).toContain('<lido:workID lido:type="http://terminology.lido-schema.org/lido00113">INV-2024/7</lido:workID>');
    expect(xml).toContain('<lido:gml><gml:Point><gml:pos>29.29 117.21</gml:pos></gml:Point></lido:gml>');
    expect(xml).toContain('<lido:earliestDate>1426</lido:earliestDate><lido:latestDate>1435</lido:latestDate>');
    expect(xml).toContain(`<lido:recordInfoLink lido:formatResource="text/html">${PUBLIC_URL}/records/${ids.jar}</lido:recordInfoLink>`);
    expect(xml).toContain('<lido:legalBodyName><lido:appellationValue xml:lang="en">Silk Road Museum</lido:appellationValue>');
    expect(texts(xml, 'lido:displayEvent')).toEqual(['Production', 'Finding', 'Collecting', 'Acquisition', 'Exhibition']);
    expect(texts(xml, 'lido:conceptID')).toContain('https://creativecommons.org/licenses/by/4.0/');
  });

  it('links only the images the public may see, with IIIF and thumbnail URLs', async () => {
    const xml = await getLido('jar');
    expect(texts(xml, 'lido:resourceID')).toEqual(['m-public']);
    expect(texts(xml, 'lido:linkResource')).toEqual([
      `${PUBLIC_URL}/media/m-public/thumb/200.jpg`,
      `${PUBLIC_URL}/iiif/3/m-public/full/max/0/default.jpg`,
      `${PUBLIC_URL}/iiif/3/m-public/info.json`,
    ]);
    for (const hidden of ['m-private', 'm-members', 'm-embargoed', 'm-pending', 'm-hidden-record']) expect(xml).not.toContain(hidden);
  });

  it('relates only records the public may see', async () => {
    const xml = await getLido('jar');
    expect(texts(xml, 'lido:displayRelatedWork')).toEqual(['Lid of the dragon jar']);
    expect(texts(xml, 'lido:objectID')).toEqual([ids.lid]);
    expect(xml).not.toContain(ids.secret);
  });

  it('reads back, through our own LIDO import, the titles, agents, dates, places, materials, subjects, identifiers and rights it wrote', async () => {
    const items = await readBack(await getLido('jar'));
    expect(items).toHaveLength(1);
    const back = items[0].kind === 'record' ? items[0].record : null;
    expect(back, JSON.stringify(items[0])).not.toBeNull();
    expect(back!).toMatchObject({
      kind: 'object',
      title: RICH.title,
      description: RICH.description,
      notes: RICH.notes,
      inscriptions: RICH.inscriptions,
      agents: [
        RICH.agents![0],
        RICH.agents![1],
        RICH.agents![2],
        RICH.agents![3],
      ],
      date: { display: RICH.date!.display, edtf: '1426/1435' },
      places: [
        { ...RICH.places![0], role: 'production' },
        RICH.places![1],
      ],
      materials: RICH.materials,
      techniques: RICH.techniques,
      objectTypes: RICH.objectTypes,
      dimensions: RICH.dimensions!.map((d) => ({ ...d, display: RICH.dimensionsText })),
      dimensionsText: RICH.dimensionsText,
      subjects: [RICH.subjects![0], { label: { zh: ['云纹'] } }],
      rights: RICH.rights,
      creditLine: RICH.creditLine,
      source: { identifier: oaiId(ids.jar), url: `${PUBLIC_URL}/records/${ids.jar}` },
    });
    expect(back!.identifiers!.filter((i) => !i.label?.startsWith('lidoRecID'))).toEqual(RICH.identifiers);
  });

  it('keeps the kind of a manuscript, a site and an audiovisual item through LIDO and back', async () => {
    for (const [key, kind] of [['sutra', 'manuscript'], ['temple', 'site'], ['film', 'audiovisual']] as const) {
      const [item] = await readBack(await getLido(key));
      expect(item.kind === 'record' && item.record.kind, key).toBe(kind);
    }
    const [site] = await readBack(await getLido('temple'));
    expect(site.kind === 'record' && site.record.date).toEqual({ display: '3rd century BCE', edtf: '-0299/-0200' });
  });

  it('refuses lido for a rare book and for unknown or hidden identifiers', async () => {
    expect(errorCode(await getLido('book'))).toBe('cannotDisseminateFormat');
    for (const k of ['members', 'secret', 'embargoed', 'goneMembers']) expect(errorCode(await getLido(k)), k).toBe('idDoesNotExist');
  });

  it('lists only public records LIDO can express, pages them with tokens, and shows a deleted public record as deleted', async () => {
    let xml = await oai('verb=ListRecords&metadataPrefix=lido');
    const seen: string[] = [];
    for (;;) {
      seen.push(...texts(xml, 'identifier'));
      const r = resumption(xml);
      if (!r?.token) break;
      expect(r.completeListSize).toBe(6);
      xml = await oai(`verb=ListRecords&resumptionToken=${encodeURIComponent(r.token)}`);
    }
    expect(seen.sort()).toEqual(['lid', 'jar', 'sutra', 'temple', 'film', 'gone'].map((k) => oaiId(ids[k])).sort());
    const ident = await oai('verb=ListIdentifiers&metadataPrefix=lido&set=kind:object');
    expect(texts(ident, 'identifier').sort()).toEqual(['lid', 'jar', 'gone'].map((k) => oaiId(ids[k])).sort());
    expect(await oai(`verb=GetRecord&metadataPrefix=lido&identifier=${oaiId(ids.gone)}`)).toContain('<header status="deleted">');
    expect(errorCode(await oai('verb=ListIdentifiers&metadataPrefix=lido&set=kind:rare-book'))).toBe('noRecordsMatch');
  });
});
