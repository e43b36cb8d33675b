import type { FieldProblem } from '../../shared/errors';
import type { MessageKey } from '../../shared/i18n/i18n';
import { formatNumber } from '../../shared/i18n/i18n';
import type { FormOutcome } from '../accounts/sign-in.pages';
import type { PageContext } from '../pages/context';
import { PageHeading } from '../pages/components';
import { dateLabel } from '../pages/format';
import { CsrfField, Field, FormNotice } from '../pages/forms';
import { Layout } from '../pages/layout';
import { HELP_KINDS, type MatchScore } from './help-match';
import type { HelpOffer, HelpRequest } from './help.service';
import { Select } from './incident.pages';

export interface HelpForm {
  notice?: string | null;
  error?: FormOutcome | null;
  values?: Record<string, string>;
  /** Which form the values belong to. */
  which?: 'request' | 'offer';
}

const kindLabel = (ctx: PageContext, kind: string) => ctx.t(`help.kind.${kind}` as MessageKey);
const amount = (ctx: PageContext, n: number, unit: string) => `${formatNumber(ctx.lang, n)} ${unit}`;

/** How much of a request is covered, as text and as a meter. */
function Coverage({ ctx, r }: { ctx: PageContext; r: HelpRequest }) {
  return (
    <span class="help-coverage">
      <meter min={0} max={r.quantity} value={r.covered} aria-hidden="true"></meter> {ctx.t('help.covered', { covered: amount(ctx, r.covered, r.unit), total: amount(ctx, r.quantity, r.unit) })}
    </span>
  );
}

