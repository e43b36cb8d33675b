import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runApiBench } from './api.bench';
import { openBenchDatabase, PG_ADMIN_URL, type BenchDialect, type BenchDatabase } from './databases';
import { BENCH_SEED } from './generate';
import type { OaiBenchResult } from './oai.bench';
import { runLoadBench } from './load.bench';
import { renderReport, type DialectReport } from './report';
import { runSearchBench } from './search.bench';
import { runSearchPageBench, searchPageTable } from './search-page.bench';
import { loadAverage, machineInfo, note } from './support';

/**
 * `npm run bench -- [--records N] [--dialect sqlite|postgres|both] [--only load,search,api,oai]
 * [--keep DIR] [--duration S] [--connections C] [--batch-size B]`: loads generated records, then
 * measures search, the API and OAI-PMH, and prints one table per dialect with the raw limits and budgets.
 */
const USAGE = `usage: npm run bench -- [options]
  --records N        records to generate and load (default 1000000)
  --dialect D        sqlite | postgres | both (default sqlite); PostgreSQL at BENCH_DATABASE_URL
                     or ${PG_ADMIN_URL}, in its own database hc_bench
  --only LIST        any of load,search,search-page,api,oai,iiif,import (default all; iiif needs no database;
                     search-page times the server render of /search pages (list, grid, map);
                     import loads N records from generated CSV and MARCXML into fresh databases;
                     oai harvests the loaded database: ListRecords for up to BENCH_OAI_SECONDS,
                     default 240)
  --keep DIR         keep the loaded database in DIR and reuse it next time (same N)
  --duration S       seconds per API target and for the search passes (default 10)
  --connections C    autocannon connections, 10 to 50 (default 20)
  --import-formats F the import section's inputs: csv, marcxml or both (default csv,marcxml)
  --batch-size B     records per transaction while loading (default 5000; imports: 1000, as import jobs)`;

const STEPS = ['load', 'search', 'search-page', 'api', 'oai', 'iiif', 'import'] as const;
type Step = (typeof STEPS)[number];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '1000000' },
      'import-formats': { type: 'string', default: 'csv,marcxml' },
      dialect: { type: 'string', default: 'sqlite' },
      only: { type: 'string', default: STEPS.join(',') },
      keep: { type: 'string' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '20' },
      'batch-size': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const records = positiveInt(values.records, '--records');
  const seconds = positiveInt(values.duration, '--duration');
  const connections = positiveInt(values.connections, '--connections');
  const batchSize = values['batch-size'] === undefined ? 5000 : positiveInt(values['batch-size'], '--batch-size');
  const dialects: BenchDialect[] = values.dialect === 'both' ? ['sqlite', 'postgres'] : values.dialect === 'sqlite' || values.dialect === 'postgres' ? [values.dialect] : fail(`--dialect must be sqlite, postgres or both`);
  const only = values.only.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of only) if (!(STEPS as readonly string[]).includes(s)) fail(`--only takes ${STEPS.join(',')}, got "${s}"`);
  const steps = new Set(only as Step[]);
  if (connections < 10 || connections > 50) fail('--connections must be from 10 to 50');

  const benchRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.bench');
  const keep = values.keep !== undefined;
  const root = keep ? path.resolve(values.keep!) : path.join(benchRoot, `run-${process.pid}`);
  fs.mkdirSync(root, { recursive: true });

  const machine = await machineInfo(dialects.includes('postgres') ? PG_ADMIN_URL : null);
  const header = [
    'Heritage Commons benchmark',
    ...Object.entries(machine).map(([k, v]) => `  ${k.padEnd(11)} ${v}${k === 'load avg' ? ' at the start' : ''}`),
    `  run         ${records.toLocaleString('en-US')} records (seed ${BENCH_SEED}), steps ${[...steps].join(',')}, batches of ${batchSize}, ${seconds} s per timed target, ${connections} connections`,
  ].join('\n');
  note(header);
  const reports: DialectReport[] = [];
  let iiifReport = '';
  let importReport = '';
  const oaiResults: OaiBenchResult[] = [];
  const pageReports: string[] = [];
  try {
    if (steps.has('load') || steps.has('search') || steps.has('search-page') || steps.has('api') || steps.has('oai')) {
      for (const dialect of dialects) reports.push(await runDialect({ dialect, root, keep, steps, records, batchSize, seconds, connections, oaiResults, pageReports }));
    }
    if (steps.has('iiif')) iiifReport = await import('./iiif').then(async (m) => m.renderIiifReport(await m.runIiifBench({ root, connections })));
    if (steps.has('import')) {
      const { runImportBench, importBenchTable, rawImportLimit } = await import('./import.bench');
      const results: Awaited<ReturnType<typeof runImportBench>> = [];
      // Imports commit 1,000 records a batch unless --batch-size is given.
      const importBatch = values['batch-size'] === undefined ? undefined : batchSize;
      const formats = values['import-formats'].split(',').map((f) => f.trim());
      for (const f of formats) if (f !== 'csv' && f !== 'marcxml') throw new Error(`--import-formats: "${f}" is not csv or marcxml`);
      for (const dialect of dialects) results.push(...(await runImportBench({ dialect, root, records, batchSize: importBatch, formats: formats as ('csv' | 'marcxml')[] })));
      importReport = importBenchTable(results, dialects.includes('sqlite') ? rawImportLimit({ root, records, batchSize: importBatch }) : undefined);
    }
  } finally {
    if (!keep) {
      fs.rmSync(root, { recursive: true, force: true });
      if (fs.existsSync(benchRoot) && !fs.readdirSync(benchRoot).length) fs.rmSync(benchRoot, { recursive: true, force: true });
    }
  }
  console.log(`\n${header}\n  load avg    ${loadAverage()} at the end\n`);
  for (const r of reports) if (r.load || r.search || r.api) console.log(`${renderReport(r)}\n`);
  for (const r of pageReports) console.log(`${r}\n`);
  if (oaiResults.length) {
    const { renderOaiReport } = await import('./oai-report');
    for (const r of oaiResults) console.log(`${renderOaiReport(r)}\n`);
  }
  if (iiifReport) console.log(`${iiifReport}\n`);
  if (importReport) console.log(`${importReport}\n`);
}

