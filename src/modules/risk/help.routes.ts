import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { HELP_KINDS } from './help-match';
import { advanceMatch, createOffer, createRequest, getRequest, listOffers, listRequests, proposeMatch } from './help.service';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Kind = Type.Union(HELP_KINDS.map((k) => Type.Literal(k)));
const Id = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const tags = ['risk'];

const Common = {
  id: Type.String(),
  institutionId: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  skill: Nullable(Type.String()),
  languages: Type.Array(Type.String()),
  quantity: Type.Number(),
  unit: Type.String(),
  status: Type.String(),
  createdAt: Type.String(),
  canEdit: Type.Boolean(),
};
const MatchSchema = Type.Object({
  id: Type.String(),
  requestId: Type.String(),
  offerId: Type.String(),
  quantity: Type.Number(),
  status: Type.String({ description: 'proposed, accepted, delivered or declined' }),
  proposedBy: Type.String(),
  createdAt: Type.String(),
  deliveredAt: Nullable(Type.String()),
});
const RequestSchema = Type.Object({
  ...Common,
  incidentId: Nullable(Type.String()),
  recordId: Nullable(Type.String()),
  neededFrom: Type.String(),
  neededUntil: Type.String(),
  covered: Type.Number({ description: 'Accepted and delivered matches' }),
  delivered: Type.Number(),
  remaining: Type.Number(),
  matches: Type.Array(MatchSchema),
});
const OfferSchema = Type.Object({ ...Common, availableFrom: Type.String(), availableUntil: Type.String(), given: Type.Number(), remaining: Type.Number(), lat: Nullable(Type.Number()), lon: Nullable(Type.Number()) });
const Input = {
  institutionId: Type.String({ pattern: ID_PATTERN }),
  kind: Kind,
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  skill: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  languages: Type.Optional(Type.Array(Type.String({ maxLength: 35 }), { maxItems: 20 })),
  quantity: Type.Number({ exclusiveMinimum: 0 }),
  unit: Type.String({ minLength: 1, maxLength: 40, description: 'experts, days, USD, boxes, m²...' }),
  lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  lon: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
};

/** Help: requests (experts by skill, funds, equipment, materials, emergency digitisation, temporary storage), offers, and matches tracked to delivery. */
export const helpRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store }) => {
  app.get('/api/v1/risk/help/requests', {
    schema: { tags, summary: 'Requests for help, with what is covered (alliance members)', querystring: Type.Object({ status: Type.Optional(Type.String()), incident: Type.Optional(Type.String()) }), response: { 200: Type.Object({ items: Type.Array(RequestSchema) }) } },
    handler: async (req) => ({ items: await listRequests(store, req.actor, { status: req.query.status, incidentId: req.query.incident }) }),
  });

  app.post('/api/v1/risk/help/requests', {
    schema: {
      tags,
      summary: 'Ask for help on behalf of your institution',
      body: Type.Object({ ...Input, neededFrom: Type.String({ format: 'date' }), neededUntil: Type.String({ format: 'date' }), incidentId: Type.Optional(Nullable(Type.String())), recordId: Type.Optional(Nullable(Type.String())) }, { additionalProperties: false }),
      response: { 201: RequestSchema, ...errors },
    },
    handler: async (req, reply) => {
      const { neededFrom, neededUntil, ...rest } = req.body;
      return reply.code(201).send(await createRequest(store, req.actor, { ...rest, from: neededFrom, until: neededUntil }));
    },
  });

  app.get('/api/v1/risk/help/requests/:id', {
    schema: {
      tags,
      summary: 'A request, its matches, and suggested offers ranked by skill, language, distance and availability',
      params: Id,
      response: { 200: Type.Object({ request: RequestSchema, suggestions: Type.Array(Type.Object({ offer: OfferSchema, score: Type.Number(), skill: Type.Number(), languages: Type.Array(Type.String()), distanceKm: Nullable(Type.Number()), quantity: Type.Number() })) }), ...errors },
    },
    handler: async (req) => {
      const { request, suggestions } = await getRequest(store, req.actor, req.params.id);
      return { request, suggestions: suggestions.map((s) => ({ offer: s.offer, ...s.match })) };
    },
  });

  app.get('/api/v1/risk/help/offers', {
    schema: { tags, summary: 'Offers of help, with what each has left to give (alliance members)', querystring: Type.Object({ kind: Type.Optional(Kind) }), response: { 200: Type.Object({ items: Type.Array(OfferSchema) }) } },
    handler: async (req) => ({ items: await listOffers(store, req.actor, { kind: req.query.kind }) }),
  });

  app.post('/api/v1/risk/help/offers', {
    schema: {
      tags,
      summary: 'Offer help on behalf of your institution',
      body: Type.Object({ ...Input, availableFrom: Type.String({ format: 'date' }), availableUntil: Type.String({ format: 'date' }) }, { additionalProperties: false }),
      response: { 201: OfferSchema, ...errors },
    },
    handler: async (req, reply) => {
      const { availableFrom, availableUntil, ...rest } = req.body;
      return reply.code(201).send(await createOffer(store, req.actor, { ...rest, from: availableFrom, until: availableUntil }));
    },
  });

  app.post('/api/v1/risk/help/matches', {
    schema: {
      tags,
      summary: 'Propose an offer for a request (the other side accepts)',
      body: Type.Object({ requestId: Type.String(), offerId: Type.String(), quantity: Type.Optional(Type.Number({ exclusiveMinimum: 0 })) }, { additionalProperties: false }),
      response: { 201: MatchSchema, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await proposeMatch(store, req.actor, req.body)),
  });

  for (const action of ['accept', 'decline', 'deliver'] as const) {
    app.post(`/api/v1/risk/help/matches/:id/${action}`, {
      schema: { tags, summary: { accept: 'Accept a proposed match (the other side)', decline: 'Decline a match', deliver: 'Confirm that an accepted match was delivered (the requesting side)' }[action], params: Id, response: { 200: MatchSchema, ...errors } },
      handler: async (req) => advanceMatch(store, req.actor, (req.params as { id: string }).id, action),
    });
  }
};
