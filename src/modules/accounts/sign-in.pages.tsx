import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField, Field, FormNotice } from '../pages/forms';
import type { FieldProblem } from '../../shared/errors';
import type { LinkDetails } from './account-link.service';
import { roleLabel } from './role-label';

/** What a form page shows after a failed post: a translated message, and the service's detail. */
export interface FormOutcome {
  message: string;
  detail?: string | null;
  problems?: FieldProblem[];
  /** Seconds to wait before trying again (throttled sign-in). */
  retryAfter?: number;
}

/** The sign-in form. */
export function SignInPage(props: { ctx: PageContext; csrf: string; next: string; email?: string; error?: FormOutcome | null; setupOpen?: boolean }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.signInTitle')} section={null}>
      <div class="wrap">
        <PageHeading title={t('auth.signInTitle')} lead={t('auth.signInLead')} />
        <form class="form-card" method="post" action="/login">
          {props.error ? <FormNotice ctx={ctx} kind="error" message={props.error.message} /> : null}
          {props.setupOpen ? <FormNotice ctx={ctx} kind="success" message={<a href="/setup">{t('setup.lead')}</a>} /> : null}
          <CsrfField token={props.csrf} />
          <input type="hidden" name="next" value={props.next} />
          <Field id="login-email" name="email" type="email" label={t('auth.email')} value={props.email} autocomplete="username" required dir="ltr" />
          <Field id="login-password" name="password" type="password" label={t('auth.password')} autocomplete="current-password" required />
          <button type="submit">{t('auth.signIn')}</button>
          <p class="hint">{t('auth.forgotHint')}</p>
        </form>
      </div>
    </Layout>
  );
}

/** The one-time setup page: creates the first alliance admin with the code from the server's log. */
export function SetupPage(props: { ctx: PageContext; csrf: string; email?: string; error?: FormOutcome | null }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('setup.title')} section={null}>
      <div class="wrap">
        <PageHeading title={t('setup.title')} lead={t('setup.lead')} />
        <form class="form-card" method="post" action="/setup">
          {props.error ? <FormNotice ctx={ctx} kind="error" message={props.error.message} detail={props.error.detail} problems={props.error.problems} /> : null}
          <CsrfField token={props.csrf} />
          <Field id="setup-code" name="code" label={t('setup.code')} hint={t('setup.codeHint')} autocomplete="off" required dir="ltr" />
          <Field id="setup-email" name="email" type="email" label={t('auth.email')} value={props.email} autocomplete="username" required dir="ltr" />
          <Field id="setup-name" name="name" label={t('auth.name')} autocomplete="name" />
          <NewPasswordField ctx={ctx} id="setup-password" />
          <button type="submit">{t('setup.submit')}</button>
        </form>
      </div>
    </Layout>
  );
}

/** The page an invitation link opens: the invitee chooses a password and joins. */
export function InvitationPage(props: { ctx: PageContext; csrf: string; action: string; link: LinkDetails; institutionName: string | null; error?: FormOutcome | null }) {
  const { ctx, link } = props;
  const { t } = ctx;
  const what = link.isAdmin
    ? t('invite.asAdmin')
    : t('invite.asRole', { role: roleLabel(ctx, link.role ?? 'member'), institution: props.institutionName ?? link.institutionId ?? '' });
  return (
    <Layout ctx={ctx} title={t('invite.title')} section={null}>
      <div class="wrap">
        <PageHeading title={t('invite.title')} lead={what} />
        <form class="form-card" method="post" action={props.action}>
          {props.error ? <FormNotice ctx={ctx} kind="error" message={props.error.message} detail={props.error.detail} problems={props.error.problems} /> : null}
          <CsrfField token={props.csrf} />
          <p>
            {t('auth.email')}: <strong dir="ltr">{link.email}</strong>
          </p>
          <Field id="invite-name" name="name" label={t('auth.name')} autocomplete="name" />
          <NewPasswordField ctx={ctx} id="invite-password" />
          <button type="submit">{t('invite.submit')}</button>
        </form>
      </div>
    </Layout>
  );
}

/** The page a password-reset link opens. */
export function ResetPage(props: { ctx: PageContext; csrf: string; action: string; email: string; error?: FormOutcome | null }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('reset.title')} section={null}>
      <div class="wrap">
        <PageHeading title={t('reset.title')} lead={t('reset.lead')} />
        <form class="form-card" method="post" action={props.action}>
          {props.error ? <FormNotice ctx={ctx} kind="error" message={props.error.message} detail={props.error.detail} problems={props.error.problems} /> : null}
          <CsrfField token={props.csrf} />
          <p>
            {t('auth.email')}: <strong dir="ltr">{props.email}</strong>
          </p>
          <NewPasswordField ctx={ctx} id="reset-password" />
          <button type="submit">{t('reset.submit')}</button>
        </form>
      </div>
    </Layout>
  );
}

/** A new-password input with the policy as its hint. */
export function NewPasswordField(props: { ctx: PageContext; id: string; name?: string; label?: string; error?: string | null }) {
  return (
    <Field
      id={props.id}
      name={props.name ?? 'password'}
      type="password"
      label={props.label ?? props.ctx.t('auth.newPassword')}
      hint={props.ctx.t('auth.passwordPolicy')}
      autocomplete="new-password"
      minlength={10}
      required
      error={props.error}
    />
  );
}
