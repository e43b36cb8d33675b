import type { Config } from '../../../config/config';
import { AppError } from '../../../shared/errors';
import { newId, nowIso } from '../../../shared/ids';
import type { Actor } from '../../accounts/actor';
import { can, hasScope } from '../../accounts/policy';
import { audit } from '../../audit/audit.service';
import { jobRepository } from '../../jobs/job.repository';
import { enqueueJob } from '../../jobs/job.service';
import { isFinished, type Job } from '../../jobs/job.types';
import type { Store } from '../../records/record.store';
import { trashRecordsOfSource } from '../../records/record.bulk';
import { HARVEST_JOB, type HarvestPayload } from './harvest.job';
import { readerForPrefix } from './harvest.items';
import { harvestRepository as repo, type HarvestRunWithJob } from './harvest.repository';
import { HARVEST_PROTOCOLS, type HarvestProtocol, type HarvestSourceRow } from './harvest.table';
import { assertReachable, HarvestError } from './oai.fetch';

/** An endpoint harvested into an institution (OAI-PMH, or IIIF Change Discovery), as the API shows it. */
export interface HarvestSource {
  id: string;
  institutionId: string;
  protocol: HarvestProtocol;
  baseUrl: string;
  metadataPrefix: string;
  sets: string[];
  scheduleHours: number | null;
  lastDatestamp: string | null;
  lastRunAt: string | null;
  nextRunAt: string | null;
  lastJobId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One harvest of a source, as the API shows it. */
export interface HarvestRun {
  id: string;
  jobId: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  counts: Record<string, number>;
  error: string | null;
}

export interface HarvestSourceInput {
  institutionId: string;
  /** `oai-pmh` (default) or `iiif-discovery`. */
  protocol?: HarvestProtocol;
  baseUrl: string;
  metadataPrefix?: string;
  sets?: string[];
  scheduleHours?: number | null;
}

/** Who may register and run harvests, and whether their URLs may be private: the web (per config) or the operator. */
export interface HarvestCaller {
  config: Pick<Config, 'harvestAllowPrivate'>;
  /** The CLI, run by the operator: private addresses allowed. */
  trusted?: boolean;
}

/** Registers an endpoint to be harvested into an institution (its curators and admins, `import` scope). */
export async function registerSource(store: Store, actor: Actor, caller: HarvestCaller, input: HarvestSourceInput): Promise<HarvestSource> {
  const user = requireEditor(actor, input.institutionId);
  const clean = await checkInput(input, caller);
  const now = nowIso();
  const row = await repo.insertSource(store.db, {
    id: newId('hsrc'),
    institution_id: input.institutionId,
    protocol: clean.protocol,
    base_url: clean.baseUrl,
    metadata_prefix: clean.metadataPrefix,
    sets: JSON.stringify(clean.sets),
    schedule_hours: clean.scheduleHours,
    last_datestamp: null,
    last_run_at: null,
    next_run_at: clean.scheduleHours ? now : null,
    last_job_id: null,
    created_by: user.userId === 'system' ? null : user.userId,
    created_at: now,
    updated_at: now,
  });
  await audit(store.db, actor, [{ action: 'harvest.source.create', targetType: 'harvest_source', targetId: row.id, institutionId: row.institution_id, detail: { baseUrl: row.base_url } }]);
  return toSource(row);
}

/** The sources the actor may manage (an alliance admin: all), optionally of one institution. */
export async function listSources(store: Store, actor: Actor, filter: { institutionId?: string } = {}): Promise<HarvestSource[]> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token to see harvest sources');
  const mine = actor.isAdmin ? null : actor.memberships.filter((m) => m.role === 'curator' || m.role === 'institution-admin').map((m) => m.institutionId);
  const ids = filter.institutionId ? (mine && !mine.includes(filter.institutionId) ? [] : [filter.institutionId]) : mine;
  return (await repo.listSources(store.db, ids)).map(toSource);
}

/** One source; NOT_FOUND when absent or not the actor's to manage alike. */
export async function getSource(store: Store, actor: Actor, id: string): Promise<HarvestSource> {
  return toSource(await visibleSource(store, actor, id));
}

