import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers/test-database';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { PUBLIC, type Actor } from '../accounts/actor';
import type { Store } from '../records/record.store';
import { searchRecords as sqlSearch } from './search.service';
import { SearchEngine } from './search.engine';
import type { SearchParams, SearchResult } from './search.types';

const IMPLEMENTATIONS = {
  'SQL only': (store: Store) => (actor: Actor, p: SearchParams) => sqlSearch(store, actor, p),
  'record index': (store: Store) => {
    const engine = new SearchEngine(store);
    return (actor: Actor, p: SearchParams) => engine.search(actor, p);
  },
};

describe.each(Object.keys(IMPLEMENTATIONS) as (keyof typeof IMPLEMENTATIONS)[])(`search, %s (${TEST_DIALECT})`, (impl) => {
  let tdb: TestDatabase;
  let searchRecords: (actor: Actor, p: SearchParams) => Promise<SearchResult>;
  let store: Store;
  let curator: Actor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    tdb = await createTestDatabase();
    store = { db: tdb.handle.db, dialect: tdb.handle.dialect };
    searchRecords = IMPLEMENTATIONS[impl](store);
    const dunhuang = await newInstitution(store, { name: { en: ['Dunhuang Academy'] }, country: 'CN' });
    const khiva = await newInstitution(store, { name: { en: ['Itchan Kala Museum'] }, country: 'UZ' });
    const bl = await newInstitution(store, { name: { en: ['British Library'] }, country: 'GB', kind: 'library' });
    curator = (await newUser(store, { role: 'curator', institutionId: dunhuang.id })).actor;
    const add = async (key: string, over: Parameters<typeof newRecord>[1]) => {
      ids[key] = (await newRecord(store, over)).id;
    };
    await add('mural', {
      institutionId: dunhuang.id,
      kind: 'site',
      title: { zh: ['敦煌莫高窟第257窟壁画'], en: ['Mural of Mogao Cave 257'] },
      description: { en: ['Deer King Jataka painted in the Northern Wei period.'] },
      date: { display: '5th century' },
      materials: [{ label: { en: ['pigment'] } }],
      places: [{ name: { en: ['Dunhuang'] }, lat: 40.04, lon: 94.8 }],
      rights: 'https://creativecommons.org/licenses/by/4.0/',
    });
    await add('cafe', { institutionId: bl.id, kind: 'rare-book', title: { fr: ['Le Café de la Paix'] }, date: { display: '1880s' }, materials: [{ label: { en: ['paper'] } }] });
    await add('xiva', { institutionId: khiva.id, kind: 'site', title: { uz: ['Xiva, Ichan Qalʼa darvozasi'], en: ['Gate of Itchan Kala, Khiva'] }, date: { display: 'c. 200 BCE' } });
    await add('quran', { institutionId: khiva.id, kind: 'manuscript', title: { ar: ['مُصْحَفٌ شَرِيفٌ'] }, description: { en: ['Quran manuscript on paper'] }, materials: [{ label: { en: ['paper'] } }] });
    await add('members', { institutionId: dunhuang.id, title: { en: ['Secret Dunhuang scroll'] }, visibility: 'members', materials: [{ label: { en: ['silk'] } }] });
    await add('private', { institutionId: dunhuang.id, title: { en: ['Private Dunhuang scroll'] }, visibility: 'private', materials: [{ label: { en: ['silk'] } }] });
    await add('embargo', {
      institutionId: dunhuang.id,
      title: { en: ['Embargoed Dunhuang scroll'] },
      embargoUntil: new Date(Date.now() + 7 * 86400_000).toISOString(),
      materials: [{ label: { en: ['silk'] } }],
    });
    await add('scroll', { institutionId: dunhuang.id, title: { en: ['Public Dunhuang scroll'] }, description: { en: ['A scroll of the Diamond Sutra'] }, materials: [{ label: { en: ['paper'] } }] });
  });
  afterAll(() => tdb?.destroy());

  const idsOf = (r: { items: { id: string }[] }) => r.items.map((i) => i.id);

  it('finds a Chinese two-character word inside a longer title', async () => {
    for (const q of ['敦煌', '壁画', '莫高窟']) {
      const r = await searchRecords(PUBLIC, { q });
      expect(idsOf(r), q).toContain(ids.mural);
    }
  });

  it('folds case and diacritics: cafe finds Café, xiva finds Xiva', async () => {
    expect(idsOf(await searchRecords(PUBLIC, { q: 'cafe' }))).toEqual([ids.cafe]);
    expect(idsOf(await searchRecords(PUBLIC, { q: 'CAFÉ' }))).toEqual([ids.cafe]);
    expect(idsOf(await searchRecords(PUBLIC, { q: 'xiva' }))).toEqual([ids.xiva]);
  });

  it('finds Arabic text whatever its diacritics', async () => {
    expect(idsOf(await searchRecords(PUBLIC, { q: 'مصحف' }))).toEqual([ids.quran]);
  });

  it('answers phrases, prefixes and highlights matches in a snippet', async () => {
    expect(idsOf(await searchRecords(PUBLIC, { q: '"diamond sutra"' }))).toEqual([ids.scroll]);
    expect(idsOf(await searchRecords(PUBLIC, { q: '"sutra diamond"' }))).toEqual([]);
    const pre = await searchRecords(PUBLIC, { q: 'jatak', prefix: true });
    expect(idsOf(pre)).toEqual([ids.mural]);
    expect(pre.items[0].snippet).toContain('<mark>Jataka</mark>');
  });

  it('ranks a title match above a description match', async () => {
    const r = await searchRecords(PUBLIC, { q: 'scroll', sort: 'relevance' });
    expect(r.items[0].id).toBe(ids.scroll);
  });

  it('answers hostile queries with results or an empty list, never an error', async () => {
    const hostile = ['"', '"unbalanced', 'AND OR NOT', '*', 'a*', '()', 'NEAR(a b)', '🏛️🏺', "'; DROP TABLE record; --", '\\', '^', 'x'.repeat(10_000), '"'.repeat(500), '敦煌 ' + '*'.repeat(100), '\u0000\u0001'];
    for (const q of hostile) {
      const r = await searchRecords(PUBLIC, { q });
      expect(Array.isArray(r.items), q.slice(0, 20)).toBe(true);
    }
  });

  it('never shows or counts members-only, private or embargoed records to the public', async () => {
    const r = await searchRecords(PUBLIC, { q: 'dunhuang scroll' });
    expect(idsOf(r)).toEqual([ids.scroll]);
    expect(r.total).toBe(1);
    const browse = await searchRecords(PUBLIC, {});
    expect(browse.total).toBe(5);
    expect(browse.facets.material?.find((f) => f.value === 'silk')).toBeUndefined();
    const dunhuang = browse.facets.institution?.find((f) => f.label === 'Dunhuang Academy');
    expect(dunhuang?.count).toBe(2);
  });

  it('shows the staff of an institution their own hidden records, with counts', async () => {
    const r = await searchRecords(curator, { q: 'dunhuang scroll' });
    expect(new Set(idsOf(r))).toEqual(new Set([ids.scroll, ids.members, ids.private, ids.embargo]));
    expect(r.facets.material?.find((f) => f.value === 'silk')?.count).toBe(3);
  });

  it('counts facets and filters on them', async () => {
    const all = await searchRecords(PUBLIC, {});
    expect(all.facets.country?.map((f) => f.value).sort()).toEqual(['CN', 'GB', 'UZ']);
    expect(all.facets.material?.find((f) => f.value === 'paper')?.count).toBe(3);
    expect(all.facets.rights?.find((f) => f.value === 'open')?.count).toBe(1);
    expect(all.facets.century?.find((f) => f.value === '5')?.count).toBe(1);
    expect(idsOf(await searchRecords(PUBLIC, { material: ['paper'], kind: ['manuscript'] }))).toEqual([ids.quran]);
    expect(idsOf(await searchRecords(PUBLIC, { country: ['UZ'], rights: ['restricted'], sort: 'title' }))).toEqual([ids.xiva, ids.quran]);
  });

  it('filters by a year range with BCE years and by a map box', async () => {
    expect(idsOf(await searchRecords(PUBLIC, { yearFrom: -300, yearTo: -100 }))).toEqual([ids.xiva]);
    expect(idsOf(await searchRecords(PUBLIC, { bbox: [90, 35, 100, 45] }))).toEqual([ids.mural]);
  });

  it('sorts by date, oldest first, records without dates last', async () => {
    const r = await searchRecords(PUBLIC, { sort: 'date' });
    expect(r.items[0].id).toBe(ids.xiva);
    expect(r.items[1].id).toBe(ids.mural);
  });
});
