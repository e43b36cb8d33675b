import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import { derivativeKeys } from './media.derivatives';
import { rebuildDerivatives } from './media.rebuild';
import { MediaPatchSchema, MediaSchema } from './media.schema';
import { deleteMedia, getMedia, listRecordMedia, updateMedia } from './media.service';
import type { MediaDeps } from './media.upload';

const Id = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** The media API: list a record's images, read, change, reorder and delete one, rebuild its derivatives. */
export const mediaRoutes: FastifyPluginAsyncTypebox<{ deps: MediaDeps }> = async (app, { deps }) => {
  const { store, files, config } = deps;

  app.get('/api/v1/records/:id/media', {
    schema: {
      tags: ['media'],
      summary: "A record's images you may see, in order (an image is never more open than its record)",
      params: Id,
      response: { 200: Type.Object({ items: Type.Array(MediaSchema) }), ...errors },
    },
    handler: async (req) => ({ items: await listRecordMedia(store, req.actor, req.params.id, config.publicUrl) }),
  });

  app.get('/api/v1/media/:id', {
    schema: { tags: ['media'], summary: 'One image: its metadata, links, and (for editors) its derivative job', params: Id, response: { 200: MediaSchema, ...errors } },
    handler: async (req) => getMedia(store, req.actor, req.params.id, config.publicUrl),
  });

  app.patch('/api/v1/media/:id', {
    schema: {
      tags: ['media'],
      summary: "Change an image's label, rights, visibility, embargo, or its place on the record",
      params: Id,
      body: MediaPatchSchema,
      response: { 200: MediaSchema, ...errors },
    },
    handler: async (req) => updateMedia(store, req.actor, req.params.id, req.body, config.publicUrl),
  });

  app.delete('/api/v1/media/:id', {
    schema: { tags: ['media'], summary: 'Delete an image and its files', params: Id, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      const row = await deleteMedia(store, req.actor, req.params.id);
      // Files go once the row is gone for good; a crash in between leaves only unreferenced files.
      await Promise.all([row.storage_key, ...derivativeKeys(row.storage_key)].map((k) => files.delete(k)));
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/media/:id/derivatives', {
    schema: {
      tags: ['media'],
      summary: "Build an image's derivatives again (after a failure); answers the queued job",
      params: Id,
      response: { 202: Type.Object({ jobId: Type.String() }), ...errors },
    },
    handler: async (req, reply) => reply.code(202).send({ jobId: await rebuildDerivatives(store, req.actor, req.params.id) }),
  });
};
