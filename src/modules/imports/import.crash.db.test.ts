import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newInstitution, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers/test-database';
import { runJobNow } from '../jobs/job.runner';
import type { Store } from '../records/record.store';
import { importJobHandlers } from './import.job';
import { importFromStream } from './import.service';
import { importNow, jsonl } from './import.test-support';
import { Readable } from 'node:stream';

const RECORDS = 30_000;
const BATCH = 500;
const quiet = { info() {}, warn() {}, error() {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A deterministic catalogue: ids, titles in two languages, dates, a few lines rejected. */
function catalogue(): string {
  return jsonl(
    Array.from({ length: RECORDS }, (_, i) =>
      i % 997 === 5
        ? `{"id": "crash-${i}", "kind": "object", "title":`
        : { id: `crash-${i}`, kind: i % 3 ? 'object' : 'manuscript', title: { en: [`Mirror ${i}`], ...(i % 2 ? { zh: [`铜镜 ${i}`] } : {}) }, date: { display: `${100 + (i % 1800)}` }, rights: 'http://rightsstatements.org/vocab/InC/1.0/' },
    ),
  );
}

/** What must be equal between a crashed-and-resumed import and a clean one. */
async function fingerprint(store: Store, institutionId: string) {
  const rows = await store.db.selectFrom('record').select(['id', 'source_key', 'title_sort', 'metadata', 'version']).where('institution_id', '=', institutionId).orderBy('id').execute();
  const facets = await store.db.selectFrom('record_facet').innerJoin('record', 'record.seq', 'record_facet.seq').select((eb) => eb.fn.countAll<number>().as('n')).where('record.institution_id', '=', institutionId).executeTakeFirstOrThrow();
  const versions = await store.db.selectFrom('record_version').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const hash = (s: string) => createHash('sha256').update(s).digest('hex');
  return {
    count: rows.length,
    distinctKeys: new Set(rows.map((r) => r.source_key)).size,
    ids: hash(rows.map((r) => `${r.id}|${r.source_key}`).join('\n')),
    titles: hash(rows.map((r) => r.title_sort).join('\n')),
    documents: hash(rows.map((r) => r.metadata).join('\n')),
    versions: rows.every((r) => r.version === 1) ? 1 : 'some records were written twice',
    supersededVersions: Number(versions.n),
    facets: Number(facets.n),
  };
}

describe(`an import killed with SIGKILL (${TEST_DIALECT})`, () => {
  let crashed: TestDatabase;
  let clean: TestDatabase;
  const input = catalogue();

  beforeAll(async () => {
    [crashed, clean] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await crashed?.destroy();
    await clean?.destroy();
  });

  it('resumes from its last committed batch and ends with the same database as a clean run', async () => {
    const store = { db: crashed.handle.db, dialect: crashed.handle.dialect };
    const inst = await newInstitution(store, { id: 'crash-museum' });
    const config = { dataDir: crashed.dataDir, maxUploadBytes: 1 << 30 };
    const job = await importFromStream({ store, config }, SYSTEM_ADMIN, { format: 'jsonl', institutionId: inst.id, sourceName: 'crash', batchSize: BATCH }, Readable.from([Buffer.from(input)]));

    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./import.crash-child.ts', import.meta.url))], {
      env: { ...process.env, CRASH_DATABASE_URL: crashed.databaseUrl ?? '', CRASH_DATA_DIR: crashed.dataDir, CRASH_LEASE_MS: '1500' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    // Kill it somewhere past a third of the file: between batches or in the middle of one, as it falls.
    for (;;) {
      const row = await store.db.selectFrom('job').select(['checkpoint', 'status']).where('id', '=', job.id).executeTakeFirstOrThrow();
      const committed = row.checkpoint ? (JSON.parse(row.checkpoint) as { committed: number }).committed : 0;
      if (committed >= RECORDS / 3 || row.status !== 'running' && row.status !== 'queued') break;
      await sleep(5);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const dead = await store.db.selectFrom('job').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(dead.status).toBe('running');
    const committed = (JSON.parse(dead.checkpoint!) as { committed: number }).committed;
    expect(committed).toBeGreaterThanOrEqual(RECORDS / 3);
    expect(committed).toBeLessThan(RECORDS);
    expect(committed % BATCH).toBe(0);

    await sleep(Date.parse(dead.lease_until!) - Date.now() + 50);
    const resumed = await runJobNow(store, importJobHandlers(config), job.id, undefined, { logger: quiet });
    expect(resumed).toMatchObject({ status: 'succeeded', attempts: 2 });

    const cleanStore = { db: clean.handle.db, dialect: clean.handle.dialect };
    await newInstitution(cleanStore, { id: 'crash-museum' });
    const reference = await importNow(cleanStore, clean.dataDir, SYSTEM_ADMIN, input, { format: 'jsonl', institutionId: 'crash-museum', sourceName: 'crash', batchSize: BATCH });
    expect(reference.status).toBe('succeeded');
    // Counts are whole-run totals even across the crash: restored from the checkpoint.
    const counts = (r: unknown) => ({ ...(r as Record<string, unknown>), report: undefined });
    expect(counts(resumed.result)).toEqual(counts(reference.result));

    const [after, expected] = await Promise.all([fingerprint(store, inst.id), fingerprint(cleanStore, 'crash-museum')]);
    expect(after).toEqual(expected);
    expect(after.count).toBe(RECORDS - Math.ceil((RECORDS - 5) / 997));
    expect(after.distinctKeys).toBe(after.count);
    const reportRows = async (s: Store, id: string) => (await s.db.selectFrom('import_problem').select(['seq', 'kind', 'line']).where('job_id', '=', id).orderBy('seq').execute()).map((r) => [r.seq, r.kind, r.line]);
    expect(await reportRows(store, job.id)).toEqual(await reportRows(cleanStore, reference.id));
  }, 300_000);
});
