import type { PageContext } from '../../pages/context';
import { Layout } from '../../pages/layout';
import { PageHeading } from '../../pages/components';
import { CsrfField, Field, FormNotice, SelectField } from '../../pages/forms';
import { islandUrl } from '../../pages/island-assets';
import type { FormOutcome } from '../../accounts/sign-in.pages';
import type { MessageKey } from '../../../shared/i18n/i18n';
import { ImportsNav } from '../import.pages';
import type { HarvestRun, HarvestSource } from './harvest.service';

/** A source as the harvest pages show it: with its institution's name, its last run and its unfinished job. */
export interface SourceView {
  source: HarvestSource;
  institutionName: string;
  lastRun: HarvestRun | null;
  /** The id of a queued or running harvest of the source, followed live. */
  activeJobId: string | null;
}

/** The choice of the format select that registers a member node (IIIF Change Discovery) instead of an OAI-PMH format. */
export const DISCOVERY_CHOICE = 'iiif-discovery';

/** What the add-source form shows again after it was refused. */
export interface SourceForm {
  institution: string;
  baseUrl: string;
  metadataPrefix: string;
  sets: string;
  scheduleHours: string;
}

export interface HarvestPageData {
  sources: SourceView[];
  institutions: { id: string; name: string }[];
  prefixes: string[];
  form?: SourceForm;
  notice?: string | null;
  error?: FormOutcome | null;
}

/** The harvest workspace: the sources of the person's institutions with their last runs, and a form to add one. */
export function HarvestPage({ ctx, data }: { ctx: PageContext; data: HarvestPageData }) {
  const { t } = ctx;
  const running = data.sources.some((s) => s.activeJobId);
  const form = data.form ?? { institution: data.institutions[0]?.id ?? '', baseUrl: '', metadataPrefix: 'oai_dc', sets: '', scheduleHours: '' };
  return (
    <Layout ctx={ctx} title={t('harvest.title')} section="admin" head={running ? <script src={islandUrl('job-status')} defer></script> : null}>
      <div class="wrap">
        <ImportsNav ctx={ctx} current="harvest" />
        <PageHeading title={t('harvest.title')} lead={t('harvest.lead')} />
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}
        {data.error ? <FormNotice ctx={ctx} kind="error" message={data.error.message} detail={data.error.detail} problems={data.error.problems} /> : null}

        <h2>{t('harvest.sources')}</h2>
        {data.sources.length ? (
          <div class="table-scroll">
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('harvest.baseUrl')}</th>
                  <th scope="col">{t('imports.institution')}</th>
                  <th scope="col">{t('harvest.prefix')}</th>
                  <th scope="col">{t('harvest.sets')}</th>
                  <th scope="col">{t('harvest.schedule')}</th>
                  <th scope="col">{t('harvest.lastDatestamp')}</th>
                  <th scope="col">{t('harvest.lastRun')}</th>
                  <th scope="col">{t('harvest.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.sources.map((v) => (
                  <SourceRow ctx={ctx} view={v} />
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="empty">{t('harvest.none')}</p>
        )}

        {data.institutions.length ? (
          <form class="form-card" method="post" action="/harvest">
            <h2>{t('harvest.add')}</h2>
            <CsrfField token={ctx.csrf} />
            <SelectField id="harvest-institution" name="institution" label={t('imports.institution')} options={data.institutions.map((i) => ({ value: i.id, label: i.name }))} value={form.institution} />
            <Field id="harvest-base-url" name="baseUrl" type="url" label={t('harvest.baseUrl')} hint={t('harvest.baseUrlHint')} value={form.baseUrl} required dir="ltr" />
            <SelectField
              id="harvest-prefix"
              name="metadataPrefix"
              label={t('harvest.prefix')}
              options={[...data.prefixes.map((p) => ({ value: p, label: p })), { value: DISCOVERY_CHOICE, label: t('harvest.protocolDiscovery') }]}
              value={form.metadataPrefix}
            />
            <Field id="harvest-sets" name="sets" label={t('harvest.sets')} hint={t('harvest.setsHint')} value={form.sets} dir="ltr" />
            <Field id="harvest-schedule" name="scheduleHours" type="number" label={t('harvest.scheduleHours')} hint={t('harvest.scheduleHint')} value={form.scheduleHours} />
            <button type="submit">{t('harvest.addSubmit')}</button>
          </form>
        ) : (
          <p class="empty">{t('harvest.noInstitution')}</p>
        )}
        {running ? (
          <p>
            <a href="/harvest">{t('imports.refresh')}</a>
          </p>
        ) : null}
      </div>
    </Layout>
  );
}

