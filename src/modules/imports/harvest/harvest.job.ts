import type { Config } from '../../../config/config';
import { newId, nowIso } from '../../../shared/ids';
import { actorForUser } from '../../accounts/account.service';
import { SYSTEM_ACTOR, type Actor } from '../../accounts/actor';
import { can } from '../../accounts/policy';
import { RetryableJobError, type JobContext, type JobHandler } from '../../jobs/job.types';
import { describeMalformed, emptySummary, writeItems, type ImportSummary, type WriterCheckpoint } from '../import-writer';
import { reportLinks } from '../import.job';
import { MalformedInputError } from '../import.types';
import { harvestRepository as repo } from './harvest.repository';
import type { HarvestSourceRow } from './harvest.table';
import { pageItems, readerForPrefix } from './harvest.items';
import { HarvestError, oaiGet, type FetchPolicy } from './oai.fetch';
import { syncDiscovery } from './discovery.sync';
import { parseIdentify, parseListRecords, parseMetadataFormats, type OaiIdentity } from './oai.response';

/** The kind of harvest jobs. */
export const HARVEST_JOB = 'harvest';

/** What a harvest job is given. */
export interface HarvestPayload {
  sourceId: string;
  /** Started by the operator (CLI): private addresses allowed whatever the configuration. */
  trusted?: boolean;
  /** Harvest from this datestamp instead of the source's last one. */
  from?: string | null;
  /** Harvest everything, ignoring the last datestamp. */
  full?: boolean;
}

/** Saved with every committed batch and after every page: a killed harvest resumes at the page it was in. */
export interface HarvestCheckpoint {
  from: string | null;
  setIndex: number;
  /** The resumptionToken of the page being written (null: the list's first request). */
  token: string | null;
  /** Items of that page already committed. */
  inPage: number;
  pages: number;
  seq: number;
  summary: ImportSummary;
  /** The responseDate of the first ListRecords answer: the `from` of the next harvest. */
  responseDate: string | null;
}

const EMPTY_CHECKPOINT: HarvestCheckpoint = { from: null, setIndex: 0, token: null, inPage: 0, pages: 0, seq: 0, summary: emptySummary(), responseDate: null };

/** What a finished harvest returns. */
export interface HarvestResult extends ImportSummary {
  pages: number;
  repositoryName: string;
  from: string | null;
  report: { csv: string; json: string };
}

/** The job handlers of harvesting; `policy` tunes retries (tests shorten the waits). */
export function harvestJobHandlers(config: Pick<Config, 'harvestAllowPrivate'>, policy: Omit<FetchPolicy, 'allowPrivate'> = {}): Record<string, JobHandler> {
  return { [HARVEST_JOB]: (ctx, payload: HarvestPayload) => runHarvest(ctx, payload, { ...policy, allowPrivate: config.harvestAllowPrivate || payload.trusted === true }) };
}

