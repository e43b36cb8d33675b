import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { PRESENTATION_LD_JSON } from '../interop/iiif-presentation.routes';
import { reunitedManifest } from './reunited.iiif';
import { ReunitedInputSchema, ReunitedSchema } from './reunited.schema';
import { createReunited, deleteReunited, getReunited, listReunited, updateReunited } from './reunited.service';

const Id = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const errors = Object.fromEntries([400, 401, 403, 404, 409].map((s) => [s, ErrorSchema]));
const tags = ['reunited works'];

/** Reunited works: records held by different institutions that once formed one object, and their combined IIIF Manifest. */
export const reunitedRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store, config }) => {
  app.get('/api/v1/reunited', {
    schema: { tags, summary: 'Reunited works, each with the fragments you may see', response: { 200: Type.Object({ items: Type.Array(ReunitedSchema) }), ...errors } },
    handler: async (req) => ({ items: await listReunited(store, req.actor) }),
  });

  app.post('/api/v1/reunited', {
    schema: { tags, summary: 'Gather at least two records you can see as the fragments of one work (curators of institutionId)', body: ReunitedInputSchema, response: { 201: ReunitedSchema, ...errors } },
    handler: async (req, reply) => {
      const work = await createReunited(store, req.actor, req.body);
      return reply.code(201).header('location', `/api/v1/reunited/${work.id}`).send(work);
    },
  });

  app.get('/api/v1/reunited/:id', {
    schema: { tags, summary: 'A reunited work with the fragments you may see', params: Id, response: { 200: ReunitedSchema, ...errors } },
    handler: async (req) => getReunited(store, req.actor, req.params.id),
  });

  app.patch('/api/v1/reunited/:id', {
    schema: { tags, summary: 'Change a reunited work; fragments given replace the list', params: Id, body: ReunitedInputSchema, response: { 200: ReunitedSchema, ...errors } },
    handler: async (req) => updateReunited(store, req.actor, req.params.id, req.body),
  });

  app.delete('/api/v1/reunited/:id', {
    schema: { tags, summary: 'Delete a reunited work (its records stay)', params: Id, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await deleteReunited(store, req.actor, req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/iiif/manifest/reunited/:id', {
    schema: {
      tags: ['iiif'],
      summary: 'The combined IIIF Presentation 3 Manifest of a reunited work: each fragment’s canvases from its holder’s own image service',
      params: Id,
      response: { 200: Type.Unknown({ description: 'A IIIF Presentation 3 Manifest' }), ...errors },
    },
    handler: async (req, reply) => {
      const doc = await reunitedManifest(store, req.actor, req.params.id, config.publicUrl);
      return reply
        .header('cache-control', req.actor.kind === 'public' ? 'public, max-age=300' : 'private, no-cache')
        .type(/application\/json/.test(req.headers.accept ?? '') && !/ld\+json/.test(req.headers.accept ?? '') ? 'application/json' : PRESENTATION_LD_JSON)
        .send(JSON.stringify(doc));
    },
  });
};
