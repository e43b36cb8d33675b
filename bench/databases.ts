import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../src/config/config';
import { createDatabase, type DatabaseHandle } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { getState, setState } from '../src/db/app-state';
import { BENCH_SEED } from './generate';

export type BenchDialect = 'sqlite' | 'postgres';

/** PostgreSQL server the benchmark creates its own database on. */
export const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const PG_BENCH_DB = 'hc_bench';
const LOADED_KEY = 'bench_loaded';

export interface BenchDatabase {
  dialect: BenchDialect;
  handle: DatabaseHandle;
  /** The configuration the app is built with (demo off, logs silent, search workers as the server's default). */
  config: Config;
  sqliteFile?: string;
  pgUrl?: string;
  /** How many generated records the database holds, when a complete load was recorded. */
  loadedRecords: number | null;
  markLoaded(records: number): Promise<void>;
  /** Closes the database; drops it unless it is kept. */
  close(opts: { keep: boolean }): Promise<void>;
}

/** Opens the benchmark database of a dialect under `root`, emptied first when `fresh`, migrated. */
export async function openBenchDatabase(dialect: BenchDialect, root: string, fresh: boolean): Promise<BenchDatabase> {
  const env: NodeJS.ProcessEnv = { ...process.env, HERITAGE_DEMO: 'off', LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  let config: Config;
  let pgUrl: string | undefined;
  const dir = path.join(root, dialect);
  if (dialect === 'sqlite') {
    if (fresh) fs.rmSync(dir, { recursive: true, force: true });
    config = loadConfig(env, { data: dir });
  } else {
    pgUrl = await preparePostgres(fresh);
    config = loadConfig(env, { data: dir, databaseUrl: pgUrl });
  }
  const handle = createDatabase(config);
  await migrateToLatest(handle);
  const state = await getState(handle.db, LOADED_KEY);
  const loaded = state ? (JSON.parse(state) as { records: number; seed: number }) : null;
  return {
    dialect,
    handle,
    config,
    sqliteFile: dialect === 'sqlite' ? handle.location : undefined,
    pgUrl,
    loadedRecords: loaded && loaded.seed === BENCH_SEED ? loaded.records : null,
    markLoaded: (records) => setState(handle.db, LOADED_KEY, JSON.stringify({ records, seed: BENCH_SEED })),
    async close({ keep }) {
      await handle.close();
      if (keep) return;
      if (dialect === 'sqlite') fs.rmSync(dir, { recursive: true, force: true });
      else await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${PG_BENCH_DB} WITH (FORCE)`));
    },
  };
}

/** Creates (or re-creates, when fresh) the benchmark database; answers its URL. */
async function preparePostgres(fresh: boolean): Promise<string> {
  await withAdmin(async (c) => {
    if (fresh) await c.query(`DROP DATABASE IF EXISTS ${PG_BENCH_DB} WITH (FORCE)`);
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [PG_BENCH_DB]);
    if (!exists.rowCount) await c.query(`CREATE DATABASE ${PG_BENCH_DB}`);
  });
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${PG_BENCH_DB}`;
  return url.toString();
}

async function withAdmin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
