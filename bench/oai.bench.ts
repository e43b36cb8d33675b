import { Worker } from 'node:worker_threads';
import { buildApp } from '../src/app';
import type { Config } from '../src/config/config';
import type { DatabaseHandle } from '../src/db/database';
import { oaiRepository } from '../src/modules/interop/oai.repository';
import { OAI_PAGE_SIZE } from '../src/modules/interop/oai.routes';
import { DISCOVERY_PAGE_SIZE } from '../src/modules/interop/change-discovery';
import type { GetsSummary, HarvestJob, HarvestSummary } from './oai-harvest.worker';
import { latencies, mainThreadCpuMs, note, type Latencies } from './support';

/** Longest a full-list harvest runs before it stops and reports what it covered (BENCH_OAI_SECONDS). */
const MAX_HARVEST_SECONDS = Number(process.env.BENCH_OAI_SECONDS || 240);
/** Repetitions of each single-request measurement (the selective first page, the discovery documents). */
const REPEAT = 5;

export interface HarvestResult extends HarvestSummary {
  label: string;
  pageLatencies: Latencies;
  /** The first response alone (it also counts the list for completeListSize), ms. */
  firstPageMs: number;
  itemsPerSecond: number;
  bytesPerSecond: number;
  /** CPU time of the server's main thread (HTTP, SQL on SQLite, XML) per item. */
  mainCpuMicrosPerItem: number;
}

export interface OaiBenchResult {
  dialect: string;
  /** Rows in the record table, and how many the public feed shows (records the public sees or once saw). */
  recordRows: number;
  feedSize: number;
  pageSize: number;
  listRecords: HarvestResult;
  listIdentifiers: HarvestResult;
  /** `oaiRepository.page()` alone on the same keyset pages with metadata, for the database's share. */
  rawPages: { records: number; seconds: number; recordsPerSecond: number };
  /** ListRecords from a datestamp near the end: the first page, p50 of REPEAT. */
  selective: { from: string; listSize: number | null; items: number; firstPage: Latencies };
  /** IIIF Change Discovery documents, each REPEAT times. */
  discovery: { pageSize: number; lastPage: number; middlePage: number; collection: Latencies; last: Latencies; middle: Latencies; first: Latencies };
}

/**
 * OAI-PMH and IIIF Change Discovery on the loaded database, through the real app listening on
 * 127.0.0.1 and one sequential client on a worker thread: a full ListRecords oai_dc harvest
 * following resumption tokens (stopped after MAX_HARVEST_SECONDS), a full ListIdentifiers
 * harvest, a selective harvest from a recent datestamp, and the Change Discovery collection and
 * its last, middle and first pages.
 */
