import { countryName } from '../../shared/country';
import { formatNumber } from '../../shared/i18n/i18n';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { LangText, PageHeading } from '../pages/components';
import { CsrfField, FormNotice } from '../pages/forms';
import { WorldMap } from '../pages/world-map';
import type { FieldProblem } from '../../shared/errors';
import type { Alliance, Member } from './alliance.service';
import { AllianceNav, alliancePath, allianceName, DateText, memberName, TierName, tierText } from './governance.view';

export interface AllianceView {
  alliance: Alliance;
  primaryId: string;
  others: Alliance[];
}

/** `/alliance`: what the alliance is, its tiers and members (today or on a chosen date), and the members map. */
export function AlliancePage({ ctx, view, members, date, today }: { ctx: PageContext; view: AllianceView; members: Member[]; date: string; today: string }) {
  const { t, lang } = ctx;
  const { alliance } = view;
  const name = allianceName(ctx, alliance);
  const pins = members.flatMap((m) => (m.lat !== null && m.lon !== null ? [{ lat: m.lat, lon: m.lon, label: `${memberName(ctx, m)} — ${tierText(ctx, alliance, m.tierId)}`, href: `/institutions/${encodeURIComponent(m.institutionId!)}` }] : []));
  return (
    <Layout ctx={ctx} title={name} section="alliance">
      <div class="wrap">
        <PageHeading title={<LangText ctx={ctx} map={alliance.name} />} lead={<LangText ctx={ctx} map={alliance.description} />} />
        <AllianceNav ctx={ctx} alliance={alliance} primaryId={view.primaryId} current="about" />
        {view.others.length ? (
          <p class="alliance-others">
            {t('gov.otherAlliances')}{' '}
            {view.others.map((o, i) => (
              <>
                {i ? ', ' : ''}
                <a href={alliancePath('/alliance', o, view.primaryId)}>
                  <LangText ctx={ctx} map={o.name} />
                </a>
              </>
            ))}
          </p>
        ) : null}
        <form method="get" action="/alliance" class="alliance-date-form">
          {alliance.id !== view.primaryId ? <input type="hidden" name="alliance" value={alliance.id} /> : null}
          <label for="members-date">{t('gov.membersOn')}</label> <input id="members-date" type="date" name="date" value={date} max={today} /> <button type="submit">{t('gov.show')}</button>
        </form>
        <h2 id="members-title">{date === today ? t('gov.membersToday', { count: members.length }) : t('gov.membersOnDate', { count: members.length, date: new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`)) })}</h2>
        {pins.length ? <WorldMap id="alliance-map" label={t('gov.mapLabel')} note={t('map.note')} pins={pins} /> : null}
        {alliance.tiers.map((tier) => {
          const inTier = members.filter((m) => m.tierId === tier.id);
          return (
            <section class="tier-section" aria-labelledby={`tier-${tier.code}`}>
              <h3 id={`tier-${tier.code}`}>
                <TierName ctx={ctx} alliance={alliance} tierId={tier.id} /> <span class="tier-count">({formatNumber(lang, inTier.length)})</span>
              </h3>
              {inTier.length ? (
                <ul class="member-list">
                  {inTier.map((m) => (
                    <li>
                      {m.institutionId ? <a href={`/institutions/${encodeURIComponent(m.institutionId)}`}>{memberName(ctx, m)}</a> : <span>{memberName(ctx, m)}</span>}
                      {m.kind === 'institution' && m.country ? <> · {countryName(m.country, lang)}</> : null} · {t('gov.since')} <DateText ctx={ctx} date={m.since} />
                      {m.status === 'suspended' ? <strong class="member-suspended"> · {t('gov.suspended')}</strong> : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="empty">{t('gov.noMembersInTier')}</p>
              )}
            </section>
          );
        })}
      </div>
    </Layout>
  );
}

export interface ApplyFormValues {
  memberKind: string;
  institutionId: string;
  country: string;
  tierId: string;
  statement: string;
}

/** `/alliance/apply`: the application form, for an institution one administers or for a state. */
export function ApplyPage(props: {
  ctx: PageContext;
  view: AllianceView;
  institutions: { id: string; name: string }[];
  countries: { code: string; name: string }[];
  values: ApplyFormValues;
  error?: { message: string; problems?: FieldProblem[] } | null;
}) {
  const { ctx, view, values } = props;
  const { t } = ctx;
  const { alliance } = view;
  const states = alliance.memberKinds !== 'institutions';
  const insts = alliance.memberKinds !== 'states';
  const wrong = (field: string) => props.error?.problems?.find((p) => p.field.startsWith(field)) ?? null;
  return (
    <Layout ctx={ctx} title={t('gov.apply.title')} section="alliance">
      <div class="wrap">
        <PageHeading title={t('gov.apply.title')} lead={t('gov.apply.lead')} />
        <AllianceNav ctx={ctx} alliance={alliance} primaryId={view.primaryId} current="apply" />
        {props.error ? <FormNotice ctx={ctx} kind="error" message={props.error.message} problems={props.error.problems} /> : null}
        <form method="post" action={alliancePath('/alliance/apply', alliance, view.primaryId)} class="gov-form">
          <CsrfField token={ctx.csrf} />
          <fieldset>
            <legend>{t('gov.apply.who')}</legend>
            {insts ? (
              <div class="field">
                <label>
                  <input type="radio" name="memberKind" value="institution" checked={values.memberKind !== 'state'} disabled={!props.institutions.length} /> {t('gov.apply.asInstitution')}
                </label>
                {props.institutions.length ? (
                  <select id="apply-institution" name="institutionId" aria-label={t('gov.apply.institution')}>
                    {props.institutions.map((i) => (
                      <option value={i.id} selected={i.id === values.institutionId}>
                        {i.name}
                      </option>
                    ))}
                  </select>
                ) : (
                  <p class="hint">{t('gov.apply.noInstitution')}</p>
                )}
              </div>
            ) : null}
            {states ? (
              <div class="field">
                <label>
                  <input type="radio" name="memberKind" value="state" checked={values.memberKind === 'state' || !insts || !props.institutions.length} /> {t('gov.apply.asState')}
                </label>
                <select id="apply-country" name="country" aria-label={t('gov.apply.country')}>
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
          <div class={`field${wrong('/tierId') ? ' field-invalid' : ''}`}>
            <label for="apply-tier">{t('gov.apply.tier')}</label>
            <select id="apply-tier" name="tierId">
              {alliance.tiers.map((tier) => (
                <option value={tier.id} selected={tier.id === values.tierId}>
                  {tierText(ctx, alliance, tier.id)} ({t(`gov.appliesTo.${tier.appliesTo}`)})
                </option>
              ))}
            </select>
          </div>
          <div class={`field${wrong('/statement') ? ' field-invalid' : ''}`}>
            <label for="apply-statement">{t('gov.apply.statement')}</label>
            <textarea id="apply-statement" name="statement" rows={6} maxlength={10000} required dir="auto" aria-describedby="apply-statement-hint">
              {values.statement}
            </textarea>
            <p class="hint" id="apply-statement-hint">
              {t('gov.apply.statementHint')}
            </p>
          </div>
          <button type="submit">{t('gov.apply.submit')}</button>
        </form>
      </div>
    </Layout>
  );
}

/** `/alliance` before any alliance is set up here. */
export function NoAlliancePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('gov.nav.alliance')} section="alliance">
      <div class="wrap">
        <PageHeading title={t('gov.nav.alliance')} />
        <p class="empty">{t('gov.noAlliance')}</p>
      </div>
    </Layout>
  );
}
