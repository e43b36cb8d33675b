import { UI_LANGUAGES } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField, FormNotice } from '../pages/forms';
import type { AllianceView } from './alliance.pages';
import { AGREEMENT_KINDS, LINK_KINDS, PARTY_KINDS } from './agreement.service';
import { AllianceNav, label } from './governance.view';
import { invalid, PartyRow, TitleFields, VisibilityField, wrong, type FormError } from './governance.form-fields';

export interface PartyValues {
  kind: string;
  institutionId: string;
  country: string;
  name: string;
}

export interface AgreementFormValues {
  kind: string;
  titles: Record<string, string>;
  scope: string;
  signedOn: string;
  signedPlace: string;
  startsOn: string;
  endsOn: string;
  renewal: string;
  visibility: string;
  parties: PartyValues[];
  links: { kind: string; id: string }[];
}

/** Blank party and link rows offered below the existing ones. */
export const BLANK_ROWS = 2;

/** `/alliance/agreements/new` and `/alliance/agreements/:id/edit`: the secretariat's agreement form. */
export function AgreementFormPage(props: { ctx: PageContext; view: AllianceView; action: string; cancel: string; editing: boolean; values: AgreementFormValues; institutions: { id: string; name: string }[]; countries: { code: string; name: string }[]; error: FormError }) {
  const { ctx, view, values, error } = props;
  const { t } = ctx;
  const heading = props.editing ? t('govf.agreement.edit') : t('govf.agreement.new');
  const parties = [...values.parties, ...Array.from({ length: BLANK_ROWS }, () => ({ kind: 'institution', institutionId: '', country: '', name: '' }))];
  const links = [...values.links, ...Array.from({ length: BLANK_ROWS }, () => ({ kind: 'project', id: '' }))];
  const date = (name: 'signedOn' | 'startsOn' | 'endsOn', text: string) => {
    const e = invalid(ctx, error, `/${name}`, `af-${name}`);
    return (
      <div class={`field${e.line ? ' field-invalid' : ''}`}>
        <label for={`af-${name}`}>{text}</label>
        <input id={`af-${name}`} type="date" name={name} value={values[name]} {...e.attrs} />
        {e.line}
      </div>
    );
  };
  return (
    <Layout ctx={ctx} title={heading} section="alliance">
      <div class="wrap">
        <PageHeading title={heading} />
        <AllianceNav ctx={ctx} alliance={view.alliance} primaryId={view.primaryId} current="agreements" />
        {error ? <FormNotice ctx={ctx} kind="error" message={error.message} detail={error.detail} problems={error.problems} /> : null}
        <form method="post" action={props.action} class="gov-form gov-edit">
          <CsrfField token={ctx.csrf} />
          <input type="hidden" name="partyRows" value={String(parties.length)} />
          <input type="hidden" name="linkRows" value={String(links.length)} />
          <div class="field-row">
            <div class="field">
              <label for="af-kind">{t('govf.kind')}</label>
              <select id="af-kind" name="kind">
                {AGREEMENT_KINDS.map((k) => (
                  <option value={k} selected={k === values.kind}>
                    {label(ctx, 'agreementKind', k)}
                  </option>
                ))}
              </select>
            </div>
            <VisibilityField ctx={ctx} id="af-visibility" value={values.visibility} />
          </div>
          <TitleFields ctx={ctx} prefix="af" titles={values.titles} error={error} />
          <fieldset class={error?.problems?.some((p) => p.field === '/parties') ? 'field-invalid' : undefined}>
            <legend>{t('gov.agreement.parties')}</legend>
            <p class="hint">{t('govf.partiesHint')}</p>
            {error?.problems?.some((p) => p.field === '/parties') ? <p class="field-error">{t('govf.invalidField')}</p> : null}
            {parties.map((p, i) => (
              <PartyRow ctx={ctx} prefix="af" index={i} legend={t('govf.party', { n: i + 1 })} kindLabel={t('govf.partyKind')} kinds={PARTY_KINDS} kindList="partyKind" value={p} institutions={props.institutions} countries={props.countries} bad={wrong(error, `/parties/${i}`)} />
            ))}
          </fieldset>
          <div class="field-row">
            {date('signedOn', t('govf.signedOn'))}
            <div class="field">
              <label for="af-place">{t('govf.signedPlace')}</label>
              <input id="af-place" name="signedPlace" value={values.signedPlace} dir="auto" maxlength={300} />
            </div>
          </div>
          <div class="field-row">
            {date('startsOn', t('govf.inForceFrom'))}
            {date('endsOn', t('govf.inForceUntil'))}
          </div>
          <div class="field">
            <label for="af-renewal">{t('gov.agreement.renewal')}</label>
            <input id="af-renewal" name="renewal" value={values.renewal} dir="auto" maxlength={500} />
          </div>
          <div class="field">
            <label for="af-scope">{t('gov.agreement.scope')}</label>
            <textarea id="af-scope" name="scope" rows={5} dir="auto">
              {values.scope}
            </textarea>
          </div>
          <fieldset>
            <legend>{t('gov.agreement.governs')}</legend>
            <p class="hint">{t('govf.linksHint')}</p>
            {links.map((l, i) => {
              const bad = wrong(error, `/links/${i}`);
              return (
                <div class={`field-row${bad ? ' field-invalid' : ''}`}>
                  <div class="field">
                    <label for={`af-l${i}-kind`}>
                      {t('govf.link', { n: i + 1 })} · {t('govf.kind')}
                    </label>
                    <select id={`af-l${i}-kind`} name={`l${i}_kind`}>
                      {LINK_KINDS.map((k) => (
                        <option value={k} selected={k === l.kind}>
                          {label(ctx, 'linkKind', k)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div class="field">
                    <label for={`af-l${i}-id`}>
                      {t('govf.link', { n: i + 1 })} · {t('govf.linkId')}
                    </label>
                    <input id={`af-l${i}-id`} name={`l${i}_id`} value={l.id} dir="ltr" maxlength={128} {...(bad ? { 'aria-invalid': 'true' } : {})} />
                    {bad ? <p class="field-error">{t('govf.invalidField')}</p> : null}
                  </div>
                </div>
              );
            })}
          </fieldset>
          <button type="submit">{t('govf.save')}</button> <a href={props.cancel}>{t('govf.cancel')}</a>
        </form>
      </div>
    </Layout>
  );
}
