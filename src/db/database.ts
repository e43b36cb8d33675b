import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Config } from '../config/config';
import type { Database } from './schema';
import type { DialectAdapter } from './dialect/dialect';
import { sqliteDialect } from './dialect/sqlite.dialect';
import { postgresDialect } from './dialect/postgres.dialect';
import { statementTimingLog } from './statement-timing';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: DialectAdapter;
  /** Where the data lives, for logs: a file path or a redacted URL. */
  location: string;
  close(): Promise<void>;
}

// PostgreSQL's int8 (counts, sums) and numeric arrive as strings by default: make them numbers, as SQLite gives.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Opens the database the configuration names: PostgreSQL for a postgres:// URL, else SQLite under the data folder. */
export function createDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>, options: { poolSize?: number; readonly?: boolean } = {}): DatabaseHandle {
  const url = config.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    pool.on('error', () => {
      /* an idle client lost its connection; the pool replaces it */
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: statementTimingLog() });
    return {
      db,
      dialect: postgresDialect,
      location: url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
      close: () => db.destroy(),
    };
  }
  const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : path.join(config.dataDir, 'heritage.sqlite');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = openSqlite(file, options.readonly ?? false);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log: statementTimingLog() });
  return { db, dialect: sqliteDialect, location: file, close: () => db.destroy() };
}

/**
 * Reuses prepared statements by their SQL text: preparing costs more than running a simple
 * query. Kysely runs one query at a time on the connection, so a statement is never in use twice.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SQLite.Statement {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= 200) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/** Opens one SQLite connection with the pragmas every connection needs (WAL, durable commits, foreign keys). */
export function openSqlite(file: string, readonly = false): SQLite.Database {
  const sqlite = new SQLite(file, { readonly, fileMustExist: readonly });
  if (!readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  // 256 MiB of page cache: bulk loads insert into several large B-trees at once.
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('mmap_size = 1073741824');
  return sqlite;
}

