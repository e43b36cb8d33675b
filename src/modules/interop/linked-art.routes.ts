import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { LINKED_ART_MEDIA_TYPE } from './linked-art';
import { getLinkedArt } from './linked-art.service';

// Short: a record made private stops being served from shared caches within minutes.
const PUBLIC_CACHE = 'public, max-age=300';

/**
 * Linked Art JSON-LD: a record as a HumanMadeObject at a stable URL, as the public sees it
 * (whoever asks, so answers may be cached publicly). Open to other origins, like the IIIF documents.
 */
export const linkedArtRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store, config }) => {
  app.addHook('onSend', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD') reply.header('access-control-allow-origin', '*');
  });

  app.get('/linked-art/object/:id', {
    schema: {
      tags: ['linked-art'],
      summary: 'A record as Linked Art JSON-LD (a HumanMadeObject); 404 when the public may not see it',
      params: Type.Object({ id: Type.String({ pattern: ID_PATTERN }) }),
      response: { 200: Type.Unknown({ description: 'A Linked Art document (JSON-LD)' }), 400: ErrorSchema, 404: ErrorSchema },
    },
    handler: async (req, reply) => {
      const doc = await getLinkedArt(store, req.params.id, config.publicUrl);
      // A Buffer, so the media type goes out exactly as Linked Art writes it.
      return reply.header('content-type', LINKED_ART_MEDIA_TYPE).header('cache-control', PUBLIC_CACHE).send(Buffer.from(JSON.stringify(doc)) as never);
    },
  });
};
