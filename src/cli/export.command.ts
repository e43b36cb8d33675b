import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { PUBLIC, SYSTEM_ACTOR } from '../modules/accounts/actor';
import { dumpFor } from '../modules/exports/dump.service';
import { EXPORT_FORMATS, type ExportFormat } from '../modules/exports/export.formats';
import { exportRecords } from '../modules/exports/export.service';
import { mediaStoreFor } from '../modules/media/media.module';
import { configFrom, reportingDomainErrors, withDataOptions, withDatabase } from './common';

const FORMATS = [...EXPORT_FORMATS, 'dump'] as const;

/** `heritage export --format csv|jsonl|geojson|dump [--institution ID]`: streams an export to standard output. */
export function exportCommand(program: Command): void {
  withDataOptions(program.command('export'))
    .description('write records to standard output: csv, jsonl, geojson (what the public sees, or --all) or a full dump that `heritage load` reads back')
    .requiredOption('--format <format>', `one of ${FORMATS.join(', ')}`)
    .option('--institution <id>', 'only this institution')
    .option('--all', 'csv, jsonl, geojson: every record that is not deleted (members-only, private and embargoed ones too), not only what the public sees')
    .action(async (opts) => {
      const config = configFrom({ data: opts.data, databaseUrl: opts.databaseUrl });
      const format = opts.format as (typeof FORMATS)[number];
      if (!FORMATS.includes(format)) {
        process.stderr.write(`--format must be one of ${FORMATS.join(', ')}, not "${opts.format}"\n`);
        process.exitCode = 2;
        return;
      }
      await withDatabase(config, async ({ db, dialect }) => {
        await reportingDomainErrors(async () => {
          const store = { db, dialect };
          const out =
            format === 'dump'
              ? await dumpFor({ store, files: mediaStoreFor(config) }, SYSTEM_ACTOR, opts.institution ?? null)
              : await exportRecords(store, opts.all ? SYSTEM_ACTOR : PUBLIC, { format: format as ExportFormat, institutionId: opts.institution, publicUrl: config.publicUrl });
          // Backpressure from standard output paces the database reads.
          await pipeline(Readable.from(out.chunks), process.stdout, { end: false });
        });
      });
    });
}