export async function runOaiBench(opts: { database: DatabaseHandle; config: Config }): Promise<OaiBenchResult> {
  const { database, config } = opts;
  const dialect = database.dialect.name;
  const now = new Date().toISOString();
  const recordRows = Number((await database.db.selectFrom('record').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const feedSize = await oaiRepository.count(database.db, {}, now);
  if (!feedSize) throw new Error('the OAI-PMH feed is empty: load the database first');
  const from = await recentDatestamp(database, now, Math.min(2_000, Math.ceil(feedSize / 10)));

  const app = await buildApp({ config, database, logger: false });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    // Warm-up: routes, the token secret, prepared statements, a first short harvest.
    await runClient<GetsSummary>({ kind: 'gets', url, paths: ['/oai?verb=Identify', '/iiif/discovery/changes'], repeat: 1 });
    await harvest(url, 'warm-up ListRecords', 'ListRecords', 'oai_dc', 5, 3);

    const listRecords = await harvest(url, 'ListRecords oai_dc', 'ListRecords', 'oai_dc', MAX_HARVEST_SECONDS, 0);
    const listIdentifiers = await harvest(url, 'ListIdentifiers oai_dc', 'ListIdentifiers', 'oai_dc', MAX_HARVEST_SECONDS, 0);
    const rawPages = await rawPageScan(database, now, Math.min(listRecords.items, 100_000));

    note(`oai: ListRecords from=${from}, first page ×${REPEAT}…`);
    const fromPath = `/oai?verb=ListRecords&metadataPrefix=oai_dc&from=${from}`;
    const sel = await runClient<GetsSummary>({ kind: 'gets', url, paths: [fromPath], repeat: REPEAT });
    const selFirst = await runClient<HarvestSummary>({ kind: 'harvest', url, path: fromPath, verb: 'ListRecords', maxSeconds: 0, maxPages: 1 });

    const lastPage = Math.max(0, Math.ceil(feedSize / DISCOVERY_PAGE_SIZE) - 1);
    const middlePage = Math.floor(lastPage / 2);
    note(`oai: IIIF Change Discovery collection, pages ${lastPage}, ${middlePage}, 0, ×${REPEAT}…`);
    const pagePath = (n: number) => `/iiif/discovery/changes/page/${n}`;
    const disc = await runClient<GetsSummary>({ kind: 'gets', url, paths: ['/iiif/discovery/changes', pagePath(lastPage), pagePath(middlePage), pagePath(0)], repeat: REPEAT });
    const [collection, last, middle, first] = disc.byPath.map((p) => latencies(p.ms));
    return {
      dialect,
      recordRows,
      feedSize,
      pageSize: OAI_PAGE_SIZE,
      listRecords,
      listIdentifiers,
      rawPages,
      selective: { from, listSize: selFirst.completeListSize, items: selFirst.items, firstPage: latencies(sel.byPath[0].ms) },
      discovery: { pageSize: DISCOVERY_PAGE_SIZE, lastPage, middlePage, collection, last, middle, first },
    };
  } finally {
    await app.close();
  }
}

/** One sequential harvest of a whole list (or until the time or page limit), with the server's main-thread CPU. */
async function harvest(url: string, label: string, verb: 'ListRecords' | 'ListIdentifiers', prefix: string, maxSeconds: number, maxPages: number): Promise<HarvestResult> {
  note(`oai: ${label}, one client, sequential, up to ${maxSeconds} s…`);
  const cpu = mainThreadCpuMs();
  const s = await runClient<HarvestSummary>({ kind: 'harvest', url, path: `/oai?verb=${verb}&metadataPrefix=${prefix}`, verb, maxSeconds, maxPages });
  const cpuMs = mainThreadCpuMs() - cpu;
  note(`oai: ${label}: ${s.items} items in ${s.pages} pages, ${s.seconds.toFixed(1)} s${s.complete ? ', complete' : ', stopped'}`);
  return {
    ...s,
    label,
    pageLatencies: latencies(s.pageMs.slice(1)),
    firstPageMs: s.pageMs[0],
    itemsPerSecond: s.items / s.seconds,
    bytesPerSecond: s.bytes / s.seconds,
    mainCpuMicrosPerItem: (cpuMs * 1000) / Math.max(1, s.items),
  };
}

/**
 * The datestamp (whole seconds, as OAI-PMH takes it) from which about `tail` records follow, not
 * counting records still under embargo (their `public_at` is the end of the embargo, in the future).
 */
async function recentDatestamp(database: DatabaseHandle, now: string, tail: number): Promise<string> {
  const row = await database.db.selectFrom('record').select('public_at').where('public_at', '<=', now).orderBy('public_at', 'desc').orderBy('seq', 'desc').offset(tail).limit(1).executeTakeFirst();
  const iso = row?.public_at ?? new Date(0).toISOString();
  return `${iso.slice(0, 19)}Z`;
}

/** The repository's keyset pages with metadata read straight through `oaiRepository.page()`, no HTTP or XML. */
async function rawPageScan(database: DatabaseHandle, now: string, records: number): Promise<OaiBenchResult['rawPages']> {
  note(`oai: raw oaiRepository.page() over ${records} records…`);
  const started = performance.now();
  let after: [string, number] | undefined;
  let read = 0;
  while (read < records) {
    const rows = await oaiRepository.page(database.db, {}, { now, after, limit: OAI_PAGE_SIZE, withMetadata: true });
    if (!rows.length) break;
    read += rows.length;
    const last = rows[rows.length - 1];
    after = [last.updated_at, last.seq];
  }
  const seconds = (performance.now() - started) / 1000;
  return { records: read, seconds, recordsPerSecond: read / seconds };
}

function runClient<T>(job: HarvestJob): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./oai-harvest.worker-entry.mjs', import.meta.url), { workerData: job });
    worker.once('message', (m: { ok: true; value: T } | { ok: false; error: string }) => (m.ok ? resolve(m.value) : reject(new Error(`oai client: ${m.error}`))));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`oai client worker exited with ${code}`));
    });
  });
}
