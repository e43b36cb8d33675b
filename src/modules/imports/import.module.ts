import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { importPageRoutes } from './import.page-routes';
import { importRoutes } from './import.routes';

/** The imports module: the imports API (start, list, reports) and the imports page. */
export const importsModule: FastifyPluginAsync<ModuleOptions> = async (app, { store, config }) => {
  const deps = { store, config };
  await app.register(importRoutes, { deps });
  await app.register(importPageRoutes, { deps });
};
