import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newInstitution } from '../../../test/helpers/factories';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers/test-database';
import { jsonl, sampleRecord } from './import.test-support';
import { runHeritage } from '../../../test/helpers/cli';


describe(`heritage import (${TEST_DIALECT})`, () => {
  let tdb: TestDatabase;
  let args: string[];
  let inst: string;
  const run = (extra: string[]) => runHeritage(['import', ...extra, ...args]);
  const file = (name: string, content: string | Buffer) => {
    const p = path.join(tdb.dataDir, name);
    fs.writeFileSync(p, content);
    return p;
  };
  const count = async () => Number((await tdb.handle.db.selectFrom('record').select((eb) => eb.fn.countAll<number>().as('n')).where('institution_id', '=', inst).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    tdb = await createTestDatabase();
    inst = (await newInstitution({ db: tdb.handle.db, dialect: tdb.handle.dialect })).id;
    // Staged files live under the data folder whichever database holds the rows.
    args = ['--data', tdb.dataDir, ...(tdb.databaseUrl ? ['--database-url', tdb.databaseUrl] : [])];
  });
  afterAll(() => tdb?.destroy());

  it('checks in a dry run, then imports, printing a summary line, and leaves the original file in place', async () => {
    const catalogue = file('catalogue.jsonl', jsonl([sampleRecord(1), sampleRecord(2), '{"broken', sampleRecord(3, { rights: undefined })]));
    const dry = await run([catalogue, '--format', 'jsonl', '--institution', inst, '--dry-run']);
    // Off a terminal the progress is a line now and then on standard error.
    expect(dry.err).toMatch(/^Checking: 4\/4$/m);
    expect(dry.err).not.toMatch(/error|fail/i);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/^Checked 4 records: 3 would be created, 0 would be updated, 0 unchanged, 1 rejected, 1 warnings; report: http:\/\/localhost:3000\/api\/v1\/imports\/job-[^/]+\/report\.csv/);
    expect(await count()).toBe(0);
    const real = await run([catalogue, '--format', 'jsonl', '--institution', inst]);
    expect(real.code).toBe(0);
    expect(real.out).toMatch(/^Imported 4 records: 3 created, 0 updated, 0 unchanged, 1 rejected, 1 warnings; report: /);
    expect(await count()).toBe(3);
    expect(fs.existsSync(catalogue)).toBe(true);
    expect((await run([catalogue, '--format', 'jsonl', '--institution', inst])).out).toMatch(/^Imported 4 records: 0 created, 0 updated, 3 unchanged, 1 rejected/);
  }, 180_000);

  it('exits 1 for a file it cannot read: missing, or malformed with the position of the fault', async () => {
    const missing = await run([path.join(tdb.dataDir, 'nope.jsonl'), '--format', 'jsonl', '--institution', inst]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No file ".*nope\.jsonl"/);
    const latin1 = file('latin1.jsonl', Buffer.concat([Buffer.from(jsonl([sampleRecord(10)])), Buffer.from('{"id":"x","title":{"fr":["caf'), Buffer.from([0xe9]), Buffer.from('"]}}\n')]));
    const malformed = await run([latin1, '--format', 'jsonl', '--institution', inst]);
    expect(malformed.code).toBe(1);
    expect(malformed.err).toMatch(/failed: line 2, column 30: the input is not UTF-8/);
    const unknown = await run([latin1, '--format', 'jsonl', '--institution', 'no-such-institution']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/No institution "no-such-institution"/);
  }, 180_000);
});
