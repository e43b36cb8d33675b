import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { addThreat, getRiskSite, listRegister, removeThreat, saveEntry } from './risk-register.service';
import { EntryInputSchema, EntrySchema, RegisterItemSchema, RegisterQuerySchema, SensitiveSchema, ThreatInputSchema, ThreatSchema } from './risk.schema';
import { RISK_FACTORS } from './risk.taxonomy';
import { flagSensitive, unflagSensitive } from './sensitive-location.service';

const Site = Type.Object({ recordId: Type.String({ pattern: ID_PATTERN }) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const tags = ['risk'];

/** The heritage-at-risk API: the register of sites and their threats, and sensitive locations. */
export const riskRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store }) => {
  app.get('/api/v1/risk/factors', {
    schema: { tags, summary: 'The UNESCO list of factors affecting heritage: primary factors and their secondary factors', response: { 200: Type.Record(Type.String(), Type.Array(Type.String())) } },
    handler: async () => Object.fromEntries(Object.entries(RISK_FACTORS).map(([p, s]) => [p, [...s]])),
  });

  app.get('/api/v1/risk/register', {
    schema: { tags, summary: 'The risk register: sites and records you may see, with their threats, most urgent first', querystring: RegisterQuerySchema, response: { 200: Type.Object({ items: Type.Array(RegisterItemSchema) }), 400: ErrorSchema } },
    handler: async (req) => ({ items: await listRegister(store, req.actor, { ...req.query, institutionId: req.query.institution }) }),
  });

  app.get('/api/v1/risk/sites/:recordId', {
    schema: {
      tags,
      summary: 'A site’s register entry (null when not in the register) and whether its location is sensitive',
      params: Site,
      response: { 200: Type.Object({ recordId: Type.String(), entry: Type.Union([EntrySchema, Type.Null()]), sensitive: SensitiveSchema, canEdit: Type.Boolean() }), ...errors },
    },
    handler: async (req) => {
      const site = await getRiskSite(store, req.actor, req.params.recordId);
      return { recordId: site.record.id, entry: site.entry, sensitive: site.sensitive, canEdit: site.canEdit };
    },
  });

  app.put('/api/v1/risk/sites/:recordId', {
    schema: { tags, summary: 'Put a site in the register or update its condition, trend, priority, last inspection and responsible institution', params: Site, body: EntryInputSchema, response: { 200: EntrySchema, ...errors } },
    handler: async (req) => saveEntry(store, req.actor, req.params.recordId, req.body),
  });

  app.post('/api/v1/risk/sites/:recordId/threats', {
    schema: { tags, summary: 'Add a threat, under a primary and optionally a secondary factor', params: Site, body: ThreatInputSchema, response: { 201: ThreatSchema, ...errors } },
    handler: async (req, reply) => {
      const threat = await addThreat(store, req.actor, req.params.recordId, req.body);
      return reply.code(201).send(threat);
    },
  });

  app.delete('/api/v1/risk/sites/:recordId/threats/:threatId', {
    schema: { tags, summary: 'Remove a threat', params: Type.Object({ recordId: Type.String({ pattern: ID_PATTERN }), threatId: Type.String({ pattern: ID_PATTERN }) }), response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await removeThreat(store, req.actor, req.params.recordId, req.params.threatId);
      return reply.code(204).send(null);
    },
  });

  app.put('/api/v1/risk/sites/:recordId/sensitive', {
    schema: {
      tags,
      summary: 'Flag a site as sensitive (looting risk): from then on only its staff and the secretariat see its exact coordinates; everyone else, on every surface, a location generalised to 0.1°',
      params: Site,
      body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
      response: { 200: SensitiveSchema, ...errors },
    },
    handler: async (req) => flagSensitive(store, req.actor, req.params.recordId, { reason: req.body.reason }),
  });

  app.delete('/api/v1/risk/sites/:recordId/sensitive', {
    schema: { tags, summary: 'Lift the sensitive flag: the exact coordinates go back into the record and become as visible as the record', params: Site, response: { 200: SensitiveSchema, ...errors } },
    handler: async (req) => unflagSensitive(store, req.actor, req.params.recordId),
  });
};
