import { textDirection } from '../../shared/i18n/i18n';
import { pickLang } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField, FormNotice } from '../pages/forms';
import { kindLabel, languageName } from '../pages/format';
import { islandUrl } from '../pages/island-assets';
import type { FormOutcome } from '../accounts/sign-in.pages';
import type { Media } from '../media/media.schema';
import type { FieldChange } from './record.diff';
import { RECORD_KINDS, type HeritageRecord } from './record.schema';
import { TEXT_FIELDS, inputId, type EditorForm, type TextField } from './record.editor.form';
import type { EdtfPreview } from './record.editor.edtf';
import type { EditableInstitution, PlacedProblem } from './record.editor.service';
import { ConflictNotice } from './record.editor.changes';
import { AccessFields, EditorField, ImagesSection, RelationRows, TermRows, described, problemText, type Errors } from './record.editor.sections';

export interface EditorPageData {
  /** The record edited; null on the new-record form. */
  record: HeritageRecord | null;
  form: EditorForm;
  institutions: EditableInstitution[];
  problems: PlacedProblem[];
  preview: EdtfPreview;
  media: Media[];
  notice?: string | null;
  error?: FormOutcome | null;
  conflict?: { current: HeritageRecord; changes: FieldChange[] } | null;
}

/** Languages offered by "add a language" (any BCP 47 tag can come in by import; these are the usual ones). */
const OFFERED_LANGUAGES = ['en', 'fr', 'es', 'ru', 'zh', 'ar', 'zh-Hant', 'ja', 'ko', 'mn', 'bo', 'ug', 'uz', 'kk', 'ky', 'tg', 'tk', 'fa', 'ps', 'ur', 'hi', 'sa', 'pi', 'si', 'th', 'km', 'vi', 'tr', 'az', 'hy', 'ka', 'he', 'grc', 'el', 'la', 'de', 'it', 'pt', 'nl'];

const TEXT_LABELS = {
  title: 'editor.field.title',
  description: 'record.description',
  inscriptions: 'record.inscriptions',
  notes: 'record.notes',
  creditLine: 'record.creditLine',
} as const;