/** `/risk/help`: requests with what is covered, offers with what is left, and the forms to add either. */
export function HelpPage({ ctx, requests, offers, institutions, form = {} }: { ctx: PageContext; requests: HelpRequest[]; offers: HelpOffer[]; institutions: { id: string; name: string }[]; form?: HelpForm }) {
  const { t, lang } = ctx;
  const member = ctx.user !== null;
  return (
    <Layout ctx={ctx} title={t('help.title')} section="risk">
      <div class="wrap">
        <p class="risk-back">
          <a href="/risk">{t('risk.site.back')}</a>
        </p>
        <PageHeading title={t('help.title')} lead={t('help.lead')} />
        {form.notice ? <FormNotice ctx={ctx} kind="success" message={form.notice} /> : null}
        {form.error ? <FormNotice ctx={ctx} kind="error" message={form.error.message} detail={form.error.detail} problems={form.error.problems} /> : null}
        {!member ? <p class="empty">{t('help.membersOnly')}</p> : null}
        {member ? (
          <>
            <section aria-labelledby="help-requests">
              <h2 id="help-requests">{t('help.requests')}</h2>
              {requests.length ? (
                <ul class="risk-incidents">
                  {requests.map((r) => (
                    <li>
                      <a href={`/risk/help/requests/${encodeURIComponent(r.id)}`} dir="auto">
                        {r.title}
                      </a>{' '}
                      · {kindLabel(ctx, r.kind)} · {r.institutionId} · <Coverage ctx={ctx} r={r} /> · <time datetime={r.neededFrom}>{dateLabel(lang, r.neededFrom)}</time>
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="empty">{t('help.noRequests')}</p>
              )}
            </section>
            <section aria-labelledby="help-offers">
              <h2 id="help-offers">{t('help.offers')}</h2>
              {offers.length ? (
                <ul class="risk-incidents">
                  {offers.map((o) => (
                    <li>
                      <span dir="auto">{o.title}</span> · {kindLabel(ctx, o.kind)} · {o.institutionId} · {t('help.left', { left: amount(ctx, o.remaining, o.unit), total: amount(ctx, o.quantity, o.unit) })}
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="empty">{t('help.noOffers')}</p>
              )}
            </section>
          </>
        ) : null}
        {institutions.length ? (
          <>
            <HelpFormFields ctx={ctx} which="request" institutions={institutions} form={form} />
            <HelpFormFields ctx={ctx} which="offer" institutions={institutions} form={form} />
          </>
        ) : null}
      </div>
    </Layout>
  );
}

function HelpFormFields({ ctx, which, institutions, form }: { ctx: PageContext; which: 'request' | 'offer'; institutions: { id: string; name: string }[]; form: HelpForm }) {
  const { t } = ctx;
  const v = form.which === which ? (form.values ?? {}) : {};
  const problem = (field: string) => (form.which === which ? (form.error?.problems?.find((p: FieldProblem) => p.field === field)?.message ?? null) : null);
  const id = (name: string) => `${which}-${name}`;
  return (
    <form method="post" action={`/risk/help/${which}s`} class="risk-form">
      <CsrfField token={ctx.csrf} />
      <fieldset>
        <legend>{which === 'request' ? t('help.newRequest') : t('help.newOffer')}</legend>
        <Select id={id('institution')} name="institutionId" label={t('help.institution')} value={v.institutionId} options={institutions.map((i) => ({ value: i.id, label: i.name }))} />
        <Select id={id('kind')} name="kind" label={t('help.kind')} value={v.kind} options={HELP_KINDS.map((k) => ({ value: k, label: kindLabel(ctx, k) }))} />
        <Field id={id('title')} name="title" label={t('incident.field.title')} value={v.title} error={problem('/title')} required dir="auto" />
        <Field id={id('skill')} name="skill" label={t('help.skill')} hint={t('help.skillHint')} value={v.skill} dir="auto" />
        <Field id={id('languages')} name="languages" label={t('help.languages')} hint={t('help.languagesHint')} value={v.languages} error={problem('/languages')} dir="ltr" />
        <Field id={id('quantity')} name="quantity" type="number" label={t('help.quantity')} value={v.quantity} error={problem('/quantity')} required />
        <Field id={id('unit')} name="unit" label={t('help.unit')} hint={t('help.unitHint')} value={v.unit} error={problem('/unit')} required />
        <Field id={id('from')} name="from" type="date" label={which === 'request' ? t('help.neededFrom') : t('help.availableFrom')} value={v.from} error={problem('/from')} required />
        <Field id={id('until')} name="until" type="date" label={which === 'request' ? t('help.neededUntil') : t('help.availableUntil')} value={v.until} error={problem('/until')} required />
        {which === 'request' ? <Field id={id('incident')} name="incidentId" label={t('help.incident')} value={v.incidentId} error={problem('/incidentId')} dir="ltr" /> : null}
        <div class="field">
          <label for={id('description')}>{t('incident.field.description')}</label>
          <textarea id={id('description')} name="description" rows={2} dir="auto">
            {v.description ?? ''}
          </textarea>
        </div>
        <button type="submit">{which === 'request' ? t('help.newRequest') : t('help.newOffer')}</button>
      </fieldset>
    </form>
  );
}

/** `/risk/help/requests/:id`: what is covered, the matches with their next step, and suggested offers. */
export function HelpRequestPage(props: { ctx: PageContext; request: HelpRequest; offers: Map<string, HelpOffer>; suggestions: { offer: HelpOffer; match: MatchScore }[]; notice?: string | null; error?: FormOutcome | null }) {
  const { ctx, request: r } = props;
  const { t, lang } = ctx;
  const path = `/risk/help/requests/${encodeURIComponent(r.id)}`;
  const offerTitle = (id: string) => props.offers.get(id)?.title ?? id;
  const offerInst = (id: string) => props.offers.get(id)?.institutionId ?? '';
  const button = (matchId: string, action: 'accept' | 'decline' | 'deliver') => (
    <form method="post" action={`/risk/help/matches/${encodeURIComponent(matchId)}/${action}`} class="inline-form">
      <CsrfField token={ctx.csrf} />
      <input type="hidden" name="requestId" value={r.id} />
      <button type="submit" class={action === 'decline' ? 'button-secondary' : undefined}>
        {t(`help.action.${action}` as MessageKey)}
      </button>
    </form>
  );
  return (
    <Layout ctx={ctx} title={r.title} section="risk">
      <div class="wrap">
        <p class="risk-back">
          <a href="/risk/help">{t('help.title')}</a>
        </p>
        <PageHeading title={<span dir="auto">{r.title}</span>} lead={`${kindLabel(ctx, r.kind)} · ${r.institutionId}`} />
        {props.notice ? <FormNotice ctx={ctx} kind="success" message={props.notice} /> : null}
        {props.error ? <FormNotice ctx={ctx} kind="error" message={props.error.message} detail={props.error.detail} problems={props.error.problems} /> : null}
        <p>
          <Coverage ctx={ctx} r={r} /> · {t('help.deliveredSoFar', { delivered: amount(ctx, r.delivered, r.unit) })}
        </p>
        <dl class="risk-entry">
          {r.skill ? (
            <>
              <dt>{t('help.skill')}</dt>
              <dd dir="auto">{r.skill}</dd>
            </>
          ) : null}
          <dt>{t('help.neededFrom')}</dt>
          <dd>
            {dateLabel(lang, r.neededFrom)} – {dateLabel(lang, r.neededUntil)}
          </dd>
          {r.incidentId ? (
            <>
              <dt>{t('help.incident')}</dt>
              <dd>
                <a href={`/risk/incidents/${encodeURIComponent(r.incidentId)}`}>{r.incidentId}</a>
              </dd>
            </>
          ) : null}
        </dl>
        {r.description ? <p dir="auto">{r.description}</p> : null}
        <section aria-labelledby="help-matches">
          <h2 id="help-matches">{t('help.matches')}</h2>
          {r.matches.length ? (
            <ul class="risk-threats">
              {r.matches.map((m) => (
                <li>
                  <strong dir="auto">{offerTitle(m.offerId)}</strong> ({offerInst(m.offerId)}) · {amount(ctx, m.quantity, r.unit)} · <span class={`risk-status risk-status-${m.status}`}>{t(`help.status.${m.status}` as MessageKey)}</span>{' '}
                  {m.status === 'proposed' ? (
                    <>
                      {button(m.id, 'accept')} {button(m.id, 'decline')}
                    </>
                  ) : m.status === 'accepted' ? (
                    <>
                      {button(m.id, 'deliver')} {button(m.id, 'decline')}
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">{t('help.noMatches')}</p>
          )}
        </section>
        {r.remaining > 0 ? (
          <section aria-labelledby="help-suggestions">
            <h2 id="help-suggestions">{t('help.suggestions')}</h2>
            {props.suggestions.length ? (
              <ul class="risk-threats">
                {props.suggestions.map(({ offer: o, match }) => (
                  <li>
                    <strong dir="auto">{o.title}</strong> ({o.institutionId}) · {t('help.couldCover', { amount: amount(ctx, match.quantity, r.unit) })}
                    {match.distanceKm !== null ? <> · {t('help.distance', { km: formatNumber(lang, match.distanceKm) })}</> : null}
                    {match.languages.length ? <> · {match.languages.join(', ')}</> : null} · {t('help.score', { score: formatNumber(lang, Math.round(match.score * 100)) })}{' '}
                    <form method="post" action="/risk/help/matches" class="inline-form">
                      <CsrfField token={ctx.csrf} />
                      <input type="hidden" name="requestId" value={r.id} />
                      <input type="hidden" name="offerId" value={o.id} />
                      <input type="hidden" name="quantity" value={String(match.quantity)} />
                      <button type="submit">{t('help.propose')}</button>
                    </form>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="empty">{t('help.noSuggestions')}</p>
            )}
          </section>
        ) : null}
      </div>
    </Layout>
  );
}
