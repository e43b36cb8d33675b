import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { analysisRoutes } from './analysis.routes';
import { needPageRoutes } from './need.page-routes';
import { needRoutes } from './need.routes';
import { projectManageRoutes } from './project.manage.page-routes';
import { projectPageRoutes } from './project.page-routes';
import { projectRoutes } from './project.routes';
import { installRecordSections } from './record-sections';

/**
 * The projects module: projects and their parts, scientific analyses, needs and pledges — API and
 * pages. Its record-page hooks belong to the whole application, so it is registered before the page
 * routes; its own routes stay encapsulated in child plugins (the form upload parser among them).
 */
const plugin: FastifyPluginAsync<ModuleOptions> = async (app, options) => {
  installRecordSections(app, options.store.db);
  await app.register(projectRoutes, options);
  await app.register(analysisRoutes, options);
  await app.register(needRoutes, options);
  await app.register(projectPageRoutes, options);
  await app.register(needPageRoutes, options);
  await app.register(projectManageRoutes, options);
};
// Not encapsulated (what fastify-plugin does): the record-page hooks apply to the pages module's route.
(plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export const projectsModule = plugin;
