import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers/test-database';
import { newInstitution, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { saveRecordsBulk } from './record.bulk';
import { normalizeOrThrow } from './record.normalize';
import { saveRecordsPipelined } from './record.pipeline';
import type { Store } from './record.store';

describe(`bulk writes (${TEST_DIALECT})`, () => {
  let tdb: TestDatabase;
  let store: Store;
  let inst: string;
  beforeAll(async () => {
    tdb = await createTestDatabase();
    store = { db: tdb.handle.db, dialect: tdb.handle.dialect };
    inst = (await newInstitution(store, { country: 'KZ' })).id;
  });
  afterAll(() => tdb?.destroy());

  const input = (system: string, n: number, extra: Record<string, unknown> = {}) => ({
    institutionId: inst,
    kind: 'object',
    title: { en: [`Bowl ${n}`], kk: [`Тостаған ${n}`] },
    description: { en: [`A glazed bowl, number ${n}; found near Otrar`] },
    places: [{ name: { en: ['Otrar'] }, country: 'KZ', lat: 42.85, lon: 68.3 }],
    materials: [{ label: { en: ['ceramic'] } }],
    date: { display: '12th century' },
    relations: n % 2 ? [{ type: 'partOf', target: 'r-collection' }] : undefined,
    source: { kind: 'import' as const, system, identifier: `bowl-${n}` },
    ...extra,
  });

  const stored = async (system: string) =>
    (
      await store.db
        .selectFrom('record')
        .select(['id', 'metadata', 'title_sort', 'year_from', 'lat', 'source_key'])
        .where('source_key', 'like', `ext:${system}:%`)
        .orderBy('source_key')
        .execute()
    ).map((r) => ({ ...r, source_key: r.source_key!.slice(system.length + 5) }));

  it('stores the same rows whether records are prepared on a worker thread (sent as heads and JSON) or on this one', async () => {
    // 700 records: several full statements and every smaller chunk size, some with ids of their own.
    const batch = (system: string) => Array.from({ length: 700 }, (_, n) => input(system, n, n % 3 === 0 ? { id: `${system}-own-${n}` } : {}));
    await saveRecordsPipelined(store, SYSTEM_ADMIN, [batch('here')], { threads: 0 });
    await saveRecordsPipelined(store, SYSTEM_ADMIN, [batch('there')], { threads: 1 });
    const here = await stored('here');
    const there = await stored('there');
    expect(there).toHaveLength(700);
    const withoutIds = (rows: typeof here) => rows.map((r) => ({ ...r, id: undefined, metadata: JSON.parse(r.metadata) as Record<string, unknown> }));
    const a = withoutIds(here);
    const b = withoutIds(there);
    for (let i = 0; i < a.length; i++) {
      expect({ ...b[i].metadata, id: undefined, source: undefined }).toEqual({ ...a[i].metadata, id: undefined, source: undefined });
      expect({ ...b[i], metadata: undefined }).toEqual({ ...a[i], metadata: undefined });
    }
    // The stored JSON is exactly the document's, with the id where `{ ...doc, id }` puts it.
    for (const r of there) {
      const n = Number(r.source_key.split('-')[1]);
      expect(r.metadata).toBe(JSON.stringify({ ...normalizeOrThrow(input('there', n, n % 3 === 0 ? { id: `there-own-${n}` } : {})), id: r.id }));
    }
    expect(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM record_facet`.execute(store.db)).rows[0].n)).toBeGreaterThanOrEqual(2800);
  });

  it('re-imports under the id a source already has, even when the input names another, and leaves identical records alone', async () => {
    const first = await stored('there');
    const again = Array.from({ length: 30 }, (_, n) => input('there', n, { id: `renamed-${n}`, notes: { en: ['checked'] } }));
    const r = await saveRecordsPipelined(store, SYSTEM_ADMIN, [again], { threads: 1 });
    expect(r.updated).toBe(30);
    const after = await stored('there');
    for (let n = 0; n < 30; n++) {
      const row = after.find((x) => x.source_key === `bowl-${n}`)!;
      expect(row.id).toBe(first.find((x) => x.source_key === `bowl-${n}`)!.id);
      expect(row.metadata).toBe(JSON.stringify({ ...normalizeOrThrow(again[n]), id: row.id }));
    }
    const unchanged = await saveRecordsBulk(store, SYSTEM_ADMIN, again);
    expect(unchanged).toMatchObject({ created: 0, updated: 0, unchanged: 30 });
  });

  it('keeps a smaller SQLite page cache, no memory map, rarer checkpoints and fewer full-text merges during bulk writes, restored when the last one ends', async () => {
    const cache = async () => {
      const c = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(store.db);
      const m = await sql<{ mmap_size: number }>`PRAGMA mmap_size`.execute(store.db);
      const w = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(store.db);
      const f = await sql<{ v: number }>`SELECT v FROM record_fts_config WHERE k = 'automerge'`.execute(store.db);
      return `${c.rows[0]?.cache_size} ${m.rows[0]?.mmap_size} ${w.rows[0]?.wal_autocheckpoint} ${f.rows[0]?.v ?? 4}`;
    };
    const before = TEST_DIALECT === 'sqlite' ? await cache() : '';
    if (TEST_DIALECT === 'sqlite') expect(before).not.toBe('-32768 0 16384 16');
    const end1 = await store.dialect.beginBulkWrite(store.db);
    const end2 = await store.dialect.beginBulkWrite(store.db);
    if (TEST_DIALECT === 'sqlite') expect(await cache()).toBe('-32768 0 16384 16');
    await end1();
    await end1();
    if (TEST_DIALECT === 'sqlite') expect(await cache()).toBe('-32768 0 16384 16');
    await end2();
    if (TEST_DIALECT === 'sqlite') expect(await cache()).toBe(before);
  });

  it('on PostgreSQL, folds full-text entries in larger sweeps within each bulk transaction only, and empties the pending list when the bulk write ends', async () => {
    if (TEST_DIALECT !== 'postgres') return;
    const show = async (db: Store['db']) => {
      const g = await sql<{ gin_pending_list_limit: string }>`SHOW gin_pending_list_limit`.execute(db);
      const w = await sql<{ work_mem: string }>`SHOW work_mem`.execute(db);
      const c = await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(db);
      return `${g.rows[0].gin_pending_list_limit} ${w.rows[0].work_mem} ${c.rows[0].synchronous_commit}`;
    };
    const end = await store.dialect.beginBulkWrite(store.db);
    const inside = await store.db.transaction().execute(async (trx) => {
      await store.dialect.bulkTransaction(trx);
      await saveRecordsBulk({ db: trx, dialect: store.dialect }, SYSTEM_ADMIN, [1, 2, 3].map((n) => input('pending', n)));
      return show(trx);
    });
    expect(inside).toBe('64MB 64MB off');
    expect(await store.db.transaction().execute((trx) => show(trx))).not.toBe(inside);
    // The GIN metapage's pending list, as the pgstattuple extension reads it.
    await sql`CREATE EXTENSION IF NOT EXISTS pgstattuple`.execute(store.db);
    const pendingEntries = async () => {
      const r = await sql<{ pending_tuples: string }>`SELECT pending_tuples FROM pgstatginindex('record_search_doc')`.execute(store.db);
      return Number(r.rows[0].pending_tuples);
    };
    expect(await pendingEntries()).toBeGreaterThanOrEqual(3);
    await end();
    await end();
    expect(await pendingEntries()).toBe(0);
  });
});

