import type { Child } from 'hono/jsx';
import { pickLang } from '../../shared/lang-map';
import { textAttrs, type PageContext } from '../pages/context';
import { formatNumber } from '../../shared/i18n/i18n';
import { CsrfField } from '../pages/forms';
import { rightsLabel } from '../pages/rights';
import type { Media } from '../media/media.schema';
import { RELATION_TYPES, VISIBILITIES, type HeritageRecord } from './record.schema';
import { RIGHTS_CHOICES, type EditorForm, type RelationRow, type TermField, type TermRow } from './record.editor.form';
import type { PlacedProblem } from './record.editor.service';

/** Problems by the id of the input they belong to. */
export type Errors = Map<string, PlacedProblem[]>;

/** A labelled control with its hint and its errors (the control itself is the child, carrying `described(...)`). */
export function EditorField(props: { ctx: PageContext; id: string; label: string; hint?: string; errors: Errors; children: Child }) {
  const problems = props.errors.get(props.id) ?? [];
  return (
    <div class={`field${problems.length ? ' field-invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {problems.length ? (
        <p class="field-error" id={`${props.id}-error`}>
          {problems.map((p) => problemText(props.ctx, p)).join(' ')}
        </p>
      ) : null}
    </div>
  );
}

const TERM_TEXT = {
  subjects: { legend: 'record.subjects', add: 'editor.addSubject' },
  materials: { legend: 'record.materials', add: 'editor.addMaterial' },
  techniques: { legend: 'record.techniques', add: 'editor.addTechnique' },
} as const;

/** Vocabulary terms: one row per term (label and URI) plus an empty one; the island suggests terms already in the catalogue. */
export function TermRows({ ctx, field, rows, errors }: { ctx: PageContext; field: TermField; rows: TermRow[]; errors: Errors }) {
  const { t } = ctx;
  const shown = [...rows, { label: '', lang: '', uri: '', keep: '' }];
  return (
    <fieldset class="editor-group editor-rows" data-vocab-group={field}>
      <legend>{t(TERM_TEXT[field].legend)}</legend>
      <p class="hint" id={`ed-${field}-hint`}>
        {t('editor.termHint')}
      </p>
      {shown.map((row, i) => {
        const id = `ed-${field}-${i}`;
        const lang = row.lang || ctx.lang;
        return (
          <div class="editor-row" data-vocab-row>
            <input type="hidden" name={`${field}.lang`} value={row.lang} />
            <input type="hidden" name={`${field}.keep`} value={row.keep} />
            <EditorField ctx={ctx} id={`${id}-label`} label={t('editor.termN', { n: i + 1 })} errors={errors}>
              <input id={`${id}-label`} name={`${field}.label`} type="text" value={row.label} lang={lang === ctx.lang ? undefined : lang} data-vocab={field} {...described(`${id}-label`, errors, false, `ed-${field}-hint`)} />
            </EditorField>
            <EditorField ctx={ctx} id={`${id}-uri`} label={t('editor.termUriN', { n: i + 1 })} errors={errors}>
              <input id={`${id}-uri`} name={`${field}.uri`} type="url" value={row.uri} dir="ltr" data-vocab-uri {...described(`${id}-uri`, errors)} />
            </EditorField>
          </div>
        );
      })}
      <button type="submit" name="action" value={`addRow:${field}`} class="button-secondary" formnovalidate>
        {t(TERM_TEXT[field].add)}
      </button>
    </fieldset>
  );
}

/** Relations to other records: type and target id, plus an empty row; the island searches records by title. */
export function RelationRows({ ctx, rows, errors }: { ctx: PageContext; rows: RelationRow[]; errors: Errors }) {
  const { t } = ctx;
  const shown = [...rows, { type: 'relatedTo', target: '', keep: '' }];
  return (
    <fieldset class="editor-group editor-rows">
      <legend>{t('record.relations')}</legend>
      <p class="hint" id="ed-relations-hint">
        {t('editor.relationHint')}
      </p>
      {shown.map((row, i) => {
        const id = `ed-relations-${i}`;
        return (
          <div class="editor-row">
            <input type="hidden" name="relations.keep" value={row.keep} />
            <EditorField ctx={ctx} id={`${id}-type`} label={t('editor.relationTypeN', { n: i + 1 })} errors={errors}>
              <select id={`${id}-type`} name="relations.type" {...described(`${id}-type`, errors)}>
                {RELATION_TYPES.map((r) => (
                  <option value={r} selected={r === row.type}>
                    {t(`relation.${r}`)}
                  </option>
                ))}
              </select>
            </EditorField>
            <EditorField ctx={ctx} id={`${id}-target`} label={t('editor.relationTargetN', { n: i + 1 })} errors={errors}>
              <input id={`${id}-target`} name="relations.target" type="text" value={row.target} dir="ltr" data-relation-picker {...described(`${id}-target`, errors, false, 'ed-relations-hint')} />
            </EditorField>
          </div>
        );
      })}
      <button type="submit" name="action" value="addRow:relations" class="button-secondary" formnovalidate>
        {t('editor.addRelation')}
      </button>
    </fieldset>
  );
}

/** Visibility, embargo and rights (licence badges as the record page shows them). */
export function AccessFields({ ctx, form, errors }: { ctx: PageContext; form: EditorForm; errors: Errors }) {
  const { t, lang } = ctx;
  const rightsErrors = errors.get('ed-rights') ?? [];
  return (
    <fieldset class="editor-group">
      <legend>{t('editor.access')}</legend>
      <EditorField ctx={ctx} id="ed-visibility" label={t('images.visibility')} errors={errors}>
        <select id="ed-visibility" name="visibility" {...described('ed-visibility', errors)}>
          {VISIBILITIES.map((v) => (
            <option value={v} selected={v === form.visibility}>
              {t(`images.visibility.${v}`)}
            </option>
          ))}
        </select>
      </EditorField>
      <EditorField ctx={ctx} id="ed-embargo" label={t('editor.embargo')} hint={t('editor.embargoHint')} errors={errors}>
        <input id="ed-embargo" name="embargoUntil" type="date" value={form.embargo} {...described('ed-embargo', errors, true)} />
      </EditorField>
      <fieldset class="editor-rights" id="ed-rights" aria-describedby={rightsErrors.length ? 'ed-rights-error' : undefined}>
        <legend>{t('record.rights')}</legend>
        <label class="editor-choice">
          <input type="radio" name="rights" value="" checked={form.rights === ''} /> {t('record.noRights')}
        </label>
        {RIGHTS_CHOICES.map((uri) => {
          const r = rightsLabel(lang, uri)!;
          return (
            <label class="editor-choice">
              <input type="radio" name="rights" value={uri} checked={form.rights === uri} /> <span class="tag tag-code" dir="ltr">{r.code}</span> {r.label}
              <span class="sub-inline">{r.open ? t('editor.rightsOpen') : t('editor.rightsRestricted')}</span>
            </label>
          );
        })}
        <label class="editor-choice">
          <input type="radio" name="rights" value="other" checked={form.rights === 'other'} /> {t('editor.rightsOther')}
        </label>
        <EditorField ctx={ctx} id="ed-rights-other" label={t('editor.rightsOtherUri')} errors={errors}>
          <input id="ed-rights-other" name="rightsOther" type="url" value={form.rightsOther} dir="ltr" {...described('ed-rights-other', errors)} />
        </EditorField>
        {rightsErrors.length ? (
          <p class="field-error" id="ed-rights-error">
            {rightsErrors.map((p) => problemText(ctx, p)).join(' ')}
          </p>
        ) : null}
      </fieldset>
    </fieldset>
  );
}

/** The record's images: order (move up/down), removal, and an upload with a progress bar when JavaScript runs. */
export function ImagesSection({ ctx, record, media }: { ctx: PageContext; record: HeritageRecord; media: Media[] }) {
  const { t } = ctx;
  const base = `/records/${encodeURIComponent(record.id)}/edit/images`;
  return (
    <section class="editor-group editor-images" id="images" aria-labelledby="ed-images-title" data-images-section>
      <h2 id="ed-images-title" tabindex={-1}>{t('viewer.images')}</h2>
      {media.length ? (
        <ol class="image-editor-list" role="list">
          {media.map((m, i) => {
            const label = pickLang(m.label, ctx.lang);
            const name = label?.values[0] ?? t('viewer.imageN', { n: i + 1 });
            return (
              <li class="image-editor-item">
                <div class="image-editor-thumb">{m.status === 'ready' ? <img src={`/iiif/3/${encodeURIComponent(m.id)}/full/!200,200/0/default.jpg`} alt={name} /> : null}</div>
                <div>
                  <p class="image-editor-status">
                    <strong>{t('viewer.imageN', { n: i + 1 })}</strong>
                    {label ? (
                      <>
                        {' · '}
                        <span {...textAttrs(ctx, label.lang)}>{name}</span>
                      </>
                    ) : null}{' '}
                    · {formatNumber(ctx.lang, m.width)} × {formatNumber(ctx.lang, m.height)} · {t(`images.status.${m.status}`)}
                  </p>
                  <form method="post" action={`${base}/${encodeURIComponent(m.id)}`} class="inline-form" data-image-action>
                    <CsrfField token={ctx.csrf} />
                    {i > 0 ? (
                      <button type="submit" name="action" value="up" class="button-secondary" aria-label={t('editor.imageUp', { n: i + 1 })}>
                        {t('images.up')}
                      </button>
                    ) : null}{' '}
                    {i < media.length - 1 ? (
                      <button type="submit" name="action" value="down" class="button-secondary" aria-label={t('editor.imageDown', { n: i + 1 })}>
                        {t('images.down')}
                      </button>
                    ) : null}{' '}
                    <button type="submit" name="action" value="delete" class="button-secondary" aria-label={t('editor.imageRemove', { n: i + 1 })}>
                      {t('images.delete')}
                    </button>
                  </form>
                </div>
              </li>
            );
          })}
        </ol>
      ) : (
        <p class="empty">{t('images.none')}</p>
      )}
      <p>
        <a href={`/records/${encodeURIComponent(record.id)}/images`}>{t('editor.imageDetails')}</a>
      </p>
      {/* The file streams straight to storage, so the CSRF token travels in the action URL. */}
      <form method="post" action={`${base}?_csrf=${encodeURIComponent(ctx.csrf ?? '')}`} enctype="multipart/form-data" class="editor-upload"
        data-upload={`/api/v1/records/${encodeURIComponent(record.id)}/media`}
        data-msg-uploading={t('editor.uploading', { percent: '{percent}' })}
        data-msg-done={t('editor.uploadDone')}
        data-msg-failed={t('editor.uploadFailed')}
      >
        <div class="field">
          <label for="ed-image-file">{t('images.file')}</label>
          <input id="ed-image-file" type="file" name="file" accept="image/jpeg,image/png,image/tiff,image/webp" required aria-describedby="ed-image-file-hint" />
          <p class="hint" id="ed-image-file-hint">
            {t('images.fileHint')}
          </p>
        </div>
        <div class="field">
          <label for="ed-image-label">{t('images.label')}</label>
          <input id="ed-image-label" type="text" name="label" />
        </div>
        <button type="submit">{t('images.uploadSubmit')}</button>
        <p class="editor-progress" data-upload-status role="status" aria-live="polite"></p>
      </form>
    </section>
  );
}

/** `aria-invalid` and `aria-describedby` of an input: its hint, its errors, and more. */
export function described(id: string, errors: Errors, hint = false, ...more: string[]): Record<string, string> {
  const ids = [hint ? `${id}-hint` : null, errors.has(id) ? `${id}-error` : null, ...more].filter(Boolean).join(' ');
  return { ...(ids ? { 'aria-describedby': ids } : {}), ...(errors.has(id) ? { 'aria-invalid': 'true' } : {}) };
}

/** A problem in the UI language, by what it is about. */
export function problemText(ctx: PageContext, p: PlacedProblem): string {
  const { t } = ctx;
  const f = p.field;
  if (/^\/title$/.test(f)) return t('editor.error.title');
  if (f === '/date/edtf') return t('editor.error.edtf');
  if (f === '/embargoUntil') return t('editor.error.date');
  if (/\/target$/.test(f)) return t('editor.error.target');
  if (/\/uri$|^\/rights$/.test(f)) return t('editor.error.uri');
  if (/BCP 47/.test(p.message)) return t('editor.error.langTag');
  if (/^\/(kind|visibility|institutionId)$|\/type$/.test(f)) return t('editor.error.choice');
  if (/must have a maximum length|maxLength|length less/i.test(p.message)) return t('editor.error.tooLong');
  return t('editor.error.invalid');
}
