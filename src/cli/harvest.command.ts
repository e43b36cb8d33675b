import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../modules/accounts/actor';
import { runJobNow } from '../modules/jobs/job.runner';
import { harvestJobHandlers, type HarvestResult } from '../modules/imports/harvest/harvest.job';
import { harvestRepository } from '../modules/imports/harvest/harvest.repository';
import type { HarvestProtocol } from '../modules/imports/harvest/harvest.table';
import { enqueueHarvest, registerSource } from '../modules/imports/harvest/harvest.service';
import { configFrom, reportingDomainErrors, withDataOptions, withDatabase } from './common';
import { progressReporter } from './progress';

/** `heritage harvest BASE_URL --institution ID [--prefix oai_dc] [--set S] [--from DATE]`: harvests an OAI-PMH endpoint here, with a progress bar. */
export function harvestCommand(program: Command): void {
  withDataOptions(program.command('harvest'))
    .description('harvest an OAI-PMH 2.0 repository, or sync a member node through IIIF Change Discovery, into an institution (incremental after the first run); prints a summary, exits 1 on failure')
    .argument('<baseUrl>', 'the OAI-PMH base URL, or the base URL of a Heritage Commons node with --protocol iiif-discovery')
    .requiredOption('--institution <id>', 'the institution the records belong to')
    .option('--protocol <protocol>', 'oai-pmh, or iiif-discovery (a node\'s change stream, copying its records\' JSON)', 'oai-pmh')
    .option('--prefix <metadataPrefix>', 'oai_dc, marcxml (marc21) or lido', 'oai_dc')
    .option('--set <setSpec...>', 'harvest only these sets')
    .option('--from <date>', 'harvest records changed since this datestamp (YYYY-MM-DD), instead of since the last harvest')
    .option('--full', 'harvest everything, ignoring the last harvest')
    .action(async (baseUrl: string, opts: { institution: string; protocol: string; prefix: string; set?: string[]; from?: string; full?: boolean; data?: string; databaseUrl?: string }) => {
      const config = configFrom({ data: opts.data, databaseUrl: opts.databaseUrl });
      await withDatabase(config, async ({ db, dialect }) => {
        await reportingDomainErrors(async () => {
          const store = { db, dialect };
          const sets = [...new Set(opts.set ?? [])];
          // The operator may harvest from anywhere, private networks included.
          const caller = { config, trusted: true };
          const protocol = opts.protocol as HarvestProtocol;
          const prefix = protocol === 'oai-pmh' ? opts.prefix : '';
          const known = await harvestRepository.findSourceByEndpoint(db, { institutionId: opts.institution, baseUrl: new URL(baseUrl).toString(), prefix, sets: JSON.stringify(protocol === 'oai-pmh' ? sets : []) });
          const source = known ?? (await harvestRepository.findSource(db, (await registerSource(store, SYSTEM_ACTOR, caller, { institutionId: opts.institution, protocol, baseUrl, metadataPrefix: prefix, sets })).id))!;
          const job = await enqueueHarvest(store, SYSTEM_ACTOR, source, { from: opts.from, full: opts.full, trusted: true });
          const bar = progressReporter(`Harvesting ${new URL(baseUrl).host}`);
          const ended = await runJobNow(store, harvestJobHandlers(config), job.id, (p) => bar.update(p.done, p.total ?? p.done));
          bar.stop();
          if (ended.status !== 'succeeded') {
            const later = ended.status === 'queued' ? ' (a server running jobs on this database retries it; it resumes from its last page)' : '';
            process.stderr.write(`Harvest ${ended.status === 'queued' ? 'interrupted' : ended.status}${later}: ${ended.error ?? 'no reason given'}\nReport: heritage job ${job.id} (GET /api/v1/imports/${job.id}/report.json)\n`);
            process.exitCode = 1;
            return;
          }
          const r = ended.result as HarvestResult;
          process.stdout.write(
            `Harvested ${r.repositoryName || baseUrl}${r.from ? ` from ${r.from}` : ''}: ${r.read} read${protocol === 'oai-pmh' ? ` in ${r.pages} page${r.pages === 1 ? '' : 's'}` : ' (changes)'} — ` +
              `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.deleted} deleted, ${r.rejected} rejected, ${r.warnings} warnings (job ${job.id}, source ${source.id})\n`,
          );
        });
      });
    });
}
