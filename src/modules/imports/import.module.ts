import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { importPageRoutes } from './import.page-routes';
import { importRoutes } from './import.routes';
import { mappingPageRoutes } from './mapping.page-routes';
import { mappingRoutes } from './mapping.routes';
import { harvestPageRoutes } from './harvest/harvest.page-routes';

/** The imports module: the imports API (start, list, reports), saved mappings (API and editor), the imports and harvest pages. */
export const importsModule: FastifyPluginAsync<ModuleOptions> = async (app, { store, config }) => {
  const deps = { store, config };
  await app.register(importRoutes, { deps });
  await app.register(importPageRoutes, { deps });
  await app.register(mappingRoutes, { store, config });
  await app.register(mappingPageRoutes, { deps });
  await app.register(harvestPageRoutes, { store, config });
};
