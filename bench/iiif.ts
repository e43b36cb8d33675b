import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { buildPyramid } from '../src/modules/media/iiif/iiif-derivative';
import type { SourceImage } from '../src/modules/media/iiif/iiif-image.types';
import { DEFAULT_LIMITS } from '../src/modules/media/iiif/iiif-info';
import { parseImageRequest } from '../src/modules/media/iiif/iiif-request';
import { renderImage } from '../src/modules/media/iiif/iiif-render';
import { BENCH_SEED } from './generate';
import { IIIF_IMAGE, generateIiifImage, tileUrls } from './iiif-image';
import { startIipsrv } from './iiif-iipsrv';
import { get, mergePasses, processCpuMs, requestAll, type PassResult } from './iiif-load';
import { CACHED_PASSES, IIPSRV_PROCS, JPEG_QUALITY, type IiifBenchResult, type Measured } from './iiif-report';
import type { IiifServerSetup } from './iiif-server';
import { latencies, loadAverage, note } from './support';

export { renderIiifReport } from './iiif-report';

const MEASURED_TILES = 500;
// Cold passes run in rounds of this many tiles, the targets taking turns, so that other work on the
// machine weighs on each target alike.
const ROUND_TILES = 100;

/** A server under test: where to send requests and which processes do its work. */
interface Target {
  name: string;
  base: string;
  pids(): number[];
  stop(): Promise<void>;
}

/**
 * The IIIF section of `npm run bench`: a seeded 100-megapixel image, its pyramid by buildPyramid, then
 * 500 distinct 512 px tiles at every scale factor from our Fastify server (a child process using
 * parseImageRequest, createImageCache and renderImage; cold, cold rendering every tile, cached) and
 * from Debian's iipsrv behind lighttpd on the same pyramid, at `connections` concurrent requests.
 */
