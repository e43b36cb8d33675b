import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers/test-database';
import { newInstitution, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { PUBLIC } from '../accounts/actor';
import { searchRecords } from '../search/search.service';
import { saveRecordsPipelined } from './record.pipeline';
import type { Store } from './record.store';

describe(`pipelined bulk saves (${TEST_DIALECT})`, () => {
  let tdb: TestDatabase;
  let store: Store;
  let inst: string;
  beforeAll(async () => {
    tdb = await createTestDatabase();
    store = { db: tdb.handle.db, dialect: tdb.handle.dialect };
    inst = (await newInstitution(store, { country: 'UZ' })).id;
  });
  afterAll(() => tdb?.destroy());

  const batches = () =>
    Array.from({ length: 5 }, (_, b) =>
      Array.from({ length: 40 }, (_, i) => {
        const n = b * 40 + i;
        if (n === 77) return { institutionId: inst, kind: 'object', title: { en: ['broken'] }, date: { display: 'x', edtf: 'not edtf' } };
        return {
          institutionId: inst,
          kind: 'manuscript',
          title: { en: [`Folio ${n} of the Samarkand Kufic Quran`], uz: [`Qurʼon varaqi ${n}`] },
          date: { display: '8th century' },
          materials: [{ label: { en: ['parchment'] } }],
          source: { kind: 'import' as const, system: 'test', identifier: `folio-${n}` },
        };
      }),
    );

  it('saves every batch in order on worker threads, reporting rejected records by their position in the stream', async () => {
    const seen: number[] = [];
    const r = await saveRecordsPipelined(store, SYSTEM_ADMIN, batches(), { threads: 2, onBatch: (_, i) => seen.push(i) });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(r.created).toBe(199);
    expect(r.rejected).toEqual([expect.objectContaining({ index: 77, problems: [expect.objectContaining({ field: '/date/edtf' })] })]);
    const found = await searchRecords(store, PUBLIC, { q: 'kufic varaqi', facets: ['century', 'material'] });
    expect(found.total).toBe(199);
    expect(found.facets.century).toEqual([{ value: '8', count: 199, label: '8' }]);
  });

  it('updates records named by id, refuses ids of other institutions and ids twice in a batch, without failing the batch', async () => {
    const other = (await newInstitution(store, { country: 'FR' })).id;
    const first = await saveRecordsPipelined(store, SYSTEM_ADMIN, [[{ id: 'named-1', institutionId: inst, kind: 'object', title: { en: ['Named one'] } }]], { threads: 0 });
    expect(first.created).toBe(1);
    const r = await saveRecordsPipelined(
      store,
      SYSTEM_ADMIN,
      [
        [
          { id: 'named-1', institutionId: inst, kind: 'object', title: { en: ['Named one, renamed'] } },
          { id: 'named-1', institutionId: inst, kind: 'object', title: { en: ['Named one, twice'] } },
          { id: 'named-1', institutionId: other, kind: 'object', title: { en: ['Hijack'] } },
          { id: 'named-2', institutionId: inst, kind: 'object', title: { en: ['Named two'] } },
        ],
      ],
      { threads: 0 },
    );
    expect(r).toMatchObject({ created: 1, updated: 1 });
    expect(r.rejected.map((x) => [x.index, x.problems[0].field])).toEqual([
      [1, '/id'],
      [2, '/id'],
    ]);
    const found = await searchRecords(store, PUBLIC, { q: 'named' });
    expect(found.items.map((i) => i.title.en[0]).sort()).toEqual(['Named one, renamed', 'Named two']);
  });

  it('leaves identical re-imports unchanged', async () => {
    const r = await saveRecordsPipelined(store, SYSTEM_ADMIN, batches(), { threads: 1 });
    expect(r).toMatchObject({ created: 0, updated: 0, unchanged: 199 });
  });
});
