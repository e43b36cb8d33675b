import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/database';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { mediaStoreFor } from '../media/media.module';
import { projectFigures } from './project.figures';
import { deleteFiles } from './project.documents';
import { addMilestone, addOutput, listMilestones, listOutputs, listUpdates, publishUpdate, removeMilestone, removeOutput, removeUpdate, setMilestoneDone } from './project.content';
import { addPartner, addSite, removePartner, removeSite } from './project.partners';
import { createProject, deleteProject, getProject, listProjects, updateProject } from './project.service';
import {
  errors,
  IdParams,
  MilestoneSchema,
  OutputInputSchema,
  OutputSchema,
  PartParams,
  PartnerInputSchema,
  ProjectInputSchema,
  ProjectPatchSchema,
  ProjectSchema,
  SiteInputSchema,
  UpdateSchema,
} from './project.schema';
import { LangMapSchema } from '../../shared/schema-helpers';
import { PROJECT_KINDS, PROJECT_STATUSES } from './project.table';
import { ANALYSIS_METHODS } from './analysis.table';

const tags = ['projects'];
const Counts = Type.Record(Type.String(), Type.Integer());

/** Runs a change in one transaction (services compose inside it). */
export function tx<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** The projects API: projects, partners, sites, milestones, updates and outputs. */
export const projectRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store, config }) => {
  const files = mediaStoreFor(config);
  const { db } = store;

  app.get('/api/v1/projects', {
    schema: {
      tags,
      summary: 'Projects you may see, with counts by kind, status and partner country',
      querystring: Type.Object({
        kind: Type.Optional(Type.Union(PROJECT_KINDS.map((k) => Type.Literal(k)))),
        status: Type.Optional(Type.Union(PROJECT_STATUSES.map((k) => Type.Literal(k)))),
        country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
        institution: Type.Optional(Type.String({ pattern: ID_PATTERN })),
        year: Type.Optional(Type.Integer({ minimum: -10000, maximum: 10000, description: 'Active during this year' })),
        method: Type.Optional(Type.Union(ANALYSIS_METHODS.map((k) => Type.Literal(k)), { description: 'With a scientific analysis of this method' })),
        q: Type.Optional(Type.String({ maxLength: 200 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        offset: Type.Optional(Type.Integer({ minimum: 0 })),
      }),
      response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(ProjectSchema), facets: Type.Object({ kind: Counts, status: Counts, country: Counts }) }), ...errors },
    },
    handler: async (req) => {
      const q = req.query;
      const r = await listProjects(db, req.actor, { ...q, country: q.country?.toUpperCase(), institutionId: q.institution, analysisMethod: q.method });
      return { total: r.total, items: r.items, facets: { kind: Object.fromEntries(r.facets.kind), status: Object.fromEntries(r.facets.status), country: Object.fromEntries(r.facets.country) } };
    },
  });

  app.get('/api/v1/projects/figures', {
    schema: {
      tags,
      summary: 'Per kind: projects you may see (active during a year, if given) and the distinct countries of their partners',
      querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: -10000, maximum: 10000 })) }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ kind: Type.String(), projects: Type.Integer(), countries: Type.Integer() })) }) },
    },
    handler: async (req) => ({ items: await projectFigures(db, req.actor, { year: req.query.year }) }),
  });

  app.post('/api/v1/projects', {
    schema: { tags, summary: 'Create a project led by your institution (it becomes the lead partner)', body: ProjectInputSchema, response: { 201: ProjectSchema, ...errors } },
    handler: async (req, reply) => {
      const p = await createProject(db, req.actor, req.body);
      return reply.code(201).header('location', `/api/v1/projects/${p.id}`).send(p);
    },
  });

  app.get('/api/v1/projects/:id', { schema: { tags, summary: 'One project', params: IdParams, response: { 200: ProjectSchema, ...errors } }, handler: async (req) => getProject(db, req.actor, req.params.id) });

  app.patch('/api/v1/projects/:id', {
    schema: { tags, summary: "Change a project's fields (partners' staff; visibility: the lead institution)", params: IdParams, body: ProjectPatchSchema, response: { 200: ProjectSchema, ...errors } },
    handler: async (req) => tx(db, (trx) => updateProject(trx, req.actor, req.params.id, req.body)),
  });

  app.delete('/api/v1/projects/:id', {
    schema: { tags, summary: 'Delete a project with its parts and needs (the lead institution)', params: IdParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await deleteFiles(files, await tx(db, (trx) => deleteProject(trx, req.actor, req.params.id)));
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/projects/:id/partners', {
    schema: { tags, summary: 'Add a partner: an institution of the alliance or a state body (the lead institution)', params: IdParams, body: PartnerInputSchema, response: { 201: ProjectSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await tx(db, (trx) => addPartner(trx, req.actor, req.params.id, req.body))),
  });
  app.delete('/api/v1/projects/:id/partners/:partId', {
    schema: { tags, summary: 'Remove a partner (the lead institution)', params: PartParams, response: { 200: ProjectSchema, ...errors } },
    handler: async (req) => tx(db, (trx) => removePartner(trx, req.actor, req.params.id, req.params.partId)),
  });

  app.post('/api/v1/projects/:id/sites', {
    schema: { tags, summary: 'Add a site (with coordinates for the map)', params: IdParams, body: SiteInputSchema, response: { 201: ProjectSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await tx(db, (trx) => addSite(trx, req.actor, req.params.id, req.body))),
  });
  app.delete('/api/v1/projects/:id/sites/:partId', {
    schema: { tags, summary: 'Remove a site', params: PartParams, response: { 200: ProjectSchema, ...errors } },
    handler: async (req) => tx(db, (trx) => removeSite(trx, req.actor, req.params.id, req.params.partId)),
  });

  app.get('/api/v1/projects/:id/milestones', {
    schema: { tags, summary: 'Milestones of a project', params: IdParams, response: { 200: Type.Object({ items: Type.Array(MilestoneSchema) }), ...errors } },
    handler: async (req) => ({ items: await listMilestones(db, req.actor, req.params.id) }),
  });
  app.post('/api/v1/projects/:id/milestones', {
    schema: { tags, summary: 'Add a milestone', params: IdParams, body: Type.Object({ title: LangMapSchema, dueDate: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])) }, { additionalProperties: false }), response: { 201: MilestoneSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await tx(db, (trx) => addMilestone(trx, req.actor, req.params.id, req.body))),
  });
  app.patch('/api/v1/projects/:id/milestones/:partId', {
    schema: { tags, summary: 'Mark a milestone reached (done: true) or open again', params: PartParams, body: Type.Object({ done: Type.Boolean() }, { additionalProperties: false }), response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await setMilestoneDone(db, req.actor, req.params.id, req.params.partId, req.body.done);
      return reply.code(204).send(null);
    },
  });
  app.delete('/api/v1/projects/:id/milestones/:partId', {
    schema: { tags, summary: 'Remove a milestone', params: PartParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await removeMilestone(db, req.actor, req.params.id, req.params.partId);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/projects/:id/updates', {
    schema: { tags, summary: "A project's news feed, newest first", params: IdParams, querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }), response: { 200: Type.Object({ items: Type.Array(UpdateSchema) }), ...errors } },
    handler: async (req) => ({ items: await listUpdates(db, req.actor, req.params.id, req.query.limit) }),
  });
  app.post('/api/v1/projects/:id/updates', {
    schema: {
      tags,
      summary: 'Publish an update to the news feed (text; an image is added through the project page form)',
      params: IdParams,
      body: Type.Object({ title: LangMapSchema, body: LangMapSchema }, { additionalProperties: false }),
      response: { 201: UpdateSchema, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await tx(db, (trx) => publishUpdate(trx, req.actor, req.params.id, req.body))),
  });

  app.delete('/api/v1/projects/:id/updates/:partId', {
    schema: { tags, summary: 'Remove an update from the news feed, with its image (partners’ staff)', params: PartParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await deleteFiles(files, [await removeUpdate(db, req.actor, req.params.id, req.params.partId)]);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/projects/:id/outputs', {
    schema: { tags, summary: 'Outputs of a project: records, publications, datasets, documents (members-only ones for members)', params: IdParams, response: { 200: Type.Object({ items: Type.Array(OutputSchema) }), ...errors } },
    handler: async (req) => ({ items: await listOutputs(db, req.actor, req.params.id) }),
  });
  app.post('/api/v1/projects/:id/outputs', {
    schema: { tags, summary: 'Add an output; a record output links the record to the project both ways', params: IdParams, body: OutputInputSchema, response: { 201: OutputSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await tx(db, (trx) => addOutput(trx, req.actor, req.params.id, req.body))),
  });
  app.delete('/api/v1/projects/:id/outputs/:partId', {
    schema: { tags, summary: 'Remove an output (a linked record itself stays)', params: PartParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await deleteFiles(files, [await removeOutput(db, req.actor, req.params.id, req.params.partId)]);
      return reply.code(204).send(null);
    },
  });
};
