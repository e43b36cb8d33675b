import { pathToFileURL } from 'node:url';
import { suggestMapping } from '../src/modules/imports/formats/csv-mapping';
import { readInThread } from '../src/modules/imports/import.read-thread';
import { CSV_BENCH_HEADERS } from './import-csv';
import { fmtInt, loadAverage, note } from './support';

/**
 * The reading thread of an import alone — read, map, validate, tokenise, send — with this thread
 * only taking the batches (no database): the rate an import could reach if writing were free.
 * `node --import tsx bench/read-thread-only.ts FILE.csv` (a file written by bench/import-csv.ts,
 * e.g. kept with BENCH_IMPORT_FILE by bench/import-profile.ts).
 */
export async function readThreadOnly(file: string): Promise<string> {
  const mapping = { ...suggestMapping(CSV_BENCH_HEADERS), defaults: { language: 'en' } };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const read = readInThread({ file, format: 'csv', reader: { institutionId: 'bench', sourceKind: 'import', sourceSystem: 'bench.csv', mapping }, batchSize: 2000, skip: 0, institutionId: 'bench' });
  let n = 0;
  for await (const b of read.batches) n += b.items.length;
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return `${fmtInt(n)} records in ${seconds.toFixed(1)} s = ${fmtInt(n / seconds)} records/s; CPU of all threads ${((used.user + used.system) / n).toFixed(0)} µs/record`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await readThreadOnly(process.argv[2]));
  note(`read-thread-only: load ${loadAverage()}`);
}
