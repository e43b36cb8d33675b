import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { createMailer } from '../accounts/account.mail';
import { allianceRoutes } from './alliance.routes';
import { governancePageRoutes } from './governance.page-routes';
import { governanceRoutes } from './governance.routes';
import { documentRoutes } from './document.routes';

/** Running the alliance: membership, applications, meetings, resolutions, agreements, figures — API and pages. */
export const governanceModule: FastifyPluginAsync<ModuleOptions> = async (app, options) => {
  const delivery = { mailer: createMailer(options.config), publicUrl: options.config.publicUrl };
  await app.register(allianceRoutes, { ...options, delivery });
  await app.register(governanceRoutes, options);
  await app.register(documentRoutes, options);
  await app.register(governancePageRoutes, { ...options, delivery });
};
