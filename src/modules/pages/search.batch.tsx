import { UI_LANGUAGES, type LangMap } from '../../shared/lang-map';
import type { BatchEdit, BatchOutcome } from '../records/record.batch-edit';
import type { Visibility } from '../records/record.schema';
import { LangText } from './components';
import type { PageContext } from './context';
import { CsrfField, FormNotice } from './forms';
import { Layout } from './layout';
import { rightsLabel } from './rights';

/** Rights a batch edit may set: Creative Commons tools and licences, and rightsstatements.org statements. */
export const BATCH_RIGHTS = [
  'https://creativecommons.org/publicdomain/zero/1.0/',
  'https://creativecommons.org/publicdomain/mark/1.0/',
  'https://creativecommons.org/licenses/by/4.0/',
  'https://creativecommons.org/licenses/by-sa/4.0/',
  'https://creativecommons.org/licenses/by-nc/4.0/',
  'https://creativecommons.org/licenses/by-nc-nd/4.0/',
  'http://rightsstatements.org/vocab/InC/1.0/',
  'http://rightsstatements.org/vocab/InC-EDU/1.0/',
  'http://rightsstatements.org/vocab/NoC-NC/1.0/',
  'http://rightsstatements.org/vocab/CNE/1.0/',
] as const;

const VISIBILITY_KEYS = { public: 'batch.public', members: 'batch.members', private: 'batch.private' } as const;

/** Which field of the batch form is wrong, in the visitor's language. */
export interface BatchFormErrors {
  records?: string;
  edit?: string;
  rights?: string;
  subject?: string;
}

/** Reads the posted batch form: the selected ids and the edit, or the fields that are wrong. */
export function parseBatchForm(ctx: PageContext, form: { records: string[]; visibility: string; rights: string; subject: string; subjectLang: string }): { ids: string[]; edit: BatchEdit; errors: BatchFormErrors | null } {
  const errors: BatchFormErrors = {};
  const ids = [...new Set(form.records.map((r) => r.trim()).filter(Boolean))];
  if (!ids.length) errors.records = ctx.t('batch.noneSelected');
  const edit: BatchEdit = {};
  if (form.visibility in VISIBILITY_KEYS) edit.visibility = form.visibility as Visibility;
  if (form.rights) {
    if ((BATCH_RIGHTS as readonly string[]).includes(form.rights)) edit.rights = form.rights;
    else errors.rights = ctx.t('batch.badRights');
  }
  const subject = form.subject.trim();
  if (subject.length > 500) errors.subject = ctx.t('batch.subjectTooLong');
  else if (subject) edit.addSubject = { label: { [(UI_LANGUAGES as readonly string[]).includes(form.subjectLang) ? form.subjectLang : ctx.lang]: [subject] } };
  if (!edit.visibility && !edit.rights && !edit.addSubject && !errors.rights && !errors.subject) errors.edit = ctx.t('batch.noChange');
  return { ids, edit, errors: Object.keys(errors).length ? errors : null };
}

/**
 * The form under a staff member's search results: change the records ticked with "Select" (their
 * boxes belong to this form by its id). `back` is the search to return to.
 */
