import { formatNumber } from '../../shared/i18n/i18n';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { formatDateTime } from '../pages/format';
import { islandUrl } from '../pages/island-assets';
import type { DashboardData } from './dashboard.data';
import { actionLabel } from '../records/record.history.pages';
import { JobStatusWord, jobKindLabel } from '../jobs/job-status.view';

const ACTIVE = new Set(['queued', 'running', 'retrying']);

/** The staff dashboard: my institutions' records, the latest changes, and running and recent jobs. */
export function DashboardPage({ ctx, data }: { ctx: PageContext; data: DashboardData }) {
  const { t, lang } = ctx;
  const n = (x: number) => formatNumber(lang, x);
  const live = data.jobs.some((j) => ACTIVE.has(j.status));
  return (
    <Layout ctx={ctx} title={t('dashboard.title')} section="account" head={live ? <script src={islandUrl('job-status')} defer></script> : null}>
      <div class="wrap">
        <PageHeading title={t('dashboard.title')} lead={t('dashboard.lead')} />
        <p class="dashboard-links">
          {ctx.user?.catalogues ? <><a href="/records/new">{t('editor.newRecord')}</a> · </> : null}<a href="/imports">{t('imports.nav')}</a> · <a href="/harvest">{t('dashboard.harvest')}</a> · <a href="/search?sort=newest">{t('dashboard.newest')}</a>
        </p>
        {data.institutions.length ? (
          <section aria-labelledby="dash-records">
            <h2 id="dash-records">{t('dashboard.records')}</h2>
            <div class="table-scroll">
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('imports.institution')}</th>
                    <th scope="col">{t('dashboard.public')}</th>
                    <th scope="col">{t('dashboard.members')}</th>
                    <th scope="col">{t('dashboard.private')}</th>
                    <th scope="col">{t('dashboard.embargoed')}</th>
                    <th scope="col">{t('dashboard.trashed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.institutions.map((i) => (
                    <tr>
                      <th scope="row">
                        <a href={`/institutions/${encodeURIComponent(i.id)}`}>{i.name}</a>
                      </th>
                      <td>{n(i.public)}</td>
                      <td>{n(i.members)}</td>
                      <td>{n(i.private)}</td>
                      <td>{n(i.embargoed)}</td>
                      <td>{n(i.trashed)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ) : (
          <p class="empty">{t('dashboard.noInstitution')}</p>
        )}
        {data.changes.length ? (
          <section aria-labelledby="dash-changes">
            <h2 id="dash-changes">{t('dashboard.changes')}</h2>
            <ul class="dashboard-changes">
              {data.changes.map((c) => (
                <li>
                  <a href={`/records/${encodeURIComponent(c.id)}`} dir="auto">
                    {c.title}
                  </a>{' '}
                  · {c.deleted ? t('dashboard.inTrash') : actionLabel(ctx, c.action)} · <time datetime={c.at}>{formatDateTime(lang, c.at)}</time>
                  {c.by ? <> · {c.by}</> : null} · <a href={`/records/${encodeURIComponent(c.id)}/history`}>{t('history.link')}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="dash-jobs">
          <h2 id="dash-jobs">{t('dashboard.jobs')}</h2>
          {data.jobs.length ? (
            <ul class="dashboard-jobs">
              {data.jobs.map((j) => (
                <li>
                  <strong>{jobKindLabel(ctx, j.kind)}</strong> · <JobStatusWord ctx={ctx} id={j.id} status={j.status} />
                  {ACTIVE.has(j.status) ? (
                    <>
                      {' '}
                      (<span data-job={j.id}>{j.progress.message ?? `${j.progress.done}`}</span>)
                    </>
                  ) : null}{' '}
                  · <time datetime={j.createdAt}>{formatDateTime(lang, j.createdAt)}</time>
                  {j.kind === 'import' || j.kind === 'harvest' ? (
                    <>
                      {' '}
                      · <a href={`/api/v1/imports/${encodeURIComponent(j.id)}/report.csv`}>{t('imports.report')}</a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">{t('dashboard.noJobs')}</p>
          )}
        </section>
      </div>
    </Layout>
  );
}
