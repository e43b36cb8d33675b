import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { signInPageRoutes } from './sign-in.page-routes';
import { accountPageRoutes } from './account.page-routes';
import { usersPageRoutes } from './users.page-routes';
import { auditPageRoutes } from '../audit/audit.page-routes';

/** The workspace pages of accounts: sign-in, setup, invitations, resets, own account, user administration, audit log. */
export const accountsPagesModule: FastifyPluginAsync<ModuleOptions> = async (app, options) => {
  await app.register(signInPageRoutes, options);
  await app.register(accountPageRoutes, options);
  await app.register(usersPageRoutes, options);
  await app.register(auditPageRoutes, options);
};
