import type { FormOutcome } from '../accounts/sign-in.pages';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { LangText, PageHeading } from '../pages/components';
import { CsrfField, Field, FormNotice, SelectField } from '../pages/forms';
import { firstText } from '../../shared/lang-map';
import { Day, fieldError, FormError, LangSection, MembersBadge, PeopleNav, PlainInput, TextArea, TextLanguageField, VisibilityField } from './people.components';
import type { Application, CallDetail, TrainingCall } from './training.service';
import type { MessageKey } from '../../shared/i18n/i18n';

export interface TrainingPageData {
  calls: TrainingCall[];
  institutionNames: Map<string, string>;
  canPublish: boolean;
}

/** Training programmes and personnel exchange calls, open ones first. */
export function TrainingPage({ ctx, data }: { ctx: PageContext; data: TrainingPageData }) {
  const { t } = ctx;
  const open = data.calls.filter((c) => c.open);
  const past = data.calls.filter((c) => !c.open);
  const list = (calls: TrainingCall[]) => (
    <ul class="people-cards" role="list">
      {calls.map((c) => (
        <li class="people-card">
          <h3 class="people-card-title">
            <a href={`/training/${encodeURIComponent(c.id)}`}>
              <LangText ctx={ctx} map={c.title} fallback={c.id} />
            </a>
          </h3>
          <p class="people-card-meta">
            <span class="tag">{t(`people.training.kind.${c.kind}` as MessageKey)}</span> <MembersBadge ctx={ctx} visibility={c.visibility} />
            <span class="meta-item">{data.institutionNames.get(c.institutionId) ?? c.institutionId}</span>
            <span class="meta-item">
              {t('people.training.deadline')}: <Day ctx={ctx} day={c.deadline} />
            </span>
          </p>
        </li>
      ))}
    </ul>
  );
  return (
    <Layout ctx={ctx} title={t('people.training.title')} section="people">
      <div class="wrap">
        <PeopleNav ctx={ctx} current="training" />
        <PageHeading title={t('people.training.title')} lead={t('people.training.lead')} />
        {data.canPublish ? (
          <p>
            <a href="/training/new">{t('people.training.new')}</a>
          </p>
        ) : null}
        <h2>{t('people.training.open')}</h2>
        {open.length ? list(open) : <p class="empty">{t('people.training.noneOpen')}</p>}
        {past.length ? (
          <>
            <h2>{t('people.training.past')}</h2>
            {list(past)}
          </>
        ) : null}
      </div>
    </Layout>
  );
}

export interface NewCallPageData {
  institutions: { id: string; name: string }[];
  values?: Record<string, string>;
  error?: FormOutcome | null;
}

/** The form that publishes a training programme or exchange call. */
export function NewCallPage({ ctx, data }: { ctx: PageContext; data: NewCallPageData }) {
  const { t } = ctx;
  const v = data.values ?? {};
  const p = data.error?.problems;
  return (
    <Layout ctx={ctx} title={t('people.training.new')} section="people">
      <div class="wrap">
        <PeopleNav ctx={ctx} current="training" />
        <PageHeading title={t('people.training.new')} />
        <FormError ctx={ctx} error={data.error} />
        <form class="form-card people-form" method="post" action="/training/new">
          <CsrfField token={ctx.csrf} />
          <SelectField id="call-institution" name="institutionId" label={t('people.institution')} value={v.institutionId} options={data.institutions.map((i) => ({ value: i.id, label: i.name }))} />
          <SelectField id="call-kind" name="kind" label={t('people.training.kind')} value={v.kind ?? 'exchange'} options={(['exchange', 'training'] as const).map((k) => ({ value: k, label: t(`people.training.kind.${k}`) }))} />
          <TextLanguageField ctx={ctx} id="call-lang" value={v.lang} />
          <Field id="call-title" name="title" label={t('people.titleField')} value={v.title} required error={fieldError(ctx, p, 'title')} dir="auto" />
          <TextArea id="call-summary" name="summary" label={t('people.training.summary')} value={v.summary} error={fieldError(ctx, p, 'summary')} />
          <Field id="call-location" name="location" label={t('people.location')} value={v.location} dir="auto" />
          <PlainInput id="call-places" name="places" type="number" min="1" max="1000" label={t('people.training.places')} value={v.places ?? '1'} error={fieldError(ctx, p, 'places')} />
          <PlainInput id="call-deadline" name="deadline" type="date" label={t('people.training.deadline')} value={v.deadline} required error={fieldError(ctx, p, 'deadline')} />
          <PlainInput id="call-starts" name="startsOn" type="date" label={t('people.training.startsOn')} value={v.startsOn} error={fieldError(ctx, p, 'startsOn')} />
          <PlainInput id="call-ends" name="endsOn" type="date" label={t('people.training.endsOn')} value={v.endsOn} error={fieldError(ctx, p, 'endsOn')} />
          <VisibilityField ctx={ctx} id="call-visibility" value={v.visibility} />
          <button type="submit">{t('people.training.publish')}</button>
        </form>
      </div>
    </Layout>
  );
}

