import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/app';
import type { Config } from '../src/config/config';
import type { DatabaseHandle } from '../src/db/database';
import { PUBLIC } from '../src/modules/accounts/actor';
import { visibleTo } from '../src/modules/records/record.visibility';
import { createSearchRunner } from '../src/modules/search/search.runner';
import type { LoadJob, LoadSummary } from './autocannon.worker';
import { QUERY_TERMS } from './generate';
import { BENCH_FACETS } from './search.bench';
import { mainThreadCpuMs, note } from './support';

export interface ApiBenchResult {
  connections: number;
  seconds: number;
  /** GET /api/v1/records/:id over many different ids, round-robin. */
  recordReads: LoadSummary;
  distinctIds: number;
  /** GET /api/v1/search for one rare term with five facets, again and again (the engine caches its matches). */
  search: LoadSummary;
  searchPath: string;
  /** GET /api/v1/search with five facets for a different rare term each request (nothing cached). */
  searchDistinct: LoadSummary;
  distinctTerms: number;
  /** A Fastify hello-world route on the same machine in the same run: the ceiling. */
  helloWorld: LoadSummary;
}

/**
 * Requests/s with autocannon against the real app listening on 127.0.0.1 (the app on the main
 * thread, autocannon on a worker thread), then against a bare Fastify hello-world for scale.
 */
export async function runApiBench(opts: { database: DatabaseHandle; config: Config; connections: number; seconds: number }): Promise<ApiBenchResult> {
  const { database, config } = opts;
  const store = { db: database.db, dialect: database.dialect };
  const ids = await sampleIds(database, 10_000);
  if (!ids.length) throw new Error('no public records to read: load the database first');
  const searchPath = `/api/v1/search?q=${encodeURIComponent(QUERY_TERMS.rare[0])}&facets=${BENCH_FACETS.join(',')}`;

  const search = await createSearchRunner({ store, workers: config.searchWorkers, sqliteFile: database.dialect.name === 'sqlite' ? database.location : undefined });
  const app = await buildApp({ config, database, search, logger: false });
  let recordReads: LoadSummary;
  let searchResult: LoadSummary;
  let searchDistinct: LoadSummary;
  const terms = QUERY_TERMS.rareBand;
  const termPath = (w: string) => `/api/v1/search?q=${encodeURIComponent(w)}&facets=${BENCH_FACETS.join(',')}`;
  // Warm-ups use the second half of the terms, so the measured run meets only terms never searched.
  const half = Math.floor(terms.length / 2);
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    await expectOk(url, `/api/v1/records/${ids[0]}`);
    // Concurrent searches reach every search thread, so none is still loading its index while we measure.
    await Promise.all([1, 2, 3, 4].map(() => expectOk(url, searchPath)));
    const job = { url, connections: opts.connections, seconds: opts.seconds };
    const idPaths = ids.map((id) => `/api/v1/records/${id}`);
    recordReads = await measure('GET /api/v1/records/:id', { ...job, paths: idPaths }, idPaths);
    searchResult = await measure('GET /api/v1/search (one rare term)', { ...job, paths: [searchPath] }, [searchPath]);
    searchDistinct = await measure('GET /api/v1/search (distinct rare terms)', { ...job, paths: terms.slice(0, half).map(termPath) }, terms.slice(half).map(termPath));
  } finally {
    await app.close();
  }

  const hello = Fastify({ logger: false });
  hello.get('/', async () => ({ hello: 'world' }));
  let helloWorld: LoadSummary;
  try {
    await hello.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(hello.server.address() as { port: number }).port}`;
    helloWorld = await measure('Fastify hello world', { url, connections: opts.connections, seconds: opts.seconds, paths: ['/'] }, ['/']);
  } finally {
    await hello.close();
  }
  return { connections: opts.connections, seconds: opts.seconds, recordReads, distinctIds: ids.length, search: searchResult, searchPath, searchDistinct, distinctTerms: half, helloWorld };
}

/** Public record ids spread evenly over the table, in a fixed order. */
async function sampleIds(database: DatabaseHandle, max: number): Promise<string[]> {
  const { n } = await database.db.selectFrom('record').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const step = Math.max(1, Math.floor(Number(n) / max));
  const rows = await database.db
    .selectFrom('record')
    .select('id')
    .where(visibleTo(PUBLIC))
    .where(sql<boolean>`record.seq % ${step} = 0`)
    .orderBy('seq')
    .limit(max)
    .execute();
  return rows.map((r) => r.id);
}

async function expectOk(url: string, path: string): Promise<void> {
  const res = await fetch(url + path);
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

/** A short warm-up on `warmPaths`, then the measured run, each on a worker thread. */
async function measure(label: string, job: LoadJob, warmPaths: string[]): Promise<LoadSummary> {
  note(`api: ${label}, ${job.connections} connections, ${job.seconds} s…`);
  await runWorker({ ...job, paths: warmPaths, seconds: Math.max(1, Math.min(3, Math.round(job.seconds / 5))) });
  const cpu = mainThreadCpuMs();
  const summary = await runWorker(job);
  summary.mainCpuMicrosPerRequest = ((mainThreadCpuMs() - cpu) * 1000) / Math.max(1, summary.requests);
  if (summary.non2xx || summary.errors) note(`api: ${label}: ${summary.non2xx} non-2xx answers, ${summary.errors} errors`);
  return summary;
}

function runWorker(job: LoadJob): Promise<LoadSummary> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./autocannon.worker-entry.mjs', import.meta.url), { workerData: job });
    worker.once('message', (m: LoadSummary) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`autocannon worker exited with ${code}`));
    });
  });
}
