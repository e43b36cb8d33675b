import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config/config';
import { createDatabase, type DatabaseHandle } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createSearchRunner } from './modules/search/search.runner';
import { maybeLoadDemoOnStart } from './modules/demo/demo.service';
import { issueSetupCode } from './modules/accounts/setup.service';
import { createJobRunner } from './modules/jobs/job.runner';
import { mediaJobHandlersFor } from './modules/media/media.module';
import { importJobHandlers } from './modules/imports/import.job';
import { harvestJobHandlers } from './modules/imports/harvest/harvest.job';
import { startHarvestScheduler } from './modules/imports/harvest/harvest.scheduler';

export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, migrates it, loads the demo into an empty one, and listens. */
export async function startServer(config: Config, options: { installSignalHandlers?: boolean } = {}): Promise<RunningServer> {
  const database = createDatabase(config);
  const store = { db: database.db, dialect: database.dialect };
  const logger = { level: config.logLevel };
  try {
    await migrateToLatest(database);
  } catch (e) {
    await database.close();
    throw e;
  }
  const search = await createSearchRunner({ store, workers: config.searchWorkers, sqliteFile: database.dialect.name === 'sqlite' ? database.location : undefined });
  const app = await buildApp({ config, database, search, logger });
  await maybeLoadDemoOnStart(store, config, app.log);
  await app.listen({ port: config.port, host: config.host });
  // Background jobs (derivative images, imports, harvests) run in this process too; harvest sources on a schedule are enqueued when due.
  const jobs = createJobRunner({ store, handlers: { ...mediaJobHandlersFor(config), ...importJobHandlers(config), ...harvestJobHandlers(config) }, logger: app.log });
  jobs.start();
  const harvestScheduler = startHarvestScheduler({ store, config, logger: app.log });
  app.log.info({ database: database.dialect.name, location: database.location, publicUrl: config.publicUrl }, 'Heritage Commons is serving');
  const setupCode = await issueSetupCode(database.db);
  if (setupCode) {
    app.log.warn({ setupCode }, `No alliance admin exists yet: open ${config.publicUrl}/setup and enter the setup code ${setupCode} (or run \`heritage user create --admin\`)`);
  }

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      // Stop accepting, hand running jobs back (they resume from their checkpoints), let in-flight requests finish, then close the database.
      harvestScheduler.stop();
      await jobs.stop();
      await app.close();
      await database.close();
    })());

  if (options.installSignalHandlers) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        app.log.info({ signal }, 'shutting down');
        const timer = setTimeout(() => {
          app.log.error('shutdown took over 30 s; exiting');
          process.exit(1);
        }, 30_000);
        timer.unref();
        stop().then(
          () => process.exit(0),
          (e) => {
            app.log.error({ err: e }, 'shutdown failed');
            process.exit(1);
          },
        );
      });
    }
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { app, database, url: `http://127.0.0.1:${port}`, stop };
}
