import fs from 'node:fs';
import http from 'node:http';
import { latencies, type Latencies } from './support';

/** One pass of tile requests at a fixed concurrency. */
export interface PassResult {
  requests: number;
  seconds: number;
  tilesPerSecond: number;
  latency: Latencies;
  /** Answers other than 200 with a JPEG body, and network errors. */
  failures: number;
  firstFailure: string | null;
  bytes: number;
  /** Each request's latency in ms, for merging passes. */
  samples: number[];
}

/**
 * Requests every path once, `concurrency` at a time over keep-alive connections, timing each from
 * request to last byte; a fixed amount of work rather than a fixed duration, so a cold pass asks for
 * each tile exactly once.
 */
export async function requestAll(base: string, paths: string[], concurrency: number): Promise<PassResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const samples: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  let bytes = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++];
      const t = performance.now();
      try {
        const { status, body } = await get(agent, base + path);
        samples.push(performance.now() - t);
        bytes += body.length;
        if (status !== 200 || body[0] !== 0xff || body[1] !== 0xd8) {
          failures++;
          firstFailure ??= `${path}: HTTP ${status} ${body.subarray(0, 200).toString('latin1')}`;
        }
      } catch (e) {
        failures++;
        firstFailure ??= `${path}: ${(e as Error).message}`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { requests: paths.length, seconds, tilesPerSecond: paths.length / seconds, latency: latencies(samples), failures, firstFailure, bytes, samples };
}

/** Several passes against one target as if they were one: their requests over their summed time. */
export function mergePasses(passes: PassResult[]): PassResult {
  const samples = passes.flatMap((p) => p.samples);
  const requests = passes.reduce((n, p) => n + p.requests, 0);
  const seconds = passes.reduce((n, p) => n + p.seconds, 0);
  return {
    requests,
    seconds,
    tilesPerSecond: requests / seconds,
    latency: latencies(samples),
    failures: passes.reduce((n, p) => n + p.failures, 0),
    firstFailure: passes.find((p) => p.firstFailure)?.firstFailure ?? null,
    bytes: passes.reduce((n, p) => n + p.bytes, 0),
    samples,
  };
}

/** CPU time (user + system, ms) used so far by these processes and their child processes' threads. */
export function processCpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone, or not Linux: counts nothing.
    }
  }
  return ticks * 10;
}

/** The processes whose parent is `pid` (Linux). */
export function childPids(pid: number): number[] {
  const found: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(name));
    } catch {
      // Exited meanwhile.
    }
  }
  return found;
}

/** GET of one URL, the whole body in a buffer. */
export function get(agent: http.Agent | undefined, url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(60_000, () => req.destroy(new Error('timed out after 60 s')));
    req.on('error', reject);
  });
}
