import { pickLang } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField, Field, FormNotice, SelectField } from '../pages/forms';
import type { FormOutcome } from '../accounts/sign-in.pages';
import { VISIBILITIES } from '../records/record.schema';
import type { HeritageRecord } from '../records/record.schema';
import type { Media } from './media.schema';
import { islandUrl } from '../pages/island-assets';

export interface ImageEditorData {
  record: HeritageRecord;
  media: Media[];
  notice?: string | null;
  error?: FormOutcome | null;
}

/** The image editor of a record (its institution's curators): upload, label, order, visibility, removal, job status. */
export function ImageEditorPage({ ctx, data }: { ctx: PageContext; data: ImageEditorData }) {
  const { t } = ctx;
  const { record, media } = data;
  const title = pickLang(record.title, ctx.lang)?.values[0] ?? t('record.untitled');
  const base = `/records/${encodeURIComponent(record.id)}/images`;
  const visibilityOptions = VISIBILITIES.map((v) => ({ value: v, label: t(`images.visibility.${v}`) }));
  return (
    <Layout ctx={ctx} title={`${t('images.title')} — ${title}`} section={null} head={media.some((m) => m.status === 'pending') ? <script src={islandUrl('job-status')} defer></script> : null}>
      <div class="wrap">
        <PageHeading title={t('images.title')} lead={<a href={`/records/${encodeURIComponent(record.id)}`}>{title}</a>} />
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}
        {data.error ? <FormNotice ctx={ctx} kind="error" message={data.error.message} detail={data.error.detail} problems={data.error.problems} /> : null}

        {media.length ? (
          <ol class="image-editor-list" role="list">
            {media.map((m, i) => (
              <li class="image-editor-item">
                <div class="image-editor-thumb">
                  {m.status === 'ready' ? <img src={`/iiif/3/${encodeURIComponent(m.id)}/full/!200,200/0/default.jpg`} alt={pickLang(m.label, ctx.lang)?.values[0] ?? t('viewer.imageN', { n: i + 1 })} /> : null}
                </div>
                <div>
                  <p class="image-editor-status">
                    <strong>{t('viewer.imageN', { n: i + 1 })}</strong> · {m.width}×{m.height} · {t(`images.status.${m.status}`)}
                    {m.status === 'pending' && m.job ? (
                      <>
                        {' '}
                        (<span data-job={m.job.id}>{jobPercent(m.job.progress)}%</span>)
                      </>
                    ) : null}
                  </p>
                  {m.status === 'failed' && m.error ? (
                    <p class="field-error" lang="en" dir="ltr">
                      {m.error}
                    </p>
                  ) : null}
                  <form method="post" action={`${base}/${encodeURIComponent(m.id)}`} class="filters">
                    <CsrfField token={ctx.csrf} />
                    <Field id={`label-${m.id}`} name="label" label={t('images.label')} value={pickLang(m.label, ctx.lang)?.values[0] ?? ''} />
                    <SelectField id={`vis-${m.id}`} name="visibility" label={t('images.visibility')} options={visibilityOptions} value={m.visibility} />
                    <Field id={`rights-${m.id}`} name="rights" type="url" label={t('images.rights')} value={m.rights ?? ''} dir="ltr" />
                    <button type="submit" name="action" value="save">
                      {t('admin.saveRole')}
                    </button>
                  </form>
                  <form method="post" action={`${base}/${encodeURIComponent(m.id)}`} class="inline-form">
                    <CsrfField token={ctx.csrf} />
                    {i > 0 ? (
                      <button type="submit" name="action" value="up" class="button-secondary">
                        {t('images.up')}
                      </button>
                    ) : null}{' '}
                    {i < media.length - 1 ? (
                      <button type="submit" name="action" value="down" class="button-secondary">
                        {t('images.down')}
                      </button>
                    ) : null}{' '}
                    <button type="submit" name="action" value="delete" class="button-secondary">
                      {t('images.delete')}
                    </button>
                  </form>
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <p class="empty">{t('images.none')}</p>
        )}
        {media.some((m) => m.status === 'pending') ? (
          <p>
            <a href={base}>{t('images.refresh')}</a>
          </p>
        ) : null}

        {/* The file streams straight to storage, so the CSRF token travels in the action URL. */}
        <form class="form-card" method="post" action={`${base}?_csrf=${encodeURIComponent(ctx.csrf ?? '')}`} enctype="multipart/form-data">
          <h2>{t('images.upload')}</h2>
          <div class="field">
            <label for="image-file">{t('images.file')}</label>
            <input id="image-file" type="file" name="file" accept="image/jpeg,image/png,image/tiff,image/webp" required aria-describedby="image-file-hint" />
            <p class="hint" id="image-file-hint">
              {t('images.fileHint')}
            </p>
          </div>
          <Field id="image-label" name="label" label={t('images.label')} />
          <SelectField id="image-visibility" name="visibility" label={t('images.visibility')} options={visibilityOptions} value="public" hint={t('images.visibilityHint')} />
          <Field id="image-rights" name="rights" type="url" label={t('images.rights')} value={record.rights ?? ''} dir="ltr" />
          <button type="submit">{t('images.uploadSubmit')}</button>
        </form>
      </div>
    </Layout>
  );
}

function jobPercent(p: { done: number; total: number | null }): number {
  return p.total ? Math.min(100, Math.round((100 * p.done) / p.total)) : 0;
}
