import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../src/modules/accounts/actor';
import { createInstitution } from '../src/modules/institutions/institution.service';
import { readerFor } from '../src/modules/imports/formats/registry';
import { suggestMapping } from '../src/modules/imports/formats/csv-mapping';
import { writeItems } from '../src/modules/imports/import-writer';
import { readInThread } from '../src/modules/imports/import.read-thread';
import type { ImportFormat } from '../src/modules/imports/import.types';
import { openBenchDatabase, type BenchDialect } from './databases';
import { BENCH_SEED, recordAt } from './generate';
import { CSV_BENCH_HEADERS, writeBenchCsv } from './import-csv';
import { fmtInt, fmtMiB, mainThreadCpuMs, memorySampler, note, progress, table } from './support';

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
  rssStart: number;
  rssPeak: number;
}

const INSTITUTION = 'bench-import';

/**
 * Imports N generated records from a CSV file and from a MARCXML file through the real import
 * path — the streaming reader, then the batch writer (records, report rows and checkpoint in
 * one transaction per batch, search index included) — into a fresh database, measuring
 * records/s and peak memory.
 */
export async function runImportBench(opts: { dialect: BenchDialect; root: string; records: number; batchSize: number }): Promise<ImportBenchResult[]> {
  const out: ImportBenchResult[] = [];
  for (const format of ['csv', 'marcxml'] as const) {
    const dir = path.join(opts.root, `import-${format}`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `records.${format === 'csv' ? 'csv' : 'xml'}`);
    note(`import (${opts.dialect}, ${format}): writing ${fmtInt(opts.records)} records…`);
    const fileBytes = format === 'csv' ? await writeBenchCsv(file, opts.records) : await writeBenchMarcXml(file, opts.records);
    const db = await openBenchDatabase(opts.dialect, dir, true);
    const store = { db: db.handle.db, dialect: db.handle.dialect };
    try {
      await createInstitution(store.db, SYSTEM_ACTOR, { id: INSTITUTION, name: { en: ['Imported Library'] }, country: 'KZ', kind: 'library' });
      const reader = readerFor(format as ImportFormat);
      const mapping = format === 'csv' ? { ...suggestMapping(CSV_BENCH_HEADERS), defaults: { language: 'en' } } : undefined;
      global.gc?.();
      const memory = memorySampler(200);
      const cpu = mainThreadCpuMs();
      const bar = progress(`import ${format} (${opts.dialect})`, opts.records);
      const started = performance.now();
      const readerOptions = { institutionId: INSTITUTION, sourceKind: 'import' as const, sourceSystem: `bench.${format}`, mapping };
      // As import jobs do: a reading thread reads and prepares while this thread writes (BENCH_IMPORT_READ_THREAD=0: read here).
      const items =
        process.env.BENCH_IMPORT_READ_THREAD === '0'
          ? reader(fs.createReadStream(file, { highWaterMark: 1 << 16 }), readerOptions)
          : readInThread({ file, format, reader: readerOptions, batchSize: opts.batchSize, skip: 0, institutionId: INSTITUTION });
      const summary = await writeItems(store, SYSTEM_ACTOR, items, {
        institutionId: INSTITUTION,
        dryRun: false,
        batchSize: opts.batchSize,
        threads: process.env.BENCH_IMPORT_THREADS === undefined ? undefined : Number(process.env.BENCH_IMPORT_THREADS),
        onBatch: (s) => {
          bar.update(s.read, s.read / ((performance.now() - started) / 1000));
          memory.step();
        },
      });
      const seconds = (performance.now() - started) / 1000;
      const cpuMs = mainThreadCpuMs() - cpu;
      bar.stop();
      const mem = memory.stop();
      const written = summary.created + summary.updated + summary.unchanged;
      out.push({
        dialect: opts.dialect,
        format,
        records: written,
        rejected: summary.rejected,
        fileBytes,
        seconds,
        recordsPerSecond: summary.read / seconds,
        cpuMicrosPerRecord: (cpuMs * 1000) / Math.max(1, summary.read),
        rssStart: mem.start,
        rssPeak: mem.peak,
      });
    } finally {
      await db.close({ keep: false });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

/** The results as the benchmarks' table, with the budgets. */
export function importBenchTable(results: ImportBenchResult[]): string {
  const budget = (f: string) => (f === 'csv' ? '≥ 15,000/s' : '≥ 5,000/s');
  return table(
    ['import (reader + batch writer + search index)', 'records', 'rejected', 'file', 'records/s', 'main-thread CPU µs/record', 'RSS start → peak', 'budget'],
    results.map((r) => [
      `${r.format} on ${r.dialect}`,
      fmtInt(r.records),
      fmtInt(r.rejected),
      fmtMiB(r.fileBytes),
      fmtInt(r.recordsPerSecond),
      r.cpuMicrosPerRecord.toFixed(0),
      `${fmtMiB(r.rssStart)} → ${fmtMiB(r.rssPeak)}`,
      `${budget(r.format)}; peak < 500 MB`,
    ]),
  );
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
