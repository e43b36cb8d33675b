import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { nowIso } from '../../shared/ids';
import type { Job, JobStatus } from './job.types';
import type { JobRow, NewJobRow } from './job.table';

type JobEb = ExpressionBuilder<Database, 'job'>;

/** Progress as it is written with a state change. */
export interface ProgressState {
  done: number;
  total: number | null;
  message: string | null;
}

/** Who may see which jobs, already decided by the service. */
export type JobScope = { all: true } | { all?: false; userId: string; institutionIds: string[] };

export interface JobListFilter {
  status?: JobStatus;
  kind?: string;
  institutionId?: string;
  subjectType?: string;
  subjectId?: string;
  after?: { createdAt: string; id: string };
  limit: number;
}

/** All SQL of jobs. Every write by a runner names its lease, so a runner that lost the job changes nothing. */
export const jobRepository = {
  async insert(db: Db, row: NewJobRow): Promise<JobRow> {
    await db.insertInto('job').values(row).execute();
    return (await this.find(db, row.id))!;
  },

  async find(db: Db, id: string): Promise<JobRow | undefined> {
    return db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async latestFor(db: Db, subject: { type: string; id: string }): Promise<JobRow | undefined> {
    return db
      .selectFrom('job')
      .selectAll()
      .where('subject_type', '=', subject.type)
      .where('subject_id', '=', subject.id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  /** A page of jobs, newest first, within the scope. */
  async list(db: Db, scope: JobScope, f: JobListFilter): Promise<JobRow[]> {
    let q = db.selectFrom('job').selectAll();
    if (!scope.all) {
      const { userId, institutionIds } = scope;
      q = q.where((eb) => eb.or([eb('created_by', '=', userId), ...(institutionIds.length ? [eb('institution_id', 'in', institutionIds)] : [])]));
    }
    if (f.status) q = q.where('status', '=', f.status);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.institutionId) q = q.where('institution_id', '=', f.institutionId);
    if (f.subjectType) q = q.where('subject_type', '=', f.subjectType);
    if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
    if (f.after) {
      const { createdAt, id } = f.after;
      q = q.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
    }
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  },

  /**
   * Takes one job for this runner: queued and due, or running with an expired lease (its runner
   * died). A SELECT picks the candidate, a conditional UPDATE takes it; losing the race to another
   * runner leaves 0 rows updated and we try the next candidate.
   */
  async claim(db: Db, opts: { kinds: string[]; owner: string; leaseMs: number; maxAttempts: number; id?: string }): Promise<JobRow | null> {
    if (!opts.kinds.length) return null;
    for (let tries = 0; tries < 10; tries++) {
      const now = nowIso();
      const claimable = (eb: JobEb) =>
        eb.and([
          eb('kind', 'in', opts.kinds),
          eb('cancel_requested_at', 'is', null),
          ...(opts.id ? [eb('id', '=', opts.id)] : []),
          eb.or([
            eb.and([eb('status', '=', 'queued'), eb.or([eb('run_after', 'is', null), eb('run_after', '<=', now)])]),
            eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now), eb('attempts', '<', opts.maxAttempts)]),
          ]),
        ]);
      const candidate = await db.selectFrom('job').select('id').where(claimable).orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
      if (!candidate) return null;
      const r = await db
        .updateTable('job')
        .set((eb) => ({
          status: 'running',
          lease_owner: opts.owner,
          lease_until: later(opts.leaseMs),
          attempts: eb('attempts', '+', 1),
          run_after: null,
          started_at: eb.fn.coalesce('started_at', eb.val(now)),
          updated_at: now,
        }))
        .where('id', '=', candidate.id)
        .where(claimable)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) return (await this.find(db, candidate.id))!;
    }
    return null;
  },

  /** Ends jobs whose runner died for good: out of attempts, or asked to cancel. Returns how many. */
  async settleAbandoned(db: Db, maxAttempts: number): Promise<number> {
    const now = nowIso();
    const stale = (eb: JobEb) => eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)]);
    const settleable = (eb: JobEb) => eb.and([stale(eb), eb.or([eb('cancel_requested_at', 'is not', null), eb('attempts', '>=', maxAttempts)])]);
    // Look before writing: an UPDATE takes SQLite's write lock even when it matches nothing, and this runs at every poll.
    if (!(await db.selectFrom('job').select('id').where(settleable).limit(1).executeTakeFirst())) return 0;
    const cancelled = await db
      .updateTable('job')
      .set({ status: 'cancelled', lease_owner: null, lease_until: null, finished_at: now, updated_at: now })
      .where(stale)
      .where('cancel_requested_at', 'is not', null)
      .executeTakeFirst();
    const failed = await db
      .updateTable('job')
      .set({
        status: 'failed',
        error: `Gave up after ${maxAttempts} attempts: the process running it stopped before finishing each time`,
        lease_owner: null,
        lease_until: null,
        finished_at: now,
        updated_at: now,
      })
      .where(stale)
      .where('attempts', '>=', maxAttempts)
      .executeTakeFirst();
    return Number(cancelled.numUpdatedRows) + Number(failed.numUpdatedRows);
  },

  /** Extends the lease; says whether this runner still holds the job and whether a cancel was asked. */
  async renew(db: Db, id: string, owner: string, leaseMs: number, set: { progress?: ProgressState; checkpoint?: string } = {}) {
    const r = await db
      .updateTable('job')
      .set({
        lease_until: later(leaseMs),
        updated_at: nowIso(),
        ...(set.progress ? progressColumns(set.progress) : {}),
        ...(set.checkpoint !== undefined ? { checkpoint: set.checkpoint } : {}),
      })
      .where(held(id, owner))
      .executeTakeFirst();
    const row = await db.selectFrom('job').select('cancel_requested_at').where('id', '=', id).executeTakeFirst();
    return { held: Number(r.numUpdatedRows) === 1, cancelRequested: !!row?.cancel_requested_at };
  },

  /** Ends an attempt: `succeeded` or `failed`, or `cancelled` whenever a cancel was asked meanwhile. */
  async finish(db: Db, id: string, owner: string, end: { status: 'succeeded' | 'failed'; result?: string; error?: string; progress: ProgressState }): Promise<boolean> {
    const now = nowIso();
    const r = await db
      .updateTable('job')
      .set((eb) => ({
        status: eb.case().when('cancel_requested_at', 'is', null).then(end.status).else('cancelled').end(),
        result: end.result ?? null,
        error: end.error ?? null,
        ...progressColumns(end.progress),
        lease_owner: null,
        lease_until: null,
        finished_at: now,
        updated_at: now,
      }))
      .where(held(id, owner))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /**
   * Hands the job back to the queue: after a retryable failure (`runAfter`, counting the attempt),
   * or at a runner's stop (not counting it). A job asked to cancel ends cancelled instead.
   */
  async requeue(db: Db, id: string, owner: string, opts: { progress: ProgressState; runAfter?: string; error?: string; countAttempt: boolean }): Promise<boolean> {
    const now = nowIso();
    const r = await db
      .updateTable('job')
      .set((eb) => ({
        status: eb.case().when('cancel_requested_at', 'is', null).then('queued').else('cancelled').end(),
        finished_at: eb.case().when('cancel_requested_at', 'is', null).then(null).else(now).end(),
        attempts: opts.countAttempt ? eb.ref('attempts') : eb('attempts', '-', 1),
        run_after: opts.runAfter ?? null,
        ...(opts.error !== undefined ? { error: opts.error } : {}),
        ...progressColumns(opts.progress),
        lease_owner: null,
        lease_until: null,
        updated_at: now,
      }))
      .where(held(id, owner))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Cancels a job that has not started; false when it is not queued (any more). */
  async cancelQueued(db: Db, id: string): Promise<boolean> {
    const now = nowIso();
    const r = await db
      .updateTable('job')
      .set({ status: 'cancelled', cancel_requested_at: now, finished_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Asks a running job to stop; its runner sees it at its next lease renewal. */
  async requestCancel(db: Db, id: string): Promise<boolean> {
    const now = nowIso();
    const r = await db
      .updateTable('job')
      .set((eb) => ({ cancel_requested_at: eb.fn.coalesce('cancel_requested_at', eb.val(now)), updated_at: now }))
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};

/** The domain form of a job row. */
export function toJob(r: JobRow): Job {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status as JobStatus,
    institutionId: r.institution_id,
    createdBy: r.created_by,
    subject: r.subject_type && r.subject_id ? { type: r.subject_type, id: r.subject_id } : null,
    progress: { done: r.progress_done, total: r.progress_total, message: r.progress_message },
    error: r.error,
    result: r.result === null ? null : JSON.parse(r.result),
    attempts: r.attempts,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    updatedAt: r.updated_at,
    cancelRequestedAt: r.cancel_requested_at,
  };
}

function held(id: string, owner: string) {
  return (eb: JobEb) => eb.and([eb('id', '=', id), eb('lease_owner', '=', owner), eb('status', '=', 'running')]);
}

function progressColumns(p: ProgressState) {
  return { progress_done: p.done, progress_total: p.total, progress_message: p.message };
}

function later(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}
