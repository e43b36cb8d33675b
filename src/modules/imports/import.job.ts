import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Transform } from 'node:stream';
import type { Config } from '../../config/config';
import { actorForUser } from '../accounts/account.service';
import { SYSTEM_ACTOR, type Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import { jobRepository } from '../jobs/job.repository';
import type { JobContext, JobHandler } from '../jobs/job.types';
import { readerFor } from './formats/registry';
import { writeItems, type ImportSummary, type WriterCheckpoint } from './import-writer';
import { readInThread } from './import.read-thread';
import { removeStaged, stagedPath } from './import.staging';
import { MalformedInputError, type CsvMapping, type ImportFormat } from './import.types';

/** Items per atomic batch when the payload does not say. */
const DEFAULT_BATCH = 1000;

/** The kind of import jobs. */
export const IMPORT_JOB = 'import';

/** What an import job is given: everything server-made or checked before it was enqueued. */
export interface ImportPayload {
  format: ImportFormat;
  institutionId: string;
  /** Key of the staged file under `<dataDir>/imports/` (made by the server, never a user's path). */
  file: string;
  mapping?: CsvMapping;
  dryRun: boolean;
  /** `record.source.system` of the imported records: re-imports under the same name update them. */
  sourceName: string;
  /** Items per atomic batch (default 1000). */
  batchSize?: number;
}

/** What a finished import job returns. */
export interface ImportResult extends ImportSummary {
  dryRun: boolean;
  report: { csv: string; json: string };
}

/** The job handlers of the imports module (pass them to the server's job runner, or to runJobNow in the CLI). */
export function importJobHandlers(config: Pick<Config, 'dataDir'>): Record<string, JobHandler> {
  return { [IMPORT_JOB]: (ctx, payload: ImportPayload) => runImport(config, ctx, payload) };
}

/** The report links of an import job. */
export function reportLinks(jobId: string): ImportResult['report'] {
  const base = `/api/v1/imports/${encodeURIComponent(jobId)}/report`;
  return { csv: `${base}.csv`, json: `${base}.json` };
}

async function runImport(config: Pick<Config, 'dataDir'>, ctx: JobContext, p: ImportPayload): Promise<ImportResult> {
  const file = stagedPath(config.dataDir, p.file);
  const actor = await jobActor(ctx);
  if (!actor || !can(actor, 'edit', { institutionId: p.institutionId })) {
    throw new Error(`The user who started this import may no longer edit records of ${p.institutionId}`);
  }
  const size = await fsp.stat(file).then((s) => s.size, () => null);
  if (size === null) throw new Error(`The uploaded file of this import is gone (${p.file} under the imports folder)`);
  const reader = readerFor(p.format);
  const resume = (ctx.checkpoint as WriterCheckpoint | null) ?? null;
  const from = resume?.committed ?? 0;
  const readerOptions = { institutionId: p.institutionId, sourceSystem: p.sourceName, sourceKind: 'import' as const, mapping: p.mapping };
  // A real import reads and prepares on a thread of its own while this one writes; a dry run reads here.
  const threaded = p.dryRun ? null : readInThread({ file, format: p.format, reader: readerOptions, batchSize: p.batchSize ?? DEFAULT_BATCH, skip: from, institutionId: p.institutionId });
  let streamBytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      streamBytes += chunk.length;
      done(null, chunk);
    },
  });
  const source = threaded ? null : fs.createReadStream(file).on('error', (e) => counter.destroy(e));
  const input = source?.pipe(counter);
  const bytesRead = () => threaded?.bytesRead ?? streamBytes;
  const started = Date.now();
  await ctx.progress(from, null, resume ? `Resuming after ${from.toLocaleString('en')} records` : 'Reading the file');
  try {
    const summary = await writeItems(ctx.store, actor, threaded ?? reader(input!, readerOptions), {
      institutionId: p.institutionId,
      dryRun: p.dryRun,
      batchSize: p.batchSize,
      resume,
      jobId: ctx.job.id,
      sourceSystem: p.sourceName,
      signal: ctx.signal,
      checkpoint: (state, trx) => ctx.saveCheckpoint(state, trx),
      onBatch: (s, position) => {
        const seconds = Math.max(0.001, (Date.now() - started) / 1000);
        const rate = (position - from) / seconds;
        // The total is unknown in a stream: estimated from the share of the file read so far.
        const share = bytesRead() > 0 ? Math.min(1, bytesRead() / Math.max(1, size)) : 0;
        const total = share > 0 ? Math.max(position, Math.round(position / share)) : null;
        const eta = total && rate > 0 ? (total - position) / rate : null;
        return ctx.progress(position, total, progressMessage(s, position, rate, eta));
      },
    });
    await ctx.progress(summary.read, summary.read, `${summary.read.toLocaleString('en')} records ${p.dryRun ? 'checked' : 'imported'}`);
    await removeStaged(config.dataDir, p.file);
    return { ...summary, dryRun: p.dryRun, report: reportLinks(ctx.job.id) };
  } catch (e) {
    source?.destroy();
    input?.destroy();
    // The file is kept for a resume after a stop; a malformed or cancelled import will not need it again.
    if (e instanceof MalformedInputError || (await cancelRequested(ctx))) await removeStaged(config.dataDir, p.file);
    throw e;
  }
}

/** "12,000 records · 3,400 records/s · about 2 min left" (job messages are English, like logs). */
export function progressMessage(s: ImportSummary, position: number, rate: number, etaSeconds: number | null): string {
  const parts = [`${position.toLocaleString('en')} records`, `${Math.round(rate).toLocaleString('en')} records/s`];
  if (etaSeconds !== null && Number.isFinite(etaSeconds)) parts.push(`about ${duration(etaSeconds)} left`);
  if (s.rejected) parts.push(`${s.rejected.toLocaleString('en')} rejected`);
  return parts.join(' · ');
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

// The job acts as the user who started it, with their rights as they are now (not a token's narrower scopes).
async function jobActor(ctx: JobContext): Promise<Actor | null> {
  return ctx.job.createdBy ? actorForUser(ctx.store.db, ctx.job.createdBy) : SYSTEM_ACTOR;
}

async function cancelRequested(ctx: JobContext): Promise<boolean> {
  if (!ctx.signal.aborted) return false;
  const row = await jobRepository.find(ctx.store.db, ctx.job.id);
  return !!row?.cancel_requested_at;
}
