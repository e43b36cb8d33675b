import type { Db } from '../../../db/database';
import type { HarvestRunRow, HarvestSourceRow, HarvestSourceTable, NewHarvestSourceRow } from './harvest.table';

/** A run with the status of its job (a run whose job has ended shows how the job ended). */
export type HarvestRunWithJob = HarvestRunRow & { job_status: string | null; job_error: string | null };

/** All SQL of harvesting. */
export const harvestRepository = {
  async insertSource(db: Db, row: NewHarvestSourceRow): Promise<HarvestSourceRow> {
    await db.insertInto('harvest_source').values(row).execute();
    return (await this.findSource(db, row.id))!;
  },

  async findSource(db: Db, id: string): Promise<HarvestSourceRow | undefined> {
    return db.selectFrom('harvest_source').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The source of an institution with this endpoint, prefix and sets (the CLI reuses it). */
  async findSourceByEndpoint(db: Db, key: { institutionId: string; baseUrl: string; prefix: string; sets: string }): Promise<HarvestSourceRow | undefined> {
    return db
      .selectFrom('harvest_source')
      .selectAll()
      .where('institution_id', '=', key.institutionId)
      .where('base_url', '=', key.baseUrl)
      .where('metadata_prefix', '=', key.prefix)
      .where('sets', '=', key.sets)
      .orderBy('created_at')
      .executeTakeFirst();
  },

  /** Sources of these institutions (all when null), oldest first. */
  async listSources(db: Db, institutionIds: string[] | null): Promise<HarvestSourceRow[]> {
    if (institutionIds && !institutionIds.length) return [];
    let q = db.selectFrom('harvest_source').selectAll().orderBy('created_at').orderBy('id');
    if (institutionIds) q = q.where('institution_id', 'in', institutionIds);
    return q.limit(1000).execute();
  },

  async updateSource(db: Db, id: string, patch: Partial<Omit<HarvestSourceTable, 'id' | 'created_at' | 'created_by' | 'protocol'>>): Promise<void> {
    await db.updateTable('harvest_source').set(patch).where('id', '=', id).execute();
  },

  async deleteSource(db: Db, id: string): Promise<void> {
    await db.deleteFrom('harvest_run').where('source_id', '=', id).execute();
    await db.deleteFrom('harvest_source').where('id', '=', id).execute();
  },

  /** Scheduled sources whose next run is due. */
  async dueSources(db: Db, now: string, limit = 100): Promise<HarvestSourceRow[]> {
    return db.selectFrom('harvest_source').selectAll().where('schedule_hours', 'is not', null).where('next_run_at', '<=', now).orderBy('next_run_at').limit(limit).execute();
  },

  /** Moves a due source's next run on, only if no other scheduler did first: true when this caller won it. */
  async claimDue(db: Db, id: string, seenNextRunAt: string, nextRunAt: string): Promise<boolean> {
    const r = await db.updateTable('harvest_source').set({ next_run_at: nextRunAt }).where('id', '=', id).where('next_run_at', '=', seenNextRunAt).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Starts (or, on a later attempt of the same job, reopens) the run of a job. */
  async openRun(db: Db, run: { id: string; sourceId: string; jobId: string; now: string }): Promise<void> {
    const existing = await db.selectFrom('harvest_run').select('id').where('job_id', '=', run.jobId).executeTakeFirst();
    if (existing) {
      await db.updateTable('harvest_run').set({ status: 'running', error: null, finished_at: null }).where('job_id', '=', run.jobId).execute();
      return;
    }
    await db.insertInto('harvest_run').values({ id: run.id, source_id: run.sourceId, job_id: run.jobId, started_at: run.now, status: 'running', counts: '{}', error: null, finished_at: null }).execute();
  },

  async updateRun(db: Db, jobId: string, set: { status?: string; counts?: string; error?: string | null; finished_at?: string | null }): Promise<void> {
    await db.updateTable('harvest_run').set(set).where('job_id', '=', jobId).execute();
  },

  /** A source's runs, newest first, with their jobs' statuses. */
  async listRuns(db: Db, sourceId: string, limit: number): Promise<HarvestRunWithJob[]> {
    return db
      .selectFrom('harvest_run')
      .leftJoin('job', 'job.id', 'harvest_run.job_id')
      .selectAll('harvest_run')
      .select(['job.status as job_status', 'job.error as job_error'])
      .where('harvest_run.source_id', '=', sourceId)
      .orderBy('harvest_run.started_at', 'desc')
      .orderBy('harvest_run.id', 'desc')
      .limit(limit)
      .execute();
  },
};
