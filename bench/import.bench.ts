import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYSTEM_ACTOR } from '../src/modules/accounts/actor';
import { createInstitution } from '../src/modules/institutions/institution.service';
import { suggestMapping } from '../src/modules/imports/formats/csv-mapping';
import { openBenchDatabase, type BenchDialect } from './databases';
import { BENCH_SEED, recordAt } from './generate';
import { CSV_BENCH_HEADERS } from './import-csv';
import { benchImportFile } from './import-files';
import { rawSqliteLoad, type RawLoadResult } from './raw';
import { fmtInt, fmtMiB, note, table } from './support';

/** What one import of a generated file measured. */
export interface ImportBenchResult {
  dialect: BenchDialect;
  format: 'csv' | 'marcxml';
  records: number;
  rejected: number;
  fileBytes: number;
  seconds: number;
  recordsPerSecond: number;
  cpuMicrosPerRecord: number;
  /** CPU of every thread of the importing process per record. */
  allCpuMicrosPerRecord: number;
  rssStart: number;
  rssPeak: number;
}

const INSTITUTION = 'bench-import';
/** Records per batch, as import jobs commit them (`--batch-size` overrides). */
const IMPORT_BATCH = 1000;

/**
 * Imports N generated records from a CSV file and from a MARCXML file with the real command,
 * `heritage import FILE --format F --institution ID`, in a child process — as an operator runs
 * it: the import job with its reading thread (read, map, validate, tokenise) and the batch writer
 * (records, report rows and checkpoint in one transaction per batch, search index included) —
 * into a fresh database. The child's peak memory is the kernel's high-water mark of its resident
 * set (VmHWM), its CPU read from /proc while it runs; records/s count from its start, so they
 * include loading the program (about two seconds). The input files are written beforehand by
 * another child process (bench/import-files.ts) and kept in `root` for the other dialect.
 */
export async function runImportBench(opts: { dialect: BenchDialect; root: string; records: number; batchSize?: number; formats?: readonly ('csv' | 'marcxml')[] }): Promise<ImportBenchResult[]> {
  const out: ImportBenchResult[] = [];
  for (const format of opts.formats ?? (['csv', 'marcxml'] as const)) {
    note(`import (${opts.dialect}, ${format}): ${fmtInt(opts.records)} records…`);
    const file = benchImportFile(format, opts.records, opts.root);
    const fileBytes = fs.statSync(file).size;
    const dir = path.join(opts.root, `import-${format}`);
    fs.mkdirSync(dir, { recursive: true });
    const db = await openBenchDatabase(opts.dialect, dir, true);
    try {
      await createInstitution(db.handle.db, SYSTEM_ACTOR, { id: INSTITUTION, name: { en: ['Imported Library'] }, country: 'KZ', kind: 'library' });
      await db.handle.close();
      const mappingFile = path.join(opts.root, 'csv-mapping.json');
      if (format === 'csv') fs.writeFileSync(mappingFile, JSON.stringify({ ...suggestMapping(CSV_BENCH_HEADERS), defaults: { language: 'en' } }));
      const args = ['import', file, '--format', format, '--institution', INSTITUTION, '--source', `bench.${format}`, '--batch-size', String(opts.batchSize ?? IMPORT_BATCH), '--data', db.config.dataDir];
      if (db.pgUrl) args.push('--database-url', db.pgUrl);
      if (format === 'csv') args.push('--mapping', mappingFile);
      const run = await runMeasured(process.execPath, [HERITAGE_BIN, ...args]);
      const summary = /Imported (\d+) records: (\d+) created, (\d+) updated, (\d+) unchanged, (\d+) rejected/.exec(run.stdout);
      if (run.code !== 0 || !summary) throw new Error(`heritage import ${format} on ${opts.dialect} failed (exit ${run.code}): ${run.stdout}`);
      const [read, created, updated, unchanged, rejected] = summary.slice(1).map(Number);
      out.push({
        dialect: opts.dialect,
        format,
        records: created + updated + unchanged,
        rejected,
        fileBytes,
        seconds: run.seconds,
        recordsPerSecond: read / run.seconds,
        cpuMicrosPerRecord: (run.mainCpuMs * 1000) / Math.max(1, read),
        allCpuMicrosPerRecord: (run.allCpuMs * 1000) / Math.max(1, read),
        rssStart: run.rssFirst,
        rssPeak: run.rssPeak,
      });
      // Each result as soon as it is known (the table comes at the end of the whole run).
      note(importBenchTable(out.slice(-1)));
    } finally {
      await db.close({ keep: false }).catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

const HERITAGE_BIN = fileURLToPath(new URL('../bin/heritage.js', import.meta.url));

/** A child process run to its end, with its stdout, wall time, CPU (main thread and all) and memory read from /proc while it ran. */
async function runMeasured(command: string, args: string[]): Promise<{ code: number | null; stdout: string; seconds: number; mainCpuMs: number; allCpuMs: number; rssFirst: number; rssPeak: number }> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, HERITAGE_DEMO: 'off', LOG_LEVEL: 'silent' } });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const tick = 1000 / 100; // clock ticks of /proc's CPU times, in ms (USER_HZ is 100 on Linux)
  const read = (f: string) => {
    try {
      return fs.readFileSync(`/proc/${child.pid}/${f}`, 'utf8');
    } catch {
      return null;
    }
  };
  const cpuOf = (stat: string | null) => {
    const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields ? (Number(fields[11]) + Number(fields[12])) * tick : null;
  };
  let mainCpuMs = 0;
  let allCpuMs = 0;
  let rssFirst = 0;
  let rssPeak = 0;
  const sample = () => {
    const status = read('status');
    const hwm = status && /VmHWM:\s+(\d+) kB/.exec(status);
    const rss = status && /VmRSS:\s+(\d+) kB/.exec(status);
    if (hwm) rssPeak = Math.max(rssPeak, Number(hwm[1]) * 1024);
    if (rss && !rssFirst && performance.now() - started > 3000) rssFirst = Number(rss[1]) * 1024;
    mainCpuMs = cpuOf(read(`task/${child.pid}/stat`)) ?? mainCpuMs;
    allCpuMs = cpuOf(read('stat')) ?? allCpuMs;
  };
  const timer = setInterval(sample, 100);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  return { code, stdout, seconds: (performance.now() - started) / 1000, mainCpuMs, allCpuMs, rssFirst, rssPeak };
}

