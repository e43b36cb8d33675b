import type { FieldProblem } from '../../shared/errors';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField, FormNotice } from '../pages/forms';
import { formatDateTime } from '../pages/format';
import type { AllianceView } from './alliance.pages';
import type { Application } from './application.service';
import { actionsFor, DECIDING_BODIES } from './application.flow';
import { AllianceNav, DateText, label, ProseText, TierName } from './governance.view';

/** What the pages know of an application's member: its display name. */
export type NamedApplication = Application & { memberName: string };

/** `/alliance/applications`: the secretariat's queue (open first) or the applicant's own applications. */
export function ApplicationsPage({ ctx, view, items, secretariat }: { ctx: PageContext; view: AllianceView; items: NamedApplication[]; secretariat: boolean }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('gov.applications.title')} section="alliance">
      <div class="wrap">
        <PageHeading title={t('gov.applications.title')} lead={secretariat ? t('gov.applications.leadSecretariat') : t('gov.applications.leadApplicant')} />
        <AllianceNav ctx={ctx} alliance={view.alliance} primaryId={view.primaryId} current="applications" />
        {items.length ? (
          <div class="table-scroll">
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('gov.applications.member')}</th>
                  <th scope="col">{t('gov.apply.tier')}</th>
                  <th scope="col">{t('gov.applications.status')}</th>
                  <th scope="col">{t('gov.applications.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr>
                    <th scope="row">
                      <a href={`/alliance/applications/${encodeURIComponent(a.id)}`}>{a.memberName}</a>
                    </th>
                    <td>
                      <TierName ctx={ctx} alliance={view.alliance} tierId={a.tierId} />
                    </td>
                    <td>{label(ctx, 'status', a.status)}</td>
                    <td>
                      <time datetime={a.updatedAt}>{formatDateTime(lang, a.updatedAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="empty">{t('gov.applications.none')}</p>
        )}
      </div>
    </Layout>
  );
}

/** `/alliance/applications/:id`: where an application stands, its steps, and what the reader may do next. */
export function ApplicationPage(props: { ctx: PageContext; view: AllianceView; app: NamedApplication; role: { secretariat: boolean; applicant: boolean }; done?: string | null; error?: { message: string; problems?: FieldProblem[] } | null }) {
  const { ctx, view, app, role } = props;
  const { t, lang } = ctx;
  const mine = [...(role.secretariat ? actionsFor(app.status, 'secretariat') : []), ...(role.applicant ? actionsFor(app.status, 'applicant') : [])];
  const today = new Date().toISOString().slice(0, 10);
  const action = `/alliance/applications/${encodeURIComponent(app.id)}`;
  return (
    <Layout ctx={ctx} title={t('gov.application.title', { name: app.memberName })} section="alliance">
      <div class="wrap">
        <PageHeading title={t('gov.application.title', { name: app.memberName })} />
        <AllianceNav ctx={ctx} alliance={view.alliance} primaryId={view.primaryId} current="applications" />
        {props.done ? <FormNotice ctx={ctx} kind="success" message={t('gov.application.saved')} /> : null}
        {props.error ? <FormNotice ctx={ctx} kind="error" message={props.error.message} problems={props.error.problems} /> : null}
        <dl class="gov-facts">
          <dt>{t('gov.applications.status')}</dt>
          <dd>
            <strong class={`application-status status-${app.status}`}>{label(ctx, 'status', app.status)}</strong>
          </dd>
          <dt>{t('gov.apply.tier')}</dt>
          <dd>
            <TierName ctx={ctx} alliance={view.alliance} tierId={app.tierId} />
          </dd>
          {app.decidedBy ? (
            <>
              <dt>{t('gov.application.decision')}</dt>
              <dd>
                {label(ctx, 'body', app.decidedBy)}, <DateText ctx={ctx} date={app.decidedOn} />
              </dd>
            </>
          ) : null}
        </dl>
        <h2>{t('gov.apply.statement')}</h2>
        <ProseText text={app.statement} />
        <h2>{t('gov.application.steps')}</h2>
        <ol class="application-steps">
          {app.steps.map((s) => (
            <li>
              <strong>{label(ctx, 'status', s.status)}</strong> · <time datetime={s.at}>{formatDateTime(lang, s.at)}</time>
              {s.note ? <ProseText text={s.note} /> : null}
            </li>
          ))}
        </ol>
        {mine.length ? (
          <section aria-labelledby="next-steps" class="application-actions">
            <h2 id="next-steps">{t('gov.application.next')}</h2>
            {mine.map((a) => (
              <form method="post" action={action} class="gov-form application-action">
                <CsrfField token={ctx.csrf} />
                <input type="hidden" name="action" value={a} />
                {a === 'request-information' || a === 'respond' || a === 'reject' || a === 'refer' ? (
                  <div class="field">
                    <label for={`note-${a}`}>{t(a === 'respond' ? 'gov.application.answer' : 'gov.application.note')}</label>
                    <textarea id={`note-${a}`} name="note" rows={3} maxlength={10000} dir="auto" required={a === 'request-information' || a === 'respond'}></textarea>
                  </div>
                ) : null}
                {a === 'admit' || a === 'reject' ? (
                  <div class="field-row">
                    <div class="field">
                      <label for={`body-${a}`}>{t('gov.application.decidedBy')}</label>
                      <select id={`body-${a}`} name="decidedBy">
                        {DECIDING_BODIES.map((b) => (
                          <option value={b}>{label(ctx, 'body', b)}</option>
                        ))}
                      </select>
                    </div>
                    <div class="field">
                      <label for={`date-${a}`}>{t('gov.application.decidedOn')}</label>
                      <input id={`date-${a}`} type="date" name="decidedOn" value={today} required />
                    </div>
                  </div>
                ) : null}
                <button type="submit" class={a === 'reject' || a === 'withdraw' ? 'button-secondary' : undefined}>
                  {label(ctx, 'action', a)}
                </button>
              </form>
            ))}
          </section>
        ) : null}
      </div>
    </Layout>
  );
}

