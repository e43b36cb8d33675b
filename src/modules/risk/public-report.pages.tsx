import type { FieldProblem } from '../../shared/errors';
import type { MessageKey } from '../../shared/i18n/i18n';
import { pickLang } from '../../shared/lang-map';
import type { FormOutcome } from '../accounts/sign-in.pages';
import type { PageContext } from '../pages/context';
import { PageHeading } from '../pages/components';
import { coordinatesLabel, formatDateTime } from '../pages/format';
import { CsrfField, FormNotice } from '../pages/forms';
import { Layout } from '../pages/layout';
import type { HeritageRecord } from '../records/record.schema';
import { PHOTOS_PER_REPORT, REPORT_KINDS, type PublicReport } from './public-report.service';

/** Reports as a list: what was seen, when, where (as the reader may see it), and the photos. */
export function ReportList({ ctx, reports, moderation }: { ctx: PageContext; reports: PublicReport[]; moderation?: { csrf: string | null; titles: Map<string, string> } }) {
  const { t, lang } = ctx;
  return (
    <ul class="risk-reports">
      {reports.map((r) => (
        <li class="risk-assessment">
          {moderation ? (
            <h3>
              <a href={`/risk/sites/${encodeURIComponent(r.recordId)}`} dir="auto">
                {moderation.titles.get(r.recordId) ?? r.recordId}
              </a>
            </h3>
          ) : null}
          <p class="hint">
            {t(`report.kind.${r.kind}` as MessageKey)} · <time datetime={r.createdAt}>{formatDateTime(lang, r.createdAt)}</time>
            {r.reporterName ? <> · {r.reporterName}</> : null}
            {moderation && r.reporterEmail ? <> · {r.reporterEmail}</> : null}
            {r.lat !== null && r.lon !== null ? (
              <>
                {' '}
                · <span dir="ltr">{coordinatesLabel(lang, r.lat, r.lon)}</span>
              </>
            ) : null}
          </p>
          <p dir="auto">{r.description}</p>
          {r.photos.length ? (
            <ul class="risk-photos">
              {r.photos.map((p) => (
                <li>
                  <img src={p.url} width={p.width} height={p.height} alt={p.caption ?? t('report.photo')} loading="lazy" />
                </li>
              ))}
            </ul>
          ) : null}
          {moderation ? (
            <div class="risk-form-actions">
              {(['publish', 'reject'] as const).map((d) => (
                <form method="post" action={`/risk/moderation/${encodeURIComponent(r.id)}/${d}`} class="inline-form">
                  <CsrfField token={moderation.csrf} />
                  <button type="submit" class={d === 'reject' ? 'button-secondary' : undefined}>
                    {t(`report.${d}` as MessageKey)}
                  </button>
                </form>
              ))}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** `/risk/report`: anyone may report damage or a threat to a site, with photos and a location. */
export function ReportFormPage({ ctx, record, csrf, values = {}, error }: { ctx: PageContext; record: HeritageRecord; csrf: string; values?: Record<string, string>; error?: FormOutcome | null }) {
  const { t, lang } = ctx;
  const problem = (field: string) => error?.problems?.find((p: FieldProblem) => p.field === field)?.message ?? null;
  const title = pickLang(record.title, lang)?.values[0] ?? record.id;
  const field = (name: string, label: string, opts: { type?: string; hint?: string; dir?: 'ltr' | 'auto'; autocomplete?: string } = {}) => (
    <div class={`field${problem(`/${name}`) ? ' field-invalid' : ''}`}>
      <label for={`report-${name}`}>{label}</label>
      <input id={`report-${name}`} name={name} type={opts.type ?? 'text'} value={values[name] ?? ''} dir={opts.dir} autocomplete={opts.autocomplete} step={opts.type === 'number' ? 'any' : undefined} aria-describedby={opts.hint ? `report-${name}-hint` : undefined} />
      {opts.hint ? (
        <p class="hint" id={`report-${name}-hint`}>
          {opts.hint}
        </p>
      ) : null}
      {problem(`/${name}`) ? <p class="field-error">{problem(`/${name}`)}</p> : null}
    </div>
  );
  return (
    <Layout ctx={ctx} title={t('report.formTitle', { title })} section="risk">
      <div class="wrap">
        <p class="risk-back">
          <a href={`/risk/sites/${encodeURIComponent(record.id)}`} dir="auto">
            {title}
          </a>
        </p>
        <PageHeading title={t('report.formTitle', { title })} lead={t('report.formLead')} />
        {error ? <FormNotice ctx={ctx} kind="error" message={error.message} detail={error.detail} problems={error.problems} /> : null}
        <form method="post" action={`/risk/report?_csrf=${encodeURIComponent(csrf)}`} enctype="multipart/form-data" class="risk-form">
          <CsrfField token={csrf} />
          <input type="hidden" name="recordId" value={record.id} />
          <fieldset class="risk-choices">
            <legend>{t('report.kind')}</legend>
            {REPORT_KINDS.map((k) => (
              <label class="risk-choice">
                <input type="radio" name="kind" value={k} checked={(values.kind ?? 'damage') === k} /> {t(`report.kind.${k}` as MessageKey)}
              </label>
            ))}
          </fieldset>
          <div class={`field${problem('/description') ? ' field-invalid' : ''}`}>
            <label for="report-description">{t('report.description')}</label>
            <textarea id="report-description" name="description" rows={5} maxlength={5000} required dir="auto">
              {values.description ?? ''}
            </textarea>
            {problem('/description') ? <p class="field-error">{problem('/description')}</p> : null}
          </div>
          {field('lat', t('report.lat'), { type: 'number', dir: 'ltr', hint: t('report.locationHint') })}
          {field('lon', t('report.lon'), { type: 'number', dir: 'ltr' })}
          <div class={`field${problem('/photos') ? ' field-invalid' : ''}`}>
            <label for="report-photos">{t('report.photos')}</label>
            <input id="report-photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple aria-describedby="report-photos-hint" />
            <p class="hint" id="report-photos-hint">
              {t('report.photosHint', { count: PHOTOS_PER_REPORT })}
            </p>
            {problem('/photos') ? <p class="field-error">{problem('/photos')}</p> : null}
          </div>
          <label class="risk-choice">
            <input type="checkbox" name="shareLocation" value="yes" checked={values.shareLocation === 'yes'} /> {t('report.shareLocation')}
          </label>
          {field('reporterName', t('report.name'), { autocomplete: 'name', dir: 'auto' })}
          {field('reporterEmail', t('report.email'), { type: 'email', autocomplete: 'email', hint: t('report.emailHint') })}
          <button type="submit">{t('report.send')}</button>
        </form>
      </div>
    </Layout>
  );
}

/** After a report: thanks, and what happens next. */
export function ReportThanksPage({ ctx, recordId }: { ctx: PageContext; recordId: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('report.thanks')} section="risk">
      <div class="wrap">
        <PageHeading title={ctx.t('report.thanks')} lead={ctx.t('report.thanksLead')} />
        <p>
          <a href={`/risk/sites/${encodeURIComponent(recordId)}`}>{ctx.t('report.backToSite')}</a>
        </p>
      </div>
    </Layout>
  );
}

/** `/risk/moderation`: reports waiting for the actor's institutions. */
export function ModerationPage({ ctx, reports, titles, notice }: { ctx: PageContext; reports: PublicReport[]; titles: Map<string, string>; notice?: string | null }) {
  return (
    <Layout ctx={ctx} title={ctx.t('report.moderation')} section="risk">
      <div class="wrap">
        <PageHeading title={ctx.t('report.moderation')} lead={ctx.t('report.moderationLead')} />
        {notice ? <FormNotice ctx={ctx} kind="success" message={notice} /> : null}
        {reports.length ? <ReportList ctx={ctx} reports={reports} moderation={{ csrf: ctx.csrf, titles }} /> : <p class="empty">{ctx.t('report.nothingPending')}</p>}
      </div>
    </Layout>
  );
}
