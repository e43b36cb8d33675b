import type { FastifyInstance } from 'fastify';

// Read-only machine interfaces that the standards (and integrators' browsers) expect to be open.
const OPEN_READ = /^\/(api\/v1|api\/openapi\.json|iiif|oai)(\/|\?|$)/;

/**
 * CORS only where it belongs: reads of the API, IIIF and OAI-PMH from any origin (no cookies
 * are involved: the API authenticates with bearer tokens). Writes get no CORS headers, so a
 * browser on another site cannot make them.
 */
export function installCors(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    if ((request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') && OPEN_READ.test(request.url)) {
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-expose-headers', 'ETag, Location');
    }
  });
  app.options('/*', { schema: { hide: true } }, async (request, reply) => {
    if (!OPEN_READ.test(request.url)) return reply.code(404).send();
    reply.header('access-control-allow-methods', 'GET, HEAD');
    reply.header('access-control-allow-headers', 'Authorization, If-None-Match, Accept');
    reply.header('access-control-max-age', '86400');
    return reply.code(204).send();
  });
}
