import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { pageContext, type PageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { allInstitutions, indexInstitutions } from '../pages/pages.data';
import { createOwnToken, listOwnTokens, revokeToken } from './token.service';
import { changeOwnPassword, getUser } from './user.service';
import { formList, formOutcome, formString } from './form-outcome';
import { AccountPage, type AccountPageData } from './account.pages';

/** The signed-in person's own page: roles, password change, API tokens. */
export const accountPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store }) => {
  const db = store.db;

  const render = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, extra: Partial<AccountPageData> = {}, status = 200) => {
    const actor = request.actor;
    const [user, tokens, institutions] = await Promise.all([
      getUser(db, actor, actor.kind === 'user' ? actor.userId : ''),
      listOwnTokens(db, actor),
      allInstitutions(store, ctx.lang),
    ]);
    return sendPage(reply, <AccountPage ctx={ctx} data={{ user, tokens, institutions: indexInstitutions(institutions), ...extra }} />, status);
  };

  app.get('/account', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const done = (request.query as Record<string, unknown>).done;
    return render(request, reply, ctx, { notice: done === 'password' ? ctx.t('account.passwordChanged') : done === 'revoked' ? ctx.t('tokens.revokedNotice') : null });
  });

  app.post('/account/password', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    try {
      await changeOwnPassword(db, request.actor, { current: formString(request.body, 'current'), next: formString(request.body, 'next'), keepSession: request.session.idHash });
      return reply.redirect('/account?done=password', 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return render(request, reply, ctx, { passwordError: outcome }, status);
    }
  });

  app.post('/account/tokens', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    try {
      const days = Number(formString(request.body, 'expiresInDays') || '0');
      const label = formString(request.body, 'label').trim();
      const created = await createOwnToken(db, request.actor, {
        scopes: formList(request.body, 'scopes'),
        label: label || undefined,
        expiresInDays: Number.isInteger(days) && days > 0 ? Math.min(days, 3650) : undefined,
      });
      // The secret is shown in this answer only; a reload must not show it again, hence no redirect.
      return render(request, reply, ctx, { newToken: { token: created.token, label: label || null } }, 201);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return render(request, reply, ctx, { tokenError: outcome }, status);
    }
  });

  app.post<{ Params: { id: string } }>('/account/tokens/:id/revoke', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    await revokeToken(db, request.actor, request.params.id);
    return reply.redirect('/account?done=revoked', 303);
  });
};

/** Sends a visitor who is not signed in to the sign-in page, to come back here afterwards. */
export function toSignIn(request: FastifyRequest, reply: FastifyReply) {
  const back = request.method === 'GET' ? request.url : '/account';
  return reply.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
}
