import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField, Field, FormNotice, SelectField } from '../pages/forms';
import { kindLabel } from '../pages/format';
import type { FormOutcome } from '../accounts/sign-in.pages';
import type { MessageKey } from '../../shared/i18n/i18n';
import { UI_LANGUAGES } from '../../shared/lang-map';
import { RECORD_KINDS, VISIBILITIES } from '../records/record.schema';
import { CSV_TARGETS, parseTarget } from './formats/csv-targets';
import { ImportsNav } from './import.pages';
import { sampleField, type EditorState } from './mapping.form';
import { SampleForm } from './mapping.pages';

export interface MappingEditorData {
  /** Absent for a new mapping. */
  id?: string;
  institutionId: string;
  institutionName: string;
  state: EditorState;
  notice?: string | null;
  error?: FormOutcome | null;
}

const DELIMITERS = [
  { value: ',', key: 'mappings.delimiter.comma' },
  { value: ';', key: 'mappings.delimiter.semicolon' },
  { value: 'tab', key: 'mappings.delimiter.tab' },
  { value: '|', key: 'mappings.delimiter.pipe' },
] as const;

/**
 * The mapping editor: one row per column with its sample values and a choice of target (per-language
 * targets included), the options of the mapping, and its name. Plain forms: works without JavaScript.
 */
export function MappingEditorPage({ ctx, data }: { ctx: PageContext; data: MappingEditorData }) {
  const { t } = ctx;
  const { state } = data;
  const title = data.id ? t('mappings.editTitle', { name: state.name }) : t('mappings.newTitle');
  const action = data.id ? `/imports/mappings/${encodeURIComponent(data.id)}` : '/imports/mappings';
  const columns = state.columns.map((c) => ({ value: c.header, label: c.header }));
  return (
    <Layout ctx={ctx} title={title} section="admin">
      <div class="wrap">
        <ImportsNav ctx={ctx} current="mappings" />
        <PageHeading title={title} lead={t('mappings.editorLead', { institution: data.institutionName })} />
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}
        {data.error ? <FormNotice ctx={ctx} kind="error" message={data.error.message} detail={data.error.detail} problems={data.error.problems} /> : null}
        <form method="post" action={action}>
          <CsrfField token={ctx.csrf} />
          {data.id ? null : <input type="hidden" name="institution" value={data.institutionId} />}
          <Field id="mapping-name" name="name" label={t('mappings.name')} value={state.name} required hint={t('mappings.nameHint')} dir="auto" />
          <fieldset>
            <legend>{t('mappings.columns')}</legend>
            <div class="table-scroll">
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('mappings.column')}</th>
                    <th scope="col">{t('mappings.samples')}</th>
                    <th scope="col">{t('mappings.target')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.columns.map((c, i) => (
                    <tr>
                      <th scope="row">
                        <label for={`t${i}`} dir="auto">
                          {c.header}
                        </label>
                        <input type="hidden" name={`c${i}`} value={c.header} />
                        <input type="hidden" name={`s${i}`} value={sampleField(c.samples)} />
                      </th>
                      <td>
                        {c.samples.length ? (
                          <ul>
                            {c.samples.map((s) => (
                              <li dir="auto">{s}</li>
                            ))}
                          </ul>
                        ) : (
                          <span class="hint">{t('mappings.noSamples')}</span>
                        )}
                      </td>
                      <td>
                        <TargetSelect ctx={ctx} id={`t${i}`} value={c.target} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('mappings.options')}</legend>
            <SelectField
              id="mapping-delimiter"
              name="delimiter"
              label={t('mappings.delimiter')}
              options={[{ value: '', label: t('mappings.delimiter.auto') }, ...DELIMITERS.map((d) => ({ value: d.value, label: t(d.key) }))]}
              value={state.delimiter === '\t' ? 'tab' : state.delimiter}
            />
            <SelectField id="mapping-identifier" name="identifierColumn" label={t('mappings.identifierColumn')} hint={t('mappings.identifierHint')} options={[{ value: '', label: t('mappings.auto') }, ...columns]} value={state.identifierColumn} />
            <SelectField id="mapping-kind" name="default.kind" label={t('record.kind')} options={[{ value: '', label: t('mappings.auto') }, ...RECORD_KINDS.map((k) => ({ value: k, label: kindLabel(ctx.lang, k) }))]} value={state.defaults.kind ?? ''} />
            <SelectField
              id="mapping-visibility"
              name="default.visibility"
              label={t('mappings.defaultVisibility')}
              options={[{ value: '', label: t('mappings.auto') }, ...VISIBILITIES.map((v) => ({ value: v, label: t(`images.visibility.${v}`) }))]}
              value={state.defaults.visibility ?? ''}
            />
            <Field id="mapping-rights" name="default.rights" type="url" label={t('mappings.defaultRights')} hint={t('mappings.defaultRightsHint')} value={state.defaults.rights ?? ''} dir="ltr" />
            <Field id="mapping-language" name="default.language" label={t('mappings.defaultLanguage')} hint={t('mappings.defaultLanguageHint')} value={state.defaults.language ?? ''} dir="ltr" />
          </fieldset>
          <button type="submit">{t('mappings.save')}</button>
        </form>
        {data.id ? (
          <>
            <SampleForm ctx={ctx} data={{ action: `/imports/mappings/${encodeURIComponent(data.id)}/sample?_csrf=${encodeURIComponent(ctx.csrf ?? '')}` }} />
            <form method="post" action={`/imports/mappings/${encodeURIComponent(data.id)}/delete`} class="form-card">
              <CsrfField token={ctx.csrf} />
              <button type="submit" class="button-secondary">
                {t('mappings.delete')}
              </button>
            </form>
          </>
        ) : null}
      </div>
    </Layout>
  );
}

/** A select of every target, per-language ones for the UI languages and any language the mapping already uses. */
function TargetSelect({ ctx, id, value }: { ctx: PageContext; id: string; value: string }) {
  const options = targetOptions(ctx, value);
  return (
    <select id={id} name={id}>
      {options.map((o) => (
        <option value={o.value} selected={o.value === value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

function targetOptions(ctx: PageContext, current: string): { value: string; label: string }[] {
  const { t } = ctx;
  const names = new Intl.DisplayNames([ctx.lang], { type: 'language', fallback: 'code' });
  const label = (id: string) => t(`mappings.target.${id}` as MessageKey);
  const parsed = parseTarget(current);
  const extraLang = !('error' in parsed) && parsed.lang && !(UI_LANGUAGES as readonly string[]).includes(parsed.lang) ? parsed.lang : null;
  const out: { value: string; label: string }[] = [];
  for (const target of CSV_TARGETS) {
    out.push({ value: target.id, label: label(target.id) });
    if (!target.languageTagged) continue;
    for (const lang of extraLang ? [...UI_LANGUAGES, extraLang] : UI_LANGUAGES) {
      out.push({ value: `${target.id}.${lang}`, label: t('mappings.targetInLanguage', { target: label(target.id), language: languageName(names, lang) }) });
    }
  }
  // A saved target the list does not hold (an agent role of its own, a bad one from an old mapping) stays choosable.
  if (!out.some((o) => o.value === current)) out.push({ value: current, label: 'error' in parsed ? current : t('mappings.targetOther', { target: current }) });
  return out;
}

function languageName(names: Intl.DisplayNames, lang: string): string {
  try {
    return names.of(lang) ?? lang;
  } catch {
    return lang;
  }
}
