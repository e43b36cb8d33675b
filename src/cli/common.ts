import type { Command } from 'commander';
import { ConfigError, loadConfig, type Config, type ConfigFlags } from '../config/config';
import { createDatabase, type DatabaseHandle } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { AppError } from '../shared/errors';

/** Adds the options every command that touches the database takes. */
export function withDataOptions(cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'data folder: the SQLite file, media, caches (env HERITAGE_DATA_DIR, default ./data)')
    .option('--database-url <url>', 'a postgres:// URL switches to PostgreSQL (env DATABASE_URL)');
}

/** Loads the configuration from the environment and the command's flags; prints every bad setting and exits 2. */
export function configFrom(flags: ConfigFlags): Config {
  try {
    return loadConfig(process.env, flags);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

/** Opens and migrates the configured database, runs the work, and closes it whatever happens. */
export async function withDatabase<T>(config: Config, work: (db: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = createDatabase(config);
  try {
    await migrateToLatest(handle);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/** Reads all of standard input (for passwords), trimmed of the final newline. */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter, Ctrl-D): ');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Runs a command's work; a domain error (bad input, not found) is printed as one line and exits 1. */
export async function reportingDomainErrors(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  }
}
