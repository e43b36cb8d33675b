import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { LangText, PageHeading } from '../pages/components';
import { CsrfField, Field, FormNotice } from '../pages/forms';
import { formatDateTime } from '../pages/format';
import type { InstitutionIndex } from '../pages/components';
import type { TokenSummary } from './token.service';
import type { UserSummary } from './user.service';
import { NewPasswordField, type FormOutcome } from './sign-in.pages';
import { roleLabel } from './role-label';
import { TOKEN_SCOPES } from './actor';

export interface AccountPageData {
  user: UserSummary;
  tokens: TokenSummary[];
  institutions: InstitutionIndex;
  /** A token just created: shown this once. */
  newToken?: { token: string; label: string | null } | null;
  notice?: string | null;
  passwordError?: FormOutcome | null;
  tokenError?: FormOutcome | null;
}

/** The signed-in person's own page: who they are, their roles, their password and their API tokens. */
export function AccountPage({ ctx, data }: { ctx: PageContext; data: AccountPageData }) {
  const { t } = ctx;
  const { user } = data;
  return (
    <Layout ctx={ctx} title={t('account.title')} section="account">
      <div class="wrap">
        <PageHeading title={t('account.title')} lead={<span dir="ltr">{user.email}</span>} />
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}

        <section class="section" aria-labelledby="roles-h">
          <h2 id="roles-h">{t('account.roles')}</h2>
          {user.isAdmin ? <p>{t('account.isAdmin')}</p> : null}
          {user.memberships.length ? (
            <ul>
              {user.memberships.map((m) => {
                const inst = data.institutions.get(m.institutionId);
                return (
                  <li>
                    {roleLabel(ctx, m.role)} — {inst ? <LangText ctx={ctx} map={inst.name} fallback={m.institutionId} /> : m.institutionId}
                  </li>
                );
              })}
            </ul>
          ) : !user.isAdmin ? (
            <p class="empty">{t('account.noRoles')}</p>
          ) : null}
        </section>

        <section class="section" aria-labelledby="password-h">
          <h2 id="password-h">{t('account.changePassword')}</h2>
          <form class="form-card" method="post" action="/account/password">
            {data.passwordError ? <FormNotice ctx={ctx} kind="error" message={data.passwordError.message} detail={data.passwordError.detail} problems={data.passwordError.problems} /> : null}
            <CsrfField token={ctx.csrf} />
            <Field id="pw-current" name="current" type="password" label={t('account.currentPassword')} autocomplete="current-password" required />
            <NewPasswordField ctx={ctx} id="pw-next" name="next" />
            <button type="submit">{t('account.changePasswordSubmit')}</button>
          </form>
        </section>

        <section class="section" aria-labelledby="tokens-h">
          <h2 id="tokens-h">{t('tokens.title')}</h2>
          <p class="lead">{t('tokens.lead')}</p>
          {data.newToken ? (
            <div class="notice notice-success" role="status">
              <p>{t('tokens.created')}</p>
              <code class="secret">{data.newToken.token}</code>
            </div>
          ) : null}
          <TokenTable ctx={ctx} tokens={data.tokens} />
          <form class="form-card" method="post" action="/account/tokens">
            <h3>{t('tokens.new')}</h3>
            {data.tokenError ? <FormNotice ctx={ctx} kind="error" message={data.tokenError.message} detail={data.tokenError.detail} problems={data.tokenError.problems} /> : null}
            <CsrfField token={ctx.csrf} />
            <Field id="token-label" name="label" label={t('tokens.label')} />
            <fieldset class="field">
              <legend>{t('tokens.scopes')}</legend>
              {TOKEN_SCOPES.map((s) => (
                <label class="checkbox">
                  <input type="checkbox" name="scopes" value={s} checked={s === 'read'} /> {t(`tokens.scope.${s}`)}
                </label>
              ))}
            </fieldset>
            <Field id="token-days" name="expiresInDays" type="number" label={t('tokens.expiresInDays')} value="90" hint={t('tokens.expiresHint')} />
            <button type="submit">{t('tokens.create')}</button>
          </form>
        </section>
      </div>
    </Layout>
  );
}

function TokenTable({ ctx, tokens }: { ctx: PageContext; tokens: TokenSummary[] }) {
  const { t } = ctx;
  if (!tokens.length) return <p class="empty">{t('tokens.none')}</p>;
  return (
    <div class="table-scroll" tabindex={0} role="region" aria-label={t('tokens.title')}>
      <table class="data-table">
        <caption class="visually-hidden">{t('tokens.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tokens.label')}</th>
            <th scope="col">{t('tokens.scopes')}</th>
            <th scope="col">{t('tokens.createdAt')}</th>
            <th scope="col">{t('tokens.expiresAt')}</th>
            <th scope="col">{t('tokens.lastUsed')}</th>
            <th scope="col">{t('tokens.status')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((tk) => {
            const expired = !!tk.expiresAt && Date.parse(tk.expiresAt) <= Date.now();
            return (
              <tr>
                <td>{tk.label ?? <span class="empty">{tk.id}</span>}</td>
                <td dir="ltr">{tk.scopes.join(', ')}</td>
                <td>{formatDateTime(ctx.lang, tk.createdAt)}</td>
                <td>{tk.expiresAt ? formatDateTime(ctx.lang, tk.expiresAt) : t('tokens.never')}</td>
                <td>{tk.lastUsedAt ? formatDateTime(ctx.lang, tk.lastUsedAt) : '—'}</td>
                <td>
                  {tk.revokedAt ? (
                    t('tokens.revoked')
                  ) : expired ? (
                    t('tokens.expired')
                  ) : (
                    <form method="post" action={`/account/tokens/${encodeURIComponent(tk.id)}/revoke`} class="inline-form">
                      <CsrfField token={ctx.csrf} />
                      <button type="submit" class="button-secondary" aria-label={t('tokens.revokeNamed', { name: tk.label ?? tk.id })}>
                        {t('tokens.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
