import type { Command } from 'commander';
import { createDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { configFrom, withDataOptions } from './common';

/** `heritage migrate`: brings the database schema up to date. */
export function migrateCommand(program: Command): void {
  withDataOptions(program.command('migrate'))
    .description('bring the database schema up to date (also done by serve)')
    .action(async (opts) => {
      const config = configFrom({ data: opts.data, databaseUrl: opts.databaseUrl });
      const handle = createDatabase(config);
      try {
        const ran = await migrateToLatest(handle);
        process.stdout.write(ran.length ? `Applied ${ran.length} migration(s): ${ran.join(', ')}\n` : 'The database is up to date.\n');
      } finally {
        await handle.close();
      }
    });
}
