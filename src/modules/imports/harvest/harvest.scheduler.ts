import type { Config } from '../../../config/config';
import { AppError } from '../../../shared/errors';
import { nowIso } from '../../../shared/ids';
import { actorForUser } from '../../accounts/account.service';
import { SYSTEM_ACTOR } from '../../accounts/actor';
import type { JobLogger } from '../../jobs/job.execute';
import type { Job } from '../../jobs/job.types';
import type { Store } from '../../records/record.store';
import { harvestRepository as repo } from './harvest.repository';
import { enqueueHarvest } from './harvest.service';

export interface HarvestScheduler {
  /** Checks for due sources now (also what the timer does each interval); returns the jobs it enqueued. */
  tick(): Promise<Job[]>;
  stop(): void;
}

/**
 * Every minute, enqueues a harvest job for each scheduled source whose next run is due — once:
 * the next run is moved on atomically before enqueueing (several app processes may run this), and
 * a source whose last harvest is still queued or running is skipped until its next turn.
 */
export function startHarvestScheduler(opts: { store: Store; config: Pick<Config, 'harvestAllowPrivate'>; logger?: JobLogger; intervalMs?: number; now?: () => Date }): HarvestScheduler {
  const { store } = opts;
  const logger = opts.logger ?? { info() {}, warn: console.warn, error: console.error };
  const clock = opts.now ?? (() => new Date());
  let running: Promise<Job[]> | null = null;

  const pass = async (): Promise<Job[]> => {
    const now = clock().toISOString();
    const enqueued: Job[] = [];
    for (const source of await repo.dueSources(store.db, now)) {
      const next = new Date(Date.parse(now) + Number(source.schedule_hours) * 3_600_000).toISOString();
      if (!source.next_run_at || !(await repo.claimDue(store.db, source.id, source.next_run_at, next))) continue;
      try {
        // The job acts as the source's creator, with their rights as they are now.
        const actor = source.created_by ? await actorForUser(store.db, source.created_by) : SYSTEM_ACTOR;
        if (!actor) {
          logger.warn({ sourceId: source.id }, 'the creator of this harvest source no longer exists; not harvested');
          continue;
        }
        enqueued.push(await enqueueHarvest(store, actor, source));
      } catch (e) {
        if (e instanceof AppError && e.code === 'CONFLICT') logger.info({ sourceId: source.id }, 'scheduled harvest skipped: the last one is unfinished');
        else logger.error({ err: e, sourceId: source.id }, 'could not enqueue a scheduled harvest');
      }
    }
    if (enqueued.length) logger.info({ jobs: enqueued.map((j) => j.id), at: nowIso() }, 'scheduled harvests enqueued');
    return enqueued;
  };
  const tick = () => (running ??= pass().finally(() => (running = null)));
  const timer = setInterval(() => void tick().catch((e) => logger.error({ err: e }, 'harvest scheduler pass failed')), opts.intervalMs ?? 60_000);
  timer.unref();
  return {
    tick,
    stop: () => clearInterval(timer),
  };
}
