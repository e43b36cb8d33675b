import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome } from '../accounts/form-outcome';
import type { FormOutcome } from '../accounts/sign-in.pages';
import { pageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { getAward, updateAward } from './award.service';
import { EditAwardPage, EditCallPage, langFieldNames, langFormValues, langMapFromForm } from './people.edit.pages';
import { formValues } from './people.page-support';
import { getCall, updateCall } from './training.service';

type Id = { Params: { id: string } };
const CALL_FIELDS = [...langFieldNames(['title', 'summary']), 'location', 'places', 'deadline', 'startsOn', 'endsOn', 'visibility'];
const AWARD_FIELDS = [...langFieldNames(['title', 'description']), 'deadline'];

/** Edit pages of training/exchange calls (`/training/:id/edit`) and awards (`/awards/:id/edit`). */
export const peopleEditPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store }) => {
  const managedCall = async (request: FastifyRequest<Id>) => {
    const { call } = await getCall(store, request.actor, request.params.id);
    if (!call.manageable) throw new AppError('NOT_FOUND', `No call "${call.id}" to edit`);
    return call;
  };
  const renderCall = (request: FastifyRequest<Id>, reply: FastifyReply, values: Record<string, string>, error?: FormOutcome, status = 200) =>
    sendPage(reply, <EditCallPage ctx={pageContext(request, reply)} data={{ id: request.params.id, values, error }} />, status);

  app.get<Id>('/training/:id/edit', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const call = await managedCall(request);
    const values = { ...langFormValues({ title: call.title, summary: call.summary }), location: call.location ?? '', places: String(call.places), deadline: call.deadline, startsOn: call.startsOn ?? '', endsOn: call.endsOn ?? '', visibility: call.visibility };
    return renderCall(request, reply, values);
  });

  app.post<Id>('/training/:id/edit', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const call = await managedCall(request);
    const v = formValues(request, CALL_FIELDS);
    try {
      const input = { title: langMapFromForm(v, 'title', call.title), summary: langMapFromForm(v, 'summary', call.summary), location: v.location, places: v.places.trim() === '' ? Number.NaN : Number(v.places), deadline: v.deadline, startsOn: v.startsOn, endsOn: v.endsOn, visibility: v.visibility || undefined };
      await updateCall(store, request.actor, call.id, input);
      return reply.redirect(`/training/${encodeURIComponent(call.id)}?done=edited`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request, reply), err);
      return renderCall(request, reply, v, outcome, status);
    }
  });

  const secretariatAward = async (request: FastifyRequest<Id>) => {
    const { award, isSecretariat } = await getAward(store, request.actor, request.params.id);
    if (!isSecretariat) throw new AppError('NOT_FOUND', `No award "${award.id}" to edit`);
    return award;
  };
  const renderAward = (request: FastifyRequest<Id>, reply: FastifyReply, values: Record<string, string>, error?: FormOutcome, status = 200) =>
    sendPage(reply, <EditAwardPage ctx={pageContext(request, reply)} data={{ id: request.params.id, values, error }} />, status);

  app.get<Id>('/awards/:id/edit', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const award = await secretariatAward(request);
    if (award.status === 'published') return reply.redirect(`/awards/${encodeURIComponent(award.id)}`, 303);
    return renderAward(request, reply, { ...langFormValues({ title: award.title, description: award.description }), deadline: award.deadline });
  });

  app.post<Id>('/awards/:id/edit', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const award = await secretariatAward(request);
    const v = formValues(request, AWARD_FIELDS);
    try {
      await updateAward(store, request.actor, award.id, { title: langMapFromForm(v, 'title', award.title), description: langMapFromForm(v, 'description', award.description), deadline: v.deadline });
      return reply.redirect(`/awards/${encodeURIComponent(award.id)}?done=edited`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request, reply), err);
      return renderAward(request, reply, v, outcome, status);
    }
  });
};
