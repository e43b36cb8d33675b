import type { Config } from '../../config/config';
import type { Db } from '../../db/database';
import { bumpCatalogueEpoch, getState, setState } from '../../db/app-state';
import { SYSTEM_ACTOR } from '../accounts/actor';
import { createInstitution } from '../institutions/institution.service';
import { saveRecordsBulk } from '../records/record.bulk';
import { sourceKey } from '../records/record.mapper';
import { inTransaction, type Store } from '../records/record.store';
import { DEMO_SOURCE_SYSTEM, readDemoDataset, type DemoDataset } from './demo.dataset';
import { demoRepository as repo } from './demo.repository';
import { DEMO_SEEDS } from './demo.seeds';

/** The `app_state` key that says the demo was loaded (its value: when, and how much). */
export const DEMO_STATE_KEY = 'demo_loaded';

const BATCH = 500;

export interface DemoLoadOptions {
  /** Remove the demo's records and load them again. */
  reset?: boolean;
  /** Called after each batch with the records saved so far and the total. */
  onProgress?(done: number, total: number): void;
  /** The folder of the demo dataset (default: the repository's `demo/`). */
  dir?: string;
}

/** What a call loaded: nothing (`loaded: false`) when the demo was there already. */
export interface DemoLoadResult {
  loaded: boolean;
  institutions: number;
  records: number;
}

/** Minimal logger (Fastify's and pino's fit). */
export interface DemoLog {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** True once the demo has been loaded into this database. */
export async function isDemoLoaded(db: Db): Promise<boolean> {
  return (await getState(db, DEMO_STATE_KEY)) !== null;
}

/**
 * Loads the demo alliance: its institutions (those that exist already are kept as they are) and
 * its records, in one transaction, so a crash leaves no half-loaded demo and two processes
 * starting together load it once. Without `reset` it does nothing when the demo was loaded
 * before. With `reset` it first deletes the demo's records entirely (versions, facets,
 * relations, full-text entries included: edits made to them since are discarded) and loads them
 * afresh under the same ids. Records others added to the demo institutions are kept.
 */
export async function loadDemo(store: Store, opts: DemoLoadOptions = {}): Promise<DemoLoadResult> {
  const dataset = readDemoDataset(opts.dir);
  try {
    return await inTransaction(store, async (trx) => {
      if (!opts.reset && (await isDemoLoaded(trx.db))) return { loaded: false, institutions: 0, records: 0 };
      if (opts.reset) await removeDemoRecords(trx, dataset);
      for (const institution of dataset.institutions) {
        if (!(await repo.institutionExists(trx.db, institution.id))) await createInstitution(trx.db, SYSTEM_ACTOR, institution);
      }
      const total = dataset.records.length;
      opts.onProgress?.(0, total);
      for (let i = 0; i < total; i += BATCH) {
        const batch = dataset.records.slice(i, i + BATCH);
        const result = await saveRecordsBulk(trx, SYSTEM_ACTOR, batch, 'demo');
        if (result.rejected.length) {
          const r = result.rejected[0];
          const problems = r.problems.map((p) => `${p.field}: ${p.message}`).join('; ');
          throw new Error(`The demo dataset has ${result.rejected.length} record(s) the platform refuses, first ${batch[r.index]?.id ?? `#${i + r.index}`}: ${problems}`);
        }
        opts.onProgress?.(Math.min(i + BATCH, total), total);
      }
      for (const seed of DEMO_SEEDS) {
        try {
          await seed.run(trx, dataset);
        } catch (e) {
          throw new Error(`The demo's ${seed.name} data could not be loaded: ${(e as Error).message}`);
        }
      }
      const summary = { institutions: dataset.institutions.length, records: total };
      await setState(trx.db, DEMO_STATE_KEY, JSON.stringify({ loadedAt: new Date().toISOString(), ...summary }));
      return { loaded: true, ...summary };
    });
  } catch (e) {
    // Another process loaded it meanwhile (its commit made ours conflict): nothing is missing.
    if (!opts.reset && (await isDemoLoaded(store.db).catch(() => false))) return { loaded: false, institutions: 0, records: 0 };
    throw e;
  }
}

/**
 * On start: loads the demo into a database that has no institution at all, unless the
 * configuration turns this off. A failure is logged, not thrown: the portal still starts.
 */
export async function maybeLoadDemoOnStart(store: Store, config: Pick<Config, 'demoOnEmpty'>, log: DemoLog): Promise<DemoLoadResult | null> {
  if (!config.demoOnEmpty) return null;
  if ((await repo.hasInstitutions(store.db)) || (await isDemoLoaded(store.db))) return null;
  try {
    const started = Date.now();
    const result = await loadDemo(store);
    if (result.loaded) log.info({ institutions: result.institutions, records: result.records, ms: Date.now() - started }, 'loaded the demo alliance into the empty database');
    return result;
  } catch (e) {
    log.error({ err: e }, 'could not load the demo alliance; the portal starts without it');
    return null;
  }
}

async function removeDemoRecords(store: Store, dataset: DemoDataset): Promise<void> {
  const records = await repo.findDemoRecords(store.db, {
    ids: dataset.records.flatMap((r) => (r.id ? [r.id] : [])),
    institutionIds: dataset.institutions.map((i) => i.id),
    sourceKeyPrefix: sourceKey({ kind: 'demo', system: DEMO_SOURCE_SYSTEM, identifier: '' }),
  });
  if (!records.length) return;
  await store.dialect.removeDocuments(store.db, records.map((r) => r.seq));
  await repo.deleteRecords(store.db, records);
  // Rows removed outright: search indexes following the catalogue must reload.
  await bumpCatalogueEpoch(store.db);
}
