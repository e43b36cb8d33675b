import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import { pickLang, UI_LANGUAGES } from '../../shared/lang-map';
import { LangMapSchema } from '../../shared/schema-helpers';
import type { ModuleOptions } from '../../shared/request-context';
import { PRESENTATION_LD_JSON } from '../interop/iiif-presentation.routes';
import { decideApproval, listApprovalRequests } from './exhibition.approval';
import { addChapter, addEvent, addItem, deleteChapter, moveChapter, removeEvent, removeItem, updateChapter } from './exhibition.content';
import { upcomingEvents } from './exhibition.events';
import { exhibitionCollection, exhibitionCollectionUrl } from './exhibition.iiif';
import { ApprovalSchema, DraftSchema, EventSchema, ExhibitionSchema, ExhibitionViewSchema, TextMaps } from './exhibition.schema';
import { addCurator, changeStatus, createExhibition, getDraft, listExhibitions, removeCurator, setLanguagePublished, updateExhibition } from './exhibition.service';
import { DECISIONS, EVENT_KINDS, LAYOUTS } from './exhibition.types';
import { viewExhibition, type ExhibitionView } from './exhibition.view';

const Ref = Type.String({ pattern: ID_PATTERN, description: 'The exhibition’s id or slug' });
const Id = Type.String({ pattern: ID_PATTERN });
const errors = Object.fromEntries([400, 401, 403, 404, 409].map((s) => [s, ErrorSchema]));
const tags = ['exhibitions'];
const ChapterBody = { layout: Type.Optional(Type.Union(LAYOUTS.map((l) => Type.Literal(l)))), title: Type.Optional(LangMapSchema), body: Type.Optional(LangMapSchema) };

