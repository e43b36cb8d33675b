import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import type { Store } from '../../src/modules/records/record.store';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The whole application on a fresh database of the dialect under test, for `app.inject()`. */
export async function buildTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ HERITAGE_DEMO: 'off', HERITAGE_SEARCH_WORKERS: '0', ...env }, { data: database.dataDir, databaseUrl: database.databaseUrl ?? undefined });
  const app = await buildApp({ config, database: database.handle });
  await app.ready();
  return {
    app,
    store: { db: database.handle.db, dialect: database.handle.dialect },
    database,
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}
