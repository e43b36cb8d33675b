import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { csvCell } from '../imports/import.report';
import { firstText } from '../../shared/lang-map';
import type { ModuleOptions } from '../../shared/request-context';
import type { NotifyDelivery } from '../notifications/notification.service';
import { addTier, createAlliance, getAlliance, listAlliances, membersOn, membershipHistory, recordMembershipEvent } from './alliance.service';
import { actOnApplication, applyToJoin, getApplication, listApplications } from './application.service';
import { allianceFigures, figuresCsvRows } from './figures.service';
import * as S from './governance.schema';

const tags = ['alliances'];
const AllianceParams = Type.Object({ allianceId: S.IdParams.properties.id });

/** The alliances API: alliances and tiers, membership and its history, applications, figures. */
export const allianceRoutes: FastifyPluginAsyncTypebox<ModuleOptions & { delivery: NotifyDelivery }> = async (app, { store, delivery }) => {
  const db = store.db;
  app.get('/api/v1/alliances', {
    schema: { tags, summary: 'The alliances hosted here, with their membership tiers', response: { 200: Type.Object({ items: Type.Array(S.AllianceSchema) }) } },
    handler: async () => ({ items: await listAlliances(db) }),
  });
  app.post('/api/v1/alliances', {
    schema: { tags, summary: 'Create an alliance with its tiers (the secretariat)', body: S.AllianceInputSchema, response: { 201: S.AllianceSchema, ...S.errors } },
    handler: async (req, reply) => reply.code(201).send(await createAlliance(db, req.actor, req.body)),
  });
  app.get('/api/v1/alliances/:allianceId', {
    schema: { tags, summary: 'One alliance and its tiers', params: AllianceParams, response: { 200: S.AllianceSchema, ...S.errors } },
    handler: async (req) => getAlliance(db, req.params.allianceId),
  });
  app.post('/api/v1/alliances/:allianceId/tiers', {
    schema: { tags, summary: 'Add a membership tier (the secretariat)', params: AllianceParams, body: S.TierInputSchema, response: { 201: S.AllianceSchema, ...S.errors } },
    handler: async (req, reply) => reply.code(201).send(await addTier(db, req.actor, req.params.allianceId, req.body)),
  });
  app.get('/api/v1/alliances/:allianceId/members', {
    schema: {
      tags,
      summary: 'Members on a date (today by default): who, in which tier, since when',
      params: AllianceParams,
      querystring: Type.Object({ date: Type.Optional(Type.String({ description: 'YYYY-MM-DD: who was a member on that day' })) }),
      response: { 200: Type.Object({ date: Type.String(), items: Type.Array(S.MemberSchema) }), ...S.errors },
    },
    handler: async (req) => {
      const date = req.query.date ?? new Date().toISOString().slice(0, 10);
      return { date, items: await membersOn(db, req.params.allianceId, date) };
    },
  });
  app.get('/api/v1/alliances/:allianceId/membership-events', {
    schema: { tags, summary: 'The membership history: joined, tier changes, suspensions, departures (notes for the secretariat only)', params: AllianceParams, response: { 200: Type.Object({ items: Type.Array(S.MembershipEventSchema) }), ...S.errors } },
    handler: async (req) => ({ items: await membershipHistory(db, req.actor, req.params.allianceId) }),
  });
  app.post('/api/v1/alliances/:allianceId/membership-events', {
    schema: { tags, summary: 'Record a step of a member’s history (the secretariat); it must fit the history around its date', params: AllianceParams, body: S.MembershipEventInputSchema, response: { 201: S.MembershipEventSchema, ...S.errors } },
    handler: async (req, reply) => reply.code(201).send(await recordMembershipEvent(db, req.actor, req.params.allianceId, req.body)),
  });

  app.get('/api/v1/alliances/:allianceId/applications', {
    schema: {
      tags,
      summary: 'Applications to join: all for the secretariat, your own for others',
      params: AllianceParams,
      querystring: Type.Object({ open: Type.Optional(Type.Boolean()) }),
      response: { 200: Type.Object({ items: Type.Array(S.ApplicationSchema) }), ...S.errors },
    },
    handler: async (req) => ({ items: await listApplications(db, req.actor, { allianceId: req.params.allianceId, open: req.query.open }) }),
  });
  app.post('/api/v1/alliances/:allianceId/applications', {
    schema: { tags, summary: 'Apply to join (an institution’s admin for it, or a state’s representative)', params: AllianceParams, body: S.ApplyInputSchema, response: { 201: S.ApplicationSchema, ...S.errors } },
    handler: async (req, reply) => reply.code(201).send(await applyToJoin(db, req.actor, req.params.allianceId, req.body, delivery)),
  });
  app.get('/api/v1/alliances/applications/:id', {
    schema: { tags, summary: 'One application with its steps (its applicant and the secretariat)', params: S.IdParams, response: { 200: S.ApplicationSchema, ...S.errors } },
    handler: async (req) => getApplication(db, req.actor, req.params.id),
  });
  app.post('/api/v1/alliances/applications/:id/actions', {
    schema: {
      tags,
      summary: 'Move an application on: review, request-information, refer, admit, reject (the secretariat); respond, withdraw (the applicant)',
      params: S.IdParams,
      body: S.ApplicationActionSchema,
      response: { 200: S.ApplicationSchema, ...S.errors },
    },
    handler: async (req) => actOnApplication(db, req.actor, req.params.id, req.body, delivery),
  });

  app.get('/api/v1/alliances/:allianceId/figures', {
    schema: {
      tags,
      summary: 'The alliance in figures for a year: members by tier, continent and country, over time; contributions; projects by kind with partner countries',
      params: AllianceParams,
      querystring: Type.Object({ year: Type.Optional(Type.Integer()) }),
      response: { 200: S.FiguresSchema, ...S.errors },
    },
    handler: async (req) => allianceFigures(store, req.actor, req.params.allianceId, req.query.year),
  });
  app.get('/api/v1/alliances/:allianceId/figures.csv', {
    schema: { tags, summary: 'The same figures as CSV (section, item, value)', params: AllianceParams, querystring: Type.Object({ year: Type.Optional(Type.Integer()) }) },
    handler: async (req, reply) => {
      const alliance = await getAlliance(db, req.params.allianceId);
      const f = await allianceFigures(store, req.actor, alliance.id, req.query.year);
      return sendFiguresCsv(reply, f, alliance);
    },
  });
};

/** Sends figures as a CSV download, tiers named in English, every cell neutralised. */
export function sendFiguresCsv(reply: import('fastify').FastifyReply, f: Awaited<ReturnType<typeof allianceFigures>>, alliance: Awaited<ReturnType<typeof getAlliance>>) {
  const tierName = (id: string) => firstText(alliance.tiers.find((t) => t.id === id)?.name, 'en', id);
  const body = figuresCsvRows(f, { tier: tierName })
    .map((r) => r.map(csvCell).join(','))
    .join('\r\n');
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="alliance-figures-${f.year}.csv"`)
    .send(`${body}\r\n`);
}
