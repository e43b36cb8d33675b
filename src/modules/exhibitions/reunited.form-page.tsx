import { UI_LANGUAGES } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField, Field, FormNotice, SelectField } from '../pages/forms';
import { languageName } from '../pages/format';
import { fieldError, TextArea, valueOf, type FormFailure } from './exhibition.editor';
import type { ReunitedFormValues } from './reunited.form';

/** `/reunited/new` and `/reunited/:id/edit`: a reunited work's texts in one language, its fragments and its history, as plain text fields. */
export function ReunitedFormPage(props: { ctx: PageContext; action: string; values: ReunitedFormValues; institutions: { id: string; name: string }[] | null; failure: FormFailure | null; title: string }) {
  const { ctx, values: v, failure: f } = props;
  const { t } = ctx;
  const val = (name: keyof ReunitedFormValues) => valueOf(f, 'reunited', name, v[name]);
  return (
    <Layout ctx={ctx} title={props.title} section="exhibitions">
      <div class="wrap exh-editor">
        <PageHeading title={props.title} lead={t('reunited.formLead')} />
        {f ? <FormNotice ctx={ctx} kind="error" message={f.message} detail={f.detail} problems={f.problems} /> : null}
        <form method="post" action={props.action}>
          <CsrfField token={ctx.csrf} />
          {props.institutions ? <SelectField id="rw-inst" name="institutionId" label={t('reunited.institution')} value={val('institutionId')} options={props.institutions.map((i) => ({ value: i.id, label: i.name }))} /> : null}
          <SelectField id="rw-lang" name="lang" label={t('reunited.language')} value={val('lang')} options={UI_LANGUAGES.map((l) => ({ value: l, label: languageName(ctx.lang, l) }))} />
          <Field id="rw-title" name="title" label={t('exEditor.titleField')} value={val('title')} error={fieldError(f, 'reunited', 'title')} dir="auto" />
          <TextArea id="rw-summary" name="summary" label={t('exEditor.summary')} value={val('summary')} rows={3} error={fieldError(f, 'reunited', 'summary')} />
          <TextArea id="rw-fragments" name="fragments" label={t('reunited.fragmentsField')} value={val('fragments')} rows={5} hint={t('reunited.fragmentsHint')} error={fieldError(f, 'reunited', 'fragments')} lang="en" />
          <TextArea id="rw-history" name="history" label={t('reunited.historyField')} value={val('history')} rows={5} hint={t('reunited.historyHint')} error={fieldError(f, 'reunited', 'history')} />
          <button type="submit">{t('reunited.save')}</button>
        </form>
      </div>
    </Layout>
  );
}