/** The exhibitions API: co-curated exhibitions, their chapters, items, approvals, events and publication. */
export const exhibitionRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store, config }) => {
  const { publicUrl } = config;
  const ref = { params: Type.Object({ id: Ref }) };

  app.get('/api/v1/exhibitions', {
    schema: { tags, summary: 'Exhibitions on view, and the drafts your institutions co-curate', response: { 200: Type.Object({ items: Type.Array(ExhibitionSchema) }), ...errors } },
    handler: async (req) => ({ items: await listExhibitions(store, req.actor) }),
  });

  app.post('/api/v1/exhibitions', {
    schema: {
      tags,
      summary: 'Start an exhibition for an institution whose records you curate; its title’s languages become draft language versions',
      body: Type.Object({ institutionId: Id, ...TextMaps, title: LangMapSchema }, { additionalProperties: false }),
      response: { 201: ExhibitionSchema, ...errors },
    },
    handler: async (req, reply) => {
      const ex = await createExhibition(store, req.actor, req.body);
      return reply.code(201).header('location', `/api/v1/exhibitions/${ex.id}`).send(ex);
    },
  });

  app.get('/api/v1/exhibitions/approvals', {
    schema: { tags, summary: 'Requests to show your institutions’ non-public records in exhibitions, pending first', response: { 200: Type.Object({ items: Type.Array(ApprovalSchema) }), ...errors } },
    handler: async (req) => ({ items: await listApprovalRequests(store, req.actor) }),
  });

  app.get('/api/v1/exhibitions/events', {
    schema: {
      tags,
      summary: 'Upcoming events of the exhibitions on view (for calendars)',
      querystring: Type.Object({ from: Type.Optional(Type.String({ format: 'date-time' })) }),
      response: { 200: Type.Object({ items: Type.Array(Type.Intersect([EventSchema, Type.Object({ exhibitionSlug: Type.String() })])) }), ...errors },
    },
    handler: async (req) => ({ items: await upcomingEvents(store, req.actor, req.query.from ?? new Date().toISOString()) }),
  });

  app.get('/api/v1/exhibitions/:id', {
    schema: {
      tags,
      summary: 'An exhibition as you may see it, in one language version (?lang=, else the best published one); records are filtered by visibility now',
      ...ref,
      querystring: Type.Object({ lang: Type.Optional(Type.Union(UI_LANGUAGES.map((l) => Type.Literal(l)))) }),
      response: { 200: ExhibitionViewSchema, ...errors },
    },
    handler: async (req) => viewJson((await viewExhibition(store, req.actor, req.params.id, req.query.lang ?? 'en', publicUrl))!, publicUrl),
  });

  app.get('/api/v1/exhibitions/:id/draft', {
    schema: { tags, summary: 'Everything the curators edit: all languages, chapters, items, approvals, events (curators only)', ...ref, response: { 200: DraftSchema, ...errors } },
    handler: async (req) => getDraft(store, req.actor, req.params.id),
  });

  app.patch('/api/v1/exhibitions/:id', {
    schema: { tags, summary: 'Change the title, summary, credits, address or cover (curators)', ...ref, body: Type.Object(TextMaps, { additionalProperties: false }), response: { 200: ExhibitionSchema, ...errors } },
    handler: async (req) => updateExhibition(store, req.actor, req.params.id, req.body),
  });

  app.post('/api/v1/exhibitions/:id/status', {
    schema: {
      tags,
      summary: 'Move the exhibition through draft → review → published (publishing: the lead institution’s curators), or unpublish it',
      ...ref,
      body: Type.Object({ action: Type.Union(['submit', 'return', 'publish', 'unpublish'].map((a) => Type.Literal(a))) }, { additionalProperties: false }),
      response: { 200: ExhibitionSchema, ...errors },
    },
    handler: async (req) => changeStatus(store, req.actor, req.params.id, req.body.action as 'submit'),
  });

  app.put('/api/v1/exhibitions/:id/languages/:lang', {
    schema: {
      tags,
      summary: 'Publish or withdraw one language version (it shows once the exhibition is published)',
      params: Type.Object({ id: Ref, lang: Type.String({ maxLength: 10 }) }),
      body: Type.Object({ published: Type.Boolean() }, { additionalProperties: false }),
      response: { 200: ExhibitionSchema, ...errors },
    },
    handler: async (req) => setLanguagePublished(store, req.actor, req.params.id, req.params.lang, req.body.published),
  });

  app.post('/api/v1/exhibitions/:id/curators', {
    schema: { tags, summary: 'Invite another institution to co-curate', ...ref, body: Type.Object({ institutionId: Id }, { additionalProperties: false }), response: { 200: ExhibitionSchema, ...errors } },
    handler: async (req) => addCurator(store, req.actor, req.params.id, req.body.institutionId),
  });

  app.delete('/api/v1/exhibitions/:id/curators/:institutionId', {
    schema: { tags, summary: 'Remove a co-curating institution (not the lead)', params: Type.Object({ id: Ref, institutionId: Id }), response: { 200: ExhibitionSchema, ...errors } },
    handler: async (req) => removeCurator(store, req.actor, req.params.id, req.params.institutionId),
  });

  app.post('/api/v1/exhibitions/:id/chapters', {
    schema: { tags, summary: 'Add a chapter at the end', ...ref, body: Type.Object({ ...ChapterBody, title: LangMapSchema }, { additionalProperties: false }), response: { 201: DraftSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await addChapter(store, req.actor, req.params.id, req.body)),
  });

  app.patch('/api/v1/exhibitions/:id/chapters/:chapterId', {
    schema: { tags, summary: 'Change a chapter’s layout, title or text (languages given replace those languages; an empty list removes one)', params: Type.Object({ id: Ref, chapterId: Id }), body: Type.Object(ChapterBody, { additionalProperties: false }), response: { 200: DraftSchema, ...errors } },
    handler: async (req) => updateChapter(store, req.actor, req.params.id, req.params.chapterId, req.body),
  });

  app.post('/api/v1/exhibitions/:id/chapters/:chapterId/move', {
    schema: { tags, summary: 'Move a chapter one place up or down', params: Type.Object({ id: Ref, chapterId: Id }), body: Type.Object({ direction: Type.Union([Type.Literal('up'), Type.Literal('down')]) }), response: { 200: DraftSchema, ...errors } },
    handler: async (req) => moveChapter(store, req.actor, req.params.id, req.params.chapterId, req.body.direction),
  });

  app.delete('/api/v1/exhibitions/:id/chapters/:chapterId', {
    schema: { tags, summary: 'Delete a chapter and its items', params: Type.Object({ id: Ref, chapterId: Id }), response: { 200: DraftSchema, ...errors } },
    handler: async (req) => deleteChapter(store, req.actor, req.params.id, req.params.chapterId),
  });

  app.post('/api/v1/exhibitions/:id/items', {
    schema: {
      tags,
      summary: 'Show a record in a chapter; a record that is not public asks its institution for approval',
      ...ref,
      body: Type.Object(
        { chapterId: Id, recordId: Id, mediaId: Type.Optional(Type.Union([Id, Type.Null()])), region: Type.Optional(Type.Union([Type.String({ maxLength: 80, description: 'IIIF region: x,y,w,h or pct:x,y,w,h' }), Type.Null()])), caption: Type.Optional(LangMapSchema) },
        { additionalProperties: false },
      ),
      response: { 201: DraftSchema, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await addItem(store, req.actor, req.params.id, req.body)),
  });

  app.delete('/api/v1/exhibitions/:id/items/:itemId', {
    schema: { tags, summary: 'Remove an item', params: Type.Object({ id: Ref, itemId: Id }), response: { 200: DraftSchema, ...errors } },
    handler: async (req) => removeItem(store, req.actor, req.params.id, req.params.itemId),
  });

  app.put('/api/v1/exhibitions/:id/approvals/:recordId', {
    schema: {
      tags,
      summary: 'Grant or refuse the use of your institution’s record (its curators). Granting lets the exhibition show the record’s catalogue entry to its audience; its page, images and manifest keep their own visibility',
      params: Type.Object({ id: Id, recordId: Id }),
      body: Type.Object({ decision: Type.Union(DECISIONS.map((d) => Type.Literal(d))), note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
      response: { 200: ApprovalSchema, ...errors },
    },
    handler: async (req) => decideApproval(store, req.actor, { exhibitionId: req.params.id, recordId: req.params.recordId, decision: req.body.decision, note: req.body.note }),
  });

  app.post('/api/v1/exhibitions/:id/events', {
    schema: {
      tags,
      summary: 'Add an event: opening, guided tour, live stream or talk',
      ...ref,
      body: Type.Object(
        { kind: Type.Union(EVENT_KINDS.map((k) => Type.Literal(k))), title: LangMapSchema, startsAt: Type.String({ maxLength: 40 }), endsAt: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])), url: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])) },
        { additionalProperties: false },
      ),
      response: { 201: DraftSchema, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await addEvent(store, req.actor, req.params.id, req.body)),
  });

  app.delete('/api/v1/exhibitions/:id/events/:eventId', {
    schema: { tags, summary: 'Remove an event', params: Type.Object({ id: Ref, eventId: Id }), response: { 200: DraftSchema, ...errors } },
    handler: async (req) => removeEvent(store, req.actor, req.params.id, req.params.eventId),
  });

  app.get('/iiif/collection/exhibition/:id', {
    schema: {
      tags: ['iiif'],
      summary: 'The IIIF Collection of an exhibition: the Manifests of the records it shows that you may see',
      params: Type.Object({ id: Ref }),
      response: { 200: Type.Unknown({ description: 'A IIIF Presentation 3 Collection' }), ...errors },
    },
    handler: async (req, reply) => {
      const doc = await exhibitionCollection(store, req.actor, req.params.id, publicUrl);
      return reply
        .header('cache-control', req.actor.kind === 'public' ? 'public, max-age=300' : 'private, no-cache')
        .type(/application\/json/.test(req.headers.accept ?? '') && !/ld\+json/.test(req.headers.accept ?? '') ? 'application/json' : PRESENTATION_LD_JSON)
        .send(JSON.stringify(doc));
    },
  });
};

/** The API's view of an exhibition in one language version: texts in that language, items as the reader may see them. */
function viewJson(view: ExhibitionView, publicUrl: string) {
  const ex = view.exhibition;
  const text = (map: Record<string, string[]>) => map[view.lang]?.join('\n\n') ?? null;
  return {
    id: ex.id,
    slug: ex.slug,
    lang: view.lang,
    languages: ex.languages.filter((l) => l.published).map((l) => l.lang),
    status: ex.status,
    title: text(ex.title) ?? pickLang(ex.title, view.lang)?.values[0] ?? ex.slug,
    summary: text(ex.summary),
    credits: text(ex.credits),
    curators: ex.curators,
    iiifCollection: exhibitionCollectionUrl(publicUrl, ex.id),
    chapters: view.chapters.map((c) => ({
      id: c.id,
      layout: c.layout,
      title: text(c.title),
      body: text(c.body),
      items: c.items.map((i) => ({ recordId: i.record.id, access: i.access, mediaId: i.image?.id ?? null, region: i.item.region, caption: text(i.item.caption) })),
    })),
    events: ex.events,
  };
}
