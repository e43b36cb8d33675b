import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleOptions } from '../../shared/request-context';
import { t } from '../../shared/i18n/i18n';
import { requestLanguage } from '../pages/lang';
import { createEvent, deleteEvent, getEvent, listEvents, publicFeed, updateEvent } from './event.service';
import { errors, EventBody, EventPatch, EventSchema, IdParams } from './people.schemas';

/** The events calendar API and its public iCalendar feed (`/events.ics`). */
export const calendarRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store, config }) => {
  const tags = ['events'];
  app.get('/api/v1/events', {
    schema: {
      tags,
      summary: 'Events of a month (UTC) you may see',
      querystring: Type.Object({ month: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$' })), kind: Type.Optional(Type.String()) }),
      response: { 200: Type.Object({ month: Type.String(), items: Type.Array(EventSchema) }), ...errors },
    },
    handler: async (req) => {
      const { month, events } = await listEvents(store, req.actor, req.query);
      return { month, items: events };
    },
  });
  app.post('/api/v1/events', {
    schema: { tags, summary: 'Add an event (an institution’s curators and admins; alliance-wide events: the secretariat)', body: EventBody, response: { 201: EventSchema, ...errors } },
    handler: async (req, reply) => {
      const event = await createEvent(store, req.actor, req.body);
      return reply.code(201).header('location', `/api/v1/events/${event.id}`).send(event);
    },
  });
  app.get('/api/v1/events/:id', {
    schema: { tags, summary: 'One event', params: IdParams, response: { 200: EventSchema, ...errors } },
    handler: async (req) => getEvent(store, req.actor, req.params.id),
  });
  app.put('/api/v1/events/:id', {
    schema: { tags, summary: 'Replace an event’s details', params: IdParams, body: EventPatch, response: { 200: EventSchema, ...errors } },
    handler: async (req) => updateEvent(store, req.actor, req.params.id, req.body),
  });
  app.delete('/api/v1/events/:id', {
    schema: { tags, summary: 'Remove an event', params: IdParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await deleteEvent(store, req.actor, req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/events.ics', async (request, reply) => {
    const lang = requestLanguage(request);
    const body = await publicFeed(store, { publicUrl: config.publicUrl, lang, name: t(lang, 'people.events.feedName') });
    return reply.type('text/calendar; charset=utf-8').header('cache-control', 'public, max-age=300').header('vary', 'Accept-Language, Cookie').header('content-disposition', 'inline; filename="events.ics"').send(body);
  });
};
