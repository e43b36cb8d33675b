import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { EditorForm, EnumSelect, Input } from './project.forms';
import type { FormError } from './project.detail.pages';
import { DOCUMENT_MIMES } from './project.documents';
import { OUTPUT_VISIBILITIES } from './project.table';

export interface ConfirmDeleteData {
  /** The question, naming what goes ("Delete the milestone “Survey”?"). */
  question: string;
  /** What else goes with it, when something does. */
  detail: string | null;
  action: string;
  cancelHref: string;
}

/** The confirmation step of a deletion, without JavaScript: a question and a POST button. */
export function ConfirmDeletePage({ ctx, data }: { ctx: PageContext; data: ConfirmDeleteData }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={data.question} section="projects">
      <div class="wrap">
        <h1 dir="auto">{data.question}</h1>
        {data.detail ? <p>{data.detail}</p> : null}
        <p>{t('projects.delete.irreversible')}</p>
        <form method="post" action={data.action} class="project-confirm">
          <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
          <button type="submit" class="button-danger">
            {t('projects.delete.confirmButton')}
          </button>{' '}
          <a href={data.cancelHref}>{t('projects.delete.cancel')}</a>
        </form>
      </div>
    </Layout>
  );
}

/** The form that uploads a document (PDF or image) to a project's outputs. */
export function DocumentForm({ ctx, projectId, error }: { ctx: PageContext; projectId: string; error: FormError | null }) {
  const v = error?.values ?? {};
  return (
    <EditorForm ctx={ctx} id="document-form" summary={ctx.t('projects.document.add')} action={`/projects/${encodeURIComponent(projectId)}/documents`} error={error} multipart>
      <Input id="doc-title" name="title" label={ctx.t('projects.document.title')} value={v.title} required dir="auto" maxlength={1000} />
      <div class="field">
        <label for="doc-file">{ctx.t('projects.document.file')}</label>
        <input id="doc-file" name="file" type="file" required accept={DOCUMENT_MIMES.join(',')} aria-describedby="doc-file-hint" />
        <p class="hint" id="doc-file-hint">
          {ctx.t('projects.document.hint')}
        </p>
      </div>
      <EnumSelect ctx={ctx} id="doc-visibility" name="visibility" label={ctx.t('projects.document.visibility')} values={OUTPUT_VISIBILITIES} prefix="projects.visibility" value={v.visibility ?? 'public'} />
      <button type="submit">{ctx.t('projects.document.add')}</button>
    </EditorForm>
  );
}

/** A link to a page that asks before deleting. */
export function DeleteLink({ href, label }: { href: string; label: string }) {
  return (
    <a href={href} class="project-delete-link">
      {label}
    </a>
  );
}

/** A file size in the page's language (kB below one megabyte, MB above). */
export function fileSizeLabel(lang: string, bytes: number): string {
  const mb = bytes >= 1_000_000;
  return new Intl.NumberFormat(lang, { style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(mb ? bytes / 1_000_000 : Math.max(bytes / 1000, 0.1));
}
