import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import type { SearchRunner } from '../search/search.runner';
import { recordEditorApiRoutes } from './record.editor.routes';
import { recordEditorPageRoutes } from './record.editor.page-routes';

/** The record editor: its pages (`/records/new`, `/records/:id/edit`) and the small APIs its island calls. */
export const recordEditorModule: FastifyPluginAsync<ModuleOptions & { search: SearchRunner }> = async (app, options) => {
  await app.register(recordEditorPageRoutes, { store: options.store, config: options.config });
  await app.register(recordEditorApiRoutes, options);
};