export async function runIiifBench(opts: { root: string; connections: number }): Promise<IiifBenchResult> {
  const dir = path.join(opts.root, 'iiif');
  fs.mkdirSync(dir, { recursive: true });
  const targets: Target[] = [];
  try {
    return await measure(dir, opts.connections, targets);
  } finally {
    for (const t of targets) await t.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(dir: string, concurrency: number, targets: Target[]): Promise<IiifBenchResult> {
  const sourceFile = path.join(dir, 'source.jpg');
  note(`iiif: generating a ${IIIF_IMAGE.width}×${IIIF_IMAGE.height} image (seed ${BENCH_SEED})…`);
  let t = performance.now();
  const sourceSha256 = await generateIiifImage(sourceFile, BENCH_SEED);
  const generateSeconds = (performance.now() - t) / 1000;
  note('iiif: building the pyramid…');
  const imageDir = path.join(dir, 'images');
  fs.mkdirSync(imageDir);
  const pyramid = path.join(imageDir, 'bench.tif');
  t = performance.now();
  const source = { path: pyramid, ...(await buildPyramid(sourceFile, pyramid)) };
  const pyramidSeconds = (performance.now() - t) / 1000;
  fs.rmSync(sourceFile);

  const all = tileUrls(BENCH_SEED);
  const measured = all.slice(0, MEASURED_TILES).map((u) => u.path);
  const warm = all.slice(MEASURED_TILES).map((u) => u.path);

  note(`iiif: raw: sharp alone, renderImage in-process, one tile at a time (${measured.length} tiles)…`);
  const raw = await rawPass(source, measured);

  const stored = await startOurs('stored', { source, cacheDir: path.join(dir, 'cache-stored'), cacheBytes: 2 ** 30, reuseStoredTiles: true });
  targets.push(stored);
  const rendering = await startOurs('rendering', { source, cacheDir: path.join(dir, 'cache-rendering'), cacheBytes: 2 ** 30, reuseStoredTiles: false });
  targets.push(rendering);
  note('iiif: starting lighttpd with iipsrv…');
  const started = await startIipsrv({ imageDir, file: 'bench.tif', workDir: path.join(dir, 'iipsrv'), procs: IIPSRV_PROCS, jpegQuality: JPEG_QUALITY, cacheMiB: 256 });
  let iip: Target | null = null;
  if ('error' in started) note(`iiif: iipsrv could not run: ${started.error}`);
  else targets.push((iip = { name: 'iipsrv', base: `${started.base}bench.tif/`, pids: started.pids, stop: started.stop }));

  for (const target of targets) await requestAll(target.base, warm, concurrency);
  const before = await stored.counts();
  const rounds = Array.from({ length: Math.ceil(measured.length / ROUND_TILES) }, (_, i) => measured.slice(i * ROUND_TILES, (i + 1) * ROUND_TILES));
  note(`iiif: cold: ${measured.length} tiles in ${rounds.length} rounds, ${targets.map((x) => x.name).join(', ')} taking turns, ${concurrency} concurrent requests…`);
  const cold = await interleave(targets, rounds, concurrency);
  const after = await stored.counts();
  // Cache writes run after their responses: let the last ones land before the cached passes.
  await new Promise((r) => setTimeout(r, 500));
  const again = [stored, ...(iip ? [iip] : [])];
  note(`iiif: cached: ${CACHED_PASSES} × ${measured.length} tiles, ${again.map((x) => x.name).join(', ')} taking turns…`);
  const cached = await interleave(again, Array.from({ length: CACHED_PASSES }, () => measured), concurrency);
  const meanAbsDiff = iip ? await compareTiles(source, iip.base, [1, 4, 32].map((sf) => all.find((u) => u.sf === sf)!.path)) : NaN;

  return {
    sourceSha256,
    generateSeconds,
    pyramidSeconds,
    pyramidBytes: fs.statSync(pyramid).size,
    tiles: measured.length,
    concurrency,
    raw,
    oursCold: cold.get(stored)!,
    oursColdCounts: { stored: after.stored - before.stored, rendered: after.rendered - before.rendered },
    oursRendering: cold.get(rendering)!,
    oursCached: cached.get(stored)!,
    iipsrv: iip && !("error" in started) ? { label: started.label, first: cold.get(iip)!, second: cached.get(iip)!, meanAbsDiff } : { error: (started as { error: string }).error },
    loadAvg: loadAverage(),
  };
}

/** Runs each round on every target, starting with a different target each round; sums per target. */
async function interleave(targets: Target[], rounds: string[][], concurrency: number): Promise<Map<Target, Measured>> {
  const passes = new Map<Target, { pass: PassResult; cpuMs: number }[]>(targets.map((x) => [x, []]));
  for (const [r, paths] of rounds.entries()) {
    for (let k = 0; k < targets.length; k++) {
      const target = targets[(r + k) % targets.length];
      const cpu = processCpuMs(target.pids());
      const pass = await requestAll(target.base, paths, concurrency);
      passes.get(target)!.push({ pass, cpuMs: processCpuMs(target.pids()) - cpu });
    }
  }
  return new Map(
    [...passes].map(([target, list]) => {
      const pass = mergePasses(list.map((x) => x.pass));
      return [target, { ...pass, cpuMsPerTile: list.reduce((n, x) => n + x.cpuMs, 0) / pass.requests }];
    }),
  );
}

async function rawPass(source: SourceImage, paths: string[]) {
  const samples: number[] = [];
  const started = performance.now();
  for (const p of paths) {
    const t = performance.now();
    await renderImage(source, parseTile(source, p), { reuseStoredTiles: false });
    samples.push(performance.now() - t);
  }
  return { tilesPerSecond: paths.length / ((performance.now() - started) / 1000), latency: latencies(samples) };
}

async function startOurs(name: string, setup: IiifServerSetup): Promise<Target & { counts(): Promise<{ stored: number; rendered: number }> }> {
  const child = fork(fileURLToPath(new URL('./iiif-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, IIIF_BENCH_SETUP: JSON.stringify(setup) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`the IIIF bench server exited with ${code}`)));
  });
  return {
    name: `ours (${name})`,
    base: `http://127.0.0.1:${port}/iiif/3/bench/`,
    pids: () => [child.pid!],
    counts: async () => JSON.parse((await get(undefined, `http://127.0.0.1:${port}/counts`)).body.toString()),
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Mean absolute difference per channel between our rendered tiles and iipsrv's for the same requests. */
async function compareTiles(source: SourceImage, iipBase: string, paths: string[]): Promise<number> {
  let sum = 0;
  let n = 0;
  for (const p of paths) {
    const ours = await renderImage(source, parseTile(source, p), { reuseStoredTiles: false });
    const theirs = await get(undefined, iipBase + p);
    const [a, b] = await Promise.all([ours.body, theirs.body].map((x) => sharp(x).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true })));
    if (a.info.width !== b.info.width || a.info.height !== b.info.height) return Infinity;
    for (let k = 0; k < a.data.length; k++) sum += Math.abs(a.data[k] - b.data[k]);
    n += a.data.length;
  }
  return sum / n;
}

function parseTile(source: SourceImage, tilePath: string) {
  const [region, size, rotation, last] = tilePath.split('/');
  const [quality, format] = last.split('.');
  return parseImageRequest({ region, size, rotation, quality, format }, source, DEFAULT_LIMITS);
}
