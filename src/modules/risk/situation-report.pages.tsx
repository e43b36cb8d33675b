import type { MessageKey } from '../../shared/i18n/i18n';
import { formatNumber } from '../../shared/i18n/i18n';
import { pickLang } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { PageHeading } from '../pages/components';
import { dateLabel, formatDateTime } from '../pages/format';
import { Layout } from '../pages/layout';
import { SEVERITIES } from './assessment';
import { AssessmentCard } from './assessment.pages';
import type { Assessment } from './assessment.service';
import { incidentLabel } from './incident.pages';
import type { Incident } from './incident.service';
import { situationFigures } from './situation-report';

/** `/risk/incidents/:id/report`: the situation report, laid out for printing (assessments for alliance members only). */
export function SituationReportPage({ ctx, incident, assessments, now }: { ctx: PageContext; incident: Incident; assessments: Assessment[]; now: string }) {
  const { t, lang } = ctx;
  const n = (x: number) => formatNumber(lang, x);
  const f = situationFigures(incident, assessments);
  const path = `/risk/incidents/${encodeURIComponent(incident.id)}`;
  return (
    <Layout ctx={ctx} title={t('report.title', { title: incident.title })} section="risk">
      <div class="wrap risk-report">
        <p class="risk-back no-print">
          <a href={path}>{incident.title}</a> · <a href={`${path}/report.csv`}>{t('incident.reportCsv')}</a>
        </p>
        <PageHeading title={t('report.title', { title: incident.title })} lead={t('report.asOf', { date: formatDateTime(lang, now) })} />
        <dl class="risk-entry">
          <dt>{t('incident.field.kind')}</dt>
          <dd>{incidentLabel(ctx, 'kind', incident.kind)}</dd>
          <dt>{t('incident.field.status')}</dt>
          <dd>{incidentLabel(ctx, 'status', incident.status)}</dd>
          <dt>{t('incident.field.date')}</dt>
          <dd>
            <time datetime={incident.dateFrom}>{dateLabel(lang, incident.dateFrom)}</time>
          </dd>
          <dt>{t('report.sites')}</dt>
          <dd>{n(f.sites)}</dd>
          <dt>{t('report.assessedSites')}</dt>
          <dd>{n(f.assessedSites)}</dd>
          <dt>{t('report.assessments')}</dt>
          <dd>{n(f.assessments)}</dd>
          {SEVERITIES.filter((s) => f.bySeverity.has(s)).map((s) => (
            <>
              <dt>{t(`assess.severity.${s}` as MessageKey)}</dt>
              <dd>{n(f.bySeverity.get(s)!)}</dd>
            </>
          ))}
        </dl>
        {incident.description ? <p dir="auto">{incident.description}</p> : null}
        <h2>{t('incident.affected')}</h2>
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('risk.col.site')}</th>
              <th scope="col">{t('assess.field.severity')}</th>
              <th scope="col">{t('assess.field.stability')}</th>
              <th scope="col">{t('assess.field.assessedOn')}</th>
            </tr>
          </thead>
          <tbody>
            {incident.sites.map((s) => {
              const a = f.latest.get(s.recordId);
              return (
                <tr>
                  <th scope="row" dir="auto">
                    {pickLang(s.title, lang)?.values[0] ?? s.recordId}
                  </th>
                  <td>{a?.severity ? t(`assess.severity.${a.severity}` as MessageKey) : t('risk.none')}</td>
                  <td>{a?.stability ? t(`assess.stability.${a.stability}` as MessageKey) : t('risk.none')}</td>
                  <td>{a?.assessedOn ? dateLabel(lang, a.assessedOn) : t('risk.none')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {assessments.filter((a) => a.status === 'submitted').length ? <h2>{t('assess.title')}</h2> : <p class="hint">{t('report.membersOnly')}</p>}
        {assessments
          .filter((a) => a.status === 'submitted')
          .map((a) => (
            <AssessmentCard ctx={ctx} assessment={a} siteTitle={pickLang(incident.sites.find((s) => s.recordId === a.recordId)?.title, lang)?.values[0] ?? a.recordId} />
          ))}
      </div>
    </Layout>
  );
}
