import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../shared/errors';
import { ErrorSchema } from '../../shared/error-handler';
import type { ModuleOptions } from '../../shared/request-context';
import { DISCOVERY_CONTEXT, discoveryCollection, discoveryPage } from './change-discovery';

const MEDIA_TYPE = `application/ld+json;profile="${DISCOVERY_CONTEXT}"`;
const Document = Type.Unknown({ description: 'An Activity Streams document of the IIIF Change Discovery API 1.0' });

/**
 * The IIIF Change Discovery API 1.0 (Level 2): what changed in the public library, for IIIF
 * aggregators and for the alliance hub. Always what the anonymous public may see, whoever asks.
 */
export const changeDiscoveryRoutes: FastifyPluginAsyncTypebox<ModuleOptions & { discoveryPageSize?: number }> = async (app, { store, config, discoveryPageSize }) => {
  const opts = { pageSize: discoveryPageSize };
  app.get('/iiif/discovery/changes', {
    schema: {
      tags: ['iiif'],
      summary: 'IIIF Change Discovery: the Ordered Collection of public changes (its last page holds the most recent)',
      response: { 200: Document },
    },
    handler: async (_req, reply) => {
      reply.header('content-type', MEDIA_TYPE).header('cache-control', 'public, max-age=60').header('access-control-allow-origin', '*');
      return discoveryCollection(store.db, config.publicUrl, opts);
    },
  });

  app.get('/iiif/discovery/changes/page/:n', {
    schema: {
      tags: ['iiif'],
      summary: 'IIIF Change Discovery: one page of activities, oldest first',
      params: Type.Object({ n: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }) }),
      response: { 200: Document, 400: ErrorSchema, 404: ErrorSchema },
    },
    handler: async (req, reply) => {
      const page = await discoveryPage(store.db, config.publicUrl, req.params.n, opts);
      if (!page) throw new AppError('NOT_FOUND', `There is no page ${req.params.n} of changes`);
      reply.header('content-type', MEDIA_TYPE).header('cache-control', 'public, max-age=60').header('access-control-allow-origin', '*');
      return page;
    },
  });
};