export interface CallPageData extends CallDetail {
  institutionName: string;
  signedIn: boolean;
  member: boolean;
  notice?: string | null;
  error?: FormOutcome | null;
  statement?: string;
}

/** One call: what it offers, applying, and for its staff the applications and the selection. */
export function CallPage({ ctx, data }: { ctx: PageContext; data: CallPageData }) {
  const { t } = ctx;
  const { call, mine } = data;
  const title = firstText(call.title, ctx.lang, call.id);
  return (
    <Layout ctx={ctx} title={title} section="people">
      <div class="wrap">
        <PeopleNav ctx={ctx} current="training" />
        <PageHeading title={<LangText ctx={ctx} map={call.title} fallback={call.id} />} lead={`${t(`people.training.kind.${call.kind}` as MessageKey)} · ${data.institutionName}`} />
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}
        <FormError ctx={ctx} error={data.error} />
        <dl class="people-facts">
          <dt>{t('people.training.deadline')}</dt>
          <dd>
            <Day ctx={ctx} day={call.deadline} /> {call.open ? <span class="tag">{t('people.training.isOpen')}</span> : <span class="tag tag-code">{t('people.training.isClosed')}</span>}
          </dd>
          <dt>{t('people.training.places')}</dt>
          <dd>{t('people.training.placesTaken', { count: call.places, taken: data.selectedCount })}</dd>
          {call.startsOn ? (
            <>
              <dt>{t('people.training.dates')}</dt>
              <dd>
                <Day ctx={ctx} day={call.startsOn} />
                {call.endsOn ? (
                  <>
                    {' – '}
                    <Day ctx={ctx} day={call.endsOn} />
                  </>
                ) : null}
              </dd>
            </>
          ) : null}
          {call.location ? (
            <>
              <dt>{t('people.location')}</dt>
              <dd dir="auto">{call.location}</dd>
            </>
          ) : null}
        </dl>
        <LangSection ctx={ctx} heading={t('people.training.summary')} map={call.summary} />
        {call.manageable ? (
          <p>
            <a href={`/training/${encodeURIComponent(call.id)}/edit`}>{t('people.training.edit')}</a>
          </p>
        ) : null}
        {mine ? <MyApplication ctx={ctx} app={mine} /> : call.open ? <ApplyForm ctx={ctx} data={data} /> : null}
        {data.applications ? <Applications ctx={ctx} data={data} applications={data.applications} /> : null}
      </div>
    </Layout>
  );
}

