import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../src/modules/accounts/actor';
import { createInstitution } from '../src/modules/institutions/institution.service';
import { readerFor } from '../src/modules/imports/formats/registry';
import { suggestMapping } from '../src/modules/imports/formats/csv-mapping';
import { writeItems } from '../src/modules/imports/import-writer';
import { readInThread } from '../src/modules/imports/import.read-thread';
import type { ImportFormat } from '../src/modules/imports/import.types';
import { openBenchDatabase } from './databases';
import { CSV_BENCH_HEADERS, writeBenchCsv } from './import-csv';
import { writeBenchMarcXml } from './import.bench';
import { fmtInt, fmtMiB, loadAverage, mainThreadCpuMs, memorySampler, note } from './support';

/**
 * One real import of N generated records (CSV or MARCXML) into a fresh SQLite database through
 * `writeItems`, for profiling: run it under `node --cpu-prof --cpu-prof-dir DIR --import tsx
 * bench/import-profile.ts N [csv|marcxml] [batchSize]`, then `bench/profile-summary.ts` reads
 * the profile. `BENCH_IMPORT_THREADS` sets the preparing threads (default 0: everything on
 * this thread, so the profile shows every stage). Prints records/s, main-thread CPU per record
 * and peak RSS.
 */
export async function profileImport(count: number, format: 'csv' | 'marcxml', batchSize: number): Promise<void> {
  const root = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'hc-import-profile-'));
  // BENCH_IMPORT_FILE names a file written earlier (kept between runs; its profile then holds the import alone).
  const given = process.env.BENCH_IMPORT_FILE;
  const file = given ?? path.join(root, `records.${format === 'csv' ? 'csv' : 'xml'}`);
  try {
    if (!given || !fs.existsSync(given)) {
      note(`import-profile: writing ${fmtInt(count)} ${format} records…`);
      if (format === 'csv') await writeBenchCsv(file, count);
      else await writeBenchMarcXml(file, count);
    }
    const db = await openBenchDatabase(process.env.BENCH_DIALECT === 'postgres' ? 'postgres' : 'sqlite', root, true);
    const store = { db: db.handle.db, dialect: db.handle.dialect };
    try {
      await createInstitution(store.db, SYSTEM_ACTOR, { id: 'bench-import', name: { en: ['Imported Library'] }, country: 'KZ', kind: 'library' });
      const mapping = format === 'csv' ? { ...suggestMapping(CSV_BENCH_HEADERS), defaults: { language: 'en' } } : undefined;
      // Experiments: BENCH_PRAGMAS="wal_autocheckpoint=10000;cache_size=-65536" runs these on the connection first.
      for (const p of (process.env.BENCH_PRAGMAS ?? '').split(';').filter(Boolean)) await sql.raw(`PRAGMA ${p}`).execute(store.db);
      // BENCH_SQL="INSERT INTO record_fts(record_fts, rank) VALUES('automerge', 8)" (statements separated by ";;") likewise.
      for (const q of (process.env.BENCH_SQL ?? '').split(';;').filter(Boolean)) await sql.raw(q).execute(store.db);
      global.gc?.();
      const memory = memorySampler(100);
      const cpu = mainThreadCpuMs();
      const processCpu = process.cpuUsage();
      const started = performance.now();
      const readerOptions = { institutionId: 'bench-import', sourceKind: 'import' as const, sourceSystem: `bench.${format}`, mapping };
      // BENCH_IMPORT_READ_THREAD=1 reads and prepares on a thread, as import jobs do.
      const items =
        process.env.BENCH_IMPORT_READ_THREAD === '1'
          ? readInThread({ file, format, reader: readerOptions, batchSize, skip: 0, institutionId: 'bench-import' })
          : readerFor(format as ImportFormat)(fs.createReadStream(file, { highWaterMark: 1 << 16 }), readerOptions);
      const summary = await writeItems(store, SYSTEM_ACTOR, items, {
        institutionId: 'bench-import',
        dryRun: false,
        batchSize,
        jobId: undefined,
        threads: Number(process.env.BENCH_IMPORT_THREADS ?? 0),
        onBatch: () => memory.step(),
      });
      const seconds = (performance.now() - started) / 1000;
      const cpuMs = mainThreadCpuMs() - cpu;
      const all = process.cpuUsage(processCpu);
      const allMs = (all.user + all.system) / 1000;
      const mem = memory.stop();
      console.log(
        `${format}: ${fmtInt(summary.read)} read, ${fmtInt(summary.created)} created, ${fmtInt(summary.rejected)} rejected in ${seconds.toFixed(1)} s = ${fmtInt(summary.read / seconds)} records/s; ` +
          `main-thread CPU ${((cpuMs * 1000) / summary.read).toFixed(0)} µs/record, all threads ${((allMs * 1000) / summary.read).toFixed(0)}; RSS ${fmtMiB(mem.start)} → ${fmtMiB(mem.peak)} (anon peak ${fmtMiB(mem.anonPeak)}); load ${loadAverage()}`,
      );
    } finally {
      await db.close({ keep: process.env.BENCH_KEEP === '1' });
    }
  } finally {
    if (process.env.BENCH_KEEP === '1') note(`import-profile: kept ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = Number(process.argv[2] ?? 20_000);
  const format = (process.argv[3] ?? 'csv') as 'csv' | 'marcxml';
  await profileImport(count, format, Number(process.argv[4] ?? 2000));
}
