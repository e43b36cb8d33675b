import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { loadConfig } from '../../config/config';
import { deleteRecord } from '../records/record.service';
import { buildOaiApp, errorCode, resumption, schemaProblems, texts } from './oai-schema.test-support';

const PUBLIC_URL = 'https://heritage.example.org';
const oaiId = (id: string) => `oai:heritage.example.org:${id}`;

describe('OAI-PMH provider', () => {
  let t: TestApp;
  let small: FastifyInstance;
  const ids: Record<string, string> = {};
  let instId = '';
  const get = (app: FastifyInstance, query: string) => app.inject({ method: 'GET', url: `/oai?${query}` });
  const oai = async (query: string, app = small) => {
    const res = await get(app, query);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(schemaProblems(res.body), res.body.slice(0, 2000)).toEqual([]);
    return res.body;
  };

  beforeAll(async () => {
    t = await buildTestApp({ HERITAGE_PUBLIC_URL: PUBLIC_URL });
    const config = loadConfig({ HERITAGE_DEMO: 'off', HERITAGE_PUBLIC_URL: PUBLIC_URL, HERITAGE_MAIL_FROM: 'Secretariat <oai@heritage.example.org>' });
    small = await buildOaiApp(t.store, config, 3);
    const inst = await newInstitution(t.store, { name: { en: ['Silk Road Museum'], zh: ['丝绸之路博物馆'] } });
    instId = inst.id;
    const other = await newInstitution(t.store, { name: { en: ['Cave Library'] } });
    const mk = async (key: string, o: Parameters<typeof newRecord>[1]) => (ids[key] = (await newRecord(t.store, o)).id);
    await mk('bowl', {
      institutionId: inst.id,
      title: { en: ['Bowl with <fish> & "waves"\u0001'], zh: ['鱼纹碗'] },
      agents: [{ name: { en: ['Unknown potter'] }, role: 'maker' }],
      subjects: [{ label: { en: ['Fish'] }, uri: 'http://vocab.getty.edu/aat/300250135' }],
      places: [{ name: { en: ['Jingdezhen'] }, lat: 29.3, lon: 117.2 }],
      date: { display: 'Ming dynasty, 15th century' },
      rights: 'http://rightsstatements.org/vocab/InC/1.0/',
      identifiers: [{ type: 'inventory', value: 'INV-1' }],
    });
    await mk('sutra', {
      institutionId: other.id,
      kind: 'manuscript',
      title: { zh: ['金刚经'], en: ['Diamond Sutra'] },
      agents: [{ name: { en: ['Wang Jie'] }, role: 'scribe' }, { name: { en: ['Aurel Stein'] }, role: 'collector' }],
      languages: ['zh', 'sa'],
      date: { display: '868' },
      notes: { en: ['Printed scroll'] },
      description: { en: ['The earliest dated printed book.'] },
      subjects: [{ label: { en: ['Buddhism'] } }],
      identifiers: [{ type: 'shelfmark', value: 'Or.8210/P.2' }],
    });
    await mk('book', { institutionId: inst.id, kind: 'rare-book', title: { en: ['Herbal'] } });
    await mk('site', { institutionId: other.id, kind: 'site', title: { en: ['Temple'] } });
    await mk('members', { institutionId: inst.id, title: { en: ['Members only'] }, visibility: 'members' });
    await mk('private', { institutionId: inst.id, title: { en: ['Private'] }, visibility: 'private' });
    await mk('embargoed', { institutionId: inst.id, title: { en: ['Embargoed'] }, embargoUntil: '2999-01-01T00:00:00Z' });
    await mk('gone', { institutionId: inst.id, title: { en: ['Deleted public'] } });
    await mk('goneMembers', { institutionId: inst.id, title: { en: ['Deleted members'] }, visibility: 'members' });
    await deleteRecord(t.store, SYSTEM_ADMIN, ids.gone);
    await deleteRecord(t.store, SYSTEM_ADMIN, ids.goneMembers);
    // Datestamps around one second boundary, for from/until at seconds granularity.
    const at: Record<string, string> = {
      bowl: '2020-01-01T10:00:00.000Z',
      sutra: '2020-01-01T10:00:00.999Z',
      book: '2020-01-01T10:00:01.000Z',
      site: '2020-01-02T00:00:00.000Z',
      gone: '2020-01-03T00:00:00.000Z',
      members: '2019-01-01T00:00:00.000Z',
      private: '2019-01-01T00:00:00.000Z',
      embargoed: '2019-01-01T00:00:00.000Z',
      goneMembers: '2019-01-01T00:00:00.000Z',
    };
    for (const [k, v] of Object.entries(at)) await t.store.db.updateTable('record').set({ updated_at: v, public_at: v }).where('id', '=', ids[k]).execute();
  });

  afterAll(async () => {
    await small?.close();
    await t?.close();
  });

  const PUBLIC_KEYS = ['bowl', 'sutra', 'book', 'site', 'gone'];
  const HIDDEN_KEYS = ['members', 'private', 'embargoed', 'goneMembers'];

  it('answers Identify through the whole application, valid against the schema', async () => {
    const xml = await oai('verb=Identify', t.app);
    expect(texts(xml, 'baseURL')).toEqual([`${PUBLIC_URL}/oai`]);
    expect(texts(xml, 'repositoryName')).toEqual(['Heritage Commons']);
    expect(texts(xml, 'protocolVersion')).toEqual(['2.0']);
    expect(texts(xml, 'deletedRecord')).toEqual(['persistent']);
    expect(texts(xml, 'granularity')).toEqual(['YYYY-MM-DDThh:mm:ssZ']);
    expect(texts(xml, 'earliestDatestamp')).toEqual(['2020-01-01T10:00:00Z']);
    expect(texts(xml, 'repositoryIdentifier')).toEqual(['heritage.example.org']);
    expect(xml).toMatch(/<request verb="Identify">https:\/\/heritage\.example\.org\/oai<\/request>/);
  });

  it('takes the admin email from the configured sender', async () => {
    expect(texts(await oai('verb=Identify'), 'adminEmail')).toEqual(['oai@heritage.example.org']);
  });

  it('answers a POST with a form body like a GET', async () => {
    const res = await small.inject({ method: 'POST', url: '/oai', payload: 'verb=GetRecord&metadataPrefix=oai_dc&identifier=' + encodeURIComponent(oaiId(ids.bowl)), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(schemaProblems(res.body)).toEqual([]);
    expect(texts(res.body, 'identifier')[0]).toBe(oaiId(ids.bowl));
    const rep = await small.inject({ method: 'POST', url: '/oai', payload: 'verb=Identify&verb=Identify', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(errorCode(rep.body)).toBe('badVerb');
  });

  it('lists metadata formats for the repository and for one item', async () => {
    expect(texts(await oai('verb=ListMetadataFormats'), 'metadataPrefix')).toEqual(['oai_dc', 'marcxml', 'lido']);
    expect(texts(await oai(`verb=ListMetadataFormats&identifier=${oaiId(ids.sutra)}`), 'metadataPrefix')).toEqual(['oai_dc', 'marcxml', 'lido']);
    expect(texts(await oai(`verb=ListMetadataFormats&identifier=${oaiId(ids.bowl)}`), 'metadataPrefix')).toEqual(['oai_dc', 'lido']);
    expect(errorCode(await oai(`verb=ListMetadataFormats&identifier=${oaiId('r-nope')}`))).toBe('idDoesNotExist');
  });

  it('lists sets by institution and by kind with English names', async () => {
    const xml = await oai('verb=ListSets');
    const specs = texts(xml, 'setSpec');
    expect(specs).toContain(`institution:${instId}`);
    expect(specs).toContain('kind:rare-book');
    expect(texts(xml, 'setName')).toContain('Silk Road Museum');
    expect(errorCode(await oai('verb=ListSets&resumptionToken=abc'))).toBe('badResumptionToken');
  });

  it('writes oai_dc with languages, escaping, DCMI type and publisher', async () => {
    const xml = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${oaiId(ids.bowl)}`);
    expect(xml).toContain('<dc:title xml:lang="en">Bowl with &lt;fish&gt; &amp; &quot;waves&quot;</dc:title>');
    expect(xml).toContain('<dc:title xml:lang="zh">鱼纹碗</dc:title>');
    expect(xml).toContain('<dc:type>PhysicalObject</dc:type>');
    expect(xml).toContain('<dc:publisher xml:lang="en">Silk Road Museum</dc:publisher>');
    expect(xml).toContain(`<dc:identifier>${PUBLIC_URL}/records/${ids.bowl}</dc:identifier>`);
    expect(xml).toContain('<dc:coverage xml:lang="en">Jingdezhen</dc:coverage>');
    expect(texts(xml, 'datestamp')).toEqual(['2020-01-01T10:00:00Z']);
  });

  it('writes MARCXML for a manuscript, valid against MARC21slim', async () => {
    const xml = await oai(`verb=GetRecord&metadataPrefix=marcxml&identifier=${oaiId(ids.sutra)}`);
    expect(xml).toMatch(/<marc:controlfield tag="001">[^<]+<\/marc:controlfield>/);
    expect(xml).toContain('<marc:datafield tag="100" ind1="0" ind2=" "><marc:subfield code="a">Wang Jie</marc:subfield><marc:subfield code="e">scribe</marc:subfield></marc:datafield>');
    expect(xml).toContain('<marc:subfield code="a">Aurel Stein</marc:subfield><marc:subfield code="e">collector</marc:subfield>');
    expect(xml).toContain('<marc:datafield tag="041" ind1="0" ind2=" "><marc:subfield code="a">chi</marc:subfield><marc:subfield code="a">san</marc:subfield></marc:datafield>');
    for (const tag of ['245', '264', '500', '520', '650', '852', '856']) expect(xml).toContain(`tag="${tag}"`);
    expect(errorCode(await oai(`verb=GetRecord&metadataPrefix=marcxml&identifier=${oaiId(ids.bowl)}`))).toBe('cannotDisseminateFormat');
    expect(errorCode(await oai(`verb=GetRecord&metadataPrefix=lido&identifier=${oaiId(ids.book)}`))).toBe('cannotDisseminateFormat');
  });

  it('lists only marcxml-expressible records under marcxml', async () => {
    const xml = await oai('verb=ListRecords&metadataPrefix=marcxml');
    expect(texts(xml, 'identifier').sort()).toEqual([oaiId(ids.sutra), oaiId(ids.book)].sort());
    expect(resumption(xml)).toBeNull();
  });

  it('shows a deleted public record as deleted, in lists and by GetRecord', async () => {
    const xml = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${oaiId(ids.gone)}`);
    expect(xml).toContain('<header status="deleted">');
    expect(xml).not.toContain('<metadata>');
    const list = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2020-01-03');
    expect(list).toContain(`<header status="deleted"><identifier>${oaiId(ids.gone)}</identifier>`);
  });

  it('never shows members-only, private or embargoed records, not even deleted ones', async () => {
    const seen: string[] = [];
    let xml = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc');
    expect(resumption(xml)?.completeListSize).toBe(PUBLIC_KEYS.length);
    for (;;) {
      seen.push(...texts(xml, 'identifier'));
      const r = resumption(xml);
      if (!r?.token) break;
      xml = await oai(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(r.token)}`);
    }
    expect(seen.sort()).toEqual(PUBLIC_KEYS.map((k) => oaiId(ids[k])).sort());
    for (const k of HIDDEN_KEYS) {
      expect(errorCode(await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${oaiId(ids[k])}`))).toBe('idDoesNotExist');
      expect(errorCode(await oai(`verb=ListMetadataFormats&identifier=${oaiId(ids[k])}`))).toBe('idDoesNotExist');
    }
    expect(errorCode(await oai('verb=ListRecords&metadataPrefix=oai_dc&until=2019-12-31'))).toBe('noRecordsMatch');
  });

  it('pages ListRecords with resumption tokens carrying completeListSize and cursor, ending with an empty one', async () => {
    let xml = await oai('verb=ListRecords&metadataPrefix=oai_dc');
    const cursors: number[] = [];
    const seen: string[] = [];
    for (;;) {
      seen.push(...texts(xml, 'identifier'));
      const r = resumption(xml)!;
      expect(r.completeListSize).toBe(5);
      cursors.push(r.cursor!);
      if (!r.token) {
        expect(r.expirationDate).toBeUndefined();
        break;
      }
      expect(r.expirationDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      xml = await oai(`verb=ListRecords&resumptionToken=${encodeURIComponent(r.token)}`);
    }
    expect(cursors).toEqual([0, 3]);
    expect(seen).toEqual(['bowl', 'sutra', 'book', 'site', 'gone'].map((k) => oaiId(ids[k])));
  });

  it('accepts a resumption token after a restart (another process on the same database)', async () => {
    const first = resumption(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc'))!;
    const config = loadConfig({ HERITAGE_DEMO: 'off', HERITAGE_PUBLIC_URL: PUBLIC_URL });
    const restarted = await buildOaiApp(t.store, config, 3);
    try {
      const xml = await oai(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(first.token)}`, restarted);
      expect(texts(xml, 'identifier')).toEqual([oaiId(ids.site), oaiId(ids.gone)]);
      expect(resumption(xml)).toMatchObject({ token: '', cursor: 3, completeListSize: 5 });
    } finally {
      await restarted.close();
    }
  });

  it('selects by set', async () => {
    expect(texts(await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&set=institution:${instId}`), 'identifier').sort()).toEqual(
      ['bowl', 'book', 'gone'].map((k) => oaiId(ids[k])).sort(),
    );
    expect(texts(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=kind:site'), 'identifier')).toEqual([oaiId(ids.site)]);
    expect(errorCode(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=exhibition:x'))).toBe('noRecordsMatch');
  });

  it('applies from and until inclusively at seconds and day granularity', async () => {
    const list = async (q: string) => texts(await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&${q}`), 'identifier');
    const of = (...k: string[]) => k.map((x) => oaiId(ids[x]));
    expect(await list('from=2020-01-01T10:00:00Z&until=2020-01-01T10:00:00Z')).toEqual(of('bowl', 'sutra'));
    expect(await list('from=2020-01-01T10:00:01Z&until=2020-01-01T10:00:01Z')).toEqual(of('book'));
    expect(await list('until=2020-01-01')).toEqual(of('bowl', 'sutra', 'book'));
    expect(await list('from=2020-01-02&until=2020-01-02')).toEqual(of('site'));
  });
});