function SourceRow({ ctx, view }: { ctx: PageContext; view: SourceView }) {
  const { t } = ctx;
  const { source } = view;
  const base = `/harvest/${encodeURIComponent(source.id)}`;
  return (
    <tr>
      <th scope="row">
        <a href={base} dir="ltr">
          {source.baseUrl}
        </a>
      </th>
      <td>{view.institutionName}</td>
      <td dir={source.protocol === 'iiif-discovery' ? undefined : 'ltr'}>{source.protocol === 'iiif-discovery' ? t('harvest.protocolDiscovery') : source.metadataPrefix}</td>
      <td dir="ltr">{source.sets.length ? source.sets.join(', ') : t('harvest.allSets')}</td>
      <td>
        <form method="post" action={`${base}/schedule`} class="filters">
          <CsrfField token={ctx.csrf} />
          <div class="field">
            <label for={`schedule-${source.id}`}>{t('harvest.scheduleHours')}</label>
            <input id={`schedule-${source.id}`} type="number" name="scheduleHours" min="1" max="8784" value={source.scheduleHours === null ? '' : String(source.scheduleHours)} />
          </div>
          <button type="submit" class="button-secondary">
            {t('harvest.saveSchedule')}
            <span class="visually-hidden"> {source.baseUrl}</span>
          </button>
        </form>
      </td>
      <td>{source.lastDatestamp ?? t('harvest.never')}</td>
      <td>
        <RunSummary ctx={ctx} run={view.lastRun} activeJobId={view.activeJobId} />
      </td>
      <td>
        <form method="post" action={`${base}/run`} class="inline-form">
          <CsrfField token={ctx.csrf} />
          <button type="submit" disabled={view.activeJobId ? true : undefined}>
            {t('harvest.runNow')}
            <span class="visually-hidden"> {source.baseUrl}</span>
          </button>
        </form>{' '}
        <a href={base}>{t('harvest.history')}</a>{' '}
        <form method="post" action={`${base}/delete`} class="inline-form">
          <CsrfField token={ctx.csrf} />
          <button type="submit" class="button-secondary">
            {t('harvest.delete')}
            <span class="visually-hidden"> {source.baseUrl}</span>
          </button>
          {source.protocol === 'iiif-discovery' ? (
            <button type="submit" name="purge" value="1" class="button-secondary">
              {t('harvest.deleteWithRecords')}
              <span class="visually-hidden"> {source.baseUrl}</span>
            </button>
          ) : null}
        </form>
      </td>
    </tr>
  );
}

/** The status of a run in words, its counts, and the live progress of an unfinished harvest. */
export function RunSummary({ ctx, run, activeJobId }: { ctx: PageContext; run: HarvestRun | null; activeJobId?: string | null }) {
  const { t } = ctx;
  if (activeJobId) {
    return (
      <>
        {t('harvest.underway')} <span data-job={activeJobId}>{run?.jobId === activeJobId ? (run.counts.read ?? 0) : 0}</span>
      </>
    );
  }
  if (!run) return <>{t('harvest.never')}</>;
  return (
    <>
      <time datetime={run.startedAt}>{run.startedAt.slice(0, 16).replace('T', ' ')}</time> · {statusLabel(ctx, run.status)}
      {run.status === 'succeeded' ? <> · {countsLabel(ctx, run.counts)}</> : null}
      {run.error ? (
        <>
          {' '}
          <span class="field-error" lang="en" dir="ltr">
            {run.error}
          </span>
        </>
      ) : null}
    </>
  );
}

/** A run's status in the page's language. */
export function statusLabel(ctx: PageContext, status: string): string {
  return status === 'retrying' ? ctx.t('harvest.status.retrying') : ['queued', 'running', 'succeeded', 'failed', 'cancelled'].includes(status) ? ctx.t(`imports.status.${status}` as MessageKey) : status;
}