/** Changes a source's endpoint, prefix, sets or schedule. */
export async function updateSource(store: Store, actor: Actor, caller: HarvestCaller, id: string, patch: Partial<Omit<HarvestSourceInput, 'institutionId'>>): Promise<HarvestSource> {
  const row = await visibleSource(store, actor, id);
  requireEditor(actor, row.institution_id);
  const current = toSource(row);
  const clean = await checkInput({ ...current, ...patch, protocol: current.protocol, institutionId: row.institution_id }, caller);
  const now = nowIso();
  const scheduleChanged = clean.scheduleHours !== row.schedule_hours;
  await repo.updateSource(store.db, id, {
    base_url: clean.baseUrl,
    metadata_prefix: clean.metadataPrefix,
    sets: JSON.stringify(clean.sets),
    schedule_hours: clean.scheduleHours,
    updated_at: now,
    ...(scheduleChanged ? { next_run_at: clean.scheduleHours ? new Date(Date.parse(row.last_run_at ?? now) + clean.scheduleHours * 3_600_000).toISOString() : null } : {}),
    // Another endpoint or format is another list: the next harvest starts from the beginning.
    ...(clean.baseUrl !== row.base_url || clean.metadataPrefix !== row.metadata_prefix || JSON.stringify(clean.sets) !== row.sets ? { last_datestamp: null } : {}),
  });
  await audit(store.db, actor, [{ action: 'harvest.source.update', targetType: 'harvest_source', targetId: id, institutionId: row.institution_id, detail: { ...patch } }]);
  return toSource((await repo.findSource(store.db, id))!);
}

/**
 * Removes a source and its run history. Its records stay unless `purge` is set: then every record
 * harvested from it is moved to the trash (a hub letting a member node go), and the count returned.
 */
export async function deleteSource(store: Store, actor: Actor, id: string, opts: { purge?: boolean } = {}): Promise<{ trashed: number }> {
  const row = await visibleSource(store, actor, id);
  requireEditor(actor, row.institution_id);
  const trashed = opts.purge ? await trashRecordsOfSource(store, actor, row.institution_id, row.base_url.slice(0, 200)) : 0;
  await repo.deleteSource(store.db, id);
  await audit(store.db, actor, [{ action: 'harvest.source.delete', targetType: 'harvest_source', targetId: id, institutionId: row.institution_id, detail: { baseUrl: row.base_url, trashed } }]);
  return { trashed };
}

/** Enqueues a harvest of a source now; CONFLICT while one is still queued or running. */
export async function runSource(store: Store, actor: Actor, id: string, opts: { full?: boolean; from?: string; trusted?: boolean } = {}): Promise<Job> {
  const row = await visibleSource(store, actor, id);
  requireEditor(actor, row.institution_id);
  return enqueueHarvest(store, actor, row, opts);
}

/** Enqueues a harvest job for a source the caller has authorised, unless one is unfinished (then CONFLICT). */
export async function enqueueHarvest(store: Store, actor: Actor, row: HarvestSourceRow, opts: { full?: boolean; from?: string; trusted?: boolean } = {}): Promise<Job> {
  if (row.last_job_id) {
    const last = await jobRepository.find(store.db, row.last_job_id);
    if (last && !isFinished(last.status as Job['status'])) throw new AppError('CONFLICT', `A harvest of this source is already ${last.status} (job ${last.id})`, { jobId: last.id });
  }
  if (opts.from !== undefined && !DATESTAMP.test(opts.from)) throw new AppError('VALIDATION_FAILED', `"from" must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, got "${opts.from}"`, { problems: [{ field: 'from', message: 'is not an OAI-PMH datestamp' }] });
  const payload: HarvestPayload = { sourceId: row.id, ...(opts.full ? { full: true } : {}), ...(opts.from ? { from: opts.from } : {}), ...(opts.trusted ? { trusted: true } : {}) };
  const job = await enqueueJob(store, actor, { kind: HARVEST_JOB, payload, institutionId: row.institution_id, subject: { type: 'harvest_source', id: row.id } });
  await repo.updateSource(store.db, row.id, { last_job_id: job.id });
  return job;
}

