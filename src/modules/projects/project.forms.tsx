import type { Child } from 'hono/jsx';
import { UI_LANGUAGES } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { languageAutonym } from '../pages/format';
import { ANALYSIS_METHODS } from './analysis.table';
import { NEED_KINDS } from './need.table';
import { FormError, type FormError as FormErrorData } from './project.detail.pages';
import { OUTPUT_KINDS, OUTPUT_RELATIONS } from './project.table';

type FormProps = { ctx: PageContext; projectId: string; error: FormErrorData | null };

/** A form folded under its name, unfolded when it was just refused. */
export function EditorForm(props: { ctx: PageContext; id: string; summary: string; action: string; error: FormErrorData | null; multipart?: boolean; children?: Child }) {
  const action = props.multipart ? `${props.action}?_csrf=${encodeURIComponent(props.ctx.csrf ?? '')}` : props.action;
  return (
    <details class="editor-form" open={props.error ? true : undefined}>
      <summary>{props.summary}</summary>
      <FormError ctx={props.ctx} error={props.error} />
      <form method="post" action={action} id={props.id} enctype={props.multipart ? 'multipart/form-data' : undefined}>
        {props.multipart ? null : <input type="hidden" name="_csrf" value={props.ctx.csrf ?? ''} />}
        {props.children}
      </form>
    </details>
  );
}

/** A text input with the language it is written in (the UI language by default). */
export function LangInput(props: { ctx: PageContext; id: string; name: string; label: string; value?: string; required?: boolean; multiline?: boolean; maxlength?: number }) {
  const { ctx } = props;
  return (
    <div class="field lang-field">
      <label for={props.id}>{props.label}</label>
      {props.multiline ? (
        <textarea id={props.id} name={props.name} rows={5} dir="auto" required={props.required} maxlength={props.maxlength ?? 5000}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input id={props.id} name={props.name} type="text" dir="auto" value={props.value ?? ''} required={props.required} maxlength={props.maxlength ?? 300} />
      )}
    </div>
  );
}