export function BatchForm(props: { ctx: PageContext; back: string; errors?: BatchFormErrors | null; values?: { visibility?: string; rights?: string; subject?: string; subjectLang?: string } }) {
  const { ctx, errors, values = {} } = props;
  const { t } = ctx;
  const described = (id: string, error?: string) => (error ? `${id}-error` : undefined);
  return (
    <form id="batch-edit" class="batch-form form-card" method="post" action="/search/batch" aria-labelledby="batch-title">
      <h2 id="batch-title">{t('batch.heading')}</h2>
      <p class="hint">{t('batch.hint')}</p>
      {errors ? <FormNotice ctx={ctx} kind="error" message={t('form.invalid')} /> : null}
      {errors?.records ? (
        <p class="field-error" id="batch-records-error" role="alert">
          {errors.records}
        </p>
      ) : null}
      {errors?.edit ? <p class="field-error">{errors.edit}</p> : null}
      <CsrfField token={ctx.csrf} />
      <input type="hidden" name="back" value={props.back} />
      <div class="batch-fields">
        <div class="field">
          <label for="batch-visibility">{t('batch.visibility')}</label>
          <select id="batch-visibility" name="visibility">
            <option value="">{t('batch.keep')}</option>
            {(Object.keys(VISIBILITY_KEYS) as Visibility[]).map((v) => (
              <option value={v} selected={values.visibility === v}>
                {t(VISIBILITY_KEYS[v])}
              </option>
            ))}
          </select>
        </div>
        <div class={`field${errors?.rights ? ' field-invalid' : ''}`}>
          <label for="batch-rights">{t('batch.rights')}</label>
          <select id="batch-rights" name="rights" aria-invalid={errors?.rights ? 'true' : undefined} aria-describedby={described('batch-rights', errors?.rights)}>
            <option value="">{t('batch.keep')}</option>
            {BATCH_RIGHTS.map((uri) => {
              const label = rightsLabel(ctx.lang, uri);
              return (
                <option value={uri} selected={values.rights === uri}>
                  {label?.code ? `${label.code} — ${label.label}` : label?.label ?? uri}
                </option>
              );
            })}
          </select>
          {errors?.rights ? (
            <p class="field-error" id="batch-rights-error">
              {errors.rights}
            </p>
          ) : null}
        </div>
        <div class={`field${errors?.subject ? ' field-invalid' : ''}`}>
          <label for="batch-subject">{t('batch.subject')}</label>
          <input id="batch-subject" name="subject" type="text" maxlength={500} value={values.subject ?? ''} dir="auto" aria-invalid={errors?.subject ? 'true' : undefined} aria-describedby={described('batch-subject', errors?.subject)} />
          {errors?.subject ? (
            <p class="field-error" id="batch-subject-error">
              {errors.subject}
            </p>
          ) : null}
        </div>
        <div class="field">
          <label for="batch-subject-lang">{t('batch.subjectLang')}</label>
          <select id="batch-subject-lang" name="subjectLang">
            {UI_LANGUAGES.map((l) => (
              <option value={l} selected={(values.subjectLang ?? ctx.lang) === l} lang={l}>
                {new Intl.DisplayNames([l], { type: 'language' }).of(l) ?? l}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p>
        <button type="submit">{t('batch.apply')}</button>
      </p>
    </form>
  );
}

/** What a batch edit did, record by record, with links to each changed record and its history. */
export function BatchResultPage({ ctx, outcome, back }: { ctx: PageContext; outcome: BatchOutcome; back: string }) {
  const { t } = ctx;
  const item = (i: { id: string; title: LangMap }, history: boolean) => (
    <li>
      <a href={`/records/${encodeURIComponent(i.id)}`}>
        <LangText ctx={ctx} map={i.title} fallback={i.id} />
      </a>
      {history ? (
        <>
          {' '}
          (<a href={`/records/${encodeURIComponent(i.id)}/history`}>{t('batch.history')}</a>)
        </>
      ) : null}
    </li>
  );
  return (
    <Layout ctx={ctx} title={t('batch.title')} section="search">
      <div class="wrap batch-result">
        <div class="page-heading">
          <h1>{t('batch.title')}</h1>
        </div>
        {outcome.changed.length ? <FormNotice ctx={ctx} kind="success" message={t('batch.changed', { count: outcome.changed.length })} /> : null}
        {outcome.changed.length ? <ul class="batch-list">{outcome.changed.map((i) => item(i, true))}</ul> : null}
        {outcome.unchanged.length ? (
          <section aria-labelledby="batch-unchanged">
            <h2 id="batch-unchanged">{t('batch.unchanged', { count: outcome.unchanged.length })}</h2>
            <ul class="batch-list">{outcome.unchanged.map((i) => item(i, false))}</ul>
          </section>
        ) : null}
        {outcome.forbidden.length ? (
          <section aria-labelledby="batch-forbidden" class="notice notice-error">
            <h2 id="batch-forbidden">{t('batch.refused', { count: outcome.forbidden.length })}</h2>
            <ul class="batch-list">{outcome.forbidden.map((i) => item(i, false))}</ul>
          </section>
        ) : null}
        {outcome.missing.length ? (
          <section aria-labelledby="batch-missing" class="notice notice-error">
            <h2 id="batch-missing">{t('batch.missing', { count: outcome.missing.length })}</h2>
            <ul class="batch-list">
              {outcome.missing.map((id) => (
                <li>
                  <code>{id}</code>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <p>
          <a href={back}>{t('batch.back')}</a>
        </p>
      </div>
    </Layout>
  );
}
