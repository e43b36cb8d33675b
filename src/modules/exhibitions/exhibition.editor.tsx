import type { FieldProblem } from '../../shared/errors';
import { textDirection } from '../../shared/i18n/i18n';
import { UI_LANGUAGES, type LangMap } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField, Field, FormNotice, SelectField } from '../pages/forms';
import { languageName } from '../pages/format';
import { EVENT_KINDS, LAYOUTS, type Chapter, type ExhibitionDraft } from './exhibition.types';
import { ChapterEditor } from './exhibition.editor-chapter';

/** A refused form shown again: which form, what was posted, what is wrong. */
export interface FormFailure {
  form: string;
  message: string;
  detail?: string | null;
  problems: FieldProblem[];
  values: Record<string, string>;
}

export interface EditorData {
  exhibition: ExhibitionDraft;
  /** The language whose texts are edited. */
  editLang: string;
  records: Map<string, { title: string; institutionId: string }>;
  institutions: { id: string; name: string }[];
  mayPublish: boolean;
  notice: string | null;
  failure: FormFailure | null;
}

/** The error of one field of a refused form (its own problems and those of its language entries). */
export function fieldError(failure: FormFailure | null, form: string, ...names: string[]): string | null {
  if (!failure || failure.form !== form) return null;
  const p = failure.problems.find((x) => names.some((n) => x.field === n || x.field.startsWith(`${n}/`)));
  return p ? p.message : null;
}

/** A posted value of a refused form, else the stored one. */
export function valueOf(failure: FormFailure | null, form: string, name: string, stored: string): string {
  return failure && failure.form === form && name in failure.values ? failure.values[name] : stored;
}

