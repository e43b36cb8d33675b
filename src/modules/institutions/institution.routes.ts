import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { expectedVersion, setVersionTag } from '../../shared/http';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { ErrorSchema } from '../../shared/error-handler';
import { InstitutionInputSchema, InstitutionSchema } from './institution.schema';
import { createInstitution, getInstitution, listInstitutions, updateInstitution } from './institution.service';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 428: ErrorSchema };

/** The institutions API: the alliance's members. */
export const institutionRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store }) => {
  app.get('/api/v1/institutions', {
    schema: {
      tags: ['institutions'],
      summary: 'List member institutions',
      querystring: Type.Object({
        country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
        kind: Type.Optional(Type.String()),
        cursor: Type.Optional(Type.String()),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(InstitutionSchema), next: Type.Union([Type.String(), Type.Null()]) }), 400: ErrorSchema },
    },
    handler: async (req) => listInstitutions(store.db, req.query),
  });

  app.get('/api/v1/institutions/:id', {
    schema: { tags: ['institutions'], params: Type.Object({ id: Type.String({ pattern: ID_PATTERN }) }), response: { 200: InstitutionSchema, 404: ErrorSchema } },
    handler: async (req, reply) => {
      const inst = await getInstitution(store.db, req.params.id);
      setVersionTag(reply, inst.version);
      return inst;
    },
  });

  app.post('/api/v1/institutions', {
    schema: { tags: ['institutions'], summary: 'Admit an institution (alliance admins)', body: InstitutionInputSchema, response: { 201: InstitutionSchema, ...errors } },
    handler: async (req, reply) => {
      const inst = await createInstitution(store.db, req.actor, req.body);
      setVersionTag(reply, inst.version);
      reply.code(201).header('location', `/api/v1/institutions/${inst.id}`);
      return inst;
    },
  });

  app.put('/api/v1/institutions/:id', {
    schema: {
      tags: ['institutions'],
      summary: 'Update an institution; send the version you edited in If-Match',
      params: Type.Object({ id: Type.String({ pattern: ID_PATTERN }) }),
      body: InstitutionInputSchema,
      response: { 200: InstitutionSchema, ...errors },
    },
    handler: async (req, reply) => {
      const inst = await updateInstitution(store.db, req.actor, req.params.id, req.body, expectedVersion(req));
      setVersionTag(reply, inst.version);
      return inst;
    },
  });
};