/** The raw limit beside the imports: better-sqlite3 alone writing rows of the same records and their FTS5 entries (bench/raw.ts). */
export function rawImportLimit(opts: { root: string; records: number; batchSize?: number }): RawLoadResult {
  return rawSqliteLoad({ records: opts.records, batchSize: opts.batchSize ?? IMPORT_BATCH, dir: path.join(opts.root, 'raw-import') });
}

/** The results as the benchmarks' table, with the budgets, and the raw SQLite limit beside them. */
export function importBenchTable(results: ImportBenchResult[], raw?: RawLoadResult): string {
  const budget = (f: string) => (f === 'csv' ? '≥ 15,000/s' : '≥ 5,000/s');
  const rows = results.map((r) => [
    `${r.format} on ${r.dialect}`,
    fmtInt(r.records),
    fmtInt(r.rejected),
    fmtMiB(r.fileBytes),
    fmtInt(r.recordsPerSecond),
    `${r.cpuMicrosPerRecord.toFixed(0)} / ${r.allCpuMicrosPerRecord.toFixed(0)}`,
    `${fmtMiB(r.rssStart)} → ${fmtMiB(r.rssPeak)}`,
    `${budget(r.format)}; peak < 500 MB`,
  ]);
  if (raw) {
    rows.push(['raw limit: better-sqlite3 rows + FTS5 inline', '', '', '', fmtInt(raw.inline), '', '', '']);
    rows.push(['raw limit: rows, FTS5 rebuilt after', '', '', '', fmtInt(raw.rebuild), '', '', '']);
  }
  return table(['`heritage import` (reading thread + batch writer + search index)', 'records', 'rejected', 'file', 'records/s', 'CPU µs/record: main thread / all', 'RSS at 3 s → peak', 'budget'], rows);
}

/** Writes N generated records as MARCXML (a MARC 21 bibliographic record each), streaming. */
export async function writeBenchMarcXml(file: string, count: number, seed = BENCH_SEED): Promise<number> {
  const out = fs.createWriteStream(file);
  const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const first = (m: Record<string, string[]> | undefined) => (m ? (Object.values(m)[0]?.[0] ?? '') : '');
  const df = (tag: string, subs: [string, string][], ind1 = ' ', ind2 = ' ') =>
    `<datafield tag="${tag}" ind1="${ind1}" ind2="${ind2}">${subs.filter(([, v]) => v).map(([c, v]) => `<subfield code="${c}">${esc(v)}</subfield>`).join('')}</datafield>`;
  let chunk = '<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n';
  for (let i = 0; i < count; i++) {
    const r = recordAt(i, seed);
    const fields = [
      `<leader>00000nam a2200000 a 4500</leader>`,
      `<controlfield tag="001">bench-${i}</controlfield>`,
      `<controlfield tag="003">HCBENCH</controlfield>`,
      ...(r.agents ?? []).slice(0, 1).map((a) => df('100', [['a', first(a.name)], ['e', a.role]], '1')),
      df('245', [['a', r.title.en?.[0] ?? first(r.title)]], '1', '0'),
      ...(r.title.zh?.[0] ? [df('246', [['a', r.title.zh[0]]], '1', '1')] : []),
      df('264', [['a', r.places?.[0] ? first(r.places[0].name) : ''], ['c', r.date?.display ?? '']], ' ', '1'),
      df('520', [['a', first(r.description)]]),
      ...(r.materials ?? []).map((m) => df('650', [['a', first(m.label)]], ' ', '0')),
      ...(r.languages?.length ? [df('041', r.languages.map((l) => ['a', l] as [string, string]))] : []),
    ];
    chunk += `<record>${fields.join('')}</record>\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(`${chunk}</collection>\n`);
  await once(out, 'finish');
  return fs.statSync(file).size;
}
