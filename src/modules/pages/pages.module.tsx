import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import type { SearchRunner } from '../search/search.runner';

/** Server-rendered pages (placeholder until the portal pages land). */
export const pagesModule: FastifyPluginAsync<ModuleOptions & { search: SearchRunner }> = async (app) => {
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Heritage Commons</title></head><body><h1>Heritage Commons</h1></body></html>'));
};

/** An HTML error page. */
export function renderErrorPage(_request: FastifyRequest, status: number, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${status}</title></head><body><h1>${status}</h1><p>${message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</p></body></html>`;
}
