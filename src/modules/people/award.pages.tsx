import type { FormOutcome } from '../accounts/sign-in.pages';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { LangText, PageHeading } from '../pages/components';
import { CsrfField, Field, FormNotice } from '../pages/forms';
import { formatNumber, type MessageKey } from '../../shared/i18n/i18n';
import { firstText } from '../../shared/lang-map';
import type { Award, AwardDetail, Nomination } from './award.service';
import { Day, fieldError, FormError, LangSection, PeopleNav, PlainInput, TextArea, TextLanguageField } from './people.components';

/** Award calls, with their state. */
export function AwardsPage({ ctx, awards, canCreate }: { ctx: PageContext; awards: Award[]; canCreate: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('people.awards.title')} section="people">
      <div class="wrap">
        <PeopleNav ctx={ctx} current="awards" />
        <PageHeading title={t('people.awards.title')} lead={t('people.awards.lead')} />
        {canCreate ? (
          <p>
            <a href="/awards/new">{t('people.awards.new')}</a>
          </p>
        ) : null}
        {awards.length ? (
          <ul class="people-cards" role="list">
            {awards.map((a) => (
              <li class="people-card">
                <h2 class="people-card-title">
                  <a href={`/awards/${encodeURIComponent(a.id)}`}>
                    <LangText ctx={ctx} map={a.title} fallback={a.id} />
                  </a>
                </h2>
                <p class="people-card-meta">
                  <span class="tag">{t(`people.awardStatus.${a.status}` as MessageKey)}</span>
                  <span class="meta-item">
                    {t('people.awards.deadline')}: <Day ctx={ctx} day={a.deadline} />
                  </span>
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{t('people.awards.none')}</p>
        )}
      </div>
    </Layout>
  );
}

export interface AwardPageData extends AwardDetail {
  member: boolean;
  signedIn: boolean;
  notice?: string | null;
  error?: FormOutcome | null;
}

/** One award: its call, the winners once published, nominating, and judging for its jury. */
export function AwardPage({ ctx, data }: { ctx: PageContext; data: AwardPageData }) {
  const { t } = ctx;
  const { award } = data;
  return (
    <Layout ctx={ctx} title={firstText(award.title, ctx.lang, award.id)} section="people">
      <div class="wrap">
        <PeopleNav ctx={ctx} current="awards" />
        <PageHeading title={<LangText ctx={ctx} map={award.title} fallback={award.id} />} lead={t(`people.awardStatus.${award.status}` as MessageKey)} />
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}
        <FormError ctx={ctx} error={data.error} />
        <p>
          {t('people.awards.deadline')}: <Day ctx={ctx} day={award.deadline} />
        </p>
        <LangSection ctx={ctx} heading={t('people.awards.about')} map={award.description} />
        {data.winners.length ? (
          <section class="people-section" aria-labelledby="winners">
            <h2 id="winners">{t('people.awards.winners')}</h2>
            <ul class="people-cards" role="list">
              {data.winners.map((n) => (
                <li class="people-card winner">
                  <h3 class="people-card-title" dir="auto">
                    {n.nominee}
                  </h3>
                  <p dir="auto">{n.citation}</p>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {award.acceptsNominations ? <NominateForm ctx={ctx} data={data} /> : null}
        {data.isSecretariat && award.status !== 'published' ? (
          <p>
            <a href={`/awards/${encodeURIComponent(award.id)}/edit`}>{t('people.awards.edit')}</a>
          </p>
        ) : null}
        {data.isSecretariat && award.status === 'open' ? (
          <form method="post" action={`/awards/${encodeURIComponent(award.id)}/judging`} class="inline-form">
            <CsrfField token={ctx.csrf} />
            <button type="submit">{t('people.awards.startJudging')}</button>
          </form>
        ) : null}
        {data.nominations ? <Nominations ctx={ctx} data={data} nominations={data.nominations} /> : null}
        {data.isSecretariat && award.status !== 'published' ? (
          <form class="form-card people-form" method="post" action={`/awards/${encodeURIComponent(award.id)}/jurors`}>
            <CsrfField token={ctx.csrf} />
            <TextArea id="award-jury" name="jurors" label={t('people.awards.jurors')} hint={t('people.awards.jurorsHint')} value={(data.jurors ?? []).join('\n')} rows={3} error={fieldError(ctx, data.error?.problems, 'jurors')} />
            <button type="submit">{t('people.awards.saveJury')}</button>
          </form>
        ) : null}
      </div>
    </Layout>
  );
}

function NominateForm({ ctx, data }: { ctx: PageContext; data: AwardPageData }) {
  const { t } = ctx;
  if (!data.signedIn) {
    return (
      <p>
        <a href={`/login?next=${encodeURIComponent(`/awards/${data.award.id}`)}`}>{t('people.awards.signInToNominate')}</a>
      </p>
    );
  }
  if (!data.member) return null;
  const p = data.error?.problems;
  return (
    <form class="form-card people-form" method="post" action={`/awards/${encodeURIComponent(data.award.id)}/nominate`}>
      <h2>{t('people.awards.nominate')}</h2>
      <CsrfField token={ctx.csrf} />
      <Field id="nominee" name="nominee" label={t('people.awards.nominee')} required error={fieldError(ctx, p, 'nominee')} dir="auto" />
      <TextArea id="citation" name="citation" label={t('people.awards.citation')} required error={fieldError(ctx, p, 'citation')} />
      <button type="submit">{t('people.awards.sendNomination')}</button>
    </form>
  );
}

function Nominations({ ctx, data, nominations }: { ctx: PageContext; data: AwardPageData; nominations: Nomination[] }) {
  const { t, lang } = ctx;
  const judging = data.award.status === 'judging';
  const scoring = judging && data.isJuror;
  const publishing = judging && data.isSecretariat;
  const judges = data.isJuror || data.isSecretariat;
  return (
    <section aria-labelledby="nominations">
      <h2 id="nominations">{judges ? t('people.awards.nominations') : t('people.awards.myNominations')}</h2>
      {data.jurors ? <p>{t('people.awards.jury', { list: data.jurors.join(', ') })}</p> : null}
      {nominations.length ? (
        <ul class="people-cards" role="list">
          {nominations.map((n) => (
            <li class="people-card">
              <h3 class="people-card-title" dir="auto">
                {n.nominee} {n.winner ? <span class="tag">{t('people.awards.winner')}</span> : null}
              </h3>
              <p dir="auto">{n.citation}</p>
              {n.scores ? (
                <p>
                  {n.average === null || n.average === undefined ? t('people.awards.noScores') : t('people.awards.average', { average: formatNumber(lang, n.average), count: n.scores.length })}
                  {n.scores.length ? <> — {n.scores.map((s) => `${s.juror}: ${formatNumber(lang, s.score)}`).join('; ')}</> : null}
                </p>
              ) : null}
              {scoring ? (
                <form method="post" action={`/awards/nominations/${encodeURIComponent(n.id)}/score?award=${encodeURIComponent(data.award.id)}`} class="score-form">
                  <CsrfField token={ctx.csrf} />
                  <PlainInput id={`score-${n.id}`} name="score" type="number" min="1" max="10" label={t('people.awards.score', { nominee: n.nominee })} required />
                  <button type="submit">{t('people.awards.saveScore')}</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">{t('people.awards.noNominations')}</p>
      )}
      {publishing && nominations.length ? (
        <form class="form-card people-form" method="post" action={`/awards/${encodeURIComponent(data.award.id)}/winners`}>
          <CsrfField token={ctx.csrf} />
          <fieldset class="checkbox-group">
            <legend>{t('people.awards.chooseWinners')}</legend>
            {nominations.map((n) => (
              <p class="checkbox-row">
                <input type="checkbox" id={`winner-${n.id}`} name="winners" value={n.id} />
                <label for={`winner-${n.id}`} dir="auto">
                  {n.nominee}
                </label>
              </p>
            ))}
          </fieldset>
          <button type="submit">{t('people.awards.publish')}</button>
        </form>
      ) : null}
    </section>
  );
}

/** The secretariat's form that opens an award call. */
export function NewAwardPage({ ctx, values, error }: { ctx: PageContext; values?: Record<string, string>; error?: FormOutcome | null }) {
  const { t } = ctx;
  const v = values ?? {};
  const p = error?.problems;
  return (
    <Layout ctx={ctx} title={t('people.awards.new')} section="people">
      <div class="wrap">
        <PeopleNav ctx={ctx} current="awards" />
        <PageHeading title={t('people.awards.new')} />
        <FormError ctx={ctx} error={error} />
        <form class="form-card people-form" method="post" action="/awards/new">
          <CsrfField token={ctx.csrf} />
          <TextLanguageField ctx={ctx} id="award-lang" value={v.lang} />
          <Field id="award-title" name="title" label={t('people.titleField')} value={v.title} required error={fieldError(ctx, p, 'title')} dir="auto" />
          <TextArea id="award-description" name="description" label={t('people.awards.about')} value={v.description} />
          <PlainInput id="award-deadline" name="deadline" type="date" label={t('people.awards.deadline')} value={v.deadline} required error={fieldError(ctx, p, 'deadline')} />
          <TextArea id="award-jurors" name="jurors" label={t('people.awards.jurors')} hint={t('people.awards.jurorsHint')} value={v.jurors} rows={3} error={fieldError(ctx, p, 'jurors')} />
          <button type="submit">{t('people.awards.open')}</button>
        </form>
      </div>
    </Layout>
  );
}
