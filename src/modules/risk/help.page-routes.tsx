import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import { pageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { HelpPage, HelpRequestPage, type HelpForm } from './help.pages';
import { advanceMatch, createOffer, createRequest, getRequest, listOffers, listRequests, proposeMatch, type HelpInput } from './help.service';
import { coordinatingInstitutions } from './incident.page-routes';

const NOTICES = { request: 'help.requestSaved', offer: 'help.offerSaved', proposed: 'help.proposed', accept: 'help.accepted', decline: 'help.declined', deliver: 'help.delivered' } as const;

/** Help pages: requests and offers, each request with its matches and suggestions; plain forms, post/redirect/get. */
export const helpPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store }) => {
  const notice = (request: FastifyRequest, t: (k: (typeof NOTICES)[keyof typeof NOTICES]) => string) => {
    const done = formString(request.query, 'done');
    return done in NOTICES ? t(NOTICES[done as keyof typeof NOTICES]) : null;
  };

  const renderList = async (request: FastifyRequest, reply: FastifyReply, form: HelpForm, status = 200) => {
    const ctx = pageContext(request, reply);
    const [requests, offers, institutions] = await Promise.all([listRequests(store, request.actor), listOffers(store, request.actor, { status: 'open' }), coordinatingInstitutions(store, request.actor, ctx)]);
    return sendPage(reply, <HelpPage ctx={ctx} requests={requests} offers={offers} institutions={institutions} form={form} />, status);
  };

  app.get('/risk/help', async (request, reply) => renderList(request, reply, { notice: notice(request, pageContext(request, reply).t) }));

  const inputOf = (body: unknown): HelpInput => {
    const f = (k: string) => formString(body, k).trim();
    return {
      institutionId: f('institutionId'),
      kind: f('kind'),
      title: f('title'),
      description: f('description'),
      skill: f('skill'),
      languages: f('languages').split(/[\s,]+/).filter(Boolean),
      quantity: f('quantity') === '' ? NaN : Number(f('quantity')),
      unit: f('unit'),
      from: f('from'),
      until: f('until'),
      incidentId: f('incidentId') || null,
    };
  };

  for (const which of ['request', 'offer'] as const) {
    app.post(`/risk/help/${which}s`, async (request, reply) => {
      if (!request.session) return toSignIn(request, reply);
      try {
        if (which === 'request') {
          const saved = await createRequest(store, request.actor, inputOf(request.body));
          return reply.redirect(`/risk/help/requests/${encodeURIComponent(saved.id)}?done=request`, 303);
        }
        await createOffer(store, request.actor, inputOf(request.body));
        return reply.redirect('/risk/help?done=offer', 303);
      } catch (err) {
        const { status, outcome } = formOutcome(pageContext(request, reply), err);
        const values = Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).filter(([k, v]) => k !== '_csrf' && typeof v === 'string')) as Record<string, string>;
        return renderList(request, reply, { error: outcome, values, which }, status);
      }
    });
  }

  const renderRequest = async (request: FastifyRequest, reply: FastifyReply, id: string, extra: { notice?: string | null; error?: Parameters<typeof HelpRequestPage>[0]['error'] }, status = 200) => {
    const ctx = pageContext(request, reply);
    const { request: r, offers, suggestions } = await getRequest(store, request.actor, id);
    return sendPage(reply, <HelpRequestPage ctx={ctx} request={r} offers={offers} suggestions={suggestions} {...extra} />, status);
  };

  app.get<{ Params: { id: string } }>('/risk/help/requests/:id', async (request, reply) => renderRequest(request, reply, request.params.id, { notice: notice(request, pageContext(request, reply).t) }));

  const matchStep = async (request: FastifyRequest, reply: FastifyReply, work: () => Promise<keyof typeof NOTICES>) => {
    if (!request.session) return toSignIn(request, reply);
    const requestId = formString(request.body, 'requestId');
    try {
      const done = await work();
      return reply.redirect(`/risk/help/requests/${encodeURIComponent(requestId)}?done=${done}`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request, reply), err);
      return renderRequest(request, reply, requestId, { error: outcome }, status);
    }
  };

  app.post('/risk/help/matches', async (request, reply) =>
    matchStep(request, reply, async () => {
      const q = formString(request.body, 'quantity');
      await proposeMatch(store, request.actor, { requestId: formString(request.body, 'requestId'), offerId: formString(request.body, 'offerId'), quantity: q ? Number(q) : null });
      return 'proposed';
    }),
  );

  for (const action of ['accept', 'decline', 'deliver'] as const) {
    app.post<{ Params: { id: string } }>(`/risk/help/matches/:id/${action}`, async (request, reply) =>
      matchStep(request, reply, async () => {
        await advanceMatch(store, request.actor, request.params.id, action);
        return action;
      }),
    );
  }
};
