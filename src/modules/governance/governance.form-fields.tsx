import type { FieldProblem } from '../../shared/errors';
import { UI_LANGUAGES } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { label } from './governance.view';
import { GOV_VISIBILITIES } from './meeting.rules';

// The fields the secretariat's forms (meeting, agreement, resolution, document) have in common.

export type FormError = { message: string; detail?: string | null; problems?: FieldProblem[] } | null;

/** Whether a problem of the service concerns a field (`/title` covers `/title/en`). */
export function wrong(error: FormError, field: string): boolean {
  return Boolean(error?.problems?.some((p) => p.field === field || p.field.startsWith(`${field}/`)));
}

/** The per-field error line and the attributes that tie it to its input. */
export function invalid(ctx: PageContext, error: FormError, field: string, id: string) {
  const bad = wrong(error, field);
  return {
    attrs: bad ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-error` } : {},
    line: bad ? (
      <p class="field-error" id={`${id}-error`}>
        {ctx.t('govf.invalidField')}
      </p>
    ) : null,
  };
}

/** The visibility choice of a secretariat form. */
export function VisibilityField(props: { ctx: PageContext; id: string; value: string }) {
  const { t } = props.ctx;
  return (
    <div class="field">
      <label for={props.id}>{t('gov.visibility')}</label>
      <select id={props.id} name="visibility">
        {GOV_VISIBILITIES.map((v) => (
          <option value={v} selected={v === props.value}>
            {t(`govf.visibility.${v}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A title in each UI language (`title_en`, `title_fr`, …), ids `{prefix}-title-{lang}`. */
export function TitleFields(props: { ctx: PageContext; prefix: string; titles: Record<string, string>; error: FormError }) {
  const { ctx, prefix, titles, error } = props;
  const languages = new Intl.DisplayNames([ctx.lang], { type: 'language', fallback: 'code' });
  return (
    <fieldset class={wrong(error, '/title') ? 'field-invalid' : undefined}>
      <legend>{ctx.t('govf.titles')}</legend>
      <p class="hint">{ctx.t('govf.titlesHint')}</p>
      {UI_LANGUAGES.map((l) => (
        <div class="field">
          <label for={`${prefix}-title-${l}`}>{languages.of(l)}</label>
          <input id={`${prefix}-title-${l}`} name={`title_${l}`} value={titles[l] ?? ''} lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'} maxlength={500} />
        </div>
      ))}
      {invalid(ctx, error, '/title', `${prefix}-title`).line}
    </fieldset>
  );
}

/** One participant of a meeting or party to an agreement, as a row of fields named `p{i}_…`. */
export interface PartyRowValues {
  kind: string;
  institutionId: string;
  country: string;
  name: string;
  attended?: boolean;
}

/**
 * The fields of one participant or party: its kind, an institution, a state or a name, and, for
 * meetings, whether it attended. Ids are `{prefix}-p{i}-…`, names `p{i}_…`.
 */
export function PartyRow(props: {
  ctx: PageContext;
  prefix: string;
  index: number;
  legend: string;
  kindLabel: string;
  kinds: readonly string[];
  /** The message list naming the kinds (`gov.{kinds}.{kind}`). */
  kindList: string;
  value: PartyRowValues;
  institutions: { id: string; name: string }[];
  countries: { code: string; name: string }[];
  bad: boolean;
  withAttendance?: boolean;
}) {
  const { ctx, prefix, index: i, value: p } = props;
  const { t } = ctx;
  const id = (part: string) => `${prefix}-p${i}-${part}`;
  return (
    <fieldset class={`gov-participant${props.bad ? ' field-invalid' : ''}`}>
      <legend>{props.legend}</legend>
      <div class="field-row">
        <div class="field">
          <label for={id('kind')}>{props.kindLabel}</label>
          <select id={id('kind')} name={`p${i}_kind`}>
            {props.kinds.map((k) => (
              <option value={k} selected={k === p.kind}>
                {label(ctx, props.kindList, k)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={id('inst')}>{t('govf.institution')}</label>
          <select id={id('inst')} name={`p${i}_institutionId`}>
            <option value="">—</option>
            {props.institutions.map((x) => (
              <option value={x.id} selected={x.id === p.institutionId}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={id('country')}>{t('govf.state')}</label>
          <select id={id('country')} name={`p${i}_country`}>
            <option value="">—</option>
            {props.countries.map((c) => (
              <option value={c.code} selected={c.code === p.country}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={id('name')}>{t('govf.name')}</label>
          <input id={id('name')} name={`p${i}_name`} value={p.name} dir="auto" maxlength={300} />
        </div>
        {props.withAttendance ? (
          <div class="field">
            <label>
              <input type="checkbox" name={`p${i}_attended`} value="1" checked={p.attended} /> {t('govf.attended')}
            </label>
          </div>
        ) : null}
      </div>
      {props.bad ? <p class="field-error">{t('govf.invalidField')}</p> : null}
    </fieldset>
  );
}
