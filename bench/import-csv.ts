import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { csvReader } from '../src/modules/imports/formats/csv.reader';
import { suggestMapping } from '../src/modules/imports/formats/csv-mapping';
import type { RecordInput } from '../src/modules/records/record.schema';
import { BENCH_SEED, recordAt } from './generate';
import { fmtInt, fmtMiB, mainThreadCpuMs, memorySampler, note, table } from './support';

/** The columns of the benchmark CSV: a museum catalogue export, with a per-language title column. */
export const CSV_BENCH_HEADERS = ['Object number', 'Title', 'Title (zh)', 'Description', 'Artist', 'Role', 'Date', 'Place', 'Country', 'Latitude', 'Longitude', 'Materials', 'Language', 'Rights'];

/** Row i of the benchmark CSV, built from the deterministic record i of bench/generate.ts. */
export function csvRowAt(i: number, seed = BENCH_SEED): string[] {
  const r: RecordInput = recordAt(i, seed);
  const first = (m: Record<string, string[]> | undefined) => (m ? Object.values(m)[0]?.[0] ?? '' : '');
  const place = r.places?.[0];
  return [
    r.identifiers?.[0]?.value ?? '',
    r.title.en?.[0] ?? first(r.title),
    r.title.zh?.[0] ?? '',
    first(r.description),
    (r.agents ?? []).map((a) => first(a.name)).join('; '),
    (r.agents ?? []).map((a) => a.role).join('; '),
    r.date?.display ?? '',
    place ? first(place.name) : '',
    place?.country ?? '',
    place?.lat?.toString() ?? '',
    place?.lon?.toString() ?? '',
    (r.materials ?? []).map((m) => first(m.label)).join('; '),
    (r.languages ?? []).join('; '),
    r.rights ?? '',
  ];
}

/** Writes N rows of the benchmark CSV to a file, streaming (nothing but one chunk in memory). */
export async function writeBenchCsv(file: string, count: number, seed = BENCH_SEED): Promise<number> {
  const out = fs.createWriteStream(file);
  const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  let chunk = `\ufeff${CSV_BENCH_HEADERS.join(',')}\r\n`;
  for (let i = 0; i < count; i++) {
    chunk += csvRowAt(i, seed).map(quote).join(',') + '\r\n';
    if (chunk.length > 1 << 20) {
      const more = out.write(chunk);
      chunk = '';
      if (!more) await once(out, 'drain');
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return fs.statSync(file).size;
}

/** What reading and mapping a CSV file measured. */
export interface CsvBenchResult {
  records: number;
  rejected: number;
  bytes: number;
  seconds: number;
  recordsPerSecond: number;
  cpuMsPerRecord: number;
  rssStart: number;
  rssPeak: number;
}

/** Reads and maps N generated rows with csvReader alone (no database) and measures the rate and memory. */
export async function benchImportCsv(count: number, opts: { dir?: string; seed?: number } = {}): Promise<CsvBenchResult> {
  const dir = fs.mkdtempSync(path.join(opts.dir ?? os.tmpdir(), 'hc-csv-bench-'));
  const file = path.join(dir, 'records.csv');
  try {
    note(`import-csv: writing ${fmtInt(count)} rows…`);
    const bytes = await writeBenchCsv(file, count, opts.seed);
    const mapping = { ...suggestMapping(CSV_BENCH_HEADERS), defaults: { language: 'en' } };
    global.gc?.();
    const memory = memorySampler(100);
    const cpu = mainThreadCpuMs();
    const started = performance.now();
    let records = 0;
    let rejected = 0;
    for await (const item of csvReader(fs.createReadStream(file, { highWaterMark: 1 << 16 }), { institutionId: 'bench', sourceKind: 'import', sourceSystem: 'bench.csv', mapping })) {
      if (item.kind === 'record') records++;
      else rejected++;
      if ((records + rejected) % 50_000 === 0) memory.step();
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = mainThreadCpuMs() - cpu;
    const mem = memory.stop();
    return { records, rejected, bytes, seconds, recordsPerSecond: (records + rejected) / seconds, cpuMsPerRecord: cpuMs / Math.max(1, records + rejected), rssStart: mem.start, rssPeak: mem.peak };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The result as the benchmarks' table. */
export function csvBenchTable(r: CsvBenchResult): string {
  return table(
    ['CSV read + map (no database)', 'records', 'MiB', 'records/s', 'MiB/s', 'CPU µs/record', 'RSS start', 'RSS peak'],
    [['csvReader + applyMapping', fmtInt(r.records), (r.bytes / 2 ** 20).toFixed(0), fmtInt(r.recordsPerSecond), (r.bytes / 2 ** 20 / r.seconds).toFixed(1), (r.cpuMsPerRecord * 1000).toFixed(1), fmtMiB(r.rssStart), fmtMiB(r.rssPeak)]],
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = Number(process.argv[2] ?? 200_000);
  const result = await benchImportCsv(count);
  console.log(csvBenchTable(result));
  if (result.rejected) note(`import-csv: ${result.rejected} rows rejected`);
}