function ApplyForm({ ctx, data }: { ctx: PageContext; data: CallPageData }) {
  const { t } = ctx;
  if (!data.signedIn) {
    return (
      <p>
        <a href={`/login?next=${encodeURIComponent(`/training/${data.call.id}`)}`}>{t('people.training.signInToApply')}</a>
      </p>
    );
  }
  if (!data.member) return <p class="empty">{t('people.training.membersApply')}</p>;
  return (
    <form class="form-card people-form" method="post" action={`/training/${encodeURIComponent(data.call.id)}/apply`}>
      <h2>{t('people.training.apply')}</h2>
      <CsrfField token={ctx.csrf} />
      <TextArea id="apply-statement" name="statement" label={t('people.training.statement')} hint={t('people.training.statementHint')} value={data.statement} required error={fieldError(ctx, data.error?.problems, 'statement')} />
      <button type="submit">{t('people.training.send')}</button>
    </form>
  );
}

function MyApplication({ ctx, app }: { ctx: PageContext; app: Application }) {
  const { t } = ctx;
  return (
    <section class="form-card" aria-labelledby="my-application">
      <h2 id="my-application">{t('people.training.mine')}</h2>
      <p>
        {t('people.training.status')}: <strong>{t(`people.application.${app.status}` as MessageKey)}</strong>
      </p>
      {app.status === 'submitted' ? (
        <form method="post" action={`/training/applications/${encodeURIComponent(app.id)}/withdraw`} class="inline-form">
          <CsrfField token={ctx.csrf} />
          <button type="submit" class="button-secondary">
            {t('people.training.withdraw')}
          </button>
        </form>
      ) : null}
      {app.status === 'selected' ? <OutcomeForm ctx={ctx} app={app} /> : null}
    </section>
  );
}

function OutcomeForm({ ctx, app }: { ctx: PageContext; app: Application }) {
  return (
    <form method="post" class="people-form" action={`/training/applications/${encodeURIComponent(app.id)}/outcome`}>
      <CsrfField token={ctx.csrf} />
      <TextArea id={`outcome-${app.id}`} name="outcome" label={ctx.t('people.training.outcome')} value={app.outcome} rows={3} />
      <button type="submit">{ctx.t('people.training.saveOutcome')}</button>
    </form>
  );
}

function Applications({ ctx, data, applications }: { ctx: PageContext; data: CallPageData; applications: Application[] }) {
  const { t } = ctx;
  const participants = applications.filter((a) => a.status === 'selected');
  return (
    <section aria-labelledby="applications">
      <h2 id="applications">{t('people.training.applications', { count: applications.length })}</h2>
      {data.call.open ? (
        <form method="post" action={`/training/${encodeURIComponent(data.call.id)}/close`} class="inline-form">
          <CsrfField token={ctx.csrf} />
          <button type="submit" class="button-secondary">
            {t('people.training.close')}
          </button>
        </form>
      ) : null}
      {applications.length ? (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('people.training.applicant')}</th>
              <th scope="col">{t('people.training.statement')}</th>
              <th scope="col">{t('people.training.status')}</th>
              <th scope="col">{t('people.training.decision')}</th>
            </tr>
          </thead>
          <tbody>
            {applications.map((a) => (
              <tr>
                <th scope="row">{a.applicant}</th>
                <td dir="auto">{a.statement}</td>
                <td>{t(`people.application.${a.status}` as MessageKey)}</td>
                <td>
                  {a.status === 'withdrawn' ? null : (
                    <form method="post" action={`/training/applications/${encodeURIComponent(a.id)}/decision`} class="decision-form">
                      <CsrfField token={ctx.csrf} />
                      {a.status !== 'selected' ? (
                        <button type="submit" name="decision" value="selected" aria-label={t('people.training.selectWho', { who: a.applicant })}>
                          {t('people.training.select')}
                        </button>
                      ) : null}
                      {a.status !== 'declined' ? (
                        <button type="submit" name="decision" value="declined" class="button-secondary" aria-label={t('people.training.declineWho', { who: a.applicant })}>
                          {t('people.training.decline')}
                        </button>
                      ) : null}
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="empty">{t('people.training.noApplications')}</p>
      )}
      {participants.length ? (
        <>
          <h3>{t('people.training.participants')}</h3>
          <ul>
            {participants.map((a) => (
              <li>
                {a.applicant}
                {a.outcome ? (
                  <>
                    {' — '}
                    <span dir="auto">{a.outcome}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
