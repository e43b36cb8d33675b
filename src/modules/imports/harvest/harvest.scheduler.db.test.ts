import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newInstitution, SYSTEM_ADMIN } from '../../../../test/helpers/factories';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../../test/helpers/test-database';
import type { Store } from '../../records/record.store';
import { harvestRepository } from './harvest.repository';
import { startHarvestScheduler } from './harvest.scheduler';
import { registerSource } from './harvest.service';

const quiet = { info() {}, warn() {}, error() {} };

describe(`harvest scheduler (${TEST_DIALECT})`, () => {
  let database: TestDatabase;
  let store: Store;
  const config = { harvestAllowPrivate: true };
  const jobsOf = (sourceId: string) => store.db.selectFrom('job').selectAll().where('subject_type', '=', 'harvest_source').where('subject_id', '=', sourceId).execute();

  beforeAll(async () => {
    database = await createTestDatabase();
    store = { db: database.handle.db, dialect: database.handle.dialect };
  });
  afterAll(async () => database?.destroy());

  it('enqueues one harvest for a due source, even with two schedulers ticking at once, and moves its next run on', async () => {
    const inst = await newInstitution(store);
    const source = await registerSource(store, SYSTEM_ADMIN, { config }, { institutionId: inst.id, baseUrl: 'http://127.0.0.1:9/oai', scheduleHours: 12 });
    const manual = await registerSource(store, SYSTEM_ADMIN, { config }, { institutionId: inst.id, baseUrl: 'http://127.0.0.1:9/other' });
    const a = startHarvestScheduler({ store, config, logger: quiet });
    const b = startHarvestScheduler({ store, config, logger: quiet });
    try {
      const [fromA, fromB] = await Promise.all([a.tick(), b.tick()]);
      const enqueued = [...fromA, ...fromB].filter((j) => j.subject?.id === source.id);
      expect(enqueued).toHaveLength(1);
      expect(enqueued[0]).toMatchObject({ kind: 'harvest', status: 'queued', institutionId: inst.id });
      expect(await jobsOf(source.id)).toHaveLength(1);
      expect(await jobsOf(manual.id)).toHaveLength(0);
      const row = (await harvestRepository.findSource(store.db, source.id))!;
      expect(row.last_job_id).toBe(enqueued[0].id);
      expect(Date.parse(row.next_run_at!) - Date.now()).toBeGreaterThan(11 * 3_600_000);
      expect((await a.tick()).filter((j) => j.subject?.id === source.id)).toEqual([]);
    } finally {
      a.stop();
      b.stop();
    }
  });

  it('skips a due source whose last harvest is still unfinished, until its next turn', async () => {
    const inst = await newInstitution(store);
    const source = await registerSource(store, SYSTEM_ADMIN, { config }, { institutionId: inst.id, baseUrl: 'http://127.0.0.1:9/busy', scheduleHours: 1 });
    const s = startHarvestScheduler({ store, config, logger: quiet });
    try {
      expect((await s.tick()).map((j) => j.subject?.id)).toContain(source.id);
      await harvestRepository.updateSource(store.db, source.id, { next_run_at: new Date(Date.now() - 1000).toISOString() });
      expect((await s.tick()).map((j) => j.subject?.id)).not.toContain(source.id);
      expect(await jobsOf(source.id)).toHaveLength(1);
      expect(Date.parse((await harvestRepository.findSource(store.db, source.id))!.next_run_at!)).toBeGreaterThan(Date.now());
    } finally {
      s.stop();
    }
  });
});