/** A datestamp at a repository's granularity (OAI-PMH 2.0 §3.3.2: a day, or seconds in UTC). */
export function atGranularity(datestamp: string, granularity: OaiIdentity['granularity']): string {
  const day = datestamp.slice(0, 10);
  if (granularity === 'YYYY-MM-DD' || datestamp.length <= 10) return day;
  const t = new Date(datestamp);
  return Number.isNaN(t.getTime()) ? day : t.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function runHarvest(ctx: JobContext, p: HarvestPayload, policy: FetchPolicy): Promise<HarvestResult> {
  const { store } = ctx;
  const source = await repo.findSource(store.db, p.sourceId);
  if (!source) throw new Error(`The harvest source "${p.sourceId}" no longer exists`);
  const actor: Actor | null = ctx.job.createdBy ? await actorForUser(store.db, ctx.job.createdBy) : SYSTEM_ACTOR;
  if (!actor || !can({ ...actor, scopes: undefined } as Actor, 'edit', { institutionId: source.institution_id })) {
    throw new Error(`The user who started this harvest may no longer edit records of ${source.institution_id}`);
  }
  await repo.openRun(store.db, { id: newId('hrun'), sourceId: source.id, jobId: ctx.job.id, now: nowIso() });
  let cp: HarvestCheckpoint | null = (ctx.checkpoint as HarvestCheckpoint | null) ?? null;
  try {
    const result =
      source.protocol === 'iiif-discovery'
        ? await syncDiscovery(ctx, actor, source, p, policy, (c) => (cp = { ...(cp ?? EMPTY_CHECKPOINT), ...c }))
        : await harvest(ctx, actor, source, p, policy, (c) => (cp = c));
    const now = nowIso();
    await repo.updateRun(store.db, ctx.job.id, { status: 'succeeded', counts: JSON.stringify(countsOf(result, result.pages)), finished_at: now, error: null });
    await repo.updateSource(store.db, source.id, { last_run_at: now, next_run_at: nextRun(source, now), updated_at: now, ...(result.nextFrom ? { last_datestamp: result.nextFrom } : {}) });
    const { nextFrom: _, ...out } = result;
    return out;
  } catch (e) {
    const error = e instanceof MalformedInputError ? new MalformedInputError(`Harvest of ${source.base_url} stopped at page ${(cp?.pages ?? 0) + 1}, which is malformed (${describeMalformed(e)}); the earlier pages are kept`, e.position) : e;
    const message = error instanceof Error ? error.message : String(error);
    const now = nowIso();
    const retrying = e instanceof RetryableJobError;
    await repo.updateRun(store.db, ctx.job.id, { status: retrying ? 'retrying' : ctx.signal.aborted ? 'cancelled' : 'failed', error: message, finished_at: retrying ? null : now, counts: JSON.stringify(countsOf(cp?.summary ?? emptySummary(), cp?.pages ?? 0)) });
    if (!retrying) await repo.updateSource(store.db, source.id, { last_run_at: now, next_run_at: nextRun(source, now), updated_at: now });
    throw error;
  }
}

async function harvest(
  ctx: JobContext,
  actor: Actor,
  source: HarvestSourceRow,
  p: HarvestPayload,
  policy: FetchPolicy,
  saved: (cp: HarvestCheckpoint) => void,
): Promise<HarvestResult & { nextFrom: string | null }> {
  const { store, signal } = ctx;
  const base = new URL(source.base_url);
  const get = (params: Record<string, string>) => {
    const url = new URL(base);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url;
  };
  await ctx.progress(0, null, `Asking ${base.host} who it is`);
  const identity = await parseIdentify(await oaiGet(get({ verb: 'Identify' }), policy, signal), source.base_url);
  const formats = await parseMetadataFormats(await oaiGet(get({ verb: 'ListMetadataFormats' }), policy, signal), source.base_url);
  if (!formats.includes(source.metadata_prefix)) {
    throw new HarvestError(`${identity.repositoryName || source.base_url} does not offer the metadata prefix "${source.metadata_prefix}"; it offers ${formats.join(', ') || 'none'}`, 'cannotDisseminateFormat');
  }
  const reader = readerForPrefix(source.metadata_prefix);
  const requestedFrom = p.full ? null : (p.from ?? source.last_datestamp);
  let cp: HarvestCheckpoint = (ctx.checkpoint as HarvestCheckpoint | null) ?? {
    from: requestedFrom ? atGranularity(requestedFrom, identity.granularity) : null,
    setIndex: 0,
    token: null,
    inPage: 0,
    pages: 0,
    seq: 0,
    summary: emptySummary(),
    responseDate: null,
  };
  saved(cp);
  const sets: (string | null)[] = (JSON.parse(source.sets) as string[]).length ? JSON.parse(source.sets) : [null];
  const system = source.base_url.slice(0, 200);
  // The token this attempt resumes with, if any: it may have expired while the job waited.
  let resumedToken = cp.token;

  while (cp.setIndex < sets.length) {
    const set = sets[cp.setIndex];
    for (;;) {
      const url = cp.token
        ? get({ verb: 'ListRecords', resumptionToken: cp.token })
        : get({ verb: 'ListRecords', metadataPrefix: source.metadata_prefix, ...(cp.from ? { from: cp.from } : {}), ...(set ? { set } : {}) });
      let page: Awaited<ReturnType<typeof parseListRecords>>;
      try {
        page = await parseListRecords(await oaiGet(url, policy, signal), url.toString());
      } catch (e) {
        if (!(e instanceof HarvestError && e.oaiCode === 'badResumptionToken' && cp.token && cp.token === resumedToken)) throw e;
        // The repository no longer knows the token a crashed or retried harvest saved (tokens expire):
        // list this set again from its start. Records already written come back unchanged.
        resumedToken = null;
        cp = { ...cp, token: null, inPage: 0 };
        await ctx.saveCheckpoint(cp);
        saved(cp);
        await ctx.progress(cp.summary.read, null, `the saved resumptionToken has expired; listing ${set ? `set ${set}` : 'the repository'} again from the start`);
        continue;
      }
      resumedToken = null;
      const firstIndex = cp.summary.read - cp.inPage + 1;
      let last: WriterCheckpoint = { committed: cp.inPage, seq: cp.seq, summary: cp.summary };
      const at = cp;
      const summary = await writeItems(store, actor, pageItems(page.records, { reader, institutionId: source.institution_id, baseUrl: system, firstIndex }), {
        institutionId: source.institution_id,
        dryRun: false,
        batchSize: 1000,
        // An OAI page holds a few hundred records: starting worker threads for each page would cost more than it saves.
        threads: 0,
        resume: last,
        jobId: ctx.job.id,
        sourceSystem: system,
        action: 'harvest',
        signal,
        checkpoint: async (state, trx) => {
          last = state;
          const next = { ...at, inPage: state.committed, seq: state.seq, summary: state.summary, responseDate: at.responseDate ?? page.responseDate };
          await ctx.saveCheckpoint(next, trx);
          saved(next);
        },
      });
      const token = page.resumptionToken;
      if (token && token === cp.token) throw new HarvestError(`${source.base_url} answered the resumptionToken "${token}" with the same token again; stopping rather than looping`);
      cp = { ...cp, token, inPage: 0, pages: cp.pages + 1, seq: last.seq, summary, responseDate: cp.responseDate ?? page.responseDate };
      await ctx.saveCheckpoint(cp);
      saved(cp);
      await ctx.progress(summary.read, page.completeListSize ?? null, `page ${cp.pages} · ${summary.read.toLocaleString('en')} records read · ${summary.deleted} deleted · ${summary.rejected} rejected`);
      if (!token) break;
    }
    cp = { ...cp, setIndex: cp.setIndex + 1, token: null, inPage: 0 };
    await ctx.saveCheckpoint(cp);
    saved(cp);
  }
  const nextFrom = cp.responseDate ? atGranularity(cp.responseDate, identity.granularity) : null;
  return { ...cp.summary, pages: cp.pages, repositoryName: identity.repositoryName, from: cp.from, report: reportLinks(ctx.job.id), nextFrom };
}

function countsOf(s: ImportSummary, pages: number) {
  return { read: s.read, created: s.created, updated: s.updated, unchanged: s.unchanged, deleted: s.deleted, rejected: s.rejected, warnings: s.warnings, pages };
}

function nextRun(source: HarvestSourceRow, now: string): string | null {
  return source.schedule_hours ? new Date(Date.parse(now) + source.schedule_hours * 3_600_000).toISOString() : null;
}
