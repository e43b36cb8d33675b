import { pyramidScaleFactors } from '../src/modules/media/iiif/iiif-info';
import { BENCH_SEED } from './generate';
import { IIIF_IMAGE, IIIF_TILE } from './iiif-image';
import type { PassResult } from './iiif-load';
import { fmtInt, fmtMs, table, type Latencies } from './support';

/** How many times the cached passes request the 500 tiles. */
export const CACHED_PASSES = 4;
/** iipsrv FastCGI processes lighttpd runs: one per core. */
export const IIPSRV_PROCS = 2;
/** JPEG quality of rendered tiles: renderImage's, and the one iipsrv is started with. */
export const JPEG_QUALITY = 80;

/** A pass with the CPU time the server's processes spent on it. */
export type Measured = PassResult & { cpuMsPerTile: number };

/** Everything the IIIF section measured. */
export interface IiifBenchResult {
  sourceSha256: string;
  generateSeconds: number;
  pyramidSeconds: number;
  pyramidBytes: number;
  tiles: number;
  concurrency: number;
  /** renderImage in the bench process, one tile at a time, every tile rendered: what sharp alone allows. */
  raw: { tilesPerSecond: number; latency: Latencies };
  /** Cold: nothing in the response cache; whole stored tiles sent as they are, others rendered. */
  oursCold: Measured;
  oursColdCounts: { stored: number; rendered: number };
  /** Cold, every tile decoded and encoded again, as iipsrv does. */
  oursRendering: Measured;
  oursCached: Measured;
  iipsrv: { label: string; first: Measured; second: Measured; meanAbsDiff: number } | { error: string };
  loadAvg: string;
}

/** The table of the IIIF section: target | tiles/s | p50 | p95 | p99 | CPU ms/tile | failures | KiB/tile | ours / iipsrv. */
export function renderIiifReport(r: IiifBenchResult): string {
  const i = 'error' in r.iipsrv ? null : r.iipsrv;
  const why = 'error' in r.iipsrv ? r.iipsrv.error : '';
  const ratio = (ours: Measured, theirs: Measured | undefined) =>
    theirs
      ? `${(ours.tilesPerSecond / theirs.tilesPerSecond).toFixed(2)}× tiles/s, ${(ours.latency.p95 / theirs.latency.p95).toFixed(2)}× p95, ${(ours.cpuMsPerTile / theirs.cpuMsPerTile).toFixed(2)}× CPU`
      : 'n/a';
  const row = (label: string, p: Measured, vs: string): string[] => [
    label,
    fmtInt(p.tilesPerSecond),
    fmtMs(p.latency.p50),
    fmtMs(p.latency.p95),
    fmtMs(p.latency.p99),
    fmtMs(p.cpuMsPerTile),
    p.failures ? `${p.failures} (${p.firstFailure})` : '0',
    (p.bytes / p.requests / 1024).toFixed(1),
    vs,
  ];
  const rows = [
    row(`ours, cold (${r.oursColdCounts.stored} stored tiles sent, ${r.oursColdCounts.rendered} rendered)`, r.oursCold, ratio(r.oursCold, i?.first)),
    row(`ours, cold, every tile rendered`, r.oursRendering, ratio(r.oursRendering, i?.first)),
    row(`ours, from its cache (${CACHED_PASSES} × ${r.tiles})`, r.oursCached, ratio(r.oursCached, i?.second)),
  ];
  if (i) {
    rows.push(row(`iipsrv, first time (${r.tiles} tiles)`, i.first, ''));
    rows.push(row(`iipsrv, again (${CACHED_PASSES} × ${r.tiles}, its tile cache)`, i.second, ''));
  } else {
    rows.push([`iipsrv: NOT MEASURED (${why})`, '-', '-', '-', '-', '-', '-', '-', '-']);
  }
  rows.push(['raw: sharp alone, in-process, 1 at a time, every tile rendered', fmtInt(r.raw.tilesPerSecond), fmtMs(r.raw.latency.p50), fmtMs(r.raw.latency.p95), fmtMs(r.raw.latency.p99), '', '', '', '']);
  const verdict = (p: Measured) => (i ? (p.tilesPerSecond >= i.first.tilesPerSecond ? 'yes' : 'NO') : 'n/a (iipsrv not measured)');
  const mp = ((IIIF_IMAGE.width * IIIF_IMAGE.height) / 1e6).toFixed(1);
  return [
    `IIIF tiles: ${IIIF_IMAGE.width}×${IIIF_IMAGE.height} (${mp} MP, seed ${BENCH_SEED}, source sha256 ${r.sourceSha256.slice(0, 12)}) generated in ${r.generateSeconds.toFixed(1)} s;`,
    `  pyramid by buildPyramid in ${r.pyramidSeconds.toFixed(1)} s: ${fmtInt(r.pyramidBytes / 2 ** 20)} MiB, ${IIIF_TILE} px JPEG tiles (quality 85), scale factors ${pyramidScaleFactors(IIIF_IMAGE.width, IIIF_IMAGE.height).join(',')};`,
    `  ${r.tiles} distinct tiles in a seeded order, ${r.concurrency} concurrent requests, the targets taking turns by rounds; rendered tiles at JPEG quality ${JPEG_QUALITY} from both servers;`,
    `  CPU ms/tile: user + system time of the server's processes (ours: the Node process; iipsrv: lighttpd and its FastCGI processes)`,
    i ? `  iipsrv: ${i.label}; its tiles differ from ours by a mean ${i.meanAbsDiff.toFixed(2)} levels per channel` : `  iipsrv: not measured: ${why}`,
    table(['target', 'tiles/s', 'p50 ms', 'p95 ms', 'p99 ms', 'CPU ms/tile', 'failures', 'KiB/tile', 'ours / iipsrv'], rows),
    `budget "as fast as a C++ IIIF server" (cold tiles/s >= iipsrv's first time): ${verdict(r.oursCold)}; rendering every tile: ${verdict(r.oursRendering)}`,
    `load avg at the end of the section: ${r.loadAvg}`,
  ].join('\n');
}
