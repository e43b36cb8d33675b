import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { NEED_KINDS } from './need.table';
import { createNeed, getNeed, listNeeds, pledge, setNeedStatus, setPledgeStatus } from './need.service';
import { errors, IdParams, NeedInputSchema, NeedSchema, PartParams, PledgeInputSchema } from './project.schema';
import { tx } from './project.routes';

const tags = ['needs'];

/** The resource-mobilisation API: needs of projects and members, and pledges against them. */
export const needRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store }) => {
  const { db } = store;

  app.get('/api/v1/needs', {
    schema: {
      tags,
      summary: 'Needs you may see (open ones by default; alliance admins see every need of the alliance)',
      querystring: Type.Object({
        status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
        kind: Type.Optional(Type.Union(NEED_KINDS.map((k) => Type.Literal(k)))),
        project: Type.Optional(Type.String({ pattern: ID_PATTERN })),
        institution: Type.Optional(Type.String({ pattern: ID_PATTERN })),
        uncovered: Type.Optional(Type.Boolean({ description: 'Only needs with something still open' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        offset: Type.Optional(Type.Integer({ minimum: 0 })),
      }),
      response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(NeedSchema) }), ...errors },
    },
    handler: async (req) => {
      const q = req.query;
      return listNeeds(db, req.actor, { status: q.status, kind: q.kind, projectId: q.project, institutionId: q.institution, uncovered: q.uncovered, limit: q.limit, offset: q.offset });
    },
  });

  app.post('/api/v1/needs', {
    schema: { tags, summary: "Publish a need of a project (its partners' staff) or of your institution", body: NeedInputSchema, response: { 201: NeedSchema, ...errors } },
    handler: async (req, reply) => {
      const need = await tx(db, (trx) => createNeed(trx, req.actor, req.body));
      return reply.code(201).header('location', `/api/v1/needs/${need.id}`).send(need);
    },
  });

  app.get('/api/v1/needs/:id', { schema: { tags, summary: 'One need with what is pledged and what is still open', params: IdParams, response: { 200: NeedSchema, ...errors } }, handler: async (req) => getNeed(db, req.actor, req.params.id) });

  app.patch('/api/v1/needs/:id', {
    schema: { tags, summary: 'Close or reopen a need (the asking side)', params: IdParams, body: Type.Object({ status: Type.Union([Type.Literal('open'), Type.Literal('closed')]) }, { additionalProperties: false }), response: { 200: NeedSchema, ...errors } },
    handler: async (req) => setNeedStatus(db, req.actor, req.params.id, req.body.status),
  });

  app.post('/api/v1/needs/:id/pledges', {
    schema: { tags, summary: 'Pledge part of a need for your institution (at most what is still open)', params: IdParams, body: PledgeInputSchema, response: { 201: NeedSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await tx(db, (trx) => pledge(trx, req.actor, req.params.id, req.body))),
  });

  app.patch('/api/v1/needs/:id/pledges/:partId', {
    schema: {
      tags,
      summary: 'Accept a pledge (the asking side) or withdraw it (the pledging institution)',
      params: PartParams,
      body: Type.Object({ status: Type.Union([Type.Literal('accepted'), Type.Literal('withdrawn')]) }, { additionalProperties: false }),
      response: { 200: NeedSchema, ...errors },
    },
    handler: async (req) => tx(db, (trx) => setPledgeStatus(trx, req.actor, req.params.id, req.params.partId, req.body.status)),
  });
};