/** A run's counts in the page's language. */
export function countsLabel(ctx: PageContext, c: Record<string, number>): string {
  return ctx.t('harvest.counts', { read: c.read ?? 0, created: c.created ?? 0, updated: c.updated ?? 0, unchanged: c.unchanged ?? 0, deleted: c.deleted ?? 0, rejected: c.rejected ?? 0 });
}

export interface HarvestSourcePageData {
  view: SourceView;
  runs: HarvestRun[];
  notice?: string | null;
  error?: FormOutcome | null;
}

/** One source: what it harvests, the live status of a running harvest, and the history of its runs. */
export function HarvestSourcePage({ ctx, data }: { ctx: PageContext; data: HarvestSourcePageData }) {
  const { t } = ctx;
  const { source } = data.view;
  const base = `/harvest/${encodeURIComponent(source.id)}`;
  return (
    <Layout ctx={ctx} title={t('harvest.sourceTitle')} section="admin" head={data.view.activeJobId ? <script src={islandUrl('job-status')} defer></script> : null}>
      <div class="wrap">
        <ImportsNav ctx={ctx} current="harvest" />
        <PageHeading title={t('harvest.sourceTitle')} lead={source.baseUrl} />
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}
        {data.error ? <FormNotice ctx={ctx} kind="error" message={data.error.message} detail={data.error.detail} problems={data.error.problems} /> : null}
        <dl>
          <dt>{t('imports.institution')}</dt>
          <dd>{data.view.institutionName}</dd>
          <dt>{t('harvest.prefix')}</dt>
          <dd dir="ltr">{source.metadataPrefix}</dd>
          <dt>{t('harvest.sets')}</dt>
          <dd dir="ltr">{source.sets.length ? source.sets.join(', ') : t('harvest.allSets')}</dd>
          <dt>{t('harvest.schedule')}</dt>
          <dd>{source.scheduleHours === null ? t('harvest.manual') : t('harvest.every', { count: source.scheduleHours })}</dd>
          <dt>{t('harvest.nextRun')}</dt>
          <dd>{source.nextRunAt ? <time datetime={source.nextRunAt}>{source.nextRunAt.slice(0, 16).replace('T', ' ')}</time> : t('harvest.manual')}</dd>
          <dt>{t('harvest.lastDatestamp')}</dt>
          <dd>{source.lastDatestamp ?? t('harvest.never')}</dd>
          <dt>{t('harvest.lastRun')}</dt>
          <dd>
            <RunSummary ctx={ctx} run={data.view.lastRun} activeJobId={data.view.activeJobId} />
          </dd>
        </dl>
        <form method="post" action={`${base}/run`}>
          <CsrfField token={ctx.csrf} />
          <button type="submit" disabled={data.view.activeJobId ? true : undefined}>
            {t('harvest.runNow')}
          </button>
        </form>

        <h2>{t('harvest.runs')}</h2>
        {data.runs.length ? (
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('imports.started')}</th>
                <th scope="col">{t('harvest.finished')}</th>
                <th scope="col">{t('imports.status')}</th>
                <th scope="col">{t('imports.outcome')}</th>
                <th scope="col">{t('imports.report')}</th>
              </tr>
            </thead>
            <tbody>
              {data.runs.map((run) => (
                <tr>
                  <td>
                    <time datetime={run.startedAt}>{run.startedAt.slice(0, 16).replace('T', ' ')}</time>
                  </td>
                  <td>{run.finishedAt ? <time datetime={run.finishedAt}>{run.finishedAt.slice(0, 16).replace('T', ' ')}</time> : ''}</td>
                  <td>{statusLabel(ctx, run.status)}</td>
                  <td>
                    {countsLabel(ctx, run.counts)}
                    {run.error ? (
                      <>
                        {' '}
                        <span class="field-error" lang="en" dir="ltr">
                          {run.error}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <a href={`/api/v1/imports/${encodeURIComponent(run.jobId)}/report.csv`}>{t('imports.reportCsv')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="empty">{t('harvest.noRuns')}</p>
        )}
        {data.view.activeJobId ? (
          <p>
            <a href={base}>{t('imports.refresh')}</a>
          </p>
        ) : null}
      </div>
    </Layout>
  );
}