/** The runs of a source, newest first. */
export async function listRuns(store: Store, actor: Actor, id: string, limit = 50): Promise<HarvestRun[]> {
  await visibleSource(store, actor, id);
  return (await repo.listRuns(store.db, id, Math.min(Math.max(limit, 1), 500))).map(toRun);
}

const DATESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$/;

async function visibleSource(store: Store, actor: Actor, id: string): Promise<HarvestSourceRow> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token to manage harvests');
  const row = await repo.findSource(store.db, id);
  if (!row || !can({ ...actor, scopes: undefined }, 'edit', { institutionId: row.institution_id })) throw new AppError('NOT_FOUND', `No harvest source "${id}"`);
  return row;
}

function requireEditor(actor: Actor, institutionId: string): Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token with the "import" scope to harvest');
  if (!hasScope(actor, 'import')) throw new AppError('FORBIDDEN', 'Your token lacks the "import" scope');
  if (!can({ ...actor, scopes: undefined }, 'edit', { institutionId })) throw new AppError('FORBIDDEN', `You may not harvest records into institution "${institutionId}"`);
  return actor;
}

async function checkInput(input: HarvestSourceInput, caller: HarvestCaller) {
  let url: URL;
  try {
    url = new URL(input.baseUrl);
  } catch {
    throw invalid('baseUrl', `"${input.baseUrl}" is not an absolute URL`);
  }
  const protocol = input.protocol ?? 'oai-pmh';
  if (!HARVEST_PROTOCOLS.includes(protocol)) throw invalid('protocol', `must be one of ${HARVEST_PROTOCOLS.join(', ')}`);
  if (url.search || url.hash) throw invalid('baseUrl', protocol === 'oai-pmh' ? 'an OAI-PMH base URL has no query or fragment (the harvester adds ?verb=...)' : 'has no query or fragment');
  try {
    await assertReachable(url, caller.trusted === true || caller.config.harvestAllowPrivate);
  } catch (e) {
    if (e instanceof HarvestError) throw invalid('baseUrl', e.message);
    throw e;
  }
  // A Change Discovery stream has no formats or sets: each change links to the record's JSON or Manifest.
  const metadataPrefix = protocol === 'oai-pmh' ? (input.metadataPrefix ?? 'oai_dc').trim() : '';
  if (protocol === 'oai-pmh') readerForPrefix(metadataPrefix);
  const sets = protocol === 'oai-pmh' ? [...new Set((input.sets ?? []).map((s) => s.trim()).filter(Boolean))] : [];
  const scheduleHours = input.scheduleHours ?? null;
  if (scheduleHours !== null && (!Number.isInteger(scheduleHours) || scheduleHours < 1 || scheduleHours > 24 * 366)) throw invalid('scheduleHours', 'must be a whole number of hours from 1 to 8784, or null');
  return { protocol, baseUrl: url.toString().slice(0, 200), metadataPrefix, sets, scheduleHours };
}

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `Invalid harvest source: ${field} ${message}`, { problems: [{ field, message }] });
}

function toSource(r: HarvestSourceRow): HarvestSource {
  return {
    id: r.id,
    institutionId: r.institution_id,
    protocol: r.protocol as HarvestProtocol,
    baseUrl: r.base_url,
    metadataPrefix: r.metadata_prefix,
    sets: JSON.parse(r.sets) as string[],
    scheduleHours: r.schedule_hours === null ? null : Number(r.schedule_hours),
    lastDatestamp: r.last_datestamp,
    lastRunAt: r.last_run_at,
    nextRunAt: r.next_run_at,
    lastJobId: r.last_job_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRun(r: HarvestRunWithJob): HarvestRun {
  // A run left "running" or "retrying" by a job that has since ended shows how the job ended.
  const ended = r.job_status && isFinished(r.job_status as Job['status']) && (r.status === 'running' || r.status === 'retrying');
  return { id: r.id, jobId: r.job_id, status: ended ? r.job_status! : r.status, startedAt: r.started_at, finishedAt: r.finished_at, counts: JSON.parse(r.counts), error: r.error ?? (ended ? r.job_error : null) };
}
