import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { isAllianceMember } from '../accounts/actor';
import { toSignIn } from '../accounts/account.page-routes';
import { formList, formOutcome, formString } from '../accounts/form-outcome';
import { pageContext, type PageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { ExpertsPage, MyEntryPage } from './expert.pages';
import { deleteMyExpertEntry, listExperts, myExpertEntry, saveMyExpertEntry } from './expert.service';
import { doneNotice, formValues, institutionNames, langMapFrom, memberInstitutions, publishingInstitutions } from './people.page-support';
import { CallPage, NewCallPage, TrainingPage } from './training.pages';
import { applyToCall, callOfApplication, closeCall, createCall, decideApplication, getCall, listCalls, recordOutcome, withdrawApplication } from './training.service';
import type { FormOutcome } from '../accounts/sign-in.pages';

type Id = { Params: { id: string } };
const CALL_FIELDS = ['institutionId', 'kind', 'lang', 'title', 'summary', 'location', 'places', 'deadline', 'startsOn', 'endsOn', 'visibility'];

/** Pages of the experts directory (`/experts`) and of training and exchange calls (`/training`). */
export const peoplePageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store }) => {
  app.get('/experts', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const filter = { skill: formString(request.query, 'skill'), language: formString(request.query, 'language'), availability: formString(request.query, 'availability') };
    const [experts, mine, names] = await Promise.all([listExperts(store, request.actor, filter), myExpertEntry(store, request.actor), institutionNames(store, ctx)]);
    return sendPage(reply, <ExpertsPage ctx={ctx} data={{ experts, filter, institutionNames: names, hasEntry: !!mine }} />);
  });

  app.get('/experts/me', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const entry = await myExpertEntry(store, request.actor);
    const notice = doneNotice(request, { saved: ctx.t('people.experts.saved'), deleted: ctx.t('people.experts.deleted') });
    return sendPage(reply, <MyEntryPage ctx={ctx} data={{ entry, institutions: await memberInstitutions(store, request.actor, ctx), notice }} />);
  });

  app.post('/experts/me', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const v = formValues(request, ['name', 'bio', 'languages', 'availability', 'institutionId', 'listed']);
    const input = { ...v, skills: formList(request.body, 'skills'), listed: v.listed === 'on' };
    try {
      await saveMyExpertEntry(store, request.actor, input);
      return reply.redirect('/experts/me?done=saved', 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      const entry = { ...input, institutionId: v.institutionId || null, languages: v.languages.split(',').map((x) => x.trim()).filter(Boolean), availability: v.availability as 'available', skills: input.skills as never };
      return sendPage(reply, <MyEntryPage ctx={ctx} data={{ entry, institutions: await memberInstitutions(store, request.actor, ctx), error: outcome }} />, status);
    }
  });

  app.post('/experts/me/delete', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    await deleteMyExpertEntry(store, request.actor);
    return reply.redirect('/experts/me?done=deleted', 303);
  });

  app.get('/training', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const [calls, names, mine] = await Promise.all([listCalls(store, request.actor), institutionNames(store, ctx), publishingInstitutions(store, request.actor, ctx)]);
    return sendPage(reply, <TrainingPage ctx={ctx} data={{ calls, institutionNames: names, canPublish: mine.length > 0 }} />);
  });

  const renderNewCall = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, values?: Record<string, string>, error?: FormOutcome, status = 200) =>
    sendPage(reply, <NewCallPage ctx={ctx} data={{ institutions: await publishingInstitutions(store, request.actor, ctx), values, error }} />, status);

  app.get('/training/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    return renderNewCall(request, reply, pageContext(request, reply));
  });

  app.post('/training/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const v = formValues(request, CALL_FIELDS);
    try {
      const call = await createCall(store, request.actor, { ...v, title: langMapFrom(v, 'title', ctx), summary: langMapFrom(v, 'summary', ctx), places: v.places ? Number(v.places) : undefined });
      return reply.redirect(`/training/${encodeURIComponent(call.id)}?done=published`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return renderNewCall(request, reply, ctx, v, outcome, status);
    }
  });

  const renderCall = async (request: FastifyRequest, reply: FastifyReply, id: string, extra: { error?: FormOutcome; statement?: string; status?: number } = {}) => {
    const ctx = pageContext(request, reply);
    const detail = await getCall(store, request.actor, id);
    const names = await institutionNames(store, ctx);
    const notices = { published: ctx.t('people.training.published'), applied: ctx.t('people.training.applied'), decided: ctx.t('people.training.decided'), withdrawn: ctx.t('people.training.withdrawn'), closed: ctx.t('people.training.closed'), outcome: ctx.t('people.training.outcomeSaved'), edited: ctx.t('people.edit.saved') };
    const data = { ...detail, institutionName: names.get(detail.call.institutionId) ?? detail.call.institutionId, signedIn: !!request.session, member: isAllianceMember(request.actor), notice: extra.error ? null : doneNotice(request, notices), error: extra.error, statement: extra.statement };
    return sendPage(reply, <CallPage ctx={ctx} data={data} />, extra.status ?? 200);
  };

  app.get<Id>('/training/:id', async (request, reply) => renderCall(request, reply, request.params.id));

  app.post<Id>('/training/:id/apply', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const statement = formString(request.body, 'statement');
    try {
      await applyToCall(store, request.actor, request.params.id, { statement });
      return reply.redirect(`/training/${encodeURIComponent(request.params.id)}?done=applied`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request, reply), err);
      return renderCall(request, reply, request.params.id, { error: outcome, statement, status });
    }
  });

  app.post<Id>('/training/:id/close', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    await closeCall(store, request.actor, request.params.id);
    return reply.redirect(`/training/${encodeURIComponent(request.params.id)}?done=closed`, 303);
  });

  // Application actions go back to their call's page, with the refusal shown there.
  const onApplication = (action: (request: FastifyRequest<Id>) => Promise<unknown>, done: string) => async (request: FastifyRequest<Id>, reply: FastifyReply) => {
    if (!request.session) return toSignIn(request, reply);
    const callId = await callOfApplication(store, request.actor, request.params.id);
    try {
      await action(request);
      return reply.redirect(`/training/${encodeURIComponent(callId)}?done=${done}`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request, reply), err);
      if (status === 404) throw err;
      return renderCall(request, reply, callId, { error: outcome, status });
    }
  };
  app.post<Id>('/training/applications/:id/decision', onApplication((r) => decideApplication(store, r.actor, r.params.id, formString(r.body, 'decision')), 'decided'));
  app.post<Id>('/training/applications/:id/withdraw', onApplication((r) => withdrawApplication(store, r.actor, r.params.id), 'withdrawn'));
  app.post<Id>('/training/applications/:id/outcome', onApplication((r) => recordOutcome(store, r.actor, r.params.id, formString(r.body, 'outcome')), 'outcome'));
};
