import type { FieldProblem } from '../../shared/errors';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField, FormNotice } from '../pages/forms';
import type { AllianceView } from './alliance.pages';
import type { MembershipEvent } from './alliance.service';
import { AllianceNav, alliancePath, DateText, label, TierName, tierText } from './governance.view';
import { MEMBERSHIP_EVENTS } from './membership.history';

export interface StepFormValues {
  memberKind: string;
  institutionId: string;
  country: string;
  event: string;
  tierId: string;
  effectiveOn: string;
  note: string;
}

/** `/alliance/membership`: the secretariat records members' joining, tier changes, suspensions and departures. */
export function MembershipPage(props: {
  ctx: PageContext;
  view: AllianceView;
  history: (MembershipEvent & { name: string })[];
  institutions: { id: string; name: string }[];
  countries: { code: string; name: string }[];
  values: StepFormValues;
  done: boolean;
  error?: { message: string; problems?: FieldProblem[] } | null;
}) {
  const { ctx, view, values } = props;
  const { t } = ctx;
  const { alliance } = view;
  return (
    <Layout ctx={ctx} title={t('gov.membership.title')} section="alliance">
      <div class="wrap">
        <PageHeading title={t('gov.membership.title')} lead={t('gov.membership.lead')} />
        <AllianceNav ctx={ctx} alliance={alliance} primaryId={view.primaryId} current="membership" />
        {props.done ? <FormNotice ctx={ctx} kind="success" message={t('gov.membership.saved')} /> : null}
        {props.error ? <FormNotice ctx={ctx} kind="error" message={props.error.message} problems={props.error.problems} /> : null}
        <form method="post" action={alliancePath('/alliance/membership', alliance, view.primaryId)} class="gov-form">
          <CsrfField token={ctx.csrf} />
          <fieldset>
            <legend>{t('gov.membership.member')}</legend>
            {alliance.memberKinds !== 'states' ? (
              <div class="field">
                <label>
                  <input type="radio" name="memberKind" value="institution" checked={values.memberKind !== 'state'} /> {t('gov.apply.institution')}
                </label>
                <select name="institutionId" aria-label={t('gov.apply.institution')}>
                  {props.institutions.map((i) => (
                    <option value={i.id} selected={i.id === values.institutionId}>
                      {i.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            {alliance.memberKinds !== 'institutions' ? (
              <div class="field">
                <label>
                  <input type="radio" name="memberKind" value="state" checked={values.memberKind === 'state' || alliance.memberKinds === 'states'} /> {t('gov.apply.country')}
                </label>
                <select name="country" aria-label={t('gov.apply.country')}>
                  <option value="">{t('gov.apply.chooseCountry')}</option>
                  {props.countries.map((c) => (
                    <option value={c.code} selected={c.code === values.country}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
          </fieldset>
          <div class="field-row">
            <div class="field">
              <label for="step-event">{t('gov.membership.event')}</label>
              <select id="step-event" name="event">
                {MEMBERSHIP_EVENTS.map((e) => (
                  <option value={e} selected={e === values.event}>
                    {label(ctx, 'event', e)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="step-tier">{t('gov.apply.tier')}</label>
              <select id="step-tier" name="tierId" aria-describedby="step-tier-hint">
                <option value="">—</option>
                {alliance.tiers.map((tier) => (
                  <option value={tier.id} selected={tier.id === values.tierId}>
                    {tierText(ctx, alliance, tier.id)}
                  </option>
                ))}
              </select>
              <p class="hint" id="step-tier-hint">
                {t('gov.membership.tierHint')}
              </p>
            </div>
            <div class="field">
              <label for="step-date">{t('gov.membership.effectiveOn')}</label>
              <input id="step-date" type="date" name="effectiveOn" value={values.effectiveOn} required />
            </div>
          </div>
          <div class="field">
            <label for="step-note">{t('gov.application.note')}</label>
            <textarea id="step-note" name="note" rows={2} maxlength={2000} dir="auto">
              {values.note}
            </textarea>
          </div>
          <button type="submit">{t('gov.membership.record')}</button>
        </form>
        <h2>{t('gov.membership.history')}</h2>
        {props.history.length ? (
          <div class="table-scroll">
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('gov.membership.effectiveOn')}</th>
                  <th scope="col">{t('gov.membership.member')}</th>
                  <th scope="col">{t('gov.membership.event')}</th>
                  <th scope="col">{t('gov.apply.tier')}</th>
                  <th scope="col">{t('gov.application.note')}</th>
                </tr>
              </thead>
              <tbody>
                {props.history.map((e) => (
                  <tr>
                    <td>
                      <DateText ctx={ctx} date={e.effectiveOn} />
                    </td>
                    <th scope="row">{e.name}</th>
                    <td>{label(ctx, 'event', e.event)}</td>
                    <td>{e.tierId ? <TierName ctx={ctx} alliance={alliance} tierId={e.tierId} /> : null}</td>
                    <td dir="auto">{e.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="empty">{t('gov.figures.noMembers')}</p>
        )}
      </div>
    </Layout>
  );
}
