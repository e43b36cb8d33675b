import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../modules/accounts/actor';
import { loadDump } from '../modules/exports/dump.loader';
import { runJobNow } from '../modules/jobs/job.runner';
import { mediaJobHandlersFor, mediaStoreFor } from '../modules/media/media.module';
import { configFrom, reportingDomainErrors, withDataOptions, withDatabase } from './common';
import { progressReporter } from './progress';

/** `heritage load FILE|-`: loads a dump made by `heritage export --format dump`, with a progress bar and a summary. */
export function loadCommand(program: Command): void {
  withDataOptions(program.command('load'))
    .description('load a dump (from `heritage export --format dump`) into this instance: checked whole first, then written in atomic batches; loading twice changes nothing')
    .argument('<file>', 'the dump file, or - for standard input')
    .option('--batch-size <n>', 'records per committed batch', '500')
    .option('--no-derivatives', 'leave the images\' derivatives to the server\'s job runner instead of building them now')
    .action(async (file: string, opts) => {
      const config = configFrom({ data: opts.data, databaseUrl: opts.databaseUrl });
      let source = file;
      let spooled: string | null = null;
      if (file === '-') {
        // The dump is read twice (checked, then loaded): standard input is kept in a file under the data folder meanwhile.
        const dir = path.join(config.dataDir, 'tmp');
        await fsp.mkdir(dir, { recursive: true });
        spooled = path.join(dir, `load-${randomBytes(6).toString('hex')}.jsonl`);
        await pipeline(process.stdin, fs.createWriteStream(spooled));
        source = spooled;
      } else if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
        process.stderr.write(`No file "${file}"\n`);
        process.exitCode = 1;
        return;
      }
      try {
        await withDatabase(config, async ({ db, dialect }) => {
          await reportingDomainErrors(async () => {
            const store = { db, dialect };
            const bars = { checking: progressReporter('Checking'), loading: progressReporter('Loading') };
            const size = fs.statSync(source).size;
            let calls = 0;
            const r = await loadDump({ store, files: mediaStoreFor(config) }, SYSTEM_ACTOR, () => fs.createReadStream(source), {
              batchSize: Number(opts.batchSize) || undefined,
              totalBytes: size,
              onProgress: (phase, done, total) => {
                if (phase === 'checking') {
                  if (++calls % 500 === 0 || done >= size) bars.checking.update(Math.min(done, size), size);
                  return;
                }
                if (done === 1) bars.checking.stop();
                if (done % 100 === 0 || done === total) bars.loading.update(done, total ?? done);
              },
            });
            bars.checking.stop();
            bars.loading.stop();
            let failed = 0;
            if (opts.derivatives && r.mediaJobs.length) {
              const bar = progressReporter('Building derivatives');
              const quiet = { info() {}, warn() {}, error() {} };
              for (const [i, id] of r.mediaJobs.entries()) {
                const ended = await runJobNow(store, mediaJobHandlersFor(config), id, undefined, { logger: quiet });
                if (ended.status !== 'succeeded') failed++;
                bar.update(i + 1, r.mediaJobs.length);
              }
              bar.stop();
            }
            const t = (x: { created: number; updated: number; unchanged: number }) => `${x.created} created, ${x.updated} updated, ${x.unchanged} unchanged`;
            process.stdout.write(
              `Loaded ${file === '-' ? 'standard input' : file}: institutions ${t(r.institutions)}; records ${t(r.records)}${r.records.keptNewer ? `, ${r.records.keptNewer} kept (newer here)` : ''}; ` +
                `versions ${r.versions.added} added, ${r.versions.unchanged} unchanged; images ${r.media.added} added, ${r.media.unchanged} unchanged` +
                `${failed ? `; ${failed} images' derivatives failed (see heritage's jobs)` : ''}.\n`,
            );
            if (failed) process.exitCode = 1;
          });
        });
      } finally {
        if (spooled) await fsp.rm(spooled, { force: true });
      }
    });
}
