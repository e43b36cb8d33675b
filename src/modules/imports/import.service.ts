import type { Readable } from 'node:stream';
import type { Config } from '../../config/config';
import { AppError } from '../../shared/errors';
import type { Actor } from '../accounts/actor';
import { can, hasScope } from '../accounts/policy';
import { audit } from '../audit/audit.service';
import { getInstitution } from '../institutions/institution.service';
import { enqueueJob, getJob, listJobs } from '../jobs/job.service';
import type { Job } from '../jobs/job.types';
import { inTransaction, type Store } from '../records/record.store';
import { readerFor } from './formats/registry';
import { IMPORT_JOB, type ImportPayload } from './import.job';
import { importRepository } from './import.repository';
import { savedMappingFor } from './mapping.service';
import { removeStaged, stageImport, type StagedImport } from './import.staging';
import type { ImportProblemRow } from './import.table';
import { IMPORT_FORMATS, type CsvMapping, type ImportFormat } from './import.types';

/** What the import service needs: the database, and where and how much it may stage. */
export interface ImportDeps {
  store: Store;
  config: Pick<Config, 'dataDir' | 'maxUploadBytes'>;
}

/** What a person asks for when starting an import. */
export interface ImportRequest {
  format: string;
  institutionId: string;
  dryRun?: boolean;
  /** Names the source of the records (re-imports under the same name update them); default: the format. */
  sourceName?: string;
  mapping?: CsvMapping;
  /** The id or name of a saved mapping of the institution, used instead of `mapping`. */
  savedMapping?: string;
  batchSize?: number;
}

/** Job kinds whose report lives in import_problem (harvests reuse the import writer). */
const REPORTED_KINDS = new Set([IMPORT_JOB, 'harvest']);

/**
 * Refuses an import before a byte of its file is read: an `import`-scoped credential of a curator or
 * institution admin of the institution (or an alliance admin), a known format with a reader.
 */
export function checkImportRequest(actor: Actor, req: ImportRequest): asserts actor is Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token with the "import" scope to import records');
  if (!hasScope(actor, 'import')) throw new AppError('FORBIDDEN', 'Your token lacks the "import" scope');
  if (!(IMPORT_FORMATS as readonly string[]).includes(req.format)) {
    throw new AppError('VALIDATION_FAILED', `Unknown import format "${req.format}"; use one of ${IMPORT_FORMATS.join(', ')}`, { problems: [{ field: 'format', message: 'is unknown' }] });
  }
  readerFor(req.format);
  // The import scope stands for the writes an import makes: a token need not carry "write" too.
  if (!can({ ...actor, scopes: undefined }, 'edit', { institutionId: req.institutionId })) {
    throw new AppError('FORBIDDEN', `You may not import records into institution "${req.institutionId}"`);
  }
  if (req.mapping !== undefined && (typeof req.mapping !== 'object' || req.mapping === null || typeof req.mapping.columns !== 'object' || req.mapping.columns === null)) {
    throw new AppError('VALIDATION_FAILED', 'The mapping must be a JSON object with a "columns" object', { problems: [{ field: 'mapping', message: 'has no columns' }] });
  }
}

/** Enqueues the import job of a staged file (and audits it); the staged file is removed if the import is refused. */
export async function startImport(deps: ImportDeps, actor: Actor, req: ImportRequest, staged: StagedImport): Promise<Job> {
  try {
    checkImportRequest(actor, req);
    await getInstitution(deps.store.db, req.institutionId);
    if (req.savedMapping) req = { ...req, mapping: await savedMappingFor(deps.store, actor, req) };
    const payload: ImportPayload = {
      format: req.format as ImportFormat,
      institutionId: req.institutionId,
      file: staged.key,
      dryRun: !!req.dryRun,
      sourceName: (req.sourceName ?? '').trim() || req.format,
      ...(req.mapping ? { mapping: req.mapping } : {}),
      ...(req.batchSize ? { batchSize: Math.min(Math.max(1, Math.floor(req.batchSize)), 20_000) } : {}),
    };
    return await inTransaction(deps.store, async (trx) => {
      const job = await enqueueJob(trx, actor, { kind: IMPORT_JOB, payload, institutionId: req.institutionId });
      await audit(trx.db, actor, [
        { action: 'import.start', targetType: 'job', targetId: job.id, institutionId: req.institutionId, detail: { format: payload.format, bytes: staged.bytes, dryRun: payload.dryRun, sourceName: payload.sourceName } },
      ]);
      return job;
    });
  } catch (e) {
    await removeStaged(deps.config.dataDir, staged.key);
    throw e;
  }
}

/** Checks the request, streams the file to the staging folder (bounded in size), and enqueues its import. */
export async function importFromStream(deps: ImportDeps, actor: Actor, req: ImportRequest, input: Readable): Promise<Job> {
  try {
    checkImportRequest(actor, req);
    await getInstitution(deps.store.db, req.institutionId);
  } catch (e) {
    input.resume();
    throw e;
  }
  const staged = await stageImport(deps.config.dataDir, input, deps.config.maxUploadBytes);
  return startImport(deps, actor, req, staged);
}

/** The import jobs the actor may see, newest first. */
export async function listImports(store: Store, actor: Actor, opts: { limit?: number; cursor?: string; institutionId?: string } = {}) {
  return listJobs(store, actor, { kind: IMPORT_JOB, limit: opts.limit, cursor: opts.cursor, institutionId: opts.institutionId });
}

/** An import (or harvest) job and its report rows, for those who may see the job; 404 for everyone else. */
export async function importReport(store: Store, actor: Actor, jobId: string): Promise<{ job: Job; rows: AsyncIterable<ImportProblemRow> }> {
  const job = await getJob(store, actor, jobId);
  if (!REPORTED_KINDS.has(job.kind)) throw new AppError('NOT_FOUND', `No import "${jobId}"`);
  return { job, rows: problemRows(store, jobId) };
}

async function* problemRows(store: Store, jobId: string): AsyncGenerator<ImportProblemRow> {
  let after = 0;
  for (;;) {
    const page = await importRepository.listProblems(store.db, jobId, after, 1000);
    yield* page;
    if (page.length < 1000) return;
    after = page[page.length - 1].seq;
  }
}
