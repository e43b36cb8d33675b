import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import type { SearchRunner } from '../search/search.runner';
import { assetRoutes } from './assets';
import { faviconRoutes } from './favicon';
import { islandRoutes } from './island-assets';
import { pageRoutes } from './pages.routes';
import { citeRoutes } from './cite.routes';
import { batchEditRoutes } from './search.batch.routes';
import { countryRoutes } from './country.routes';

export { renderErrorPage } from './error.page';

/** Server-rendered public pages (home, search, records, institutions) and their static assets. */
export const pagesModule: FastifyPluginAsync<ModuleOptions & { search: SearchRunner }> = async (app, options) => {
  await app.register(assetRoutes);
  await app.register(faviconRoutes);
  await app.register(islandRoutes);
  await app.register(pageRoutes, options);
  await app.register(citeRoutes, options);
  await app.register(batchEditRoutes, options);
  await app.register(countryRoutes, options);
};
