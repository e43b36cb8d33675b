import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { AppError } from '../../shared/errors';
import { pageContext } from '../pages/context';
import { safeNext } from '../pages/forms';
import { sendPage } from '../pages/send-page';
import { getInstitution } from '../institutions/institution.service';
import { pickLang } from '../../shared/lang-map';
import { signIn } from './sign-in.service';
import { endSession, startSession } from './session.service';
import { clearSessionCookie, csrfTokenFor, setSessionCookie } from './session.cookies';
import { completeSetup, needsSetup } from './setup.service';
import { acceptInvitation, describeLink, resetPassword } from './account-link.service';
import { audit } from '../audit/audit.service';
import { formOutcome, formString } from './form-outcome';
import { InvitationPage, ResetPage, SetupPage, SignInPage } from './sign-in.pages';

type TokenParams = { Params: { token: string } };
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** Sign-in and sign-out, the one-time setup page, and the pages of invitation and password-reset links. */
export const signInPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store }) => {
  const db = store.db;

  app.get('/login', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const next = safeNext((request.query as Record<string, unknown>).next, '/account');
    if (request.session) return reply.redirect(next, 303);
    return sendPage(reply, <SignInPage ctx={ctx} csrf={csrfTokenFor(request, reply)} next={next} setupOpen={await needsSetup(db)} />);
  });

  app.post('/login', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const email = formString(request.body, 'email');
    const next = safeNext(formString(request.body, 'next'), '/account');
    try {
      const session = await signIn(db, { email, password: formString(request.body, 'password'), ip: request.ip, userAgent: request.headers['user-agent'] });
      setSessionCookie(request, reply, session.cookie);
      return reply.redirect(next, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      if (outcome.retryAfter) reply.header('retry-after', String(outcome.retryAfter));
      return sendPage(reply, <SignInPage ctx={ctx} csrf={csrfTokenFor(request, reply)} next={next} email={email} error={outcome} />, status);
    }
  });

  app.post('/logout', async (request, reply) => {
    if (request.session) {
      await endSession(db, request.session.idHash);
      await audit(db, request.actor, [{ action: 'auth.logout', targetType: 'user', targetId: request.actor.kind === 'user' ? request.actor.userId : undefined }]);
    }
    clearSessionCookie(request, reply);
    return reply.redirect('/', 303);
  });

  app.get('/setup', async (request, reply) => {
    if (!(await needsSetup(db))) throw new AppError('NOT_FOUND', 'Setup is done');
    return sendPage(reply, <SetupPage ctx={pageContext(request, reply)} csrf={csrfTokenFor(request, reply)} />);
  });

  app.post('/setup', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const email = formString(request.body, 'email');
    try {
      const userId = await completeSetup(db, { code: formString(request.body, 'code'), email, password: formString(request.body, 'password'), name: formString(request.body, 'name'), ip: request.ip });
      await signInAs(request, reply, userId);
      return reply.redirect('/admin/users', 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return sendPage(reply, <SetupPage ctx={ctx} csrf={csrfTokenFor(request, reply)} email={email} error={outcome} />, status);
    }
  });

  app.get<TokenParams>('/invite/:token', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const link = await describeLink(db, 'invite', checkedToken(request.params.token));
    return sendPage(reply, <InvitationPage ctx={ctx} csrf={csrfTokenFor(request, reply)} action={request.url.split('?')[0]} link={link} institutionName={await institutionName(link.institutionId, ctx.lang)} />);
  });

  app.post<TokenParams>('/invite/:token', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const token = checkedToken(request.params.token);
    const link = await describeLink(db, 'invite', token);
    try {
      const userId = await acceptInvitation(db, token, { password: formString(request.body, 'password'), name: formString(request.body, 'name') });
      await signInAs(request, reply, userId);
      return reply.redirect('/account', 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      const page = <InvitationPage ctx={ctx} csrf={csrfTokenFor(request, reply)} action={request.url.split('?')[0]} link={link} institutionName={await institutionName(link.institutionId, ctx.lang)} error={outcome} />;
      return sendPage(reply, page, status);
    }
  });

  app.get<TokenParams>('/reset/:token', async (request, reply) => {
    const link = await describeLink(db, 'reset', checkedToken(request.params.token));
    return sendPage(reply, <ResetPage ctx={pageContext(request, reply)} csrf={csrfTokenFor(request, reply)} action={request.url.split('?')[0]} email={link.email} />);
  });

  app.post<TokenParams>('/reset/:token', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const token = checkedToken(request.params.token);
    const link = await describeLink(db, 'reset', token);
    try {
      const userId = await resetPassword(db, token, formString(request.body, 'password'));
      await signInAs(request, reply, userId);
      return reply.redirect('/account', 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return sendPage(reply, <ResetPage ctx={ctx} csrf={csrfTokenFor(request, reply)} action={request.url.split('?')[0]} email={link.email} error={outcome} />, status);
    }
  });

  async function signInAs(request: FastifyRequest, reply: FastifyReply, userId: string) {
    const session = await startSession(db, userId, { ip: request.ip, userAgent: request.headers['user-agent'] });
    setSessionCookie(request, reply, session.cookie);
  }

  async function institutionName(id: string | null, lang: string): Promise<string | null> {
    if (!id) return null;
    const inst = await getInstitution(db, id).catch(() => null);
    return inst ? (pickLang(inst.name, lang)?.values[0] ?? id) : id;
  }
};

function checkedToken(token: string): string {
  if (!TOKEN.test(token)) throw new AppError('NOT_FOUND', 'This link is not valid. Ask an administrator for a new one.');
  return token;
}
