import { parentPort, workerData } from 'node:worker_threads';

/**
 * The harvesting client, on its own thread (and so its own core) while the server under test keeps
 * the main thread: one client, sequential requests, as OAI-PMH harvesters and Change Discovery
 * consumers work. Node's fetch (undici) on one keep-alive connection.
 */
export type HarvestJob =
  | {
      kind: 'harvest';
      url: string;
      /** The first request, e.g. `/oai?verb=ListRecords&metadataPrefix=oai_dc`. */
      path: string;
      verb: 'ListRecords' | 'ListIdentifiers';
      /** Stops after this long (seconds) when the list is not finished. */
      maxSeconds: number;
      /** Stops after this many responses (0: no limit). */
      maxPages: number;
    }
  | {
      kind: 'gets';
      url: string;
      /** Each path is requested `repeat` times, one after the other. */
      paths: string[];
      repeat: number;
    };

export interface HarvestSummary {
  /** `<record>` (ListRecords) or `<header>` (ListIdentifiers) elements received, deletions included. */
  items: number;
  deleted: number;
  pages: number;
  /** Body bytes received. */
  bytes: number;
  seconds: number;
  /** Per response: request sent to body fully read, ms. */
  pageMs: number[];
  /** The list ended (an empty or no resumption token); else the time or page limit stopped it. */
  complete: boolean;
  /** completeListSize of the first resumption token, when the list took more than one page. */
  completeListSize: number | null;
}

export interface GetsSummary {
  /** Latencies in ms per path, in the order given; body bytes of the last answer of each. */
  byPath: { path: string; ms: number[]; bytes: number }[];
}

const TOKEN = /<resumptionToken([^>]*?)(?:\/>|>([^<]*)<\/resumptionToken>)/;

async function get(url: string): Promise<{ ms: number; body: string; bytes: number }> {
  const t = performance.now();
  const res = await fetch(url);
  const buf = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${buf.toString('utf8', 0, 300)}`);
  return { ms, body: buf.toString('utf8'), bytes: buf.length };
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

async function harvest(job: Extract<HarvestJob, { kind: 'harvest' }>): Promise<HarvestSummary> {
  const out: HarvestSummary = { items: 0, deleted: 0, pages: 0, bytes: 0, seconds: 0, pageMs: [], complete: false, completeListSize: null };
  const item = job.verb === 'ListRecords' ? '<record>' : '<header';
  const started = performance.now();
  let path = job.path;
  for (;;) {
    const { ms, body, bytes } = await get(job.url + path);
    const error = /<error code="([^"]+)"[^>]*>([^<]*)/.exec(body);
    if (error) throw new Error(`GET ${path}: OAI-PMH error ${error[1]}: ${error[2]}`);
    out.pages++;
    out.bytes += bytes;
    out.pageMs.push(ms);
    out.items += count(body, item);
    out.deleted += count(body, 'status="deleted"');
    const token = TOKEN.exec(body);
    if (token && out.completeListSize === null) out.completeListSize = Number(/completeListSize="(\d+)"/.exec(token[1])?.[1] ?? NaN);
    const next = token?.[2];
    out.seconds = (performance.now() - started) / 1000;
    if (!next) {
      out.complete = true;
      break;
    }
    if (out.seconds >= job.maxSeconds || (job.maxPages > 0 && out.pages >= job.maxPages)) break;
    path = `/oai?verb=${job.verb}&resumptionToken=${encodeURIComponent(next)}`;
  }
  return out;
}

async function gets(job: Extract<HarvestJob, { kind: 'gets' }>): Promise<GetsSummary> {
  const byPath: GetsSummary['byPath'] = [];
  for (const path of job.paths) {
    const entry = { path, ms: [] as number[], bytes: 0 };
    for (let i = 0; i < job.repeat; i++) {
      const r = await get(job.url + path);
      entry.ms.push(r.ms);
      entry.bytes = r.bytes;
    }
    byPath.push(entry);
  }
  return { byPath };
}

const job = workerData as HarvestJob;
try {
  parentPort!.postMessage({ ok: true, value: job.kind === 'harvest' ? await harvest(job) : await gets(job) });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: (e as Error).message });
}
