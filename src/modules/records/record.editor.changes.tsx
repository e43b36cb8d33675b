import type { PageContext } from '../pages/context';
import type { FieldChange } from './record.diff';
import type { HeritageRecord } from './record.schema';
import { describePath } from './record.editor.labels';

/** What someone else changed while the form was open; the form below still holds the curator's edit. */
export function ConflictNotice({ ctx, conflict }: { ctx: PageContext; conflict: { current: HeritageRecord; changes: FieldChange[] } }) {
  const { t } = ctx;
  return (
    <div class="notice notice-error" role="alert" id="ed-conflict">
      <p>{t('editor.conflict', { n: conflict.current.version })}</p>
      {conflict.changes.length ? <ChangeTable ctx={ctx} changes={conflict.changes} caption={t('editor.conflictChanges')} /> : null}
    </div>
  );
}

/** A readable table of changed values: field in words, before and after, marked by words as well as colour. */
export function ChangeTable({ ctx, changes, caption, hideCaption }: { ctx: PageContext; changes: FieldChange[]; caption: string; hideCaption?: boolean }) {
  const { t } = ctx;
  const cut = (v: string) => (v.length > 300 ? `${v.slice(0, 300)}…` : v);
  return (
    <table class="history-diff">
      <caption class={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('history.field')}</th>
          <th scope="col">{t('history.before')}</th>
          <th scope="col">{t('history.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr>
            <th scope="row">
              {describePath(ctx, c.path)}{' '}
              <span dir="ltr">
                <code>{c.path}</code>
              </span>
              <span class="history-change">
                {c.before === null ? t('editor.diff.added') : c.after === null ? t('editor.diff.removed') : t('editor.diff.changed')}
              </span>
            </th>
            <td dir="auto">{c.before === null ? <span class="sub">{t('history.none')}</span> : <del>{cut(c.before)}</del>}</td>
            <td dir="auto">{c.after === null ? <span class="sub">{t('history.none')}</span> : <ins>{cut(c.after)}</ins>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