/** The language of the texts of a form. */
export function LangSelect({ ctx, id, value }: { ctx: PageContext; id: string; value?: string }) {
  return (
    <div class="field">
      <label for={id}>{ctx.t('projects.field.lang')}</label>
      <select id={id} name="lang">
        {UI_LANGUAGES.map((l) => (
          <option value={l} selected={l === (value || ctx.lang)} lang={l}>
            {languageAutonym(l)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A select of fixed values with translated labels. */
export function EnumSelect(props: { ctx: PageContext; id: string; name: string; label: string; values: readonly string[]; prefix: string; value?: string; empty?: string }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.values.map((v) => (
          <option value={v} selected={v === props.value}>
            {props.ctx.t(`${props.prefix}.${v}` as never)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A plain input (EDTF dates, numbers, record ids, URLs). */
export function Input(props: { id: string; name: string; label: string; value?: string; type?: string; hint?: string; required?: boolean; maxlength?: number; dir?: string; step?: string }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input id={props.id} name={props.name} type={props.type ?? 'text'} value={props.value ?? ''} required={props.required} maxlength={props.maxlength ?? 300} dir={props.dir} step={props.step} aria-describedby={props.hint ? `${props.id}-hint` : undefined} />
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

export function MilestoneForm({ ctx, projectId, error }: FormProps) {
  const v = error?.values ?? {};
  return (
    <EditorForm ctx={ctx} id="milestone-form" summary={ctx.t('projects.milestone.add')} action={`/projects/${encodeURIComponent(projectId)}/milestones`} error={error}>
      <LangInput ctx={ctx} id="ms-title" name="title" label={ctx.t('projects.field.title')} value={v.title} required />
      <LangSelect ctx={ctx} id="ms-lang" value={v.lang} />
      <Input id="ms-due" name="dueDate" label={ctx.t('projects.field.dueDate')} value={v.dueDate} hint={ctx.t('projects.hint.edtf')} dir="ltr" maxlength={64} />
      <button type="submit">{ctx.t('projects.milestone.add')}</button>
    </EditorForm>
  );
}

export function OutputForm({ ctx, projectId, error }: FormProps) {
  const v = error?.values ?? {};
  return (
    <EditorForm ctx={ctx} id="output-form" summary={ctx.t('projects.output.add')} action={`/projects/${encodeURIComponent(projectId)}/outputs`} error={error}>
      <EnumSelect ctx={ctx} id="out-kind" name="kind" label={ctx.t('projects.field.outputKind')} values={OUTPUT_KINDS} prefix="projects.output" value={v.kind ?? 'record'} />
      <Input id="out-record" name="recordId" label={ctx.t('projects.field.record')} value={v.recordId} hint={ctx.t('projects.hint.record')} dir="ltr" maxlength={500} />
      <EnumSelect ctx={ctx} id="out-relation" name="relation" label={ctx.t('projects.field.relation')} values={OUTPUT_RELATIONS} prefix="projects.relation" value={v.relation} />
      <Input id="out-title" name="title" label={ctx.t('projects.field.outputTitle')} value={v.title} hint={ctx.t('projects.hint.outputTitle')} maxlength={1000} dir="auto" />
      <Input id="out-url" name="url" label={ctx.t('projects.field.url')} value={v.url} type="url" dir="ltr" maxlength={2000} />
      <EnumSelect ctx={ctx} id="out-visibility" name="visibility" label={ctx.t('projects.field.visibility')} values={['public', 'members']} prefix="projects.visibility" value={v.visibility ?? 'public'} />
      <button type="submit">{ctx.t('projects.output.add')}</button>
    </EditorForm>
  );
}

export function UpdateForm({ ctx, projectId, error }: FormProps) {
  const v = error?.values ?? {};
  return (
    <EditorForm ctx={ctx} id="update-form" summary={ctx.t('projects.update.add')} action={`/projects/${encodeURIComponent(projectId)}/updates`} error={error} multipart>
      <LangInput ctx={ctx} id="up-title" name="title" label={ctx.t('projects.field.title')} value={v.title} required />
      <LangInput ctx={ctx} id="up-body" name="body" label={ctx.t('projects.field.body')} value={v.body} required multiline maxlength={20000} />
      <LangSelect ctx={ctx} id="up-lang" value={v.lang} />
      <div class="field">
        <label for="up-image">{ctx.t('projects.field.image')}</label>
        <input id="up-image" name="image" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="up-image-hint" />
        <p class="hint" id="up-image-hint">
          {ctx.t('projects.hint.image')}
        </p>
      </div>
      <Input id="up-alt" name="imageAlt" label={ctx.t('projects.field.imageAlt')} value={v.imageAlt} dir="auto" />
      <button type="submit">{ctx.t('projects.update.add')}</button>
    </EditorForm>
  );
}

export function NeedForm({ ctx, action, error }: { ctx: PageContext; action: string; error: FormErrorData | null }) {
  const v = error?.values ?? {};
  return (
    <EditorForm ctx={ctx} id="need-form" summary={ctx.t('needs.add')} action={action} error={error}>
      <EnumSelect ctx={ctx} id="need-kind" name="kind" label={ctx.t('needs.field.kind')} values={NEED_KINDS} prefix="needs.kind" value={v.kind} />
      <LangInput ctx={ctx} id="need-title" name="title" label={ctx.t('projects.field.title')} value={v.title} required />
      <LangInput ctx={ctx} id="need-description" name="description" label={ctx.t('needs.field.description')} value={v.description} multiline />
      <LangSelect ctx={ctx} id="need-lang" value={v.lang} />
      <Input id="need-skill" name="skill" label={ctx.t('needs.field.skill')} value={v.skill} hint={ctx.t('needs.hint.skill')} dir="auto" />
      <Input id="need-quantity" name="quantity" label={ctx.t('needs.field.quantity')} value={v.quantity} type="number" step="any" required />
      <Input id="need-currency" name="currency" label={ctx.t('needs.field.currency')} value={v.currency} hint={ctx.t('needs.hint.currency')} dir="ltr" maxlength={3} />
      <Input id="need-due" name="dueDate" label={ctx.t('projects.field.dueDate')} value={v.dueDate} hint={ctx.t('projects.hint.edtf')} dir="ltr" maxlength={64} />
      <EnumSelect ctx={ctx} id="need-visibility" name="visibility" label={ctx.t('projects.field.visibility')} values={['members', 'public']} prefix="projects.visibility" value={v.visibility ?? 'members'} />
      <button type="submit">{ctx.t('needs.add')}</button>
    </EditorForm>
  );
}

export function AnalysisForm({ ctx, projectId, error }: FormProps) {
  const v = error?.values ?? {};
  return (
    <EditorForm ctx={ctx} id="analysis-form" summary={ctx.t('projects.analysis.add')} action={`/projects/${encodeURIComponent(projectId)}/analyses`} error={error}>
      <Input id="an-record" name="recordId" label={ctx.t('projects.field.record')} value={v.recordId} hint={ctx.t('projects.hint.analysisTarget')} dir="ltr" maxlength={500} />
      <Input id="an-site" name="site" label={ctx.t('projects.analysis.site')} value={v.site} dir="auto" />
      <EnumSelect ctx={ctx} id="an-method" name="method" label={ctx.t('projects.analysis.method')} values={ANALYSIS_METHODS} prefix="projects.method" value={v.method} />
      <LangInput ctx={ctx} id="an-sample" name="sample" label={ctx.t('projects.analysis.sample')} value={v.sample} required multiline maxlength={2000} />
      <LangInput ctx={ctx} id="an-result" name="result" label={ctx.t('projects.analysis.result')} value={v.result} required multiline maxlength={10000} />
      <Input id="an-date" name="date" label={ctx.t('projects.analysis.date')} value={v.date} hint={ctx.t('projects.hint.edtf')} dir="ltr" maxlength={64} />
      <Input id="an-lab" name="laboratory" label={ctx.t('projects.analysis.laboratory')} value={v.laboratory} required dir="auto" />
      <Input id="an-people" name="people" label={ctx.t('projects.analysis.people')} value={v.people} hint={ctx.t('projects.hint.people')} dir="auto" maxlength={2000} />
      <EnumSelect ctx={ctx} id="an-visibility" name="visibility" label={ctx.t('projects.field.visibility')} values={['public', 'members', 'private']} prefix="projects.visibility" value={v.visibility ?? 'public'} />
      <button type="submit">{ctx.t('projects.analysis.add')}</button>
    </EditorForm>
  );
}
