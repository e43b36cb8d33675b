import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeBenchCsv } from './import-csv';
import { writeBenchMarcXml } from './import.bench';

/**
 * Writes the import benchmark's input file in a child process, so the process that then
 * imports it starts without the generator's memory: `node --import tsx bench/import-files.ts
 * csv|marcxml N FILE`. A file already there (same format and N, from an earlier run kept with
 * `--keep`) is reused.
 */
export function benchImportFile(format: 'csv' | 'marcxml', records: number, dir: string): string {
  const file = path.join(dir, `records-${records}.${format === 'csv' ? 'csv' : 'xml'}`);
  if (fs.existsSync(file) && fs.statSync(file).size > 0) return file;
  const script = fileURLToPath(import.meta.url);
  execFileSync(process.execPath, ['--import', 'tsx', script, format, String(records), `${file}.part`], { stdio: 'inherit' });
  fs.renameSync(`${file}.part`, file);
  return file;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [format, count, file] = process.argv.slice(2);
  if (format === 'csv') await writeBenchCsv(file, Number(count));
  else if (format === 'marcxml') await writeBenchMarcXml(file, Number(count));
  else throw new Error(`usage: import-files.ts csv|marcxml N FILE (not "${format}")`);
}
