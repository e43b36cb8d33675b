import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newInstitution, newRecord, SYSTEM_ADMIN } from '../../../../test/helpers/factories';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../../test/helpers/test-database';
import { runJobNow } from '../../jobs/job.runner';
import type { Store } from '../../records/record.store';
import { harvestJobHandlers, type HarvestResult } from './harvest.job';
import { harvestRepository } from './harvest.repository';
import { enqueueHarvest, getSource, listRuns, registerSource } from './harvest.service';
import { arxiv, sickle, startOaiTestServer, type OaiTestServer } from './oai.test-server';

const quiet = { info() {}, warn() {}, error() {} };

describe(`OAI-PMH harvest job (${TEST_DIALECT})`, () => {
  let database: TestDatabase;
  let store: Store;
  let server: OaiTestServer;
  let waits: number[];
  const handlers = (allowPrivate = true, maxAttempts = 3) =>
    harvestJobHandlers({ harvestAllowPrivate: allowPrivate }, { maxAttempts, baseDelayMs: 5, maxDelayMs: 60_000, wait: async (ms) => void waits.push(ms) });

  async function newSource(prefix = 'oai_dc') {
    const inst = await newInstitution(store);
    const source = await registerSource(store, SYSTEM_ADMIN, { config: { harvestAllowPrivate: false }, trusted: true }, { institutionId: inst.id, baseUrl: server.baseUrl, metadataPrefix: prefix });
    return { inst, source };
  }
  async function harvest(sourceId: string, opts: { allowPrivate?: boolean; maxAttempts?: number; from?: string } = {}) {
    const row = (await harvestRepository.findSource(store.db, sourceId))!;
    const job = await enqueueHarvest(store, SYSTEM_ADMIN, row, { from: opts.from });
    return runJobNow(store, handlers(opts.allowPrivate, opts.maxAttempts), job.id, undefined, { logger: quiet, retryBaseMs: 0 });
  }
  const records = (institutionId: string) => store.db.selectFrom('record').selectAll().where('institution_id', '=', institutionId).orderBy('seq').execute();
  const listRecordsRequests = () => server.requests.filter((q) => q.get('verb') === 'ListRecords').map((q) => Object.fromEntries(q));

  beforeAll(async () => {
    database = await createTestDatabase();
    store = { db: database.handle.db, dialect: database.handle.dialect };
    server = await startOaiTestServer();
  });
  afterAll(async () => {
    await server?.close();
    await database?.destroy();
  });
  beforeEach(() => {
    server.override(null);
    server.requests.length = 0;
    waits = [];
  });

  it('follows the recorded ListRecords chain through its resumption tokens and trashes the record its source deleted', async () => {
    const { inst, source } = await newSource();
    const gone = await newRecord(store, { institutionId: inst.id, title: { en: ['Withdrawn thesis'] }, source: { kind: 'harvest', system: source.baseUrl, identifier: 'oai:test.example.com:1585310' } });
    const job = await harvest(source.id);
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    const result = job.result as HarvestResult;
    // 4 pages of 2: the deleted 1585310 three times, 1585322 four times, one deleted header without an identifier.
    expect(result).toMatchObject({ read: 8, pages: 4, created: 1, deleted: 1, rejected: 1, repositoryName: 'A Test Repository', from: null });
    expect(result.created + result.updated + result.unchanged).toBe(4);
    expect(server.requests.map((q) => q.get('verb'))).toEqual(['Identify', 'ListMetadataFormats', 'ListRecords', 'ListRecords', 'ListRecords', 'ListRecords']);
    expect(listRecordsRequests()).toEqual([
      { verb: 'ListRecords', metadataPrefix: 'oai_dc' },
      { verb: 'ListRecords', resumptionToken: 'ListRecords2.xml' },
      { verb: 'ListRecords', resumptionToken: 'ListRecords3.xml' },
      { verb: 'ListRecords', resumptionToken: 'ListRecords4.xml' },
    ]);
    const rows = await records(inst.id);
    expect(rows.find((r) => r.id === gone.id)?.deleted_at).toBeTruthy();
    const harvested = rows.find((r) => r.source_key === `ext:${source.baseUrl}:oai:test.example.com:1585322`)!;
    expect(harvested.deleted_at).toBeNull();
    expect(JSON.parse(harvested.metadata)).toMatchObject({ title: { none: ['Sample Title'] }, source: { kind: 'harvest', system: source.baseUrl, identifier: 'oai:test.example.com:1585322' } });
    const after = await getSource(store, SYSTEM_ADMIN, source.id);
    expect(after.lastDatestamp).toBe('2013-02-27');
    expect(after.lastRunAt).toBeTruthy();
    const runs = await listRuns(store, SYSTEM_ADMIN, source.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ jobId: job.id, status: 'succeeded', error: null, counts: { read: 8, pages: 4, created: 1, deleted: 1, rejected: 1 } });
  });

  it('harvests incrementally the second time: from = the last responseDate at the repository’s granularity', async () => {
    const { source } = await newSource();
    await harvest(source.id);
    server.requests.length = 0;
    const second = await harvest(source.id);
    expect(second.status).toBe('succeeded');
    expect(listRecordsRequests()[0]).toEqual({ verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2013-02-27' });
    expect((second.result as HarvestResult)).toMatchObject({ from: '2013-02-27', created: 0 });
    expect(await listRuns(store, SYSTEM_ADMIN, source.id)).toHaveLength(2);
  });

  it('harvests each set of a source in turn, each list followed to its end', async () => {
    const inst = await newInstitution(store);
    const source = await registerSource(store, SYSTEM_ADMIN, { config: { harvestAllowPrivate: true } }, { institutionId: inst.id, baseUrl: server.baseUrl, sets: ['theses', 'articles'] });
    const job = await harvest(source.id);
    expect(job.status).toBe('succeeded');
    expect(listRecordsRequests().filter((q) => q.metadataPrefix)).toEqual([
      { verb: 'ListRecords', metadataPrefix: 'oai_dc', set: 'theses' },
      { verb: 'ListRecords', metadataPrefix: 'oai_dc', set: 'articles' },
    ]);
    expect(job.result).toMatchObject({ read: 16, pages: 8, created: 1 });
  });

  it('succeeds with nothing harvested when the repository answers noRecordsMatch', async () => {
    const { source } = await newSource();
    server.override((q) => (q.get('verb') === 'ListRecords' ? { body: sickle('noRecordsMatch.xml') } : undefined));
    const job = await harvest(source.id, { from: '2030-01-01' });
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ read: 0, pages: 1, created: 0, from: '2030-01-01' });
  });

  it('refuses a metadata prefix the repository does not offer, naming the ones it offers', async () => {
    const { source } = await newSource('marcxml');
    const job = await harvest(source.id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/does not offer the metadata prefix "marcxml"; it offers epicur, xMetaDissPlus, oai_dc, mods, swepub_mods/);
    expect(listRecordsRequests()).toEqual([]);
  });

  it('refuses an endpoint that does not answer OAI-PMH, saying what came instead', async () => {
    const { source } = await newSource();
    server.override((q) => (q.get('verb') === 'Identify' ? { body: '<html><body><h1>Welcome to our library</h1></body></html>', headers: { 'content-type': 'text/html' } } : undefined));
    const job = await harvest(source.id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/did not answer OAI-PMH 2\.0.*Welcome to our library/);
  });

  it('waits as long as a 503 Retry-After asks (the recorded arXiv exchange), then harvests', async () => {
    const { source } = await newSource();
    let listed = 0;
    server.override((q) => {
      const verb = q.get('verb');
      if (verb === 'Identify') return { body: arxiv('identify---should-identify-arxiv-0.xml') };
      if (verb === 'ListMetadataFormats') return { body: arxiv('listmetadataformats---should-list-metadata-formats-for-arxiv-0.xml') };
      if (verb !== 'ListRecords') return undefined;
      return ++listed === 1
        ? { status: 503, headers: { 'retry-after': '10', 'content-type': 'text/html' }, body: arxiv('listrecords---should-list-identifiers-from-arxiv-0.http503.html') }
        : { body: arxiv('listrecords---should-list-identifiers-from-arxiv-1.xml') };
    });
    const job = await harvest(source.id);
    expect(job.error).toBeNull();
    expect(waits).toEqual([10_000]);
    expect(listed).toBe(2);
    // The page holds arXiv-format metadata, not oai_dc: each record is rejected, never fatal.
    expect(job.result).toMatchObject({ read: 2, rejected: 2, pages: 1 });
    expect(await getSource(store, SYSTEM_ADMIN, source.id)).toMatchObject({ lastDatestamp: '2018-06-21' });
  });

  it('fails on a truncated page naming the page and position, keeping the pages committed before it', async () => {
    const { inst, source } = await newSource();
    const page2 = sickle('ListRecords2.xml');
    server.override((q) => (q.get('resumptionToken') === 'ListRecords2.xml' ? { body: page2.subarray(0, Math.floor(page2.length / 2)) } : undefined));
    const job = await harvest(source.id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/page 2, which is malformed \(line \d+, column \d+: .*\); the earlier pages are kept/);
    const rows = await records(inst.id);
    expect(rows.map((r) => r.source_key)).toEqual([`ext:${source.baseUrl}:oai:test.example.com:1585322`]);
    const runs = await listRuns(store, SYSTEM_ADMIN, source.id);
    expect(runs[0]).toMatchObject({ status: 'failed', counts: { pages: 1, read: 2 } });
    expect(runs[0].error).toMatch(/page 2/);
    expect((await getSource(store, SYSTEM_ADMIN, source.id)).lastDatestamp).toBeNull();
  });

  it('fails with the OAI error code and message of an error response (badResumptionToken)', async () => {
    const { source } = await newSource();
    server.override((q) => (q.get('resumptionToken') === 'ListRecords3.xml' ? { body: sickle('badResumptionToken.xml') } : undefined));
    const job = await harvest(source.id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/OAI-PMH error badResumptionToken: This resumptionToken is invalid/);
    expect((await listRuns(store, SYSTEM_ADMIN, source.id))[0]).toMatchObject({ status: 'failed', counts: { pages: 2 } });
  });

  it('resumes an interrupted harvest from the page after the last committed one', async () => {
    const { source } = await newSource();
    let down = true;
    server.override((q) => (down && q.get('resumptionToken') === 'ListRecords3.xml' ? { status: 503, body: 'down for maintenance' } : undefined));
    const first = await harvest(source.id, { maxAttempts: 2 });
    expect(first.status).toBe('queued');
    expect(first.error).toMatch(/HTTP 503 .*\(2 attempts\)/);
    expect(waits).toEqual([5]);
    down = false;
    server.requests.length = 0;
    const again = await runJobNow(store, handlers(), first.id, undefined, { logger: quiet, retryBaseMs: 0 });
    expect(again.status).toBe('succeeded');
    expect(listRecordsRequests()).toEqual([
      { verb: 'ListRecords', resumptionToken: 'ListRecords3.xml' },
      { verb: 'ListRecords', resumptionToken: 'ListRecords4.xml' },
    ]);
    expect(again.result).toMatchObject({ read: 8, pages: 4, created: 1 });
  });

  it('refuses to reach a loopback address unless the configuration or the operator allows it', async () => {
    const { source } = await newSource();
    const job = await harvest(source.id, { allowPrivate: false });
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/loopback or private address \(127\.0\.0\.1\)/);
    expect(server.requests).toHaveLength(0);
    await expect(registerSource(store, SYSTEM_ADMIN, { config: { harvestAllowPrivate: false } }, { institutionId: source.institutionId, baseUrl: server.baseUrl })).rejects.toThrow(/private address/);
  });

  it('does not follow a redirect to another host', async () => {
    const { source } = await newSource();
    server.override((q) => (q.get('verb') === 'Identify' ? { status: 302, headers: { location: 'http://example.org/oai?verb=Identify' }, body: '' } : undefined));
    const job = await harvest(source.id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/redirects to another host \(http:\/\/example\.org\)/);
  });

  it('lists again from the start when the token a resumed harvest saved has expired, without duplicates', async () => {
    const { inst, source } = await newSource();
    let down = true;
    server.override((q) => (down && q.get('resumptionToken') === 'ListRecords3.xml' ? { status: 503, body: 'down for maintenance' } : undefined));
    const first = await harvest(source.id, { maxAttempts: 2 });
    expect(first.status).toBe('queued');
    const before = (await records(inst.id)).length;
    down = false;
    server.requests.length = 0;
    // Meanwhile the repository forgot the token.
    let expiredOnce = true;
    server.override((q) => {
      if (q.get('resumptionToken') === 'ListRecords3.xml' && expiredOnce) {
        expiredOnce = false;
        return { body: sickle('badResumptionToken.xml') };
      }
      return undefined;
    });
    const again = await runJobNow(store, handlers(), first.id, undefined, { logger: quiet, retryBaseMs: 0 });
    expect(again.error).toBeNull();
    expect(again.status).toBe('succeeded');
    expect(listRecordsRequests()[0]).toEqual({ verb: 'ListRecords', resumptionToken: 'ListRecords3.xml' });
    expect(listRecordsRequests()[1]).toEqual({ verb: 'ListRecords', metadataPrefix: 'oai_dc' });
    const after = await records(inst.id);
    expect(after.length).toBeGreaterThanOrEqual(before);
    expect(new Set(after.map((r) => r.source_key)).size).toBe(after.length);
    expect(after.filter((r) => !r.deleted_at)).toHaveLength(1);
  });
});

