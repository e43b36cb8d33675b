import type { Command } from 'commander';
import { createToken } from '../modules/accounts/account.service';
import { configFrom, reportingDomainErrors, withDataOptions, withDatabase } from './common';

/** `heritage token create --email E --scopes read,write,import`: prints a new API token once. */
export function tokenCommand(program: Command): void {
  const token = program.command('token').description('manage API tokens');
  withDataOptions(token.command('create'))
    .description('create an API token for a user and print it (it is shown only this once)')
    .requiredOption('--email <email>', 'the user the token acts as')
    .option('--scopes <list>', 'comma-separated: read, write, import', 'read')
    .option('--label <text>', 'what the token is for')
    .option('--expires-in-days <n>', 'expire after this many days')
    .action(async (opts) => {
      const config = configFrom({ data: opts.data, databaseUrl: opts.databaseUrl });
      await withDatabase(config, async ({ db }) => {
        await reportingDomainErrors(async () => {
          const t = await createToken(db, {
            email: opts.email,
            scopes: String(opts.scopes).split(',').map((s) => s.trim()).filter(Boolean),
            label: opts.label,
            expiresInDays: opts.expiresInDays ? Number(opts.expiresInDays) : undefined,
          });
          process.stdout.write(`${t.token}\n`);
          process.stderr.write(`Token ${t.id} with scopes ${t.scopes.join(', ')}${t.expiresAt ? `, expires ${t.expiresAt}` : ''}. Store it now: it is not shown again.\n`);
        });
      });
    });
}
