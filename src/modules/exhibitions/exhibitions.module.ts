import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { exhibitionPageRoutes } from './exhibition.page-routes';
import { exhibitionRoutes } from './exhibition.routes';
import { recordShowcaseHooks } from './record-showcase';
import { reunitedPageRoutes } from './reunited.page-routes';
import { reunitedRoutes } from './reunited.routes';

/** Exhibitions and reunited works: API, IIIF, pages, and the record page's links to them. */
export const exhibitionsModule: FastifyPluginAsync<ModuleOptions> = async (app, options) => {
  await app.register(exhibitionRoutes, options);
  await app.register(reunitedRoutes, options);
  await app.register(exhibitionPageRoutes, options);
  await app.register(reunitedPageRoutes, options);
  await app.register(recordShowcaseHooks, options);
};
// Registered on the root instance, so the record page hooks reach the pages module's route.
(exhibitionsModule as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
