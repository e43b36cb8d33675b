import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { deleteMyExpertEntry, getExpert, listExperts, myExpertEntry, saveMyExpertEntry } from './expert.service';
import { ApplicationSchema, CallBody, CallPatch, CallSchema, errors, ExpertBody, ExpertSchema, IdParams, Nullable } from './people.schemas';
import { applyToCall, closeCall, createCall, decideApplication, getCall, listCalls, recordOutcome, updateCall, withdrawApplication } from './training.service';

const CallDetailSchema = Type.Object({ call: CallSchema, mine: Nullable(ApplicationSchema), applications: Nullable(Type.Array(ApplicationSchema)), selectedCount: Type.Integer() });

/** The experts directory and training/exchange calls API. */
export const peopleRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store }) => {
  const experts = ['experts'];
  app.get('/api/v1/experts', {
    schema: {
      tags: experts,
      summary: 'Experts who consented to be listed (members of the alliance only)',
      querystring: Type.Object({ skill: Type.Optional(Type.String()), language: Type.Optional(Type.String({ maxLength: 35 })), availability: Type.Optional(Type.String()) }),
      response: { 200: Type.Object({ items: Type.Array(ExpertSchema) }), ...errors },
    },
    handler: async (req) => ({ items: await listExperts(store, req.actor, req.query) }),
  });
  app.get('/api/v1/experts/me', {
    schema: { tags: experts, summary: 'Your own entry (null when you have none)', response: { 200: Type.Object({ expert: Nullable(ExpertSchema) }), ...errors } },
    handler: async (req) => ({ expert: await myExpertEntry(store, req.actor) }),
  });
  app.put('/api/v1/experts/me', {
    schema: { tags: experts, summary: 'Create or replace your own entry; `listed` is your consent to appear in the directory', body: ExpertBody, response: { 200: ExpertSchema, ...errors } },
    handler: async (req) => saveMyExpertEntry(store, req.actor, req.body),
  });
  app.delete('/api/v1/experts/me', {
    schema: { tags: experts, summary: 'Remove your own entry', response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await deleteMyExpertEntry(store, req.actor);
      return reply.code(204).send(null);
    },
  });
  app.get('/api/v1/experts/:id', {
    schema: { tags: experts, summary: 'One listed expert', params: IdParams, response: { 200: ExpertSchema, ...errors } },
    handler: async (req) => getExpert(store, req.actor, req.params.id),
  });

  const training = ['training'];
  app.get('/api/v1/training/calls', {
    schema: {
      tags: training,
      summary: 'Training programmes and personnel exchange calls you may see',
      querystring: Type.Object({ kind: Type.Optional(Type.Union([Type.Literal('training'), Type.Literal('exchange')])), institution: Type.Optional(Type.String({ pattern: ID_PATTERN })), open: Type.Optional(Type.Boolean()) }),
      response: { 200: Type.Object({ items: Type.Array(CallSchema) }), ...errors },
    },
    handler: async (req) => ({ items: await listCalls(store, req.actor, { kind: req.query.kind, institutionId: req.query.institution, open: req.query.open }) }),
  });
  app.post('/api/v1/training/calls', {
    schema: { tags: training, summary: 'Publish a call for an institution (its curators and admins, or the secretariat)', body: CallBody, response: { 201: CallSchema, ...errors } },
    handler: async (req, reply) => {
      const call = await createCall(store, req.actor, req.body);
      return reply.code(201).header('location', `/api/v1/training/calls/${call.id}`).send(call);
    },
  });
  app.get('/api/v1/training/calls/:id', {
    schema: { tags: training, summary: 'A call, your application, and every application for its staff', params: IdParams, response: { 200: CallDetailSchema, ...errors } },
    handler: async (req) => getCall(store, req.actor, req.params.id),
  });
  app.patch('/api/v1/training/calls/:id', {
    schema: { tags: training, summary: 'Change a call (the call’s staff); places may not fall below those already filled', params: IdParams, body: CallPatch, response: { 200: CallSchema, ...errors } },
    handler: async (req) => updateCall(store, req.actor, req.params.id, req.body),
  });
  app.post('/api/v1/training/calls/:id/close', {
    schema: { tags: training, summary: 'Stop taking applications (the call’s staff)', params: IdParams, response: { 200: CallSchema, ...errors } },
    handler: async (req) => closeCall(store, req.actor, req.params.id),
  });
  app.post('/api/v1/training/calls/:id/applications', {
    schema: {
      tags: training,
      summary: 'Apply to an open call (members of the alliance, once per call)',
      params: IdParams,
      body: Type.Object({ statement: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false }),
      response: { 201: ApplicationSchema, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await applyToCall(store, req.actor, req.params.id, req.body)),
  });
  app.post('/api/v1/training/applications/:id/decision', {
    schema: {
      tags: training,
      summary: 'Select or decline an application (the call’s staff; selections never exceed the places)',
      params: IdParams,
      body: Type.Object({ decision: Type.Union([Type.Literal('selected'), Type.Literal('declined')]) }, { additionalProperties: false }),
      response: { 200: ApplicationSchema, ...errors },
    },
    handler: async (req) => decideApplication(store, req.actor, req.params.id, req.body.decision),
  });
  app.post('/api/v1/training/applications/:id/withdraw', {
    schema: { tags: training, summary: 'Withdraw your undecided application', params: IdParams, response: { 200: ApplicationSchema, ...errors } },
    handler: async (req) => withdrawApplication(store, req.actor, req.params.id),
  });
  app.put('/api/v1/training/applications/:id/outcome', {
    schema: {
      tags: training,
      summary: 'Record what came of the programme (the participant or the call’s staff)',
      params: IdParams,
      body: Type.Object({ outcome: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false }),
      response: { 200: ApplicationSchema, ...errors },
    },
    handler: async (req) => recordOutcome(store, req.actor, req.params.id, req.body.outcome),
  });
};
