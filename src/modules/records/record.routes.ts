import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { expectedVersion, setVersionTag } from '../../shared/http';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { ErrorSchema } from '../../shared/error-handler';
import { RecordInputSchema, RecordSchema } from './record.schema';
import { createRecord, deleteRecord, getRecordJson, listRecords, restoreRecord, updateRecord } from './record.service';
import { getVersion, listVersions, revertRecord } from './record.history';

const Id = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 428: ErrorSchema };

/** The records API: create, read, update with optimistic concurrency, soft delete and restore, list, history. */
export const recordRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store }) => {
  app.get('/api/v1/records', {
    schema: {
      tags: ['records'],
      summary: 'List records visible to you, in a stable order, with cursor pagination',
      querystring: Type.Object({
        institution: Type.Optional(Type.String()),
        updatedSince: Type.Optional(Type.String({ description: 'ISO 8601 date-time' })),
        cursor: Type.Optional(Type.String()),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(RecordSchema), next: Type.Union([Type.String(), Type.Null()]) }), 400: ErrorSchema },
    },
    handler: async (req) =>
      listRecords(store, req.actor, { institutionId: req.query.institution, cursor: req.query.cursor, limit: req.query.limit, updatedSince: req.query.updatedSince }),
  });

  app.get('/api/v1/records/:id', {
    schema: { tags: ['records'], summary: 'Read one record (its ETag is its version; If-None-Match answers 304)', params: Id, response: { 200: RecordSchema, 304: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      const { json, version } = await getRecordJson(store, req.actor, req.params.id);
      setVersionTag(reply, version);
      if (req.headers['if-none-match'] === `"${version}"`) return reply.code(304).send(null);
      // Already JSON text of the Record schema: sent as it is, not serialised again.
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  });

  app.post('/api/v1/records', {
    schema: { tags: ['records'], summary: 'Catalogue a new record', body: RecordInputSchema, response: { 201: RecordSchema, ...errors } },
    handler: async (req, reply) => {
      const record = await createRecord(store, req.actor, req.body);
      setVersionTag(reply, record.version);
      reply.code(201).header('location', `/api/v1/records/${record.id}`);
      return record;
    },
  });

  app.put('/api/v1/records/:id', {
    schema: {
      tags: ['records'],
      summary: 'Replace a record; send the version you edited in If-Match (a stale edit gets 409 and changes nothing)',
      params: Id,
      headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }),
      body: RecordInputSchema,
      response: { 200: RecordSchema, ...errors },
    },
    handler: async (req, reply) => {
      const record = await updateRecord(store, req.actor, req.params.id, req.body, expectedVersion(req));
      setVersionTag(reply, record.version);
      return record;
    },
  });

  app.delete('/api/v1/records/:id', {
    schema: { tags: ['records'], summary: 'Move a record to the trash (restorable)', params: Id, response: { 200: RecordSchema, ...errors } },
    handler: async (req) => deleteRecord(store, req.actor, req.params.id, req.headers['if-match'] ? expectedVersion(req) : undefined),
  });

  app.post('/api/v1/records/:id/restore', {
    schema: { tags: ['records'], summary: 'Restore a deleted record', params: Id, response: { 200: RecordSchema, ...errors } },
    handler: async (req) => restoreRecord(store, req.actor, req.params.id, req.headers['if-match'] ? expectedVersion(req) : undefined),
  });

  app.get('/api/v1/records/:id/versions', {
    schema: {
      tags: ['records'],
      summary: 'The history of a record (editors): every version, who made it, when, and what it changed',
      params: Id,
      response: {
        200: Type.Object({
          items: Type.Array(
            Type.Object({
              version: Type.Integer(),
              action: Type.String(),
              actor: Type.Union([Type.String(), Type.Null()]),
              at: Type.String(),
              current: Type.Boolean(),
              changes: Type.Array(Type.Object({ path: Type.String(), before: Type.Union([Type.String(), Type.Null()]), after: Type.Union([Type.String(), Type.Null()]) })),
            }),
          ),
        }),
        ...errors,
      },
    },
    handler: async (req) => ({ items: await listVersions(store, req.actor, req.params.id) }),
  });

  app.get('/api/v1/records/:id/versions/:version', {
    schema: { tags: ['records'], summary: 'The document of one version', params: Type.Object({ id: Type.String({ pattern: ID_PATTERN }), version: Type.Integer({ minimum: 1 }) }), response: { 200: Type.Unknown(), ...errors } },
    handler: async (req) => getVersion(store, req.actor, req.params.id, req.params.version),
  });

  app.post('/api/v1/records/:id/versions/:version/restore', {
    schema: {
      tags: ['records'],
      summary: 'Make an earlier version current again (as a new version)',
      params: Type.Object({ id: Type.String({ pattern: ID_PATTERN }), version: Type.Integer({ minimum: 1 }) }),
      response: { 200: RecordSchema, ...errors },
    },
    handler: async (req) => revertRecord(store, req.actor, req.params.id, req.params.version, req.headers['if-match'] ? expectedVersion(req) : undefined),
  });
};
