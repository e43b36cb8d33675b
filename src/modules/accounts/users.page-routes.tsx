import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { AppError } from '../../shared/errors';
import { ID_REGEX } from '../../shared/ids';
import { pageContext, type PageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { allInstitutions, indexInstitutions } from '../pages/pages.data';
import { adminScope, getUser, listUsers, setRole, updateUserFlags } from './user.service';
import { inviteUser, issueResetLink } from './account-link.service';
import { createMailer } from './account.mail';
import { INSTITUTION_ROLES, type InstitutionRole } from './actor';
import { formOutcome, formString } from './form-outcome';
import { toSignIn } from './account.page-routes';
import { UserPage, UsersPage, type UserPageData, type UsersPageData } from './users.pages';

type UserParams = { Params: { id: string } };

/** User administration pages: alliance admins see everyone, institution admins their own staff. */
export const usersPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store, config }) => {
  const db = store.db;
  const delivery = { publicUrl: config.publicUrl, mailer: createMailer(config) };

  const renderList = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, extra: Partial<UsersPageData> = {}, status = 200) => {
    const scope = adminScope(request.actor);
    const q = formString(request.query, 'q').slice(0, 200);
    const institutions = await allInstitutions(store, ctx.lang);
    const users = await listUsers(db, request.actor, { q: q || undefined });
    const invitable = scope === 'all' ? institutions.map((i) => i.id) : scope;
    const data: UsersPageData = { users, institutions: indexInstitutions(institutions), invitable, viewerIsAdmin: scope === 'all', q, ...extra };
    return sendPage(reply, <UsersPage ctx={ctx} data={data} />, status);
  };

  const renderUser = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, id: string, extra: Partial<UserPageData> = {}, status = 200) => {
    const scope = adminScope(request.actor);
    const user = await getUser(db, request.actor, id);
    const institutions = await allInstitutions(store, ctx.lang);
    const manageable = scope === 'all' ? institutions.map((i) => i.id) : scope;
    const isSelf = request.actor.kind === 'user' && request.actor.userId === id;
    const data: UserPageData = { user, institutions: indexInstitutions(institutions), manageable, viewerIsAdmin: scope === 'all', isSelf, ...extra };
    return sendPage(reply, <UserPage ctx={ctx} data={data} />, status);
  };

  app.get('/admin/users', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    return renderList(request, reply, pageContext(request, reply));
  });

  app.post('/admin/invitations', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    try {
      const role = formString(request.body, 'role');
      const issued = await inviteUser(
        db,
        request.actor,
        {
          email: formString(request.body, 'email'),
          institutionId: formString(request.body, 'institutionId') || null,
          role: (INSTITUTION_ROLES as readonly string[]).includes(role) ? (role as InstitutionRole) : null,
          isAdmin: formString(request.body, 'isAdmin') === '1',
        },
        delivery,
      );
      return renderList(request, reply, ctx, { issued }, 201);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return renderList(request, reply, ctx, { error: outcome }, status);
    }
  });

  app.get<UserParams>('/admin/users/:id', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const done = formString(request.query, 'done');
    return renderUser(request, reply, ctx, checkedId(request.params.id), { notice: done ? ctx.t('admin.saved') : null });
  });

  app.post<UserParams>('/admin/users/:id/roles', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const id = checkedId(request.params.id);
    const role = formString(request.body, 'role');
    return attempt(request, reply, id, () =>
      setRole(db, request.actor, { userId: id, institutionId: formString(request.body, 'institutionId'), role: role ? (role as InstitutionRole) : null }),
    );
  });

  app.post<UserParams>('/admin/users/:id/flags', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const id = checkedId(request.params.id);
    const flag = (name: string) => (formString(request.body, name) === '' ? undefined : formString(request.body, name) === '1');
    return attempt(request, reply, id, () => updateUserFlags(db, request.actor, id, { isAdmin: flag('isAdmin'), disabled: flag('disabled') }));
  });

  app.post<UserParams>('/admin/users/:id/reset-link', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const id = checkedId(request.params.id);
    try {
      const user = await getUser(db, request.actor, id);
      const issued = await issueResetLink(db, request.actor, user.email, delivery);
      return renderUser(request, reply, ctx, id, { issued }, 201);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return renderUser(request, reply, ctx, id, { error: outcome }, status);
    }
  });

  /** Runs a change and goes back to the user's page (post/redirect/get), or shows why it was refused. */
  async function attempt(request: FastifyRequest, reply: FastifyReply, id: string, change: () => Promise<unknown>) {
    const ctx = pageContext(request, reply);
    try {
      await change();
      return reply.redirect(`/admin/users/${encodeURIComponent(id)}?done=1`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return renderUser(request, reply, ctx, id, { error: outcome }, status);
    }
  }
};

function checkedId(id: string): string {
  if (!ID_REGEX.test(id)) throw new AppError('NOT_FOUND', `No user "${id}"`);
  return id;
}
