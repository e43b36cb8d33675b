import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { createAward, getAward, updateAward, listAwards, nominate, publishWinners, scoreNomination, setJurors, startJudging } from './award.service';
import { AwardDetailSchema, AwardSchema, CaseStudyBody, CaseStudyLinkSchema, CaseStudyPatch, CaseStudySchema, Day, errors, IdParams, NominationSchema } from './people.schemas';
import { createPractice, getPractice, searchPractices, updatePractice } from './practice.service';
import { LangMapSchema } from '../../shared/schema-helpers';

/** The case studies (best practices) and awards API. */
export const practiceAwardRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store }) => {
  const practices = ['practices'];
  app.get('/api/v1/practices', {
    schema: {
      tags: practices,
      summary: 'Case studies you may see, searched by words in any language',
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 500 })), institution: Type.Optional(Type.String({ pattern: ID_PATTERN })) }),
      response: { 200: Type.Object({ items: Type.Array(CaseStudySchema) }), ...errors },
    },
    handler: async (req) => ({ items: await searchPractices(store, req.actor, { q: req.query.q, institutionId: req.query.institution }) }),
  });
  app.post('/api/v1/practices', {
    schema: { tags: practices, summary: 'Publish a case study for an institution (its curators and admins, or the secretariat)', body: CaseStudyBody, response: { 201: CaseStudySchema, ...errors } },
    handler: async (req, reply) => {
      const cs = await createPractice(store, req.actor, req.body);
      return reply.code(201).header('location', `/api/v1/practices/${cs.id}`).send(cs);
    },
  });
  app.get('/api/v1/practices/:id', {
    schema: { tags: practices, summary: 'A case study with the links you may follow', params: IdParams, response: { 200: Type.Object({ caseStudy: CaseStudySchema, links: Type.Array(CaseStudyLinkSchema) }), ...errors } },
    handler: async (req) => getPractice(store, req.actor, req.params.id),
  });
  app.patch('/api/v1/practices/:id', {
    schema: { tags: practices, summary: 'Change a case study: sections merge language by language (add a translation by sending only it); links are replaced', params: IdParams, body: CaseStudyPatch, response: { 200: CaseStudySchema, ...errors } },
    handler: async (req) => updatePractice(store, req.actor, req.params.id, req.body),
  });

  const awards = ['awards'];
  app.get('/api/v1/awards', {
    schema: { tags: awards, summary: 'Award calls', response: { 200: Type.Object({ items: Type.Array(AwardSchema) }), ...errors } },
    handler: async () => ({ items: await listAwards(store) }),
  });
  app.post('/api/v1/awards', {
    schema: {
      tags: awards,
      summary: 'Open an award call with its jury (the secretariat)',
      body: Type.Object({ title: LangMapSchema, description: Type.Optional(LangMapSchema), deadline: Day, jurors: Type.Optional(Type.Array(Type.String({ maxLength: 320 }), { maxItems: 50 })) }, { additionalProperties: false }),
      response: { 201: AwardSchema, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await createAward(store, req.actor, req.body)),
  });
  app.get('/api/v1/awards/:id', {
    schema: { tags: awards, summary: 'An award with its published winners; nominations and scores for its jury and the secretariat', params: IdParams, response: { 200: AwardDetailSchema, ...errors } },
    handler: async (req) => getAward(store, req.actor, req.params.id),
  });
  app.patch('/api/v1/awards/:id', {
    schema: {
      tags: awards,
      summary: 'Change the title, description or deadline (the secretariat, until the winners are published)',
      params: IdParams,
      body: Type.Object({ title: Type.Optional(LangMapSchema), description: Type.Optional(LangMapSchema), deadline: Type.Optional(Day) }, { additionalProperties: false }),
      response: { 200: AwardSchema, ...errors },
    },
    handler: async (req) => updateAward(store, req.actor, req.params.id, req.body),
  });
  app.put('/api/v1/awards/:id/jurors', {
    schema: { tags: awards, summary: 'Replace the jury (the secretariat)', params: IdParams, body: Type.Object({ jurors: Type.Array(Type.String({ maxLength: 320 }), { maxItems: 50 }) }), response: { 200: Type.Object({ jurors: Type.Array(Type.String()) }), ...errors } },
    handler: async (req) => ({ jurors: await setJurors(store, req.actor, req.params.id, req.body.jurors) }),
  });
  app.post('/api/v1/awards/:id/nominations', {
    schema: {
      tags: awards,
      summary: 'Nominate a person or team (members of the alliance, while the award is open)',
      params: IdParams,
      body: Type.Object({ nominee: Type.String({ minLength: 1, maxLength: 300 }), citation: Type.String({ minLength: 1, maxLength: 5000 }), institutionId: Type.Optional(Type.String({ pattern: ID_PATTERN })) }, { additionalProperties: false }),
      response: { 201: NominationSchema, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await nominate(store, req.actor, req.params.id, req.body)),
  });
  app.post('/api/v1/awards/:id/judging', {
    schema: { tags: awards, summary: 'Close nominations and open judging (the secretariat)', params: IdParams, response: { 200: AwardSchema, ...errors } },
    handler: async (req) => startJudging(store, req.actor, req.params.id),
  });
  app.put('/api/v1/awards/nominations/:id/score', {
    schema: {
      tags: awards,
      summary: 'Score a nomination from 1 to 10 (the award’s jurors, during judging)',
      params: IdParams,
      body: Type.Object({ score: Type.Integer({ minimum: 1, maximum: 10 }), comment: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      await scoreNomination(store, req.actor, req.params.id, req.body);
      return reply.code(204).send(null);
    },
  });
  app.post('/api/v1/awards/:id/winners', {
    schema: { tags: awards, summary: 'Publish the winners (the secretariat)', params: IdParams, body: Type.Object({ winners: Type.Array(Type.String({ pattern: ID_PATTERN }), { minItems: 1, maxItems: 20 }) }), response: { 200: AwardDetailSchema, ...errors } },
    handler: async (req) => publishWinners(store, req.actor, req.params.id, req.body.winners),
  });
};
