import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type DatabaseHandle } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';

/**
 * The database the tests run on: PostgreSQL when TEST_DATABASE_URL is a postgres:// URL,
 * else SQLite. `.ci/run` runs the whole suite once for each.
 */
export const TEST_DIALECT: 'sqlite' | 'postgres' = /^postgres/.test(process.env.TEST_DATABASE_URL ?? '') ? 'postgres' : 'sqlite';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** A config fragment pointing at this database (for code that opens its own connections). */
  databaseUrl: string | null;
  dataDir: string;
  destroy(): Promise<void>;
}

/** A fresh, migrated database of the dialect under test (its own PostgreSQL database or SQLite file). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-test-'));
  if (TEST_DIALECT === 'sqlite') {
    const handle = createDatabase({ databaseUrl: null, dataDir });
    await migrateToLatest(handle);
    return {
      handle,
      databaseUrl: null,
      dataDir,
      async destroy() {
        await handle.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `hc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = createDatabase({ databaseUrl: url.toString(), dataDir }, { poolSize: 4 });
  await migrateToLatest(handle);
  return {
    handle,
    databaseUrl: url.toString(),
    dataDir,
    async destroy() {
      await handle.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
