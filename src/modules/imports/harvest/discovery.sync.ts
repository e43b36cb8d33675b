import type { Actor } from '../../accounts/actor';
import type { JobContext } from '../../jobs/job.types';
import { emptySummary, writeItems, type ImportSummary } from '../import-writer';
import { reportLinks } from '../import.job';
import { activitiesSince, collectionUrl, itemsOf, newestChange, type DiscoveryWindow } from './discovery.client';
import type { HarvestSourceRow } from './harvest.table';
import type { FetchPolicy } from './oai.fetch';

/** Saved with every committed batch: a killed sync resumes below the oldest change it committed. */
export interface DiscoveryCheckpoint extends DiscoveryWindow {
  protocol: 'iiif-discovery';
  seq: number;
  summary: ImportSummary;
}

/**
 * Syncs a IIIF Change Discovery stream (a member node, for a hub) into the source's institution:
 * the changes since the last sync are read newest first (the spec's algorithm), each record copied
 * from its JSON or trashed when deleted or hidden, in atomic batches with a checkpoint. The window
 * is fixed at the start (`upper`: the newest change then), so a resumed sync reads only what is
 * left and changes made meanwhile wait for the next sync, which starts at `upper`.
 */
export async function syncDiscovery(
  ctx: JobContext,
  actor: Actor,
  source: HarvestSourceRow,
  p: { full?: boolean; from?: string | null },
  policy: FetchPolicy,
  saved: (cp: { pages: number; summary: ImportSummary }) => void,
): Promise<{ read: number; created: number; updated: number; unchanged: number; deleted: number; rejected: number; warnings: number; pages: number; repositoryName: string; from: string | null; report: { csv: string; json: string }; nextFrom: string | null }> {
  const { store, signal } = ctx;
  const collection = collectionUrl(source.base_url);
  await ctx.progress(0, null, `Reading the changes of ${collection.host}`);
  const { newest, last } = await newestChange(collection, policy, signal);
  const resumed = ctx.checkpoint as DiscoveryCheckpoint | null;
  let cp: DiscoveryCheckpoint = resumed?.protocol === 'iiif-discovery'
    ? resumed
    : { protocol: 'iiif-discovery', since: p.full ? null : (p.from ?? source.last_datestamp), upper: newest, below: null, seq: 0, summary: emptySummary() };
  await ctx.saveCheckpoint(cp);
  saved({ pages: 0, summary: cp.summary });
  const system = source.base_url.slice(0, 200);
  // The change time of each item handed to the writer, by position, until its batch commits.
  const times = new Map<number, string>();
  let handed = 0;
  const summary = await writeItems(
    store,
    actor,
    itemsOf(activitiesSince(last, cp, policy, signal), {
      institutionId: source.institution_id,
      system,
      origin: collection.origin,
      policy,
      signal,
      onActivity: (a) => times.set(++handed, a.endTime),
    }),
    {
      institutionId: source.institution_id,
      dryRun: false,
      batchSize: 500,
      threads: 0,
      resume: { committed: 0, seq: cp.seq, summary: cp.summary },
      jobId: ctx.job.id,
      sourceSystem: system,
      action: 'harvest',
      signal,
      checkpoint: async (state, trx) => {
        const below = times.get(state.committed) ?? cp.below;
        for (const k of times.keys()) if (k <= state.committed) times.delete(k);
        cp = { ...cp, below, seq: state.seq, summary: state.summary };
        await ctx.saveCheckpoint(cp, trx);
        saved({ pages: 0, summary: state.summary });
        await ctx.progress(state.summary.read, null, `${state.summary.read.toLocaleString('en')} changes read · ${state.summary.deleted} deleted · ${state.summary.rejected} rejected`);
      },
    },
  );
  return { ...summary, pages: 0, repositoryName: collection.host, from: cp.since, report: reportLinks(ctx.job.id), nextFrom: cp.upper ?? cp.since };
}
