import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers/test-database';
import { newInstitution, newRecord } from '../../../test/helpers/factories';
import { PUBLIC } from '../accounts/actor';
import { createSearchRunner, type SearchRunner } from './search.runner';

describe(`search runner used by the server (${TEST_DIALECT})`, () => {
  let tdb: TestDatabase;
  let runner: SearchRunner;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    const store = { db: tdb.handle.db, dialect: tdb.handle.dialect };
    const inst = await newInstitution(store);
    await newRecord(store, { institutionId: inst.id, title: { en: ['Bronze mirror'] } });
    await newRecord(store, { institutionId: inst.id, title: { en: ['Secret mirror'] }, visibility: 'private' });
    runner = await createSearchRunner({ store, workers: 2, sqliteFile: tdb.handle.dialect.name === 'sqlite' ? tdb.handle.location : undefined });
  });
  afterAll(async () => {
    await runner?.close();
    await tdb?.destroy();
  });

  it('answers searches with the visibility rule applied, also when many run at once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => runner.search(PUBLIC, { q: 'mirror' })));
    for (const r of results) {
      expect(r.total).toBe(1);
      expect(r.items[0].title.en).toEqual(['Bronze mirror']);
    }
  });

  it('passes coded errors back from the search thread', async () => {
    await expect(runner.search(PUBLIC, { q: 'x', offset: 999_999 })).rejects.toMatchObject({ code: 'BAD_QUERY', status: 400 });
  });
});
