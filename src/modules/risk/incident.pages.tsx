import type { FieldProblem } from '../../shared/errors';
import { pickLang } from '../../shared/lang-map';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { FormOutcome } from '../accounts/sign-in.pages';
import type { PageContext } from '../pages/context';
import { PageHeading } from '../pages/components';
import { coordinatesLabel, dateLabel } from '../pages/format';
import { CsrfField, Field, FormNotice } from '../pages/forms';
import { islandUrl } from '../pages/island-assets';
import { Layout } from '../pages/layout';
import { WorldMap } from '../pages/world-map';
import type { Assessment } from './assessment.service';
import { AssessmentCard } from './assessment.pages';
import { areaCentre, INCIDENT_KINDS, INCIDENT_STATUSES } from './incident';
import type { Incident } from './incident.service';

export interface IncidentForm {
  notice?: string | null;
  error?: FormOutcome | null;
  values?: Record<string, string>;
}

/** The label of an incident's kind or status. */
export function incidentLabel(ctx: PageContext, what: 'kind' | 'status', value: string): string {
  return ctx.t(`incident.${what}.${value}` as MessageKey);
}

/** `/risk/incidents`: incidents newest first, on a map, and the form to open one. */
export function IncidentsPage({ ctx, incidents, institutions, form = {} }: { ctx: PageContext; incidents: Incident[]; institutions: { id: string; name: string }[]; form?: IncidentForm }) {
  const { t, lang } = ctx;
  const v = form.values ?? {};
  const problem = (field: string) => form.error?.problems?.find((p: FieldProblem) => p.field === field)?.message ?? null;
  const pinned = incidents.filter((i) => i.area);
  return (
    <Layout ctx={ctx} title={t('incident.title')} section="risk">
      <div class="wrap">
        <p class="risk-back">
          <a href="/risk">{t('risk.site.back')}</a>
        </p>
        <PageHeading title={t('incident.title')} lead={t('incident.lead')} />
        {form.error ? <FormNotice ctx={ctx} kind="error" message={form.error.message} detail={form.error.detail} problems={form.error.problems} /> : null}
        {pinned.length ? (
          <WorldMap
            id="incident-map"
            label={t('incident.map')}
            note={t('risk.mapNote')}
            pins={pinned.map((i) => ({ ...areaCentre(i.area!), label: i.title, href: `/risk/incidents/${encodeURIComponent(i.id)}` }))}
          />
        ) : null}
        {incidents.length ? (
          <ul class="risk-incidents">
            {incidents.map((i) => (
              <li>
                <a href={`/risk/incidents/${encodeURIComponent(i.id)}`} dir="auto">
                  {i.title}
                </a>{' '}
                · {incidentLabel(ctx, 'kind', i.kind)} · <span class={`risk-status risk-status-${i.status}`}>{incidentLabel(ctx, 'status', i.status)}</span> · <time datetime={i.dateFrom}>{dateLabel(lang, i.dateFrom)}</time> ·{' '}
                {t('incident.sites', { count: i.sites.length })}
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{t('incident.none')}</p>
        )}
        {institutions.length ? (
          <form method="post" action="/risk/incidents" class="risk-form">
            <CsrfField token={ctx.csrf} />
            <fieldset>
              <legend>{t('incident.open')}</legend>
              <Field id="incident-title" name="title" label={t('incident.field.title')} value={v.title} error={problem('/title')} required dir="auto" />
              <Select id="incident-kind" name="kind" label={t('incident.field.kind')} value={v.kind} options={INCIDENT_KINDS.map((k) => ({ value: k, label: incidentLabel(ctx, 'kind', k) }))} />
              <Field id="incident-date" name="date" label={t('incident.field.date')} hint={t('incident.field.dateHint')} value={v.date} error={problem('/date')} required dir="ltr" />
              <Field id="incident-area" name="area" label={t('incident.field.area')} hint={t('incident.field.areaHint')} value={v.area} error={problem('/area')} dir="ltr" />
              <Select id="incident-institution" name="institutionId" label={t('incident.field.institution')} value={v.institutionId} options={institutions.map((i) => ({ value: i.id, label: i.name }))} />
              <div class="field">
                <label for="incident-description">{t('incident.field.description')}</label>
                <textarea id="incident-description" name="description" rows={3} dir="auto">
                  {v.description ?? ''}
                </textarea>
              </div>
              <button type="submit">{t('incident.open')}</button>
            </fieldset>
          </form>
        ) : null}
      </div>
    </Layout>
  );
}

/** `/risk/incidents/:id`: the incident, its affected sites, its assessments (members), and its coordinators' forms. */
export function IncidentPage({ ctx, incident, assessments, form = {}, canAssess, clearDraft }: { ctx: PageContext; incident: Incident; assessments: Assessment[]; form?: IncidentForm; canAssess: boolean; clearDraft?: string }) {
  const { t, lang } = ctx;
  const path = `/risk/incidents/${encodeURIComponent(incident.id)}`;
  const v = form.values ?? {};
  const problem = (field: string) => form.error?.problems?.find((p: FieldProblem) => p.field === field)?.message ?? null;
  const centre = incident.area ? areaCentre(incident.area) : null;
  const titleOf = (recordId: string) => {
    const site = incident.sites.find((s) => s.recordId === recordId);
    return pickLang(site?.title, lang)?.values[0] ?? recordId;
  };
  return (
    <Layout ctx={ctx} title={incident.title} section="risk" head={clearDraft ? <script src={islandUrl('assessment-draft')} defer></script> : null}>
      <div class="wrap">
        {clearDraft ? <span data-draft-clear={clearDraft} hidden></span> : null}
        <p class="risk-back">
          <a href="/risk/incidents">{t('incident.back')}</a>
        </p>
        <PageHeading title={<span dir="auto">{incident.title}</span>} lead={`${incidentLabel(ctx, 'kind', incident.kind)} · ${incidentLabel(ctx, 'status', incident.status)}`} />
        {form.notice ? <FormNotice ctx={ctx} kind="success" message={form.notice} /> : null}
        {form.error ? <FormNotice ctx={ctx} kind="error" message={form.error.message} detail={form.error.detail} problems={form.error.problems} /> : null}
        <dl class="risk-entry">
          <dt>{t('incident.field.date')}</dt>
          <dd>
            <time datetime={incident.dateFrom}>{dateLabel(lang, incident.dateFrom)}</time>
            {incident.dateTo !== incident.dateFrom ? <> – {incident.dateTo === '9999-12-31' ? t('incident.ongoing') : <time datetime={incident.dateTo}>{dateLabel(lang, incident.dateTo)}</time>}</> : null}
          </dd>
          {centre ? (
            <>
              <dt>{t('incident.field.area')}</dt>
              <dd dir="ltr">
                {incident.area!.type === 'Point' ? coordinatesLabel(lang, centre.lat, centre.lon) : t('incident.polygon', { centre: coordinatesLabel(lang, centre.lat, centre.lon) })}
              </dd>
            </>
          ) : null}
          <dt>{t('incident.field.institution')}</dt>
          <dd>
            <a href={`/institutions/${encodeURIComponent(incident.institutionId)}`}>{incident.institutionId}</a>
          </dd>
        </dl>
        {incident.description ? <p dir="auto">{incident.description}</p> : null}
        <p class="dashboard-links">
          <a href={`${path}/report`}>{t('incident.report')}</a> · <a href={`${path}/report.csv`}>{t('incident.reportCsv')}</a>
          {canAssess ? (
            <>
              {' '}
              · <a href={`${path}/assess`}>{t('assess.new')}</a>
            </>
          ) : null}
        </p>

        {incident.projectId ? (
          <p>
            <a href={`/projects/${encodeURIComponent(incident.projectId)}`}>{t('incident.project')}</a>
          </p>
        ) : incident.canEdit ? (
          <form method="post" action={`${path}/project`} class="inline-form">
            <CsrfField token={ctx.csrf} />
            <button type="submit" class="button-secondary">
              {t('incident.makeProject')}
            </button>
          </form>
        ) : null}
        <section aria-labelledby="incident-sites">
          <h2 id="incident-sites">{t('incident.affected')}</h2>
          {incident.sites.length ? (
            <ul class="risk-incident-sites">
              {incident.sites.map((s) => {
                const title = pickLang(s.title, lang);
                return (
                  <li>
                    <a href={`/risk/sites/${encodeURIComponent(s.recordId)}`} lang={title && title.lang !== lang ? title.lang : undefined} dir="auto">
                      {title?.values[0] ?? s.recordId}
                    </a>
                    {canAssess ? (
                      <>
                        {' '}
                        · <a href={`${path}/assess?site=${encodeURIComponent(s.recordId)}`}>{t('assess.thisSite')}</a>
                      </>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p class="empty">{t('incident.noSites')}</p>
          )}
          {incident.canEdit ? (
            <form method="post" action={`${path}/sites`} class="risk-form">
              <CsrfField token={ctx.csrf} />
              <Field id="link-record" name="recordId" label={t('incident.linkSite')} hint={t('incident.linkSiteHint')} value={v.recordId} error={problem('/recordId')} dir="ltr" />
              <button type="submit">{t('incident.link')}</button>
            </form>
          ) : null}
        </section>

        {assessments.length ? (
          <section aria-labelledby="incident-assessments">
            <h2 id="incident-assessments">{t('assess.title')}</h2>
            {assessments.map((a) => (
              <AssessmentCard ctx={ctx} assessment={a} siteTitle={titleOf(a.recordId)} editHref={a.status === 'draft' && a.mine ? `${path}/assess?draft=${encodeURIComponent(a.id)}` : null} />
            ))}
          </section>
        ) : null}

        {incident.canEdit ? (
          <form method="post" action={path} class="risk-form">
            <CsrfField token={ctx.csrf} />
            <fieldset>
              <legend>{t('incident.update')}</legend>
              <input type="hidden" name="title" value={incident.title} />
              <input type="hidden" name="kind" value={incident.kind} />
              <input type="hidden" name="institutionId" value={incident.institutionId} />
              <input type="hidden" name="description" value={incident.description ?? ''} />
              <Select id="incident-status" name="status" label={t('incident.field.status')} value={v.status ?? incident.status} options={INCIDENT_STATUSES.map((s) => ({ value: s, label: incidentLabel(ctx, 'status', s) }))} />
              <Field id="incident-date-edit" name="date" label={t('incident.field.date')} hint={t('incident.field.dateHint')} value={v.date ?? incident.date} error={problem('/date')} dir="ltr" />
              <button type="submit">{t('risk.site.save')}</button>
            </fieldset>
          </form>
        ) : null}
      </div>
    </Layout>
  );
}

/** A labelled select (the shared one has no error slot; these have fixed, valid options). */
export function Select(props: { id: string; name: string; label: string; value?: string | null; options: { value: string; label: string }[] }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
