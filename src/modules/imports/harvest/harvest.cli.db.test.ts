import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newInstitution } from '../../../../test/helpers/factories';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../../test/helpers/test-database';
import { startOaiTestServer, type OaiTestServer } from './oai.test-server';
import { runHeritage } from '../../../../test/helpers/cli';


describe(`heritage harvest (${TEST_DIALECT})`, () => {
  let tdb: TestDatabase;
  let server: OaiTestServer;
  let args: string[];
  let inst: string;
  // Asynchronous: the recorded repository answers from this process while the command runs.
  const run = (extra: string[]) =>
    runHeritage(['harvest', ...extra, ...args], { env: { HERITAGE_HARVEST_ALLOW_PRIVATE: 'false' } });

  beforeAll(async () => {
    tdb = await createTestDatabase();
    server = await startOaiTestServer();
    inst = (await newInstitution({ db: tdb.handle.db, dialect: tdb.handle.dialect })).id;
    args = ['--data', tdb.dataDir, ...(tdb.databaseUrl ? ['--database-url', tdb.databaseUrl] : [])];
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.destroy();
  });

  it('harvests a repository on a loopback address (the operator may), prints a summary, and is incremental the next time', async () => {
    const first = await run([server.baseUrl, '--institution', inst]);
    expect(first.err).not.toMatch(/fail|error/i);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Harvested A Test Repository: 8 read in 4 pages — 1 created, \d+ updated, \d+ unchanged, 0 deleted, 1 rejected, \d+ warnings \(job \S+, source \S+\)$/m);
    server.requests.length = 0;
    const second = await run([server.baseUrl, '--institution', inst]);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/from 2013-02-27: 8 read/);
    expect(server.requests.find((q) => q.get('verb') === 'ListRecords')?.get('from')).toBe('2013-02-27');
    const sources = await tdb.handle.db.selectFrom('harvest_source').selectAll().where('institution_id', '=', inst).execute();
    expect(sources).toHaveLength(1);
  }, 120_000);

  it('exits 1 naming the offered prefixes when the repository does not offer the one asked for', async () => {
    const r = await run([server.baseUrl, '--institution', inst, '--prefix', 'marcxml']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Harvest failed: .*does not offer the metadata prefix "marcxml"; it offers epicur, xMetaDissPlus, oai_dc/);
  }, 120_000);
});
