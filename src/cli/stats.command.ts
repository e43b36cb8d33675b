import type { Command } from 'commander';
import { configFrom, withDataOptions, withDatabase } from './common';

/** `heritage stats`: what the database holds. */
export function statsCommand(program: Command): void {
  withDataOptions(program.command('stats'))
    .description('print what the database holds: institutions, countries, records by visibility, versions, size')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const config = configFrom({ data: opts.data, databaseUrl: opts.databaseUrl });
      await withDatabase(config, async ({ db, dialect, location }) => {
        const count = async (table: 'institution' | 'record_version') =>
          Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        const byVisibility = await db
          .selectFrom('record')
          .select(['visibility', (eb) => eb.fn.countAll<number>().as('n')])
          .where('deleted_at', 'is', null)
          .groupBy('visibility')
          .execute();
        const deleted = Number((await db.selectFrom('record').select((eb) => eb.fn.countAll<number>().as('n')).where('deleted_at', 'is not', null).executeTakeFirstOrThrow()).n);
        const countries = Number((await db.selectFrom('institution').select((eb) => eb.fn.count<number>('country').distinct().as('n')).executeTakeFirstOrThrow()).n);
        const stats = {
          database: dialect.name,
          location,
          sizeBytes: await dialect.databaseSize(db),
          institutions: await count('institution'),
          countries,
          records: Object.fromEntries(byVisibility.map((r) => [r.visibility, Number(r.n)])),
          deletedRecords: deleted,
          superseded_versions: await count('record_version'),
        };
        if (opts.json) process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
        else {
          const total = Object.values(stats.records).reduce((a, b) => a + b, 0);
          process.stdout.write(
            [
              `Database:      ${stats.database} (${stats.location}), ${(stats.sizeBytes / 1e6).toFixed(1)} MB`,
              `Institutions:  ${stats.institutions} in ${stats.countries} countries`,
              `Records:       ${total} (${Object.entries(stats.records).map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}), ${deleted} in the trash`,
              `Past versions: ${stats.superseded_versions}`,
              '',
            ].join('\n'),
          );
        }
      });
    });
}