/** Runs the chosen steps on one dialect; a database without a complete load of N records is loaded first. */
async function runDialect(o: { dialect: BenchDialect; root: string; keep: boolean; steps: Set<Step>; records: number; batchSize: number; seconds: number; connections: number; oaiResults: OaiBenchResult[]; pageReports: string[] }): Promise<DialectReport> {
  let fresh = !o.keep || o.steps.has('load');
  let db: BenchDatabase = await openBenchDatabase(o.dialect, o.root, fresh);
  const report: DialectReport = { dialect: o.dialect, records: o.records, load: null, search: null, api: null };
  try {
    if (!fresh && db.loadedRecords !== o.records) {
      note(`${o.dialect}: no complete load of ${o.records} records to reuse in ${o.root}; loading afresh`);
      await db.close({ keep: false });
      db = await openBenchDatabase(o.dialect, o.root, (fresh = true));
    }
    if (fresh) {
      const rawDir = o.dialect === 'sqlite' ? path.join(o.root, 'raw') : null;
      report.load = await runLoadBench({ store: { db: db.handle.db, dialect: db.handle.dialect }, records: o.records, batchSize: o.batchSize, rawDir });
      await db.markLoaded(o.records);
    } else {
      note(`${o.dialect}: reusing the kept database of ${o.records} records`);
    }
    const store = { db: db.handle.db, dialect: db.handle.dialect };
    if (o.steps.has('search')) {
      report.search = await runSearchBench({ store, workers: db.config.searchWorkers, sqliteFile: db.sqliteFile, pgUrl: db.pgUrl, seconds: o.seconds });
    }
    if (o.steps.has('search-page')) {
      const pages = await runSearchPageBench({ database: db.handle, config: db.config, sqliteFile: db.sqliteFile, seconds: o.seconds });
      o.pageReports.push(searchPageTable(o.dialect, o.records, pages));
    }
    if (o.steps.has('api')) {
      report.api = await runApiBench({ database: db.handle, config: db.config, connections: o.connections, seconds: o.seconds });
    }
    if (o.steps.has('oai')) {
      const { runOaiBench } = await import('./oai.bench');
      o.oaiResults.push(await runOaiBench({ database: db.handle, config: db.config }));
    }
  } finally {
    await db.close({ keep: o.keep });
  }
  return report;
}

function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : fail(`${flag} must be a positive whole number, got "${text}"`);
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
