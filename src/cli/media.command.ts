import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../modules/accounts/actor';
import { latestJobFor } from '../modules/jobs/job.service';
import { runJobNow } from '../modules/jobs/job.runner';
import { mediaJobHandlersFor, mediaStoreFor } from '../modules/media/media.module';
import { normalizeFields } from '../modules/media/media.schema';
import { uploadMedia } from '../modules/media/media.upload';
import { VISIBILITIES } from '../modules/records/record.schema';
import { configFrom, reportingDomainErrors, withDataOptions, withDatabase } from './common';
import { progressReporter } from './progress';

/** `heritage media add FILE --record ID [--id IMAGE_ID]`: stores an image and builds its derivatives here, with a progress bar. */
export function mediaCommand(program: Command): void {
  const media = program.command('media').description('manage images of records');
  withDataOptions(media.command('add'))
    .description('add an image (JPEG, PNG, TIFF, WebP) to a record and build its derivatives; prints its id and IIIF URL')
    .argument('<file>', 'the image file')
    .requiredOption('--record <id>', 'the record the image belongs to')
    .option('--id <imageId>', 'the image id to use (else one is made)')
    .option('--label <text>', 'a label: text, or a JSON language map such as {"en":["Folio 1 recto"]}')
    .option('--rights <uri>', 'a rightsstatements.org or Creative Commons URI')
    .option('--visibility <v>', `one of ${VISIBILITIES.join(', ')} (never more open than the record)`, 'public')
    .action(async (file: string, opts) => {
      const config = configFrom({ data: opts.data, databaseUrl: opts.databaseUrl });
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile()) {
        process.stderr.write(`No file "${file}"\n`);
        process.exitCode = 1;
        return;
      }
      await withDatabase(config, async ({ db, dialect }) => {
        await reportingDomainErrors(async () => {
          const store = { db, dialect };
          const fields = normalizeFields({ id: opts.id, label: opts.label, rights: opts.rights, visibility: opts.visibility, filename: path.basename(file) });
          const added = await uploadMedia({ store, files: mediaStoreFor(config), config }, SYSTEM_ACTOR, opts.record, fs.createReadStream(file), fields);
          const job = (await latestJobFor(store, { type: 'media', id: added.id }))!;
          const progress = progressReporter('Building derivatives');
          const ended = await runJobNow(store, mediaJobHandlersFor(config), job.id, (p) => progress.update(p.done, p.total ?? 100));
          progress.stop();
          if (ended.status !== 'succeeded') {
            process.stderr.write(`Image ${added.id} was stored, but its derivatives could not be built: ${ended.error ?? ended.status}\n`);
            process.exitCode = 1;
            return;
          }
          const result = ended.result as { width: number; height: number };
          process.stdout.write(`Added image ${added.id} (${result.width}×${result.height}) to record ${opts.record}.\n${added.links.info}\n`);
        });
      });
    });
}
