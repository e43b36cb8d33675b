import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { ANALYSIS_METHODS } from './analysis.table';
import { createAnalysis, deleteAnalysis, getAnalysis, searchAnalyses, updateAnalysis } from './analysis.service';
import { AnalysisInputSchema, AnalysisSchema, errors, IdParams } from './project.schema';

const tags = ['analyses'];

/** The scientific-analyses API: results recorded against records or sites, searchable by words and method. */
export const analysisRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store }) => {
  const { db } = store;

  app.get('/api/v1/analyses', {
    schema: {
      tags,
      summary: 'Search scientific analyses you may see: words in sample, result, laboratory, people or site; a method; a record; a project',
      querystring: Type.Object({
        q: Type.Optional(Type.String({ maxLength: 200 })),
        method: Type.Optional(Type.Union(ANALYSIS_METHODS.map((m) => Type.Literal(m)))),
        record: Type.Optional(Type.String({ pattern: ID_PATTERN })),
        project: Type.Optional(Type.String({ pattern: ID_PATTERN })),
        institution: Type.Optional(Type.String({ pattern: ID_PATTERN })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        offset: Type.Optional(Type.Integer({ minimum: 0 })),
      }),
      response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(AnalysisSchema), facets: Type.Object({ method: Type.Record(Type.String(), Type.Integer()) }) }), ...errors },
    },
    handler: async (req) => {
      const q = req.query;
      return searchAnalyses(db, req.actor, { q: q.q, method: q.method, recordId: q.record, projectId: q.project, institutionId: q.institution, limit: q.limit, offset: q.offset });
    },
  });

  app.post('/api/v1/analyses', {
    schema: { tags, summary: 'Record an analysis against a record or a site (staff of member institutions)', body: AnalysisInputSchema, response: { 201: AnalysisSchema, ...errors } },
    handler: async (req, reply) => {
      const a = await createAnalysis(db, req.actor, req.body);
      return reply.code(201).header('location', `/api/v1/analyses/${a.id}`).send(a);
    },
  });

  app.get('/api/v1/analyses/:id', { schema: { tags, summary: 'One analysis', params: IdParams, response: { 200: AnalysisSchema, ...errors } }, handler: async (req) => getAnalysis(db, req.actor, req.params.id) });

  app.put('/api/v1/analyses/:id', {
    schema: { tags, summary: 'Replace an analysis (the recording institution)', params: IdParams, body: AnalysisInputSchema, response: { 200: AnalysisSchema, ...errors } },
    handler: async (req) => updateAnalysis(db, req.actor, req.params.id, req.body),
  });

  app.delete('/api/v1/analyses/:id', {
    schema: { tags, summary: 'Delete an analysis (the recording institution)', params: IdParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await deleteAnalysis(db, req.actor, req.params.id);
      return reply.code(204).send(null);
    },
  });
};
