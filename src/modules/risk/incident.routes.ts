import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { mediaStoreFor } from '../media/media.module';
import { getAssessment, listAssessments, saveAssessment, type AssessmentDeps } from './assessment.service';
import { INCIDENT_KINDS, INCIDENT_STATUSES } from './incident';
import { AssessmentInputSchema, AssessmentSchema, IncidentInputSchema, IncidentSchema } from './incident.schema';
import { createIncident, getIncident, linkSite, listIncidents, unlinkSite, updateIncident } from './incident.service';

const Id = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const tags = ['risk'];

/** Incidents (from report to closure, with the sites they affect) and their damage assessments. */
export const incidentRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store, config }) => {
  const deps: AssessmentDeps = { store, files: mediaStoreFor(config), maxPixels: config.maxImagePixels };

  app.get('/api/v1/risk/incidents', {
    schema: {
      tags,
      summary: 'Incidents, newest first, with the affected sites you may see',
      querystring: Type.Object({ status: Type.Optional(Type.Union(INCIDENT_STATUSES.map((s) => Type.Literal(s)))), kind: Type.Optional(Type.Union(INCIDENT_KINDS.map((k) => Type.Literal(k)))) }),
      response: { 200: Type.Object({ items: Type.Array(IncidentSchema) }), 400: ErrorSchema },
    },
    handler: async (req) => ({ items: await listIncidents(store, req.actor, req.query) }),
  });

  app.post('/api/v1/risk/incidents', {
    schema: { tags, summary: 'Open an incident (an earthquake, flood, fire, storm, conflict, looting, theft...)', body: IncidentInputSchema, response: { 201: IncidentSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await createIncident(store, req.actor, req.body)),
  });

  app.get('/api/v1/risk/incidents/:id', {
    schema: { tags, summary: 'One incident', params: Id, response: { 200: IncidentSchema, ...errors } },
    handler: async (req) => getIncident(store, req.actor, req.params.id),
  });

  app.put('/api/v1/risk/incidents/:id', {
    schema: { tags, summary: 'Update an incident: its status from report to closure, date, area, description', params: Id, body: IncidentInputSchema, response: { 200: IncidentSchema, ...errors } },
    handler: async (req) => updateIncident(store, req.actor, req.params.id, req.body),
  });

  app.post('/api/v1/risk/incidents/:id/sites', {
    schema: { tags, summary: 'Link an affected site or record', params: Id, body: Type.Object({ recordId: Type.String({ pattern: ID_PATTERN }) }, { additionalProperties: false }), response: { 200: IncidentSchema, ...errors } },
    handler: async (req) => {
      await linkSite(store, req.actor, req.params.id, req.body.recordId);
      return getIncident(store, req.actor, req.params.id);
    },
  });

  app.delete('/api/v1/risk/incidents/:id/sites/:recordId', {
    schema: { tags, summary: 'Unlink a site', params: Type.Object({ id: Type.String({ pattern: ID_PATTERN }), recordId: Type.String({ pattern: ID_PATTERN }) }), response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await unlinkSite(store, req.actor, req.params.id, req.params.recordId);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/risk/incidents/:id/assessments', {
    schema: { tags, summary: 'Damage assessments of an incident: submitted ones for alliance members, and your drafts', params: Id, response: { 200: Type.Object({ items: Type.Array(AssessmentSchema) }), ...errors } },
    handler: async (req) => {
      await getIncident(store, req.actor, req.params.id);
      return { items: await listAssessments(deps, req.actor, req.params.id) };
    },
  });

  app.post('/api/v1/risk/incidents/:id/assessments', {
    schema: {
      tags,
      summary: 'Record a damage assessment of an affected site (a draft, or submitted); photos are added through the assessment form',
      params: Id,
      body: AssessmentInputSchema,
      response: { 200: AssessmentSchema, 201: AssessmentSchema, ...errors },
    },
    handler: async (req, reply) => {
      const { submit, draftId, ...input } = req.body;
      const saved = await saveAssessment(deps, req.actor, req.params.id, input, { submit: !!submit, draftId });
      return reply.code(draftId ? 200 : 201).send(saved);
    },
  });

  app.get('/api/v1/risk/assessments/:id', {
    schema: { tags, summary: 'One damage assessment', params: Id, response: { 200: AssessmentSchema, ...errors } },
    handler: async (req) => getAssessment(deps, req.actor, req.params.id),
  });
};
