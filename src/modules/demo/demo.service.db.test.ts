import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers/test-database';
import { newRecord } from '../../../test/helpers/factories';
import { PUBLIC, SYSTEM_ACTOR } from '../accounts/actor';
import { docToInput, type RecordDoc } from '../records/record.normalize';
import { updateRecord } from '../records/record.service';
import type { Store } from '../records/record.store';
import { searchRecords } from '../search/search.service';
import { readDemoDataset } from './demo.dataset';
import { DEMO_STATE_KEY, isDemoLoaded, loadDemo, maybeLoadDemoOnStart, type DemoLog } from './demo.service';

const silentLog: DemoLog & { errors: unknown[] } = { errors: [], info() {}, error(obj) { this.errors.push(obj); } };

describe(`demo alliance (${TEST_DIALECT})`, () => {
  let tdb: TestDatabase;
  let store: Store;
  const dataset = readDemoDataset();

  beforeAll(async () => {
    tdb = await createTestDatabase();
    store = { db: tdb.handle.db, dialect: tdb.handle.dialect };
  });
  afterAll(() => tdb?.destroy());

  const counts = async () => {
    const records = await store.db.selectFrom('record').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const distinctSources = await store.db
      .selectFrom('record')
      .select((eb) => eb.fn.count<number>('source_key').distinct().as('n'))
      .executeTakeFirstOrThrow();
    const versions = await store.db.selectFrom('record_version').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const institutions = await store.db.selectFrom('institution').select(['id', 'country']).execute();
    return { records: Number(records.n), sources: Number(distinctSources.n), versions: Number(versions.n), institutions };
  };

  it('does not load the demo on start when the configuration turns it off', async () => {
    expect(await maybeLoadDemoOnStart(store, { demoOnEmpty: false }, silentLog)).toBeNull();
    expect((await counts()).institutions).toHaveLength(0);
  });

  it('loads the demo into an empty database on start: over 1,000 records of 4+ institutions in 3+ countries', async () => {
    const result = await maybeLoadDemoOnStart(store, { demoOnEmpty: true }, silentLog);
    expect(silentLog.errors).toEqual([]);
    expect(result).toEqual({ loaded: true, institutions: dataset.institutions.length, records: dataset.records.length });
    const c = await counts();
    expect(c.records).toBe(dataset.records.length);
    expect(c.records).toBeGreaterThanOrEqual(1000);
    expect(c.sources).toBe(c.records);
    expect(c.institutions.length).toBeGreaterThanOrEqual(4);
    expect(new Set(c.institutions.map((i) => i.country)).size).toBeGreaterThanOrEqual(3);
    expect(await isDemoLoaded(store.db)).toBe(true);
    const state = await store.db.selectFrom('app_state').select('value').where('key', '=', DEMO_STATE_KEY).executeTakeFirstOrThrow();
    expect(JSON.parse(state.value)).toMatchObject({ records: dataset.records.length });
  });

  it('finds the Analects by a Chinese search, as the public', async () => {
    const r = await searchRecords(store, PUBLIC, { q: '论语', limit: 50 });
    expect(r.total).toBeGreaterThanOrEqual(21);
    expect(r.items.map((i) => i.id)).toContain('demo-classics-lunyu');
    expect(r.items.every((i) => JSON.stringify(i.title).includes('论语'))).toBe(true);
    const poems = await searchRecords(store, PUBLIC, { q: '关雎' });
    expect(poems.items.map((i) => i.id)).toContain('demo-classics-shijing-001');
  });

  it('finds records by Latin-script searches and vernacular MARC titles', async () => {
    const turner = await searchRecords(store, PUBLIC, { q: 'Turner', facets: ['institution'] });
    expect(turner.total).toBeGreaterThan(100);
    expect(turner.facets.institution?.[0]).toMatchObject({ value: 'tate', label: 'Tate' });
    const austen = await searchRecords(store, PUBLIC, { q: '"pride and prejudice"', facets: ['country', 'language'] });
    expect(austen.total).toBeGreaterThan(100);
    expect(austen.facets.country?.map((f) => f.value)).toEqual(expect.arrayContaining(['UZ', 'JP']));
    const chinese = await searchRecords(store, PUBLIC, { q: '傲慢与偏见' });
    expect(chinese.total).toBeGreaterThan(0);
    const japanese = await searchRecords(store, PUBLIC, { q: '自負と偏見' });
    expect(japanese.items.map((i) => i.id)).toEqual(['demo-marc-304']);
  });

  it('shows titles in several languages and hides members-only and embargoed records from the public', async () => {
    const langs = await searchRecords(store, PUBLIC, { limit: 0, facets: ['language'] });
    expect(langs.facets.language?.map((f) => f.value)).toEqual(expect.arrayContaining(['en', 'lzh', 'zh', 'ja', 'fr', 'de']));
    const all = await searchRecords(store, SYSTEM_ACTOR, { limit: 0, facets: [] });
    expect(all.total).toBe(dataset.records.length);
    const hidden = dataset.records.filter((r) => r.visibility !== 'public' || r.embargoUntil).length;
    expect(hidden).toBeGreaterThanOrEqual(2);
    expect(langs.total).toBe(dataset.records.length - hidden);
  });

  it('does nothing when loaded again, on start or by command', async () => {
    const before = await counts();
    expect(await maybeLoadDemoOnStart(store, { demoOnEmpty: true }, silentLog)).toBeNull();
    expect(await loadDemo(store)).toEqual({ loaded: false, institutions: 0, records: 0 });
    expect(await counts()).toEqual(before);
  });

  it('reloads on reset: edits to demo records are discarded, nothing is duplicated, records others added stay', async () => {
    const before = await counts();
    const row = await store.db.selectFrom('record').selectAll().where('id', '=', 'demo-classics-lunyu-01').executeTakeFirstOrThrow();
    const doc = JSON.parse(row.metadata) as RecordDoc & { id: string };
    const analects = (await searchRecords(store, PUBLIC, { q: '论语', limit: 0, facets: [] })).total;
    // The edit also drops the source, as a careless edit might: the demo still knows its record by id.
    const { source, ...input } = docToInput(doc);
    expect(source?.kind).toBe('demo');
    const edited = await updateRecord(store, SYSTEM_ACTOR, doc.id, { ...input, title: { en: ['Zyxwv edited title'] } }, row.version);
    expect(edited.version).toBe(2);
    expect((await searchRecords(store, PUBLIC, { q: 'zyxwv' })).total).toBe(1);
    const own = await newRecord(store, { institutionId: 'tate', title: { en: ['A record Tate added itself'] } });

    const progress: [number, number][] = [];
    const result = await loadDemo(store, { reset: true, onProgress: (done, total) => progress.push([done, total]) });
    expect(result).toEqual({ loaded: true, institutions: dataset.institutions.length, records: dataset.records.length });
    expect(progress.at(-1)).toEqual([dataset.records.length, dataset.records.length]);

    const after = await counts();
    expect(after.records).toBe(before.records + 1);
    expect(after.sources).toBe(before.sources);
    expect(after.institutions).toEqual(before.institutions);
    expect(after.versions).toBe(0);
    const restored = await store.db.selectFrom('record').selectAll().where('id', '=', 'demo-classics-lunyu-01').execute();
    expect(restored).toHaveLength(1);
    expect(restored[0].version).toBe(1);
    expect(JSON.parse(restored[0].metadata).title['zh-Hans']).toEqual(['论语·学而篇']);
    expect((await searchRecords(store, PUBLIC, { q: 'zyxwv' })).total).toBe(0);
    expect((await searchRecords(store, PUBLIC, { q: '论语', limit: 0, facets: [] })).total).toBe(analects);
    expect(await store.db.selectFrom('record').select('id').where('id', '=', own.id).executeTakeFirst()).toBeDefined();
  });
});

describe(`demo alliance loaded by two processes at once (${TEST_DIALECT})`, () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(() => tdb?.destroy());

  it('loads it once when two loads start together', async () => {
    const store = { db: tdb.handle.db, dialect: tdb.handle.dialect };
    const results = await Promise.all([loadDemo(store), loadDemo(store)]);
    expect(results.map((r) => r.loaded).sort()).toEqual([false, true]);
    const n = await store.db.selectFrom('record').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(readDemoDataset().records.length);
  });
});
