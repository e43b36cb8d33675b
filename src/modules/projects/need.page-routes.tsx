import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { staffOf } from '../accounts/actor';
import { formOutcome, formString } from '../accounts/form-outcome';
import { pageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { NeedPage, NeedsPage } from './need.pages';
import { createNeed, getNeed, listNeeds, pledge, setNeedStatus, setPledgeStatus } from './need.service';
import { NEED_KINDS } from './need.table';
import type { FormError } from './project.detail.pages';
import { formLang, formNumber, formValues, langMapOf } from './project.page-form';
import { tx } from './project.routes';

type Id = { Params: { id: string; partId?: string } };
const PAGE = 30;
const NOTICES = { pledged: 'needs.notice.pledged', status: 'needs.notice.status', pledge: 'needs.notice.pledge', created: 'needs.notice.created' } as const;

/** The needs pages: open needs (all of them for the secretariat), one need with its pledges, pledging. */
export const needPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store }) => {
  const { db } = store;

  const renderList = async (request: FastifyRequest, reply: FastifyReply, error: FormError | null, status = 200) => {
    const ctx = pageContext(request, reply);
    const kindRaw = formString(request.query, 'kind');
    const kind = (NEED_KINDS as readonly string[]).includes(kindRaw) ? kindRaw : '';
    const offset = Math.max(0, Math.min(Number.parseInt(formString(request.query, 'offset'), 10) || 0, 100_000));
    const { total, items } = await listNeeds(db, request.actor, { kind: kind || undefined, limit: PAGE, offset });
    const actor = request.actor;
    const all = actor.kind === 'user' && actor.isAdmin;
    const canCreate = actor.kind === 'user' && !!request.session && (all || staffOf(actor).length > 0);
    return sendPage(reply, <NeedsPage ctx={ctx} data={{ kind, total, items, all, canCreate, error, page: { offset, limit: PAGE } }} />, status);
  };

  app.get('/needs', async (request, reply) => renderList(request, reply, null));

  app.post('/needs', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const v = formValues(request.body, ['kind', 'title', 'description', 'lang', 'skill', 'quantity', 'currency', 'dueDate', 'visibility']);
    const lang = formLang(v, ctx.lang);
    try {
      const need = await tx(db, (trx) =>
        createNeed(trx, request.actor, { kind: v.kind as never, title: langMapOf(v.title, lang), description: langMapOf(v.description, lang, true), skill: v.skill || null, quantity: formNumber(v.quantity), currency: v.currency, dueDate: v.dueDate, visibility: (v.visibility || undefined) as never }),
      );
      return reply.redirect(`/needs/${encodeURIComponent(need.id)}?done=created`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return renderList(request, reply, { form: 'need', outcome, values: v }, status);
    }
  });

  const renderNeed = async (request: FastifyRequest<Id>, reply: FastifyReply, error: FormError | null, status = 200) => {
    const ctx = pageContext(request, reply);
    const need = await getNeed(db, request.actor, request.params.id);
    const done = formString(request.query, 'done');
    return sendPage(reply, <NeedPage ctx={ctx} data={{ need, error, notice: done in NOTICES ? ctx.t(NOTICES[done as keyof typeof NOTICES]) : null }} />, status);
  };

  app.get<Id>('/needs/:id', async (request, reply) => renderNeed(request, reply, null));

  app.post<Id>('/needs/:id/pledges', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const v = formValues(request.body, ['quantity', 'note']);
    try {
      await tx(db, (trx) => pledge(trx, request.actor, request.params.id, { quantity: formNumber(v.quantity), note: v.note }));
      return reply.redirect(`/needs/${encodeURIComponent(request.params.id)}?done=pledged`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return renderNeed(request, reply, { form: 'need', outcome, values: v }, status);
    }
  });

  app.post<Id>('/needs/:id/pledges/:partId', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const status = formString(request.body, 'status') === 'accepted' ? 'accepted' : 'withdrawn';
    await tx(db, (trx) => setPledgeStatus(trx, request.actor, request.params.id, request.params.partId ?? '', status));
    return reply.redirect(`/needs/${encodeURIComponent(request.params.id)}?done=pledge`, 303);
  });

  app.post<Id>('/needs/:id/status', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    await setNeedStatus(db, request.actor, request.params.id, formString(request.body, 'status') === 'open' ? 'open' : 'closed');
    return reply.redirect(`/needs/${encodeURIComponent(request.params.id)}?done=status`, 303);
  });
};
