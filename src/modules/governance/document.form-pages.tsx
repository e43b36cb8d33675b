import type { PageContext } from '../pages/context';
import { FormNotice } from '../pages/forms';
import { VisibilityField, wrong, type FormError } from './governance.form-fields';

export interface UploadState {
  values: { title: string; visibility: string };
  error: FormError;
  done: boolean;
}

export const BLANK_UPLOAD: UploadState = { values: { title: '', visibility: 'public' }, error: null, done: false };

/** The PDF upload form on a meeting's or agreement's page (the secretariat only); multipart, the token in the action. */
export function DocumentUploadForm({ ctx, action, state }: { ctx: PageContext; action: string; state: UploadState }) {
  const { t } = ctx;
  const { values, error } = state;
  const fileBad = wrong(error, 'file') || wrong(error, 'body');
  const titleBad = wrong(error, 'title') || wrong(error, '/title');
  return (
    <section aria-labelledby="upload-document" class="gov-secretariat">
      <h2 id="upload-document">{t('govf.doc.upload')}</h2>
      {state.done ? <FormNotice ctx={ctx} kind="success" message={t('govf.doc.saved')} /> : null}
      {error ? <FormNotice ctx={ctx} kind="error" message={error.message} detail={error.detail} problems={error.problems} /> : null}
      <form method="post" action={`${action}?_csrf=${encodeURIComponent(ctx.csrf ?? '')}`} enctype="multipart/form-data" class="gov-form gov-edit">
        <div class={`field${titleBad ? ' field-invalid' : ''}`}>
          <label for="df-title">{t('govf.doc.title')}</label>
          <input id="df-title" name="title" value={values.title} dir="auto" maxlength={300} required {...(titleBad ? { 'aria-invalid': 'true' } : {})} />
        </div>
        <VisibilityField ctx={ctx} id="df-visibility" value={values.visibility} />
        <div class={`field${fileBad ? ' field-invalid' : ''}`}>
          <label for="df-file">{t('govf.doc.file')}</label>
          <input id="df-file" type="file" name="file" accept="application/pdf" required aria-describedby="df-file-hint" {...(fileBad ? { 'aria-invalid': 'true' } : {})} />
          <p class="hint" id="df-file-hint">
            {t('govf.doc.fileHint')}
          </p>
        </div>
        <button type="submit">{t('govf.doc.upload')}</button>
      </form>
    </section>
  );
}
