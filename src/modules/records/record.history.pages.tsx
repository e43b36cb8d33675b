import { pickLang } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField, FormNotice } from '../pages/forms';
import { formatDateTime } from '../pages/format';
import type { FormOutcome } from '../accounts/sign-in.pages';
import type { HeritageRecord } from './record.schema';
import type { RecordVersionSummary } from './record.history';
import { ChangeTable } from './record.editor.changes';

export interface HistoryPageData {
  record: HeritageRecord;
  versions: RecordVersionSummary[];
  notice?: string | null;
  error?: FormOutcome | null;
}

/** A record's history for its editors: every version, who and when, what it changed, and a button to make it current again. */
export function RecordHistoryPage({ ctx, data }: { ctx: PageContext; data: HistoryPageData }) {
  const { t, lang } = ctx;
  const { record } = data;
  const title = pickLang(record.title, lang)?.values[0] ?? t('record.untitled');
  const base = `/records/${encodeURIComponent(record.id)}`;
  return (
    <Layout ctx={ctx} title={`${t('history.title')} — ${title}`} section={null}>
      <div class="wrap">
        <PageHeading title={t('history.title')} lead={
            <>
              <a href={base}>{title}</a> · <a href={`${base}/edit`}>{t('editor.edit')}</a>
            </>
          } />
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}
        {data.error ? <FormNotice ctx={ctx} kind="error" message={data.error.message} detail={data.error.detail} problems={data.error.problems} /> : null}
        <ol class="history" role="list" reversed>
          {data.versions.map((v) => (
            <li class="history-version" id={`v${v.version}`}>
              <h2 class="history-head">
                {t('history.version', { n: v.version })} · {actionLabel(ctx, v.action)}
                {v.current ? <span class="tag">{t('history.current')}</span> : null}
              </h2>
              <p class="history-meta">
                <time datetime={v.at}>{formatDateTime(lang, v.at)}</time>
                {v.actor ? <> · {v.actor}</> : null} ·{' '}
                <a href={`/api/v1/records/${encodeURIComponent(record.id)}/versions/${v.version}`} type="application/json">
                  {t('history.json')}
                </a>
              </p>
              {v.changes.length ? (
                <ChangeTable ctx={ctx} changes={v.changes} caption={t('history.changesOf', { n: v.version })} hideCaption />
              ) : (
                <p class="sub">{t('history.noChanges')}</p>
              )}
              {v.current ? null : (
                <form method="post" action={`${base}/history/${v.version}/restore`} class="inline-form">
                  <CsrfField token={ctx.csrf} />
                  <input type="hidden" name="expected" value={String(record.version)} />
                  <button type="submit" class="button-secondary">
                    {t('history.restore', { n: v.version })}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ol>
      </div>
    </Layout>
  );
}

/** "create", "update", "revert:3"… in words. */
export function actionLabel(ctx: PageContext, action: string): string {
  const [name, version] = action.split(':');
  if (name === 'revert' && version) return ctx.t('history.action.revert', { n: Number(version) });
  const known = ['create', 'update', 'delete', 'restore', 'import', 'harvest', 'demo', 'load'] as const;
  return (known as readonly string[]).includes(name) ? ctx.t(`history.action.${name as (typeof known)[number]}`) : name;
}
