import { UI_LANGUAGES } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField, Field, FormNotice, SelectField } from '../pages/forms';
import { languageName } from '../pages/format';
import { fieldError, valueOf, type FormFailure } from './exhibition.editor';
import type { ApprovalRequest } from './exhibition.approval';

/** `/exhibitions/new`: start a draft for an institution the visitor curates. */
export function NewExhibitionPage({ ctx, institutions, failure }: { ctx: PageContext; institutions: { id: string; name: string }[]; failure: FormFailure | null }) {
  const { t } = ctx;
  const f = failure;
  const lang = valueOf(f, 'new', 'lang', ctx.lang);
  return (
    <Layout ctx={ctx} title={t('exEditor.newTitle')} section="exhibitions">
      <div class="wrap exh-editor">
        <PageHeading title={t('exEditor.newTitle')} lead={t('exEditor.newLead')} />
        {f ? <FormNotice ctx={ctx} kind="error" message={f.message} detail={f.detail} problems={f.problems} /> : null}
        <form method="post" action="/exhibitions/new">
          <CsrfField token={ctx.csrf} />
          <SelectField id="nx-inst" name="institutionId" label={t('exEditor.institution')} value={valueOf(f, 'new', 'institutionId', '')} options={institutions.map((i) => ({ value: i.id, label: i.name }))} />
          <SelectField id="nx-lang" name="lang" label={t('exEditor.editing')} value={lang} options={UI_LANGUAGES.map((l) => ({ value: l, label: languageName(ctx.lang, l) }))} />
          <Field id="nx-title" name="title" label={t('exEditor.titleField')} value={valueOf(f, 'new', 'title', '')} error={fieldError(f, 'new', 'title')} required dir="auto" />
          <Field id="nx-slug" name="slug" label={t('exEditor.slug')} value={valueOf(f, 'new', 'slug', '')} hint={t('exEditor.slugHint', { example: 'silk-road-manuscripts' })} error={fieldError(f, 'new', 'slug')} dir="ltr" />
          <button type="submit">{t('exEditor.create')}</button>
        </form>
      </div>
    </Layout>
  );
}

/** `/exhibitions/approvals`: requests to show the visitor's institutions' non-public records, with what granting means. */
export function ApprovalsPage({ ctx, requests, records, notice }: { ctx: PageContext; requests: ApprovalRequest[]; records: Map<string, string>; notice: string | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('approvals.title')} section="exhibitions">
      <div class="wrap exh-editor">
        <PageHeading title={t('approvals.title')} lead={t('approvals.lead')} />
        {notice ? <FormNotice ctx={ctx} kind="success" message={notice} /> : null}
        <p class="notice exh-meaning">{t('approvals.meaning')}</p>
        {requests.length ? (
          <ul class="exh-approvals" role="list">
            {requests.map((r, i) => (
              <li class={`exh-approval-card exh-approval-${r.status}`}>
                <p>
                  <strong>{t('approvals.record')}:</strong>{' '}
                  <a href={`/records/${encodeURIComponent(r.recordId)}`} dir="auto">
                    {records.get(r.recordId) ?? r.recordId}
                  </a>
                </p>
                <p>
                  <strong>{t('approvals.exhibition')}:</strong> <span dir="auto">{r.exhibition.title}</span> ({r.exhibition.leadInstitutionId})
                </p>
                <p>
                  <strong>{t('approvals.status')}:</strong> {t(`exEditor.approval.${r.status}`)}
                </p>
                <form method="post" action={`/exhibitions/approvals/${encodeURIComponent(r.exhibitionId)}/${encodeURIComponent(r.recordId)}`}>
                  <CsrfField token={ctx.csrf} />
                  <Field id={`ap-note-${i}`} name="note" label={t('approvals.note')} value={r.note ?? ''} dir="auto" />
                  <div class="exh-buttons">
                    <button type="submit" name="decision" value="granted">
                      {t('approvals.grant')}
                    </button>
                    <button type="submit" name="decision" value="refused" class="button-secondary">
                      {t('approvals.refuse')}
                    </button>
                  </div>
                </form>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{t('approvals.none')}</p>
        )}
      </div>
    </Layout>
  );
}

