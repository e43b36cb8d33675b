import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newInstitution, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { runHeritage } from '../../../test/helpers/cli';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers/test-database';
import { listRecords } from '../records/record.service';
import { createMapping } from './mapping.service';

describe(`heritage import --mapping NAME (${TEST_DIALECT})`, () => {
  let tdb: TestDatabase;
  let args: string[];
  let inst: string;
  const store = () => ({ db: tdb.handle.db, dialect: tdb.handle.dialect });

  beforeAll(async () => {
    tdb = await createTestDatabase();
    inst = (await newInstitution(store())).id;
    args = ['--data', tdb.dataDir, ...(tdb.databaseUrl ? ['--database-url', tdb.databaseUrl] : [])];
    await createMapping(store(), SYSTEM_ADMIN, {
      institutionId: inst,
      name: 'Library shelf list',
      mapping: { columns: { Shelfmark: 'identifier.shelfmark', Heading: 'title.zh', 'Heading (romanised)': 'title.zh-Latn', Scribe: 'agent.scribe' }, identifierColumn: 'Shelfmark' },
    });
  });
  afterAll(() => tdb?.destroy());

  it('imports a CSV with a mapping saved for the institution, found by its name', async () => {
    const file = path.join(tdb.dataDir, 'shelf.csv');
    // Headers that suggestion alone would not map: only the saved mapping knows them.
    fs.writeFileSync(file, 'Shelfmark,Heading,Heading (romanised),Scribe\nS.1,金刚经,Jingang jing,Wang Jie\nS.2,妙法莲华经,Miaofa lianhua jing,\n');
    const res = await runHeritage(['import', file, '--format', 'csv', '--institution', inst, '--mapping', 'Library shelf list', ...args]);
    expect(res.err).not.toMatch(/error|fail/i);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/^Imported 2 records: 2 created, 0 updated, 0 unchanged, 0 rejected/);
    const records = (await listRecords(store(), SYSTEM_ADMIN, { institutionId: inst, limit: 10 })).items;
    const sutra = records.find((r) => r.title.zh?.[0] === '金刚经')!;
    expect(sutra.title).toEqual({ zh: ['金刚经'], 'zh-Latn': ['Jingang jing'] });
    expect(sutra.agents).toEqual([expect.objectContaining({ role: 'scribe' })]);
    expect(sutra.source).toMatchObject({ identifier: 'S.1' });
  }, 180_000);

  it('exits 1 naming the mapping when the institution has none of that name and no such file exists', async () => {
    const file = path.join(tdb.dataDir, 'other.csv');
    fs.writeFileSync(file, 'Title\nX\n');
    const res = await runHeritage(['import', file, '--format', 'csv', '--institution', inst, '--mapping', 'No such mapping', ...args]);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/No saved mapping "No such mapping" in institution "inst-/);
  }, 180_000);
});
