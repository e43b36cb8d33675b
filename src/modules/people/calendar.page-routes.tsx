import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { isAllianceMember } from '../accounts/actor';
import { toSignIn } from '../accounts/account.page-routes';
import { formList, formOutcome, formString } from '../accounts/form-outcome';
import type { FormOutcome } from '../accounts/sign-in.pages';
import { pageContext, type PageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { AwardPage, AwardsPage, NewAwardPage } from './award.pages';
import { awardOfNomination, createAward, getAward, listAwards, nominate, publishWinners, scoreNomination, setJurors, startJudging } from './award.service';
import { EventPage, EventsPage, NewEventPage } from './event.pages';
import { createEvent, deleteEvent, getEvent, listEvents, updateEvent, type CalendarEvent } from './event.service';
import { isUiLanguage } from '../../shared/i18n/i18n';
import { pickLang } from '../../shared/lang-map';
import { doneNotice, formValues, institutionNames, langMapFrom, publishingInstitutions } from './people.page-support';
import { staffInstitutions } from './people.rules';
import { NewPracticePage, PracticePage, PracticesPage } from './practice.pages';
import { createPractice, getPractice, searchPractices, SECTIONS, updatePractice } from './practice.service';
import { AppError } from '../../shared/errors';

type Id = { Params: { id: string } };

/** Pages of the events calendar (`/events`), case studies (`/practices`) and awards (`/awards`). */
export const calendarPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store }) => {
  app.get('/events', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { month, events } = await listEvents(store, request.actor, { month: formString(request.query, 'month'), kind: formString(request.query, 'kind') });
    const notice = doneNotice(request, { deleted: ctx.t('people.events.deleted') });
    return sendPage(reply, <EventsPage ctx={ctx} data={{ month, events, canAdd: staffInstitutions(request.actor)?.length !== 0, notice }} />);
  });

  const renderNewEvent = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, values?: Record<string, string>, error?: FormOutcome, status = 200) => {
    const institutions = await publishingInstitutions(store, request.actor, ctx);
    return sendPage(reply, <NewEventPage ctx={ctx} data={{ institutions, allianceWide: staffInstitutions(request.actor) === null, values, error }} />, status);
  };
  app.get('/events/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    return renderNewEvent(request, reply, pageContext(request, reply));
  });
  app.post('/events/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const v = formValues(request, ['institutionId', 'kind', 'lang', 'title', 'description', 'startsAt', 'endsAt', 'allDay', 'location', 'url', 'visibility']);
    try {
      const event = await createEvent(store, request.actor, { ...v, institutionId: v.institutionId || undefined, title: langMapFrom(v, 'title', ctx), description: langMapFrom(v, 'description', ctx), endsAt: v.endsAt || undefined });
      return reply.redirect(`/events/${encodeURIComponent(event.id)}`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return renderNewEvent(request, reply, ctx, v, outcome, status);
    }
  });
  const renderEditEvent = async (request: FastifyRequest<Id>, reply: FastifyReply, values: Record<string, string>, error?: FormOutcome, status = 200) =>
    sendPage(reply, <NewEventPage ctx={pageContext(request, reply)} data={{ institutions: [], allianceWide: false, values, error, editId: request.params.id }} />, status);
  app.get<Id>('/events/:id/edit', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const event = await getEvent(store, request.actor, request.params.id);
    if (!event.manageable) throw new AppError('FORBIDDEN', 'Only the event’s institution staff or the secretariat may change it');
    return renderEditEvent(request, reply, eventFormValues(event, ctx.lang));
  });
  app.post<Id>('/events/:id/edit', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const event = await getEvent(store, request.actor, request.params.id);
    const v = formValues(request, ['kind', 'lang', 'title', 'description', 'startsAt', 'endsAt', 'allDay', 'location', 'url', 'visibility']);
    try {
      // The form edits one language; the event's other languages stay.
      const description = { ...event.description, ...langMapFrom(v, 'description', ctx) };
      await updateEvent(store, request.actor, event.id, { ...v, title: { ...event.title, ...langMapFrom(v, 'title', ctx) }, description, endsAt: v.endsAt || undefined });
      return reply.redirect(`/events/${encodeURIComponent(event.id)}`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return renderEditEvent(request, reply, v, outcome, status);
    }
  });
  app.post<Id>('/events/:id/delete', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const event = await getEvent(store, request.actor, request.params.id);
    await deleteEvent(store, request.actor, event.id);
    return reply.redirect(`/events?month=${event.startsAt.slice(0, 7)}&done=deleted`, 303);
  });
  app.get<Id>('/events/:id', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const event = await getEvent(store, request.actor, request.params.id);
    const name = event.institutionId ? ((await institutionNames(store, ctx)).get(event.institutionId) ?? event.institutionId) : null;
    return sendPage(reply, <EventPage ctx={ctx} event={event} institutionName={name} />);
  });

  app.get('/practices', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const q = formString(request.query, 'q').slice(0, 500);
    const [items, names] = await Promise.all([searchPractices(store, request.actor, { q }), institutionNames(store, ctx)]);
    return sendPage(reply, <PracticesPage ctx={ctx} data={{ q, items, institutionNames: names, canPublish: staffInstitutions(request.actor)?.length !== 0 }} />);
  });
  const renderNewPractice = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, values?: Record<string, string>, error?: FormOutcome, status = 200) =>
    sendPage(reply, <NewPracticePage ctx={ctx} data={{ institutions: await publishingInstitutions(store, request.actor, ctx), values, error }} />, status);
  app.get('/practices/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    return renderNewPractice(request, reply, pageContext(request, reply));
  });
  app.post('/practices/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const v = formValues(request, ['institutionId', 'lang', 'title', ...SECTIONS, 'records', 'visibility']);
    const links = v.records.split(/[\s,]+/).filter(Boolean).map((id) => ({ kind: 'record', id }));
    try {
      const input: Record<string, unknown> = { institutionId: v.institutionId, visibility: v.visibility, title: langMapFrom(v, 'title', ctx), links };
      for (const s of SECTIONS) input[s] = langMapFrom(v, s, ctx);
      const cs = await createPractice(store, request.actor, input);
      return reply.redirect(`/practices/${encodeURIComponent(cs.id)}`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return renderNewPractice(request, reply, ctx, v, outcome, status);
    }
  });
  const renderPractice = async (request: FastifyRequest, reply: FastifyReply, id: string, extra: { values?: Record<string, string>; error?: FormOutcome; status?: number } = {}) => {
    const ctx = pageContext(request, reply);
    const { caseStudy, links } = await getPractice(store, request.actor, id);
    const name = (await institutionNames(store, ctx)).get(caseStudy.institutionId) ?? caseStudy.institutionId;
    const notice = extra.error ? null : doneNotice(request, { translated: ctx.t('people.practices.translated') });
    return sendPage(reply, <PracticePage ctx={ctx} data={{ caseStudy, links, institutionName: name, notice, ...extra }} />, extra.status ?? 200);
  };
  app.get<Id>('/practices/:id', async (request, reply) => renderPractice(request, reply, request.params.id));
  app.post<Id>('/practices/:id/translation', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const v = formValues(request, ['lang', 'title', ...SECTIONS]);
    try {
      const patch: Record<string, unknown> = {};
      for (const field of ['title', ...SECTIONS]) {
        const map = langMapFrom(v, field, ctx);
        if (map) patch[field] = map;
      }
      if (!Object.keys(patch).length) throw new AppError('VALIDATION_FAILED', 'Give at least one text in this language', { problems: [{ field: 'title', message: 'is empty' }] });
      await updatePractice(store, request.actor, request.params.id, patch);
      return reply.redirect(`/practices/${encodeURIComponent(request.params.id)}?done=translated`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      if (status === 404) throw err;
      return renderPractice(request, reply, request.params.id, { values: v, error: outcome, status });
    }
  });

  app.get('/awards', async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendPage(reply, <AwardsPage ctx={ctx} awards={await listAwards(store)} canCreate={request.actor.kind === 'user' && request.actor.isAdmin} />);
  });
  app.get('/awards/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    return sendPage(reply, <NewAwardPage ctx={pageContext(request, reply)} />);
  });
  app.post('/awards/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const v = formValues(request, ['lang', 'title', 'description', 'deadline', 'jurors']);
    try {
      const award = await createAward(store, request.actor, { ...v, title: langMapFrom(v, 'title', ctx), description: langMapFrom(v, 'description', ctx) });
      return reply.redirect(`/awards/${encodeURIComponent(award.id)}`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return sendPage(reply, <NewAwardPage ctx={ctx} values={v} error={outcome} />, status);
    }
  });

  const renderAward = async (request: FastifyRequest, reply: FastifyReply, id: string, error?: FormOutcome, status = 200) => {
    const ctx = pageContext(request, reply);
    const detail = await getAward(store, request.actor, id);
    const notices = { nominated: ctx.t('people.awards.nominated'), judging: ctx.t('people.awards.judgingStarted'), scored: ctx.t('people.awards.scored'), published: ctx.t('people.awards.published'), jury: ctx.t('people.awards.jurySaved'), edited: ctx.t('people.edit.saved') };
    const data = { ...detail, member: isAllianceMember(request.actor), signedIn: !!request.session, notice: error ? null : doneNotice(request, notices), error };
    return sendPage(reply, <AwardPage ctx={ctx} data={data} />, status);
  };
  app.get<Id>('/awards/:id', async (request, reply) => renderAward(request, reply, request.params.id));

  const onAward = (action: (request: FastifyRequest<Id>) => Promise<unknown>, done: string, awardIdOf: (request: FastifyRequest<Id>) => Promise<string> = async (r) => r.params.id) => async (request: FastifyRequest<Id>, reply: FastifyReply) => {
    if (!request.session) return toSignIn(request, reply);
    const awardId = await awardIdOf(request);
    try {
      await action(request);
      return reply.redirect(`/awards/${encodeURIComponent(awardId)}?done=${done}`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request, reply), err);
      if (status === 404) throw err;
      return renderAward(request, reply, awardId, outcome, status);
    }
  };
  app.post<Id>('/awards/:id/nominate', onAward((r) => nominate(store, r.actor, r.params.id, { nominee: formString(r.body, 'nominee'), citation: formString(r.body, 'citation') }), 'nominated'));
  app.post<Id>('/awards/:id/jurors', onAward((r) => setJurors(store, r.actor, r.params.id, formString(r.body, 'jurors')), 'jury'));
  app.post<Id>('/awards/:id/judging', onAward((r) => startJudging(store, r.actor, r.params.id), 'judging'));
  app.post<Id>('/awards/:id/winners', onAward((r) => publishWinners(store, r.actor, r.params.id, formList(r.body, 'winners')), 'published'));
  app.post<Id>(
    '/awards/nominations/:id/score',
    onAward((r) => scoreNomination(store, r.actor, r.params.id, { score: formString(r.body, 'score'), comment: formString(r.body, 'comment') }), 'scored', (r) => awardOfNomination(store, r.actor, r.params.id)),
  );
};

/** An event's fields as the edit form shows them, in the page's language when the event has it. */
function eventFormValues(e: CalendarEvent, lang: string): Record<string, string> {
  const title = pickLang(e.title, lang);
  const textLang = title && isUiLanguage(title.lang) ? title.lang : lang;
  const local = (iso: string) => iso.slice(0, 16);
  const end = e.allDay ? new Date(Date.parse(e.endsAt) - 86_400_000).toISOString() : e.endsAt;
  return { kind: e.kind, lang: textLang, title: e.title[textLang]?.[0] ?? '', description: e.description[textLang]?.[0] ?? '', startsAt: local(e.startsAt), endsAt: local(end), allDay: e.allDay ? 'on' : '', location: e.location ?? '', url: e.url ?? '', visibility: e.visibility };
}
