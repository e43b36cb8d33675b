import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleOptions } from '../../shared/request-context';
import { createAgreement, getAgreement, listAgreements, updateAgreement } from './agreement.service';
import * as S from './governance.schema';
import { createMeeting, getMeeting, listMeetings, recordVote, updateMeeting } from './meeting.service';
import { createResolution, getResolution, listResolutions, reviseResolution } from './resolution.service';

const AllianceParams = Type.Object({ allianceId: S.IdParams.properties.id });

/** The governance API: meetings with participants and votes, versioned resolutions, agreements. */
export const governanceRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store }) => {
  const db = store.db;
  const meetings = ['meetings'];
  app.get('/api/v1/alliances/:allianceId/meetings', {
    schema: { tags: meetings, summary: 'Meetings you may see (members also see members-only ones), latest first', params: AllianceParams, response: { 200: Type.Object({ items: Type.Array(S.MeetingSchema) }), ...S.errors } },
    handler: async (req) => ({ items: await listMeetings(db, req.actor, req.params.allianceId) }),
  });
  app.post('/api/v1/alliances/:allianceId/meetings', {
    schema: { tags: meetings, summary: 'Schedule a meeting: assembly, council, working group, conference (the secretariat)', params: AllianceParams, body: S.MeetingInputSchema, response: { 201: S.MeetingSchema, ...S.errors } },
    handler: async (req, reply) => reply.code(201).send(await createMeeting(db, req.actor, req.params.allianceId, req.body)),
  });
  app.get('/api/v1/meetings/:id', {
    schema: { tags: meetings, summary: 'One meeting with participants, attendance and votes', params: S.IdParams, response: { 200: S.MeetingSchema, ...S.errors } },
    handler: async (req) => getMeeting(db, req.actor, req.params.id),
  });
  app.put('/api/v1/meetings/:id', {
    schema: { tags: meetings, summary: 'Replace a meeting’s details, participants and attendance, agenda and minutes (the secretariat)', params: S.IdParams, body: S.MeetingInputSchema, response: { 200: S.MeetingSchema, ...S.errors } },
    handler: async (req) => updateMeeting(db, req.actor, req.params.id, req.body),
  });
  app.post('/api/v1/meetings/:id/votes', {
    schema: { tags: meetings, summary: 'Record a vote and its result (the secretariat)', params: S.IdParams, body: S.VoteInputSchema, response: { 201: S.VoteSchema, ...S.errors } },
    handler: async (req, reply) => reply.code(201).send(await recordVote(db, req.actor, req.params.id, req.body)),
  });

  const resolutions = ['resolutions'];
  app.get('/api/v1/alliances/:allianceId/resolutions', {
    schema: { tags: resolutions, summary: 'Resolutions and declarations you may see, latest adopted first', params: AllianceParams, response: { 200: Type.Object({ items: Type.Array(S.ResolutionSummarySchema) }), ...S.errors } },
    handler: async (req) => ({ items: await listResolutions(db, req.actor, { allianceId: req.params.allianceId }) }),
  });
  app.post('/api/v1/alliances/:allianceId/resolutions', {
    schema: { tags: resolutions, summary: 'Publish a resolution or declaration adopted at a meeting (the secretariat)', params: AllianceParams, body: S.ResolutionInputSchema, response: { 201: S.ResolutionSchema, ...S.errors } },
    handler: async (req, reply) => reply.code(201).send(await createResolution(db, req.actor, req.params.allianceId, req.body)),
  });
  app.get('/api/v1/resolutions/:id', {
    schema: {
      tags: resolutions,
      summary: 'A resolution in its current version, or an earlier one with ?version=',
      params: S.IdParams,
      querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
      response: { 200: S.ResolutionSchema, ...S.errors },
    },
    handler: async (req) => getResolution(db, req.actor, req.params.id, req.query.version),
  });
  app.post('/api/v1/resolutions/:id/versions', {
    schema: { tags: resolutions, summary: 'Publish a new version of the text (earlier versions remain); send the version you revised', params: S.IdParams, body: S.ResolutionRevisionSchema, response: { 201: S.ResolutionSchema, ...S.errors } },
    handler: async (req, reply) => reply.code(201).send(await reviseResolution(db, req.actor, req.params.id, req.body)),
  });

  const agreements = ['agreements'];
  app.get('/api/v1/alliances/:allianceId/agreements', {
    schema: { tags: agreements, summary: 'Agreements and MoUs you may see, latest signed first', params: AllianceParams, response: { 200: Type.Object({ items: Type.Array(S.AgreementSchema) }), ...S.errors } },
    handler: async (req) => ({ items: await listAgreements(store, req.actor, req.params.allianceId) }),
  });
  app.post('/api/v1/alliances/:allianceId/agreements', {
    schema: { tags: agreements, summary: 'Record an agreement with its parties and what it governs (the secretariat)', params: AllianceParams, body: S.AgreementInputSchema, response: { 201: S.AgreementSchema, ...S.errors } },
    handler: async (req, reply) => reply.code(201).send(await createAgreement(store, req.actor, req.params.allianceId, req.body)),
  });
  app.get('/api/v1/agreements/:id', {
    schema: { tags: agreements, summary: 'One agreement with its parties and the projects, records… it governs that you may see', params: S.IdParams, response: { 200: S.AgreementSchema, ...S.errors } },
    handler: async (req) => getAgreement(store, req.actor, req.params.id),
  });
  app.put('/api/v1/agreements/:id', {
    schema: { tags: agreements, summary: 'Replace an agreement’s details, parties and links (the secretariat)', params: S.IdParams, body: S.AgreementInputSchema, response: { 200: S.AgreementSchema, ...S.errors } },
    handler: async (req) => updateAgreement(store, req.actor, req.params.id, req.body),
  });
};
