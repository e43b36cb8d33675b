import type { FieldProblem } from '../../shared/errors';
import { pickLang } from '../../shared/lang-map';
import type { FormOutcome } from '../accounts/sign-in.pages';
import type { PageContext } from '../pages/context';
import { PageHeading } from '../pages/components';
import { coordinatesLabel, dateLabel } from '../pages/format';
import { CsrfField, Field, FormNotice } from '../pages/forms';
import { Layout } from '../pages/layout';
import { LevelSelect } from './risk-register.pages';
import type { RiskSite } from './risk-register.service';
import { factorGroups, levelLabel, threatLabel } from './risk.labels';
import { CONDITIONS, PRIORITIES, TRENDS } from './risk.taxonomy';
import { ReportList } from './public-report.pages';
import type { PublicReport } from './public-report.service';

/** What a refused or completed form leaves on the page, and the values to show again. */
export interface SiteFormState {
  notice?: string | null;
  error?: FormOutcome | null;
  values?: Record<string, string>;
}

/** `/risk/sites/:recordId`: a site's register entry, threats and location; forms for those who may edit. */
export function SitePage({ ctx, site, form = {}, reports = [] }: { ctx: PageContext; site: RiskSite; form?: SiteFormState; reports?: PublicReport[] }) {
  const { t, lang } = ctx;
  const { record, entry, sensitive, canEdit } = site;
  const title = pickLang(record.title, lang);
  const path = `/risk/sites/${encodeURIComponent(record.id)}`;
  const v = form.values ?? {};
  const problem = (field: string) => form.error?.problems?.find((p: FieldProblem) => p.field === field)?.message ?? null;
  const located = (record.places ?? []).filter((p) => p.lat !== undefined && p.lon !== undefined);
  return (
    <Layout ctx={ctx} title={t('risk.site.heading', { title: title?.values[0] ?? record.id })} section="risk">
      <div class="wrap risk-site">
        <p class="risk-back">
          <a href="/risk">{t('risk.site.back')}</a>
        </p>
        <PageHeading title={t('risk.site.heading', { title: title?.values[0] ?? record.id })} />
        <p class="dashboard-links">
          <a href={`/records/${encodeURIComponent(record.id)}`}>{t('risk.site.record')}</a> · <a href={`/risk/report?site=${encodeURIComponent(record.id)}`}>{t('report.link')}</a>
          {canEdit ? (
            <>
              {' '}
              · <a href="/risk/moderation">{t('report.moderation')}</a>
            </>
          ) : null}
        </p>
        {form.notice ? <FormNotice ctx={ctx} kind="success" message={form.notice} /> : null}
        {form.error ? <FormNotice ctx={ctx} kind="error" message={form.error.message} detail={form.error.detail} problems={form.error.problems} /> : null}

        <section aria-labelledby="risk-entry">
          <h2 id="risk-entry">{t('risk.site.register')}</h2>
          {entry ? (
            <dl class="risk-entry">
              <dt>{t('risk.condition')}</dt>
              <dd>{levelLabel(ctx, 'condition', entry.condition)}</dd>
              <dt>{t('risk.trend')}</dt>
              <dd>{levelLabel(ctx, 'trend', entry.trend)}</dd>
              <dt>{t('risk.priority')}</dt>
              <dd>
                <span class={`risk-priority risk-priority-${entry.priority}`}>{levelLabel(ctx, 'priority', entry.priority)}</span>
              </dd>
              <dt>{t('risk.col.lastInspection')}</dt>
              <dd>{entry.lastInspection ? <time datetime={entry.lastInspection}>{dateLabel(lang, entry.lastInspection)}</time> : t('risk.none')}</dd>
              <dt>{t('risk.site.responsible')}</dt>
              <dd>
                <a href={`/institutions/${encodeURIComponent(entry.responsibleInstitutionId)}`}>{entry.responsibleInstitutionId}</a>
              </dd>
              {entry.notes ? (
                <>
                  <dt>{t('risk.site.notes')}</dt>
                  <dd dir="auto">{entry.notes}</dd>
                </>
              ) : null}
            </dl>
          ) : (
            <p class="empty">{t('risk.site.notInRegister')}</p>
          )}
          {canEdit ? (
            <form method="post" action={path} class="risk-form">
              <CsrfField token={ctx.csrf} />
              <fieldset>
                <legend>{t('risk.site.entryForm')}</legend>
                <LevelSelect ctx={ctx} kind="condition" values={CONDITIONS} value={v.condition ?? entry?.condition} any={false} id="entry-condition" />
                <LevelSelect ctx={ctx} kind="trend" values={TRENDS} value={v.trend ?? entry?.trend ?? 'stable'} any={false} id="entry-trend" />
                <LevelSelect ctx={ctx} kind="priority" values={PRIORITIES} value={v.priority ?? entry?.priority ?? 'medium'} any={false} id="entry-priority" />
                <Field id="entry-inspection" name="lastInspection" type="date" label={t('risk.col.lastInspection')} value={v.lastInspection ?? entry?.lastInspection ?? ''} error={problem('/lastInspection')} />
                <Field id="entry-responsible" name="responsibleInstitutionId" label={t('risk.site.responsible')} hint={t('risk.site.responsibleHint')} value={v.responsibleInstitutionId ?? entry?.responsibleInstitutionId ?? ''} error={problem('/responsibleInstitutionId')} />
                <div class="field">
                  <label for="entry-notes">{t('risk.site.notes')}</label>
                  <textarea id="entry-notes" name="notes" rows={3} maxlength={5000} dir="auto">
                    {v.notes ?? entry?.notes ?? ''}
                  </textarea>
                </div>
                <button type="submit">{t('risk.site.save')}</button>
              </fieldset>
            </form>
          ) : null}
        </section>

        <section aria-labelledby="risk-threats">
          <h2 id="risk-threats">{t('risk.site.threats')}</h2>
          {entry?.threats.length ? (
            <ul class="risk-threats">
              {entry.threats.map((th) => (
                <li>
                  <strong>{threatLabel(ctx, th.primary, th.secondary)}</strong>
                  {th.description ? <p dir="auto">{th.description}</p> : null}
                  {canEdit ? (
                    <form method="post" action={`${path}/threats/${encodeURIComponent(th.id)}/delete`} class="inline-form">
                      <CsrfField token={ctx.csrf} />
                      <button type="submit" class="button-secondary">
                        {t('risk.site.remove')}
                      </button>
                    </form>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">{t('risk.site.noThreats')}</p>
          )}
          {canEdit && entry ? (
            <form method="post" action={`${path}/threats`} class="risk-form">
              <CsrfField token={ctx.csrf} />
              <fieldset>
                <legend>{t('risk.site.addThreat')}</legend>
                <div class={`field${problem('/primary') || problem('/secondary') ? ' field-invalid' : ''}`}>
                  <label for="threat-factor">{t('risk.site.factor')}</label>
                  <select id="threat-factor" name="factor" aria-describedby="threat-factor-hint">
                    {factorGroups(ctx).map((g) => (
                      <optgroup label={g.label}>
                        {g.options.map((o) => (
                          <option value={o.value} selected={o.value === v.factor}>
                            {o.label}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </select>
                  <p class="hint" id="threat-factor-hint">
                    {t('risk.site.factorHint')}
                  </p>
                </div>
                <div class="field">
                  <label for="threat-description">{t('risk.site.description')}</label>
                  <textarea id="threat-description" name="description" rows={2} maxlength={2000} dir="auto">
                    {v.description ?? ''}
                  </textarea>
                </div>
                <button type="submit">{t('risk.site.add')}</button>
              </fieldset>
            </form>
          ) : null}
        </section>

        <section aria-labelledby="risk-location">
          <h2 id="risk-location">{t('risk.site.location')}</h2>
          {sensitive.sensitive && sensitive.flaggedAt ? <p class="risk-sensitive">{t('risk.site.sensitiveSince', { date: dateLabel(lang, sensitive.flaggedAt) })}</p> : null}
          {sensitive.sensitive && !sensitive.exact ? <p>{t('risk.site.sensitivePublic')}</p> : null}
          {sensitive.exact ? <p class="hint">{t('risk.site.exact')}</p> : !sensitive.sensitive ? <p class="hint">{t('risk.site.notSensitive')}</p> : null}
          {located.length ? (
            <ul class="risk-points">
              {located.map((p) => (
                <li dir="ltr">{coordinatesLabel(lang, p.lat!, p.lon!)}</li>
              ))}
            </ul>
          ) : null}
          {sensitive.exact && sensitive.reason ? <p dir="auto">{sensitive.reason}</p> : null}
          {canEdit ? (
            <form method="post" action={`${path}/sensitive`} class="risk-form">
              <CsrfField token={ctx.csrf} />
              {sensitive.sensitive ? (
                <>
                  <input type="hidden" name="action" value="unflag" />
                  <button type="submit" class="button-secondary">
                    {t('risk.site.unflag')}
                  </button>
                </>
              ) : (
                <fieldset>
                  <legend>{t('risk.site.flag')}</legend>
                  <p class="hint">{t('risk.site.flagHint')}</p>
                  <input type="hidden" name="action" value="flag" />
                  <Field id="sensitive-reason" name="reason" label={t('risk.site.reason')} value={v.reason ?? ''} />
                  <button type="submit">{t('risk.site.flag')}</button>
                </fieldset>
              )}
            </form>
          ) : null}
        </section>
        {reports.length ? (
          <section aria-labelledby="risk-reports">
            <h2 id="risk-reports">{t('report.fromPublic')}</h2>
            <ReportList ctx={ctx} reports={reports} />
          </section>
        ) : null}
      </div>
    </Layout>
  );
}
