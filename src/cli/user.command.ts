import type { Command } from 'commander';
import { createUser } from '../modules/accounts/account.service';
import { issueResetLink } from '../modules/accounts/account-link.service';
import { SYSTEM_ACTOR } from '../modules/accounts/actor';
import { createMailer } from '../modules/accounts/account.mail';
import { INSTITUTION_ROLES, type InstitutionRole } from '../modules/accounts/actor';
import { configFrom, readStdin, reportingDomainErrors, withDataOptions, withDatabase } from './common';

/** `heritage user create --email E --role R [--institution ID] [--admin]`, password from standard input. */
export function userCommand(program: Command): void {
  const user = program.command('user').description('manage user accounts');
  withDataOptions(user.command('create'))
    .description('create a user; the password is read from standard input')
    .requiredOption('--email <email>', 'the user\'s email address (their sign-in name)')
    .option('--role <role>', `role in the institution: ${INSTITUTION_ROLES.join(', ')}`)
    .option('--institution <id>', 'the institution the role is held in')
    .option('--admin', 'make the user an alliance admin (secretariat)')
    .option('--name <name>', 'display name')
    .action(async (opts) => {
      const config = configFrom({ data: opts.data, databaseUrl: opts.databaseUrl });
      const password = await readStdin();
      await withDatabase(config, async ({ db }) => {
        await reportingDomainErrors(async () => {
          const u = await createUser(db, {
            email: opts.email,
            name: opts.name,
            password,
            isAdmin: !!opts.admin,
            institutionId: opts.institution,
            role: opts.role as InstitutionRole | undefined,
          });
          process.stdout.write(`Created user ${u.email} (${u.id}).\n`);
        });
      });
    });

  withDataOptions(user.command('reset-password'))
    .description('print a one-time link (valid 24 hours) with which the user sets a new password')
    .requiredOption('--email <email>', "the user's email address")
    .action(async (opts) => {
      const config = configFrom({ data: opts.data, databaseUrl: opts.databaseUrl });
      await withDatabase(config, async ({ db }) => {
        await reportingDomainErrors(async () => {
          const delivery = { publicUrl: config.publicUrl, mailer: createMailer(config) };
          const link = await issueResetLink(db, SYSTEM_ACTOR, opts.email, delivery);
          process.stdout.write(`${link.url}\n`);
          process.stderr.write(link.mailed ? `Mailed to ${link.email}; it works once, until ${link.expiresAt}.\n` : `Give this link to ${link.email}; it works once, until ${link.expiresAt}.\n`);
        });
      });
    });
}
