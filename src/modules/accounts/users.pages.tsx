import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { LangText, PageHeading, type InstitutionIndex } from '../pages/components';
import { CsrfField, Field, FormNotice, SelectField } from '../pages/forms';
import { formatDateTime } from '../pages/format';
import { pickLang } from '../../shared/lang-map';
import type { UserSummary } from './user.service';
import type { IssuedLink } from './account-link.service';
import type { FormOutcome } from './sign-in.pages';
import { roleLabel } from './role-label';
import { INSTITUTION_ROLES } from './actor';

export interface UsersPageData {
  users: UserSummary[];
  institutions: InstitutionIndex;
  /** Institutions the viewer may invite staff to (all for alliance admins). */
  invitable: string[];
  viewerIsAdmin: boolean;
  q: string;
  issued?: IssuedLink | null;
  error?: FormOutcome | null;
}

/** User administration: the people the viewer administers, and the invitation form. */
export function UsersPage({ ctx, data }: { ctx: PageContext; data: UsersPageData }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.usersTitle')} section="admin">
      <div class="wrap">
        <PageHeading title={t('admin.usersTitle')} lead={t('admin.usersLead')} />
        <AdminNav ctx={ctx} current="users" viewerIsAdmin={data.viewerIsAdmin} />
        {data.issued ? <IssuedLinkNotice ctx={ctx} link={data.issued} kind="invite" /> : null}
        <form class="filters" method="get" action="/admin/users" role="search">
          <Field id="users-q" name="q" label={t('admin.filterEmail')} value={data.q} />
          <button type="submit">{t('admin.filter')}</button>
        </form>
        <div class="table-scroll" tabindex={0} role="region" aria-label={t('admin.usersTitle')}>
          <table class="data-table">
            <caption class="visually-hidden">{t('admin.usersTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('auth.email')}</th>
                <th scope="col">{t('account.roles')}</th>
                <th scope="col">{t('admin.lastLogin')}</th>
                <th scope="col">{t('admin.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((u) => (
                <tr>
                  <td>
                    <a href={`/admin/users/${encodeURIComponent(u.id)}`} dir="ltr">
                      {u.email}
                    </a>
                    {u.name ? <div>{u.name}</div> : null}
                  </td>
                  <td>
                    {u.isAdmin ? <div>{t('role.allianceAdmin')}</div> : null}
                    {u.memberships.map((m) => (
                      <div>
                        {roleLabel(ctx, m.role)} — <InstitutionName ctx={ctx} id={m.institutionId} index={data.institutions} />
                      </div>
                    ))}
                  </td>
                  <td>{u.lastLoginAt ? formatDateTime(ctx.lang, u.lastLoginAt) : '—'}</td>
                  <td>{u.disabled ? t('admin.disabled') : t('admin.active')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {!data.users.length ? <p class="empty">{t('admin.noUsers')}</p> : null}

        <form class="form-card" method="post" action="/admin/invitations">
          <h2>{t('admin.invite')}</h2>
          <p class="hint">{t('admin.inviteHint')}</p>
          {data.error ? <FormNotice ctx={ctx} kind="error" message={data.error.message} detail={data.error.detail} problems={data.error.problems} /> : null}
          <CsrfField token={ctx.csrf} />
          <Field id="invite-email" name="email" type="email" label={t('auth.email')} required dir="ltr" />
          <SelectField id="invite-institution" name="institutionId" label={t('admin.institution')} options={institutionOptions(ctx, data.invitable, data.institutions, data.viewerIsAdmin)} />
          <SelectField id="invite-role" name="role" label={t('admin.role')} options={INSTITUTION_ROLES.map((r) => ({ value: r, label: roleLabel(ctx, r) }))} value="member" />
          {data.viewerIsAdmin ? (
            <label class="checkbox field">
              <input type="checkbox" name="isAdmin" value="1" /> {t('admin.inviteAsAdmin')}
            </label>
          ) : null}
          <button type="submit">{t('admin.inviteSubmit')}</button>
        </form>
      </div>
    </Layout>
  );
}

export interface UserPageData {
  user: UserSummary;
  institutions: InstitutionIndex;
  /** Institutions where the viewer may set this user's role. */
  manageable: string[];
  viewerIsAdmin: boolean;
  isSelf: boolean;
  notice?: string | null;
  issued?: IssuedLink | null;
  error?: FormOutcome | null;
}

/** One user: roles per institution, alliance-admin flag, disabling, a password-reset link. */
export function UserPage({ ctx, data }: { ctx: PageContext; data: UserPageData }) {
  const { t } = ctx;
  const { user } = data;
  const base = `/admin/users/${encodeURIComponent(user.id)}`;
  const roleOf = new Map(user.memberships.map((m) => [m.institutionId, m.role]));
  return (
    <Layout ctx={ctx} title={user.email} section="admin">
      <div class="wrap">
        <PageHeading title={<span dir="ltr">{user.email}</span>} lead={user.name ?? undefined} />
        <AdminNav ctx={ctx} current="users" viewerIsAdmin={data.viewerIsAdmin} />
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}
        {data.error ? <FormNotice ctx={ctx} kind="error" message={data.error.message} detail={data.error.detail} problems={data.error.problems} /> : null}
        {data.issued ? <IssuedLinkNotice ctx={ctx} link={data.issued} kind="reset" /> : null}
        <p>
          {t('admin.status')}: {user.disabled ? t('admin.disabled') : t('admin.active')} · {t('admin.lastLogin')}: {user.lastLoginAt ? formatDateTime(ctx.lang, user.lastLoginAt) : '—'}
        </p>

        <section class="section" aria-labelledby="user-roles-h">
          <h2 id="user-roles-h">{t('account.roles')}</h2>
          {data.manageable.map((id) => (
            <form class="filters" method="post" action={`${base}/roles`}>
              <CsrfField token={ctx.csrf} />
              <input type="hidden" name="institutionId" value={id} />
              <SelectField
                id={`role-${id}`}
                name="role"
                label={institutionLabel(ctx, id, data.institutions)}
                value={roleOf.get(id) ?? ''}
                options={[{ value: '', label: t('admin.noRole') }, ...INSTITUTION_ROLES.map((r) => ({ value: r, label: roleLabel(ctx, r) }))]}
              />
              <button type="submit">{t('admin.saveRole')}</button>
            </form>
          ))}
        </section>

        {data.viewerIsAdmin ? (
          <section class="section" aria-labelledby="user-admin-h">
            <h2 id="user-admin-h">{t('admin.allianceRights')}</h2>
            {!data.isSelf ? (
              <>
                <form method="post" action={`${base}/flags`} class="field">
                  <CsrfField token={ctx.csrf} />
                  <input type="hidden" name="isAdmin" value={user.isAdmin ? '0' : '1'} />
                  <button type="submit" class="button-secondary">
                    {user.isAdmin ? t('admin.revokeAdmin') : t('admin.makeAdmin')}
                  </button>
                </form>
                <form method="post" action={`${base}/flags`} class="field">
                  <CsrfField token={ctx.csrf} />
                  <input type="hidden" name="disabled" value={user.disabled ? '0' : '1'} />
                  <button type="submit" class="button-secondary">
                    {user.disabled ? t('admin.enable') : t('admin.disable')}
                  </button>
                </form>
              </>
            ) : (
              <p class="hint">{t('admin.selfHint')}</p>
            )}
            <form method="post" action={`${base}/reset-link`} class="field">
              <CsrfField token={ctx.csrf} />
              <button type="submit" class="button-secondary">
                {t('admin.resetLink')}
              </button>
            </form>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}

/** Links between the administration pages. */
export function AdminNav(props: { ctx: PageContext; current: 'users' | 'audit'; viewerIsAdmin: boolean }) {
  const { t } = props.ctx;
  return (
    <nav class="section-head" aria-label={t('admin.nav')}>
      <ul class="footer-links">
        <li>
          <a href="/admin/users" aria-current={props.current === 'users' ? 'page' : undefined}>
            {t('admin.usersTitle')}
          </a>
        </li>
        {props.viewerIsAdmin ? (
          <li>
            <a href="/admin/audit" aria-current={props.current === 'audit' ? 'page' : undefined}>
              {t('audit.title')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

function IssuedLinkNotice({ ctx, link, kind }: { ctx: PageContext; link: IssuedLink; kind: 'invite' | 'reset' }) {
  return (
    <div class="notice notice-success" role="status">
      <p>{ctx.t(kind === 'invite' ? 'admin.inviteIssued' : 'admin.resetIssued', { email: link.email, expires: formatDateTime(ctx.lang, link.expiresAt) })}</p>
      <code class="secret">{link.url}</code>
      {link.mailed ? <p>{ctx.t('admin.linkMailed', { email: link.email })}</p> : null}
    </div>
  );
}

function InstitutionName({ ctx, id, index }: { ctx: PageContext; id: string; index: InstitutionIndex }) {
  const inst = index.get(id);
  return inst ? <LangText ctx={ctx} map={inst.name} fallback={id} /> : <>{id}</>;
}

function institutionLabel(ctx: PageContext, id: string, index: InstitutionIndex): string {
  return pickLang(index.get(id)?.name, ctx.lang)?.values[0] ?? id;
}

function institutionOptions(ctx: PageContext, ids: string[], index: InstitutionIndex, viewerIsAdmin: boolean) {
  const options = ids.map((id) => ({ value: id, label: institutionLabel(ctx, id, index) })).sort((a, b) => a.label.localeCompare(b.label, ctx.lang));
  return viewerIsAdmin ? [{ value: '', label: ctx.t('admin.noInstitution') }, ...options] : options;
}
