import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../../shared/error-handler';
import { ID_PATTERN } from '../../../shared/ids';
import type { ModuleOptions } from '../../../shared/request-context';
import { JOB_STATUSES } from '../../jobs/job.types';
import { HARVEST_PREFIXES } from './harvest.items';
import { registerCheckedSource } from './harvest.preflight';
import { HARVEST_PROTOCOLS } from './harvest.table';
import { deleteSource, getSource, listRuns, listSources, registerSource, runSource, updateSource } from './harvest.service';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const SourceSchema = Type.Object({
  id: Type.String(),
  institutionId: Type.String(),
  protocol: Type.String({ description: '`oai-pmh`, or `iiif-discovery` for a IIIF Change Discovery stream (another Heritage Commons node, for a hub)' }),
  baseUrl: Type.String({ description: 'The OAI-PMH base URL, or the node’s base URL' }),
  metadataPrefix: Type.String(),
  sets: Type.Array(Type.String(), { description: 'setSpecs harvested; empty: the whole repository' }),
  scheduleHours: Nullable(Type.Integer({ description: 'Hours between scheduled harvests; null: only when asked' })),
  lastDatestamp: Nullable(Type.String({ description: 'The `from` of the next harvest (the last successful one’s responseDate)' })),
  lastRunAt: Nullable(Type.String()),
  nextRunAt: Nullable(Type.String()),
  lastJobId: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const RunSchema = Type.Object({
  id: Type.String(),
  jobId: Type.String(),
  status: Type.String({ description: 'running, retrying, succeeded, failed or cancelled' }),
  startedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  counts: Type.Record(Type.String(), Type.Number(), { description: 'read, created, updated, unchanged, deleted, rejected, warnings, pages' }),
  error: Nullable(Type.String()),
});
const JobRef = Type.Object({ id: Type.String(), kind: Type.String(), status: Type.Union(JOB_STATUSES.map((s) => Type.Literal(s))), links: Type.Object({ job: Type.String(), report: Type.String() }) });
const Editable = {
  baseUrl: Type.String({ maxLength: 200, pattern: '^https?://', description: 'OAI-PMH base URL (no query)' }),
  metadataPrefix: Type.String({ maxLength: 100, default: 'oai_dc', description: `One of ${HARVEST_PREFIXES.join(', ')}` }),
  sets: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 }),
  scheduleHours: Nullable(Type.Integer({ minimum: 1, maximum: 8784 })),
};
const Id = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const errors = Object.fromEntries([400, 401, 403, 404].map((s) => [s, ErrorSchema]));
const tags = ['harvest'];

/** The harvest API: register OAI-PMH sources of an institution, run them now, read their history. */
export const harvestRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store, config }) => {
  const caller = { config };

  app.get('/api/v1/harvest/sources', {
    schema: { tags, summary: 'The harvest sources you manage (your institutions’; all for alliance admins)', querystring: Type.Object({ institution: Type.Optional(Type.String({ pattern: ID_PATTERN })) }), response: { 200: Type.Object({ items: Type.Array(SourceSchema) }), ...errors } },
    handler: async (req) => ({ items: await listSources(store, req.actor, { institutionId: req.query.institution }) }),
  });

  app.post('/api/v1/harvest/sources', {
    schema: {
      tags,
      summary: 'Register an OAI-PMH endpoint (or a member node’s IIIF Change Discovery stream) to harvest into an institution (curators and admins; token scope import)',
      description:
        'The endpoint is asked first (OAI-PMH: Identify and ListMetadataFormats, and the prefix must be offered; Change Discovery: the collection and its last page), so a wrong URL or prefix is refused at once with 400 saying why. `check=false` registers without asking (an endpoint that is down for now).',
      querystring: Type.Object({ check: Type.Optional(Type.Boolean({ default: true, description: 'Ask the endpoint before registering it (default true)' })) }),
      body: Type.Object({ institutionId: Type.String({ pattern: ID_PATTERN }), protocol: Type.Optional(Type.Union(HARVEST_PROTOCOLS.map((p) => Type.Literal(p)), { default: 'oai-pmh' })), ...Editable, metadataPrefix: Type.Optional(Editable.metadataPrefix), sets: Type.Optional(Editable.sets), scheduleHours: Type.Optional(Editable.scheduleHours) }, { additionalProperties: false }),
      response: { 201: SourceSchema, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await (req.query.check === false ? registerSource : registerCheckedSource)(store, req.actor, caller, req.body)),
  });

  app.get('/api/v1/harvest/sources/:id', {
    schema: { tags, summary: 'One harvest source', params: Id, response: { 200: SourceSchema, ...errors } },
    handler: async (req) => getSource(store, req.actor, req.params.id),
  });

  app.patch('/api/v1/harvest/sources/:id', {
    schema: {
      tags,
      summary: 'Change a source’s endpoint, prefix, sets or schedule (another endpoint, prefix or sets harvests from the beginning)',
      params: Id,
      body: Type.Partial(Type.Object(Editable), { additionalProperties: false }),
      response: { 200: SourceSchema, ...errors },
    },
    handler: async (req) => updateSource(store, req.actor, caller, req.params.id, req.body),
  });

  app.delete('/api/v1/harvest/sources/:id', {
    schema: {
      tags,
      summary: 'Remove a source and its history; its harvested records stay unless purge=true moves them to the trash (a hub letting a member node go)',
      params: Id,
      querystring: Type.Object({ purge: Type.Optional(Type.Boolean({ default: false })) }),
      response: { 200: Type.Object({ trashed: Type.Integer({ description: 'Records moved to the trash (with purge=true)' }) }), 204: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      const done = await deleteSource(store, req.actor, req.params.id, { purge: req.query.purge });
      return req.query.purge ? done : reply.code(204).send(null);
    },
  });

  app.post('/api/v1/harvest/sources/:id/run', {
    schema: {
      tags,
      summary: 'Harvest a source now (incrementally from its last datestamp unless full); 409 while a harvest of it is unfinished',
      params: Id,
      querystring: Type.Object({
        full: Type.Optional(Type.Boolean({ description: 'Harvest everything, ignoring the last datestamp' })),
        from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}Z)?$', description: 'Harvest from this datestamp instead' })),
      }),
      response: { 202: JobRef, ...errors, 409: ErrorSchema },
    },
    handler: async (req, reply) => {
      const job = await runSource(store, req.actor, req.params.id, { full: req.query.full, from: req.query.from });
      const links = { job: `/api/v1/jobs/${job.id}`, report: `/api/v1/imports/${job.id}/report.json` };
      return reply.code(202).send({ id: job.id, kind: job.kind, status: job.status, links });
    },
  });

  app.get('/api/v1/harvest/sources/:id/runs', {
    schema: { tags, summary: 'The history of a source’s harvests, newest first', params: Id, querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })) }), response: { 200: Type.Object({ items: Type.Array(RunSchema) }), ...errors } },
    handler: async (req) => ({ items: await listRuns(store, req.actor, req.params.id, req.query.limit) }),
  });
};
