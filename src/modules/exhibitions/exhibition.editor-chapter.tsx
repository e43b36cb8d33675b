import { textDirection } from '../../shared/i18n/i18n';
import type { PageContext } from '../pages/context';
import { CsrfField, Field, SelectField } from '../pages/forms';
import { languageName } from '../pages/format';
import { fieldError, TextArea, valueOf, type EditorData } from './exhibition.editor';
import { LAYOUTS, type Chapter } from './exhibition.types';

/** One chapter in the editor: its texts and layout, its order, its items with their approval state, a form to add an item. */
export function ChapterEditor({ ctx, data, chapter, index, action }: { ctx: PageContext; data: EditorData; chapter: Chapter; index: number; action: (path: string) => string }) {
  const { t } = ctx;
  const L = data.editLang;
  const f = data.failure;
  const form = `chapter-${chapter.id}`;
  const itemForm = `item-${chapter.id}`;
  const path = `/chapters/${encodeURIComponent(chapter.id)}`;
  const approvals = new Map(data.exhibition.approvals.map((a) => [a.recordId, a.status]));
  const id = (s: string) => `ch${index + 1}-${s}`;
  return (
    <article class="exh-edit-chapter" aria-labelledby={id('h')} id={`chapter-${chapter.id}`}>
      <h3 id={id('h')}>
        {t('exEditor.chapterN', { n: index + 1 })}
        {chapter.title[L]?.[0] ? (
          <>
            {': '}
            <span lang={L} dir={textDirection(L)}>
              {chapter.title[L][0]}
            </span>
          </>
        ) : null}
      </h3>
      <div class="exh-buttons">
        <MiniForm ctx={ctx} action={action(`${path}/move`)} name="direction" value="up" label={t('exEditor.moveUp')} disabled={index === 0} />
        <MiniForm ctx={ctx} action={action(`${path}/move`)} name="direction" value="down" label={t('exEditor.moveDown')} disabled={index === data.exhibition.chapters.length - 1} />
        <MiniForm ctx={ctx} action={action(`${path}/delete`)} name="confirm" value="1" label={t('exEditor.deleteChapter')} />
      </div>
      <form method="post" action={action(path)}>
        <CsrfField token={ctx.csrf} />
        <Field id={id('title')} name="title" label={`${t('exEditor.titleField')} (${languageName(ctx.lang, L)})`} value={valueOf(f, form, 'title', chapter.title[L]?.[0] ?? '')} error={fieldError(f, form, 'title')} dir={textDirection(L)} />
        <SelectField id={id('layout')} name="layout" label={t('exEditor.layout')} value={valueOf(f, form, 'layout', chapter.layout)} options={LAYOUTS.map((l) => ({ value: l, label: t(`exhibitions.layout.${l}`) }))} />
        <TextArea id={id('body')} name="body" label={`${t('exEditor.body')} (${languageName(ctx.lang, L)})`} value={valueOf(f, form, 'body', (chapter.body[L] ?? []).join('\n\n'))} hint={t('exEditor.bodyHint')} lang={L} rows={6} error={fieldError(f, form, 'body')} />
        <button type="submit">{t('exEditor.save')}</button>
      </form>
      <h4>{t('exEditor.itemsOf')}</h4>
      {chapter.items.length ? (
        <ul class="exh-edit-items">
          {chapter.items.map((item) => {
            const rec = data.records.get(item.recordId);
            const state = approvals.get(item.recordId);
            return (
              <li>
                <a href={`/records/${encodeURIComponent(item.recordId)}`} dir="auto">
                  {rec?.title ?? item.recordId}
                </a>{' '}
                <code>{item.recordId}</code>
                {item.region ? <code> {item.region}</code> : null}
                {state ? <span class={`exh-approval exh-approval-${state}`}> {t(`exEditor.approval.${state}`)}</span> : null}
                <MiniForm ctx={ctx} action={action(`/items/${encodeURIComponent(item.id)}/delete`)} name="confirm" value="1" label={t('exEditor.remove')} />
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="empty">{t('exEditor.noItems')}</p>
      )}
      <form method="post" action={action('/items')} class="exh-add-item">
        <CsrfField token={ctx.csrf} />
        <input type="hidden" name="chapterId" value={chapter.id} />
        <Field id={id('record')} name="recordId" label={t('exEditor.recordId')} value={valueOf(f, itemForm, 'recordId', '')} hint={t('exEditor.recordIdHint')} error={fieldError(f, itemForm, 'recordId', 'chapterId')} dir="ltr" />
        <Field id={id('media')} name="mediaId" label={t('exEditor.mediaId')} value={valueOf(f, itemForm, 'mediaId', '')} error={fieldError(f, itemForm, 'mediaId')} dir="ltr" />
        <Field id={id('region')} name="region" label={t('exEditor.region')} value={valueOf(f, itemForm, 'region', '')} hint={t('exEditor.regionHint')} error={fieldError(f, itemForm, 'region')} dir="ltr" />
        <Field id={id('caption')} name="caption" label={`${t('exEditor.caption')} (${languageName(ctx.lang, L)})`} value={valueOf(f, itemForm, 'caption', '')} error={fieldError(f, itemForm, 'caption')} dir={textDirection(L)} />
        <button type="submit">{t('exEditor.addItem')}</button>
      </form>
    </article>
  );
}

function MiniForm(props: { ctx: PageContext; action: string; name: string; value: string; label: string; disabled?: boolean }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <CsrfField token={props.ctx.csrf} />
      <input type="hidden" name={props.name} value={props.value} />
      <button type="submit" class="button-secondary" disabled={props.disabled}>
        {props.label}
      </button>
    </form>
  );
}
