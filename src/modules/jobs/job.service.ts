import { AppError } from '../../shared/errors';
import { newId, nowIso } from '../../shared/ids';
import type { Actor, TokenScope } from '../accounts/actor';
import { hasScope } from '../accounts/policy';
import { audit } from '../audit/audit.service';
import { inTransaction, type Store } from '../records/record.store';
import { jobRepository as repo, toJob, type JobScope } from './job.repository';
import { isFinished, type Job, type JobStatus } from './job.types';

export interface JobFilter {
  status?: JobStatus;
  kind?: string;
  institutionId?: string;
  subjectType?: string;
  subjectId?: string;
  limit?: number;
  /** The `next` of the previous page. */
  cursor?: string;
}

/** Records a job to run; the caller has authorised the work itself. Runners pick it up. */
export async function enqueueJob(
  store: Store,
  actor: Actor,
  input: { kind: string; payload: unknown; institutionId?: string | null; subject?: { type: string; id: string } | null },
): Promise<Job> {
  // No token scope check here: the calling service decided which scope its work needs.
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to start work');
  const user = actor;
  if (!input.kind.trim()) throw new AppError('VALIDATION_FAILED', 'A job needs a kind', { problems: [{ field: 'kind', message: 'is empty' }] });
  const institutionId = input.institutionId ?? null;
  if (institutionId && !user.isAdmin && !user.memberships.some((m) => m.institutionId === institutionId)) {
    throw new AppError('FORBIDDEN', `You are not on the staff of institution "${institutionId}"`);
  }
  const now = nextCreationTime();
  const row = await repo.insert(store.db, {
    id: newId('job'),
    kind: input.kind,
    status: 'queued',
    institution_id: institutionId,
    created_by: user.userId === 'system' ? null : user.userId,
    subject_type: input.subject?.type ?? null,
    subject_id: input.subject?.id ?? null,
    payload: JSON.stringify(input.payload ?? null),
    progress_done: 0,
    attempts: 0,
    created_at: now,
    updated_at: now,
  });
  return toJob(row);
}

/** One job as the actor may see it; NOT_FOUND when absent or hidden from the actor alike. */
export async function getJob(store: Store, actor: Actor, id: string): Promise<Job> {
  const user = requireUser(actor, 'read');
  const row = await repo.find(store.db, id);
  const job = row && toJob(row);
  if (!job || !canSeeJob(user, job)) throw notFound(id);
  return job;
}

/** The jobs the actor may see, newest first, a page at a time. */
export async function listJobs(store: Store, actor: Actor, filter: JobFilter): Promise<{ items: Job[]; next: string | null }> {
  const user = requireUser(actor, 'read');
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  const rows = await repo.list(store.db, scopeOf(user), { ...filter, after: filter.cursor ? decodeCursor(filter.cursor) : undefined, limit: limit + 1 });
  const items = rows.slice(0, limit).map(toJob);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit ? encodeCursor(last.createdAt, last.id) : null };
}

/** Cancels a job: a queued one at once; a running one is asked to stop and ends `cancelled` when its handler returns. */
export async function cancelJob(store: Store, actor: Actor, id: string): Promise<Job> {
  const user = requireUser(actor, 'write');
  const job = await getJob(store, user, id);
  if (job.status === 'cancelled') return job;
  if (isFinished(job.status)) throw new AppError('CONFLICT', `Job "${id}" has already ${job.status}`);
  await inTransaction(store, async (trx) => {
    const done = (await repo.cancelQueued(trx.db, id)) || (await repo.requestCancel(trx.db, id));
    if (!done) throw new AppError('CONFLICT', `Job "${id}" finished before it could be cancelled`);
    await audit(trx.db, actor, [{ action: 'job.cancel', targetType: 'job', targetId: id, institutionId: job.institutionId ?? undefined, detail: { kind: job.kind, status: job.status } }]);
  });
  return toJob((await repo.find(store.db, id))!);
}

/** The newest job working on a subject, with no actor check: for services that already authorised. */
export async function latestJobFor(store: Store, subject: { type: string; id: string }): Promise<Job | null> {
  const row = await repo.latestFor(store.db, subject);
  return row ? toJob(row) : null;
}

/**
 * The one visibility rule of jobs: alliance admins see all; curators and institution admins
 * see their institution's; everyone sees the jobs they created.
 */
export function canSeeJob(actor: Actor, job: Pick<Job, 'institutionId' | 'createdBy'>): boolean {
  if (actor.kind !== 'user') return false;
  const scope = scopeOf(actor);
  if (scope.all) return true;
  return job.createdBy === scope.userId || (job.institutionId !== null && scope.institutionIds.includes(job.institutionId));
}

function scopeOf(user: Extract<Actor, { kind: 'user' }>): JobScope {
  if (user.isAdmin) return { all: true };
  const institutionIds = user.memberships.filter((m) => m.role === 'curator' || m.role === 'institution-admin').map((m) => m.institutionId);
  return { userId: user.userId, institutionIds };
}

function requireUser(actor: Actor, scope: TokenScope): Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Send an API token (Authorization: Bearer) to see jobs');
  if (!hasScope(actor, scope)) throw new AppError('FORBIDDEN', `Your token lacks the "${scope}" scope`);
  return actor;
}

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No job "${id}"`);
}

function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(`${createdAt}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const m = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)\|(.+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new AppError('BAD_QUERY', 'The cursor is not one this server gave out', { problems: [{ field: 'cursor', message: 'is invalid' }] });
  return { createdAt: m[1], id: m[2] };
}

let lastCreated = 0;
/** Creation times strictly increase within a process, so jobs enqueued in the same millisecond keep their order in lists and in the queue. */
function nextCreationTime(): string {
  lastCreated = Math.max(Date.now(), lastCreated + 1);
  return new Date(lastCreated).toISOString();
}
