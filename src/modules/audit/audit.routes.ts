import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleOptions } from '../../shared/request-context';
import { ErrorSchema } from '../../shared/error-handler';
import { listAuditEvents } from './audit.service';

const Event = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actor: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  institutionId: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

/** GET /api/v1/audit: the audit log, newest first, for alliance admins. */
export const auditRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store }) => {
  app.get('/api/v1/audit', {
    schema: {
      tags: ['accounts'],
      summary: 'The audit log (alliance admins): who did what, when, from where',
      querystring: Type.Object({
        action: Type.Optional(Type.String({ maxLength: 100, description: 'An action or its prefix, e.g. record or record.update' })),
        actor: Type.Optional(Type.String({ maxLength: 200 })),
        target: Type.Optional(Type.String({ maxLength: 200 })),
        institution: Type.Optional(Type.String({ maxLength: 200 })),
        since: Type.Optional(Type.String({ maxLength: 40 })),
        until: Type.Optional(Type.String({ maxLength: 40 })),
        before: Type.Optional(Type.Integer({ minimum: 1, description: 'Cursor: the next value of the previous page' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(Event), next: Type.Union([Type.Integer(), Type.Null()]) }), 401: ErrorSchema, 403: ErrorSchema },
    },
    handler: async (req) =>
      listAuditEvents(store.db, req.actor, {
        action: req.query.action,
        actorId: req.query.actor,
        targetId: req.query.target,
        institutionId: req.query.institution,
        since: req.query.since,
        until: req.query.until,
        before: req.query.before,
        limit: req.query.limit,
      }),
  });
};
