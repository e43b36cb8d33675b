import type { FieldProblem } from '../../shared/errors';
import { UI_LANGUAGES, type LangMap } from '../../shared/lang-map';
import type { FormOutcome } from '../accounts/sign-in.pages';
import type { PageContext } from '../pages/context';
import { languageName } from '../pages/format';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField } from '../pages/forms';
import { fieldError, FormError, PeopleNav, PlainInput, VisibilityField } from './people.components';
import type { MessageKey } from '../../shared/i18n/i18n';

type Values = Record<string, string>;

/** Form values `<name>_<lang>` of language maps, one per UI language (first value of each). */
export function langFormValues(maps: Record<string, LangMap>): Values {
  const out: Values = {};
  for (const [name, map] of Object.entries(maps)) for (const l of UI_LANGUAGES) out[`${name}_${l}`] = map[l]?.[0] ?? '';
  return out;
}

/** A language map from the posted `<name>_<lang>` fields: UI languages as posted (empty removes one), other tags kept. */
export function langMapFromForm(values: Values, name: string, existing: LangMap): LangMap {
  const out: LangMap = Object.fromEntries(Object.entries(existing).filter(([tag]) => !(UI_LANGUAGES as readonly string[]).includes(tag)));
  for (const l of UI_LANGUAGES) {
    const text = values[`${name}_${l}`]?.trim();
    if (text) out[l] = [text];
  }
  return out;
}

/** The names of the posted fields of language maps. */
export function langFieldNames(names: string[]): string[] {
  return names.flatMap((n) => UI_LANGUAGES.map((l) => `${n}_${l}`));
}

/** One fieldset per UI language with a title and a longer text, each marked with its language and direction. */
function LangFieldsets({ ctx, prefix, values, problems, text }: { ctx: PageContext; prefix: string; values: Values; problems?: FieldProblem[]; text: { name: string; label: MessageKey } }) {
  const { t } = ctx;
  return (
    <>
      <p class="hint">{t('people.edit.languagesHint')}</p>
      {UI_LANGUAGES.map((l) => {
        const dir = l === 'ar' ? 'rtl' : 'ltr';
        const titleError = fieldError(ctx, problems, `title/${l}`) ?? (l === UI_LANGUAGES[0] ? fieldError(ctx, problems?.filter((p) => p.field === 'title'), 'title') : null);
        return (
          <fieldset class="people-lang-fieldset">
            <legend>{languageName(ctx.lang, l)}</legend>
            <div class={`field${titleError ? ' field-invalid' : ''}`}>
              <label for={`${prefix}-title-${l}`}>{t('people.titleField')}</label>
              <input id={`${prefix}-title-${l}`} name={`title_${l}`} type="text" value={values[`title_${l}`] ?? ''} lang={l} dir={dir} aria-invalid={titleError ? 'true' : undefined} aria-describedby={titleError ? `${prefix}-title-${l}-error` : undefined} />
              {titleError ? (
                <p class="field-error" id={`${prefix}-title-${l}-error`}>
                  {titleError}
                </p>
              ) : null}
            </div>
            <div class="field">
              <label for={`${prefix}-${text.name}-${l}`}>{t(text.label)}</label>
              <textarea id={`${prefix}-${text.name}-${l}`} name={`${text.name}_${l}`} rows={4} lang={l} dir={dir}>
                {values[`${text.name}_${l}`] ?? ''}
              </textarea>
            </div>
          </fieldset>
        );
      })}
    </>
  );
}

export interface EditCallPageData {
  id: string;
  values: Values;
  error?: FormOutcome | null;
}

/** The form that changes a training programme or exchange call. */
export function EditCallPage({ ctx, data }: { ctx: PageContext; data: EditCallPageData }) {
  const { t } = ctx;
  const v = data.values;
  const p = data.error?.problems;
  return (
    <Layout ctx={ctx} title={t('people.training.edit')} section="people">
      <div class="wrap">
        <PeopleNav ctx={ctx} current="training" />
        <PageHeading title={t('people.training.edit')} />
        <FormError ctx={ctx} error={data.error} />
        <form class="form-card people-form" method="post" action={`/training/${encodeURIComponent(data.id)}/edit`}>
          <CsrfField token={ctx.csrf} />
          <LangFieldsets ctx={ctx} prefix="call" values={v} problems={p} text={{ name: 'summary', label: 'people.training.summary' }} />
          <div class="field">
            <label for="call-location">{t('people.location')}</label>
            <input id="call-location" name="location" type="text" value={v.location ?? ''} dir="auto" />
          </div>
          <PlainInput id="call-places" name="places" type="number" min="1" max="1000" label={t('people.training.places')} value={v.places} required error={fieldError(ctx, p, 'places')} />
          <PlainInput id="call-deadline" name="deadline" type="date" label={t('people.training.deadline')} value={v.deadline} required error={fieldError(ctx, p, 'deadline')} />
          <PlainInput id="call-starts" name="startsOn" type="date" label={t('people.training.startsOn')} value={v.startsOn} error={fieldError(ctx, p, 'startsOn')} />
          <PlainInput id="call-ends" name="endsOn" type="date" label={t('people.training.endsOn')} value={v.endsOn} error={fieldError(ctx, p, 'endsOn')} />
          <VisibilityField ctx={ctx} id="call-visibility" value={v.visibility} />
          <button type="submit">{t('people.edit.save')}</button>
        </form>
        <p>
          <a href={`/training/${encodeURIComponent(data.id)}`}>{t('people.edit.cancel')}</a>
        </p>
      </div>
    </Layout>
  );
}

/** The form with which the secretariat changes an award call before its winners are published. */
export function EditAwardPage({ ctx, data }: { ctx: PageContext; data: EditCallPageData }) {
  const { t } = ctx;
  const p = data.error?.problems;
  return (
    <Layout ctx={ctx} title={t('people.awards.edit')} section="people">
      <div class="wrap">
        <PeopleNav ctx={ctx} current="awards" />
        <PageHeading title={t('people.awards.edit')} />
        <FormError ctx={ctx} error={data.error} />
        <form class="form-card people-form" method="post" action={`/awards/${encodeURIComponent(data.id)}/edit`}>
          <CsrfField token={ctx.csrf} />
          <LangFieldsets ctx={ctx} prefix="award" values={data.values} problems={p} text={{ name: 'description', label: 'people.awards.about' }} />
          <PlainInput id="award-deadline" name="deadline" type="date" label={t('people.training.deadline')} value={data.values.deadline} required error={fieldError(ctx, p, 'deadline')} />
          <button type="submit">{t('people.edit.save')}</button>
        </form>
        <p>
          <a href={`/awards/${encodeURIComponent(data.id)}`}>{t('people.edit.cancel')}</a>
        </p>
      </div>
    </Layout>
  );
}