/** The record editor: one form, a fieldset per language (tabs with JavaScript), date with its reading, terms, relations, access; then the images. */
export function RecordEditorPage({ ctx, data }: { ctx: PageContext; data: EditorPageData }) {
  const { t, lang } = ctx;
  const { record, form } = data;
  const title = record ? (pickLang(record.title, lang)?.values[0] ?? t('record.untitled')) : null;
  const heading = record ? t('editor.editTitle') : t('editor.newTitle');
  const action = record ? `/records/${encodeURIComponent(record.id)}/edit` : '/records/new';
  const errors: Errors = new Map();
  for (const p of data.problems) if (p.inputId) errors.set(p.inputId, [...(errors.get(p.inputId) ?? []), p]);
  const unplaced = data.problems.filter((p) => !p.inputId);
  const addable = OFFERED_LANGUAGES.filter((l) => !form.langs.includes(l));
  return (
    <Layout ctx={ctx} title={title ? `${heading} — ${title}` : heading} section={null} head={<script src={islandUrl('record-editor')} defer></script>}>
      <div class="wrap editor">
        <PageHeading
          title={heading}
          lead={
            record ? (
              <>
                <a href={`/records/${encodeURIComponent(record.id)}`}>{title}</a> · {t('history.version', { n: record.version })} ·{' '}
                <a href={`/records/${encodeURIComponent(record.id)}/history`}>{t('history.link')}</a>
              </>
            ) : (
              t('editor.newLead')
            )
          }
        />
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}
        {data.error ? <FormNotice ctx={ctx} kind="error" message={data.error.message} detail={data.error.detail} /> : null}
        {data.problems.length ? (
          <div class="notice notice-error editor-summary" role="alert">
            <p>{t('editor.errorSummary')}</p>
            <ul>
              {data.problems.map((p) => (
                <li>{p.inputId ? <a href={`#${p.inputId}`}>{problemText(ctx, p)}</a> : <span>{problemText(ctx, p)}</span>}</li>
              ))}
            </ul>
            {unplaced.length ? (
              <ul lang="en" dir="ltr" class="sub">
                {unplaced.map((p) => (
                  <li>
                    {p.field}: {p.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {data.conflict ? <ConflictNotice ctx={ctx} conflict={data.conflict} /> : null}

        <form method="post" action={action} class="editor-form" novalidate>
          <CsrfField token={ctx.csrf} />
          {form.expected !== null ? <input type="hidden" name="expected" value={String(form.expected)} /> : null}
          {form.langs.map((l) => (
            <input type="hidden" name="langs" value={l} />
          ))}
          <div class="editor-actions">
            <button type="submit" name="action" value="save">
              {t('editor.save')}
            </button>
          </div>

          <fieldset class="editor-group">
            <legend>{t('editor.about')}</legend>
            {record ? null : (
              <EditorField ctx={ctx} id="ed-institution" label={t('editor.institution')} errors={errors}>
                <select id="ed-institution" name="institutionId" {...described('ed-institution', errors)}>
                  {data.institutions.map((i) => (
                    <option value={i.id} selected={i.id === form.institutionId}>
                      {i.name}
                    </option>
                  ))}
                </select>
              </EditorField>
            )}
            <EditorField ctx={ctx} id="ed-kind" label={t('record.kind')} errors={errors}>
              <select id="ed-kind" name="kind" {...described('ed-kind', errors)}>
                {RECORD_KINDS.map((k) => (
                  <option value={k} selected={k === form.kind}>
                    {kindLabel(lang, k)}
                  </option>
                ))}
              </select>
            </EditorField>
          </fieldset>

          <section class="editor-group" aria-labelledby="ed-texts-title">
            <h2 id="ed-texts-title">{t('editor.texts')}</h2>
            <p class="hint">{t('editor.textsHint')}</p>
            <div class="editor-langs" data-lang-tabs={t('editor.langTabs')}>
              {form.langs.map((l) => (
                <fieldset class="editor-lang" id={`ed-lang-${l}`} data-lang-panel={l} data-lang-name={languageName(lang, l)}>
                  <legend>
                    {languageName(lang, l)} <span class="sub-inline" dir="ltr">{l}</span>
                  </legend>
                  {TEXT_FIELDS.map((f) => (
                    <TextInputs ctx={ctx} field={f} tag={l} values={form.text[f][l] ?? []} errors={errors} />
                  ))}
                  {form.langs.length > 1 ? (
                    <button type="submit" name="action" value={`removeLang:${l}`} class="button-secondary" formnovalidate>
                      {t('editor.removeLang', { language: languageName(lang, l) })}
                    </button>
                  ) : null}
                </fieldset>
              ))}
            </div>
            <div class="editor-add-lang">
              <label for="ed-add-lang">{t('editor.addLang')}</label>
              <select id="ed-add-lang" name="addLang">
                {addable.map((l) => (
                  <option value={l}>
                    {languageName(lang, l)} ({l})
                  </option>
                ))}
              </select>
              <button type="submit" name="action" value="addLang" class="button-secondary" formnovalidate>
                {t('editor.addLangButton')}
              </button>
            </div>
          </section>

          <fieldset class="editor-group">
            <legend>{t('record.date')}</legend>
            <EditorField ctx={ctx} id="ed-date-display" label={t('editor.dateDisplay')} hint={t('editor.dateDisplayHint')} errors={errors}>
              <input id="ed-date-display" name="date.display" type="text" value={form.dateDisplay} dir="auto" {...described('ed-date-display', errors, true)} />
            </EditorField>
            <EditorField ctx={ctx} id="ed-date-edtf" label={t('editor.dateEdtf')} hint={t('editor.dateEdtfHint')} errors={errors}>
              <input id="ed-date-edtf" name="date.edtf" type="text" value={form.dateEdtf} dir="ltr" {...described('ed-date-edtf', errors, true, 'ed-date-preview')} />
            </EditorField>
            <p
              class="editor-preview"
              id="ed-date-preview"
              role="status"
              aria-live="polite"
              data-edtf-preview
              data-msg-preview={t('editor.edtf.preview', { text: '{text}' })}
              data-msg-none={t('editor.edtf.none')}
              data-msg-invalid={t('editor.edtf.invalid')}
            >
              <PreviewText ctx={ctx} preview={data.preview} />
            </p>
          </fieldset>

          {(['subjects', 'materials', 'techniques'] as const).map((f) => (
            <TermRows ctx={ctx} field={f} rows={form.terms[f]} errors={errors} />
          ))}
          <RelationRows ctx={ctx} rows={form.relations} errors={errors} />
          <AccessFields ctx={ctx} form={form} errors={errors} />

          <div class="editor-actions">
            <button type="submit" name="action" value="save">
              {t('editor.save')}
            </button>
          </div>
        </form>

        {record ? <ImagesSection ctx={ctx} record={record} media={data.media} /> : <p class="hint">{t('editor.imagesAfterSave')}</p>}
      </div>
    </Layout>
  );
}

/** The date in words, as the server reads it (the island replaces it as one types). */
export function PreviewText({ ctx, preview }: { ctx: PageContext; preview: EdtfPreview }) {
  const { t } = ctx;
  if (!preview.valid) return <span class="field-error">{t('editor.edtf.invalid')}</span>;
  if (!preview.edtf || !preview.text) return <span class="sub">{t('editor.edtf.none')}</span>;
  return (
    <>
      {t('editor.edtf.preview', { text: preview.text })}{' '}
      <span class="sub-inline" dir="ltr">
        {preview.edtf}
      </span>
    </>
  );
}

function TextInputs({ ctx, field, tag, values, errors }: { ctx: PageContext; field: TextField; tag: string; values: string[]; errors: Errors }) {
  const shown = values.length ? values : [''];
  const dir = textDirection(tag);
  return (
    <>
      {shown.map((v, i) => {
        const id = inputId(field, tag, i);
        const label = i === 0 ? ctx.t(TEXT_LABELS[field]) : `${ctx.t(TEXT_LABELS[field])} (${i + 1})`;
        return (
          <EditorField ctx={ctx} id={id} label={label} errors={errors}>
            {field === 'title' || field === 'creditLine' ? (
              <input id={id} name={`${field}.${tag}`} type="text" value={v} lang={tag} dir={dir} {...described(id, errors)} />
            ) : (
              <textarea id={id} name={`${field}.${tag}`} rows={field === 'description' ? 5 : 2} lang={tag} dir={dir} {...described(id, errors)}>
                {v}
              </textarea>
            )}
          </EditorField>
        );
      })}
    </>
  );
}