/** A labelled text area with its hint and error. */
export function TextArea(props: { id: string; name: string; label: string; value: string; rows?: number; hint?: string; error?: string | null; lang?: string }) {
  const described = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      <textarea id={props.id} name={props.name} rows={props.rows ?? 4} lang={props.lang} dir={props.lang ? textDirection(props.lang) : 'auto'} aria-invalid={props.error ? 'true' : undefined} aria-describedby={described}>
        {props.value}
      </textarea>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** `/exhibitions/:id/edit`: the co-curators' editor, one language's texts at a time; plain forms, post/redirect/get. */
export function EditorPage({ ctx, data }: { ctx: PageContext; data: EditorData }) {
  const { t } = ctx;
  const ex = data.exhibition;
  const L = data.editLang;
  const f = data.failure;
  const base = `/exhibitions/${encodeURIComponent(ex.id)}/edit`;
  const action = (path: string) => `${base}${path}?in=${L}`;
  const text = (map: LangMap) => (map[L] ?? []).join('\n\n');
  const titleText = ex.title[L]?.[0] ?? Object.values(ex.title)[0]?.[0] ?? ex.slug;
  const langName = (l: string) => languageName(ctx.lang, l);
  const invitable = data.institutions.filter((i) => !ex.curators.includes(i.id));
  return (
    <Layout ctx={ctx} title={t('exEditor.title', { title: titleText })} section="exhibitions">
      <div class="wrap exh-editor">
        <PageHeading title={t('exEditor.title', { title: titleText })} />
        <p class="dashboard-links">
          <a href={`/exhibitions/${encodeURIComponent(ex.slug)}?lang=${L}`}>{t('exEditor.view')}</a> · <a href="/exhibitions/approvals">{t('exhibitions.approvalsLink')}</a>
        </p>
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}
        {f ? <FormNotice ctx={ctx} kind="error" message={f.message} detail={f.detail} problems={f.problems} /> : null}

        <nav class="exh-edit-langs" aria-label={t('exEditor.editing')}>
          <span>{t('exEditor.editing')}:</span>
          <ul role="list">
            {UI_LANGUAGES.map((l) => (
              <li>
                <a href={`${base}?in=${l}`} lang={l} hreflang={l} aria-current={l === L ? 'true' : undefined}>
                  {languageName(l, l)}
                </a>
              </li>
            ))}
          </ul>
        </nav>

        <section aria-labelledby="ed-workflow" class="exh-edit-section">
          <h2 id="ed-workflow">{t('exEditor.workflow')}</h2>
          <p>
            <span class={`exh-status exh-status-${ex.status}`}>{t('exEditor.statusNow', { status: t(`exhibitions.status.${ex.status}`) })}</span>
          </p>
          <p class="hint">{t('exEditor.publishHint')}</p>
          <div class="exh-buttons">
            {ex.status === 'draft' || ex.status === 'unpublished' ? <StatusButton ctx={ctx} action={action('/status')} value="submit" label={t('exEditor.submit')} /> : null}
            {ex.status === 'review' ? <StatusButton ctx={ctx} action={action('/status')} value="return" label={t('exEditor.return')} /> : null}
            {(ex.status === 'review' || ex.status === 'unpublished') && data.mayPublish ? <StatusButton ctx={ctx} action={action('/status')} value="publish" label={t('exEditor.publish')} /> : null}
            {ex.status === 'published' ? <StatusButton ctx={ctx} action={action('/status')} value="unpublish" label={t('exEditor.unpublish')} /> : null}
          </div>
          <h3>{t('exEditor.languages')}</h3>
          <ul class="exh-lang-list">
            {ex.languages.map((l) => (
              <li>
                <span lang={l.lang}>{languageName(l.lang, l.lang)}</span> — {l.published ? t('exEditor.langPublished') : t('exEditor.langDraft')}
                <form method="post" action={action('/language')} class="inline-form">
                  <CsrfField token={ctx.csrf} />
                  <input type="hidden" name="lang" value={l.lang} />
                  <input type="hidden" name="published" value={l.published ? '0' : '1'} />
                  <button type="submit" class="button-secondary">
                    {l.published ? t('exEditor.withdrawLanguage', { language: langName(l.lang) }) : t('exEditor.publishLanguage', { language: langName(l.lang) })}
                  </button>
                </form>
              </li>
            ))}
          </ul>
          <p class="hint">{t('exEditor.addLanguageHint')}</p>
        </section>

        <section aria-labelledby="ed-details" class="exh-edit-section" id="details">
          <h2 id="ed-details">{t('exEditor.titleField')}</h2>
          <form method="post" action={action('/details')}>
            <CsrfField token={ctx.csrf} />
            <Field id="ed-title" name="title" label={`${t('exEditor.titleField')} (${langName(L)})`} value={valueOf(f, 'details', 'title', ex.title[L]?.[0] ?? '')} error={fieldError(f, 'details', 'title')} dir={textDirection(L)} />
            <TextArea id="ed-summary" name="summary" label={`${t('exEditor.summary')} (${langName(L)})`} value={valueOf(f, 'details', 'summary', text(ex.summary))} lang={L} rows={3} error={fieldError(f, 'details', 'summary')} />
            <TextArea id="ed-credits" name="credits" label={`${t('exEditor.credits')} (${langName(L)})`} value={valueOf(f, 'details', 'credits', text(ex.credits))} lang={L} rows={2} error={fieldError(f, 'details', 'credits')} />
            <Field id="ed-slug" name="slug" label={t('exEditor.slug')} value={valueOf(f, 'details', 'slug', ex.slug)} hint={t('exEditor.slugHint', { example: ex.slug })} error={fieldError(f, 'details', 'slug')} dir="ltr" />
            <Field id="ed-cover" name="coverRecordId" label={t('exEditor.cover')} value={valueOf(f, 'details', 'coverRecordId', ex.coverRecordId ?? '')} hint={t('exEditor.coverHint')} error={fieldError(f, 'details', 'coverRecordId')} dir="ltr" />
            <button type="submit">{t('exEditor.save')}</button>
          </form>
        </section>

        <section aria-labelledby="ed-curators" class="exh-edit-section" id="curators">
          <h2 id="ed-curators">{t('exEditor.curators')}</h2>
          <ul class="exh-lang-list">
            {ex.curators.map((id) => (
              <li>
                {data.institutions.find((i) => i.id === id)?.name ?? id}
                {id === ex.leadInstitutionId ? (
                  <> ({t('exEditor.lead')})</>
                ) : (
                  <form method="post" action={action('/curators/remove')} class="inline-form">
                    <CsrfField token={ctx.csrf} />
                    <input type="hidden" name="institutionId" value={id} />
                    <button type="submit" class="button-secondary">
                      {t('exEditor.remove')}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
          {invitable.length ? (
            <form method="post" action={action('/curators')}>
              <CsrfField token={ctx.csrf} />
              <SelectField id="ed-curator" name="institutionId" label={t('exEditor.addCurator')} options={invitable.map((i) => ({ value: i.id, label: i.name }))} />
              <button type="submit">{t('exEditor.addCurator')}</button>
            </form>
          ) : null}
        </section>

        <section aria-labelledby="ed-chapters" class="exh-edit-section" id="chapters">
          <h2 id="ed-chapters">{t('exEditor.chapters')}</h2>
          {ex.chapters.map((ch: Chapter, i: number) => (
            <ChapterEditor ctx={ctx} data={data} chapter={ch} index={i} action={action} />
          ))}
          <form method="post" action={action('/chapters')} class="exh-new-chapter" id="new-chapter">
            <h3>{t('exEditor.addChapter')}</h3>
            <CsrfField token={ctx.csrf} />
            <Field id="nc-title" name="title" label={`${t('exEditor.titleField')} (${langName(L)})`} value={valueOf(f, 'chapter-new', 'title', '')} error={fieldError(f, 'chapter-new', 'title')} dir={textDirection(L)} />
            <SelectField id="nc-layout" name="layout" label={t('exEditor.layout')} value={valueOf(f, 'chapter-new', 'layout', 'text-image')} options={LAYOUTS.map((l) => ({ value: l, label: t(`exhibitions.layout.${l}`) }))} />
            <TextArea id="nc-body" name="body" label={`${t('exEditor.body')} (${langName(L)})`} value={valueOf(f, 'chapter-new', 'body', '')} hint={t('exEditor.bodyHint')} lang={L} rows={6} error={fieldError(f, 'chapter-new', 'body')} />
            <button type="submit">{t('exEditor.addChapter')}</button>
          </form>
        </section>

        <section aria-labelledby="ed-events" class="exh-edit-section" id="events">
          <h2 id="ed-events">{t('exEditor.events')}</h2>
          {ex.events.length ? (
            <ul class="exh-lang-list">
              {ex.events.map((e) => (
                <li>
                  {t(`exhibitions.event.${e.kind}`)} — {e.title[L]?.[0] ?? Object.values(e.title)[0]?.[0]} — <time datetime={e.startsAt}>{e.startsAt.slice(0, 16).replace('T', ' ')}</time>
                  <form method="post" action={action(`/events/${encodeURIComponent(e.id)}/delete`)} class="inline-form">
                    <CsrfField token={ctx.csrf} />
                    <button type="submit" class="button-secondary">
                      {t('exEditor.remove')}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">{t('exEditor.noEvents')}</p>
          )}
          <form method="post" action={action('/events')}>
            <CsrfField token={ctx.csrf} />
            <SelectField id="ev-kind" name="kind" label={t('exEditor.eventKind')} value={valueOf(f, 'event', 'kind', 'opening')} options={EVENT_KINDS.map((k) => ({ value: k, label: t(`exhibitions.event.${k}`) }))} />
            <Field id="ev-title" name="title" label={`${t('exEditor.eventTitle')} (${langName(L)})`} value={valueOf(f, 'event', 'title', '')} error={fieldError(f, 'event', 'title')} dir={textDirection(L)} />
            <DateTimeField id="ev-start" name="startsAt" label={t('exEditor.startsAt')} value={valueOf(f, 'event', 'startsAt', '')} error={fieldError(f, 'event', 'startsAt')} />
            <DateTimeField id="ev-end" name="endsAt" label={t('exEditor.endsAt')} value={valueOf(f, 'event', 'endsAt', '')} error={fieldError(f, 'event', 'endsAt')} />
            <Field id="ev-url" name="url" type="url" label={t('exEditor.eventUrl')} value={valueOf(f, 'event', 'url', '')} error={fieldError(f, 'event', 'url')} dir="ltr" />
            <button type="submit">{t('exEditor.addEvent')}</button>
          </form>
        </section>
      </div>
    </Layout>
  );
}

function StatusButton({ ctx, action, value, label }: { ctx: PageContext; action: string; value: string; label: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField token={ctx.csrf} />
      <input type="hidden" name="action" value={value} />
      <button type="submit">{label}</button>
    </form>
  );
}

/** A date and time field (UTC), with its error. */
function DateTimeField(props: { id: string; name: string; label: string; value: string; error?: string | null }) {
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={props.id}>{props.label} (UTC)</label>
      <input id={props.id} name={props.name} type="datetime-local" value={props.value} aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${props.id}-error` : undefined} />
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
