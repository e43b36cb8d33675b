import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { FormNotice, SelectField } from '../pages/forms';
import { islandUrl } from '../pages/island-assets';
import type { FormOutcome } from '../accounts/sign-in.pages';
import { isFinished, type Job } from '../jobs/job.types';
import { JobStatusWord } from '../jobs/job-status.view';
import type { ImportFormat } from './import.types';

export interface ImportsPageData {
  /** Institutions the person may import into, with their display names. */
  institutions: { id: string; name: string }[];
  formats: ImportFormat[];
  imports: Job[];
  /** Saved column mappings of those institutions, for CSV imports. */
  mappings?: { id: string; name: string; institutionName: string }[];
  notice?: string | null;
  error?: FormOutcome | null;
}

interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  dryRun?: boolean;
}

/** The imports workspace of curators: upload a file (dry run or real), and follow recent imports with their reports. */
export function ImportsPage({ ctx, data }: { ctx: PageContext; data: ImportsPageData }) {
  const { t } = ctx;
  const running = data.imports.some((j) => !isFinished(j.status));
  return (
    <Layout ctx={ctx} title={t('imports.title')} section="admin" head={running ? <script src={islandUrl('job-status')} defer></script> : null}>
      <div class="wrap">
        <ImportsNav ctx={ctx} current="imports" />
        <PageHeading title={t('imports.title')} lead={t('imports.lead')} />
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}
        {data.error ? <FormNotice ctx={ctx} kind="error" message={data.error.message} detail={data.error.detail} problems={data.error.problems} /> : null}

        {data.institutions.length ? (
          /* The file streams straight to the staging folder, so the CSRF token travels in the action URL. */
          <form class="form-card" method="post" action={`/imports?_csrf=${encodeURIComponent(ctx.csrf ?? '')}`} enctype="multipart/form-data">
            <h2>{t('imports.upload')}</h2>
            <SelectField id="import-institution" name="institution" label={t('imports.institution')} options={data.institutions.map((i) => ({ value: i.id, label: i.name }))} value={data.institutions[0].id} />
            <SelectField id="import-format" name="format" label={t('imports.format')} options={data.formats.map((f) => ({ value: f, label: t(`imports.format.${f}`) }))} value={data.formats[0]} />
            {data.mappings?.length ? (
              <SelectField
                id="import-mapping"
                name="savedMapping"
                label={t('mappings.choose')}
                hint={t('mappings.chooseHint')}
                options={[{ value: '', label: t('mappings.suggested') }, ...data.mappings.map((m) => ({ value: m.id, label: data.institutions.length > 1 ? `${m.name} — ${m.institutionName}` : m.name }))]}
                value=""
              />
            ) : null}
            <div class="field">
              <label for="import-file">{t('imports.file')}</label>
              <input id="import-file" type="file" name="file" required aria-describedby="import-file-hint" />
              <p class="hint" id="import-file-hint">
                {t('imports.fileHint')}
              </p>
            </div>
            <div class="field field-checkbox">
              <input id="import-dry-run" type="checkbox" name="dryRun" value="true" checked aria-describedby="import-dry-run-hint" />
              <label for="import-dry-run">{t('imports.dryRun')}</label>
              <p class="hint" id="import-dry-run-hint">
                {t('imports.dryRunHint')}
              </p>
            </div>
            <button type="submit">{t('imports.submit')}</button>
          </form>
        ) : (
          <p class="empty">{t('imports.noInstitution')}</p>
        )}

        <h2>{t('imports.recent')}</h2>
        {data.imports.length ? (
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('imports.started')}</th>
                <th scope="col">{t('imports.institution')}</th>
                <th scope="col">{t('imports.status')}</th>
                <th scope="col">{t('imports.outcome')}</th>
                <th scope="col">{t('imports.report')}</th>
              </tr>
            </thead>
            <tbody>
              {data.imports.map((job) => (
                <ImportRow ctx={ctx} job={job} />
              ))}
            </tbody>
          </table>
        ) : (
          <p class="empty">{t('imports.none')}</p>
        )}
        {running ? (
          <p>
            <a href="/imports">{t('imports.refresh')}</a>
          </p>
        ) : null}
      </div>
    </Layout>
  );
}

/** Links between the imports, saved mappings and harvesting pages. */
export function ImportsNav({ ctx, current }: { ctx: PageContext; current: 'imports' | 'mappings' | 'harvest' }) {
  const { t } = ctx;
  const links = [
    { href: '/imports', key: 'imports.title', id: 'imports' },
    { href: '/imports/mappings', key: 'mappings.title', id: 'mappings' },
    { href: '/harvest', key: 'harvest.title', id: 'harvest' },
  ] as const;
  return (
    <nav class="section-head" aria-label={t('imports.nav')}>
      <ul class="footer-links">
        {links.map((l) => (
          <li>
            <a href={l.href} aria-current={current === l.id ? 'page' : undefined}>
              {t(l.key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ImportRow({ ctx, job }: { ctx: PageContext; job: Job }) {
  const { t } = ctx;
  const counts = job.status === 'succeeded' ? (job.result as ImportCounts | null) : null;
  const base = `/api/v1/imports/${encodeURIComponent(job.id)}/report`;
  return (
    <tr>
      <td>
        <time datetime={job.createdAt}>{job.createdAt.slice(0, 16).replace('T', ' ')}</time>
      </td>
      <td>{job.institutionId ?? ''}</td>
      <td>
        <JobStatusWord ctx={ctx} id={job.id} status={job.status} />
        {isFinished(job.status) ? null : (
          <>
            {' '}
            (<span data-job={job.id}>{job.progress.done}</span>)
          </>
        )}
      </td>
      <td>
        {counts ? (
          <>
            {counts.dryRun ? <strong>{t('imports.dryRunTag')} </strong> : null}
            {t('imports.counts', { created: counts.created, updated: counts.updated, unchanged: counts.unchanged, rejected: counts.rejected, warnings: counts.warnings })}
          </>
        ) : job.error ? (
          <span class="field-error" lang="en" dir="ltr">
            {job.error}
          </span>
        ) : null}
      </td>
      <td>
        <a href={`${base}.csv`}>{t('imports.reportCsv')}</a> · <a href={`${base}.json`}>{t('imports.reportJson')}</a>
      </td>
    </tr>
  );
}
