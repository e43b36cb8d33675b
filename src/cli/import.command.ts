import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../modules/accounts/actor';
import { runJobNow } from '../modules/jobs/job.runner';
import { importJobHandlers, type ImportResult } from '../modules/imports/import.job';
import { startImport } from '../modules/imports/import.service';
import { stageLocalFile } from '../modules/imports/import.staging';
import { IMPORT_FORMATS, type CsvMapping } from '../modules/imports/import.types';
import { configFrom, reportingDomainErrors, withDataOptions, withDatabase } from './common';
import { progressReporter } from './progress';

/** `heritage import FILE --format F --institution ID [--mapping FILE] [--dry-run]`: imports here as the operator, with a progress bar and a summary. */
export function importCommand(program: Command): void {
  withDataOptions(program.command('import'))
    .description('import records from a file as the operator: a progress bar, a summary line, exit code 1 when the file cannot be read')
    .argument('<file>', 'the file to import')
    .requiredOption('--format <format>', `one of ${IMPORT_FORMATS.join(', ')}`)
    .requiredOption('--institution <id>', 'the institution the records belong to')
    .option('--mapping <file|name>', 'a JSON CSV column mapping file, or the name (or id) of a mapping saved for the institution')
    .option('--source <name>', 'names the source; importing again under the same name updates its records (default: the format)')
    .option('--batch-size <n>', 'records per committed batch', '1000')
    .option('--dry-run', 'read and report everything without writing any record')
    .action(async (file: string, opts) => {
      const config = configFrom({ data: opts.data, databaseUrl: opts.databaseUrl });
      const fail = (message: string) => {
        process.stderr.write(`${message}\n`);
        process.exitCode = 1;
      };
      if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return fail(`No file "${file}"`);
      let mapping: CsvMapping | undefined;
      // An existing file is a mapping file; anything else names a saved mapping of the institution.
      const savedMapping = opts.mapping && !fs.statSync(opts.mapping, { throwIfNoEntry: false })?.isFile() ? (opts.mapping as string) : undefined;
      if (opts.mapping && !savedMapping) {
        try {
          mapping = JSON.parse(fs.readFileSync(opts.mapping, 'utf8')) as CsvMapping;
        } catch (e) {
          return fail(`Cannot read the mapping "${opts.mapping}": ${(e as Error).message}`);
        }
      }
      await withDatabase(config, async ({ db, dialect }) => {
        await reportingDomainErrors(async () => {
          const store = { db, dialect };
          const staged = await stageLocalFile(config.dataDir, path.resolve(file));
          const job = await startImport({ store, config }, SYSTEM_ACTOR, {
            format: opts.format,
            institutionId: opts.institution,
            dryRun: !!opts.dryRun,
            sourceName: opts.source,
            mapping,
            savedMapping,
            batchSize: Number(opts.batchSize) || undefined,
          }, staged);
          const bar = progressReporter(opts.dryRun ? 'Checking' : 'Importing');
          // The failure is printed below as one line; the runner's own log would repeat it with a stack.
          const quiet = { info() {}, warn() {}, error() {} };
          const ended = await runJobNow(store, importJobHandlers(config), job.id, (p) => p.total !== null && bar.update(p.done, p.total), { logger: quiet });
          bar.stop();
          if (ended.status !== 'succeeded') return fail(`Import of ${file} ${ended.status}: ${ended.error ?? 'no reason given'} (job ${job.id})`);
          const r = ended.result as ImportResult;
          const verb = r.dryRun ? 'Checked' : 'Imported';
          const would = r.dryRun ? 'would be ' : '';
          process.stdout.write(
            `${verb} ${r.read} records: ${r.created} ${would}created, ${r.updated} ${would}updated, ${r.unchanged} unchanged, ${r.rejected} rejected, ${r.warnings} warnings${r.deleted ? `, ${r.deleted} ${would}deleted` : ''}; report: ${config.publicUrl}${r.report.csv} (job ${job.id})\n`,
          );
        });
      });
    });
}
