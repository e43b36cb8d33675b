import { countryName } from '../../shared/country';
import { formatNumber } from '../../shared/i18n/i18n';
import { pickLang } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { LangText, PageHeading } from '../pages/components';
import { safeHref } from '../pages/format';
import type { AllianceView } from './alliance.pages';
import type { Meeting } from './meeting.service';
import type { Resolution, ResolutionSummary } from './resolution.service';
import { AllianceNav, alliancePath, allianceName, DateText, DocumentList, label, ProseText } from './governance.view';
import { DocumentUploadForm, type UploadState } from './document.form-pages';
import type { FormError } from './governance.form-fields';
import { VoteForm, type VoteFormValues } from './meeting.form-pages';

/** `/alliance/meetings`: assemblies, councils, working groups and conferences, latest first. */
export function MeetingsPage({ ctx, view, meetings, secretariat = false }: { ctx: PageContext; view: AllianceView; meetings: Meeting[]; secretariat?: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('gov.meetings.title')} section="alliance">
      <div class="wrap">
        <PageHeading title={t('gov.meetings.title')} lead={t('gov.meetings.lead')} />
        <AllianceNav ctx={ctx} alliance={view.alliance} primaryId={view.primaryId} current="meetings" />
        {secretariat ? (
          <p class="gov-actions">
            <a href={alliancePath('/alliance/meetings/new', view.alliance, view.primaryId)}>{t('govf.meeting.new')}</a>
          </p>
        ) : null}
        {meetings.length ? (
          <ul class="gov-list">
            {meetings.map((m) => (
              <li>
                <a href={`/alliance/meetings/${encodeURIComponent(m.id)}`}>
                  <LangText ctx={ctx} map={m.title} />
                </a>
                <p class="gov-meta">
                  {label(ctx, 'meetingKind', m.kind)} · <DateText ctx={ctx} date={m.startsOn} />
                  {m.place ? <> · {m.place}</> : null}
                  {m.visibility === 'members' ? <> · {t('gov.membersOnly')}</> : null}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{t('gov.meetings.none')}</p>
        )}
      </div>
    </Layout>
  );
}

/** `/alliance/meetings/:id`: when and where, participants and attendance, agenda, minutes, votes, resolutions. */
export function MeetingPage(props: {
  ctx: PageContext;
  view: AllianceView;
  meeting: Meeting;
  resolutions: ResolutionSummary[];
  names: Map<string, string>;
  /** The secretariat's vote form (its values, refusal or success), absent for everyone else. */
  secretariat?: { values: VoteFormValues; error: FormError; done: boolean; upload: UploadState } | null;
}) {
  const { ctx, view, meeting, resolutions, names, secretariat } = props;
  const { t, lang } = ctx;
  const title = pickLang(meeting.title, lang)?.values[0] ?? meeting.id;
  const online = safeHref(meeting.onlineUrl);
  const attended = meeting.participants.filter((p) => p.attended).length;
  return (
    <Layout ctx={ctx} title={title} section="alliance">
      <div class="wrap">
        <PageHeading title={<LangText ctx={ctx} map={meeting.title} />} lead={label(ctx, 'meetingKind', meeting.kind)} />
        <AllianceNav ctx={ctx} alliance={view.alliance} primaryId={view.primaryId} current="meetings" />
        {secretariat ? (
          <p class="gov-actions">
            <a href={`/alliance/meetings/${encodeURIComponent(meeting.id)}/edit`}>{t('govf.meeting.edit')}</a> · <a href={`/alliance/resolutions/new?meeting=${encodeURIComponent(meeting.id)}`}>{t('govf.resolution.new')}</a>
          </p>
        ) : null}
        <dl class="gov-facts">
          <dt>{t('gov.meeting.when')}</dt>
          <dd>
            <DateText ctx={ctx} date={meeting.startsOn} />
            {meeting.endsOn && meeting.endsOn !== meeting.startsOn ? (
              <>
                {' – '}
                <DateText ctx={ctx} date={meeting.endsOn} />
              </>
            ) : null}
          </dd>
          {meeting.place ? (
            <>
              <dt>{t('gov.meeting.where')}</dt>
              <dd dir="auto">{meeting.place}</dd>
            </>
          ) : null}
          {online ? (
            <>
              <dt>{t('gov.meeting.online')}</dt>
              <dd>
                <a href={online} rel="noopener">
                  {online}
                </a>
              </dd>
            </>
          ) : null}
          {meeting.visibility === 'members' ? (
            <>
              <dt>{t('gov.visibility')}</dt>
              <dd>{t('gov.membersOnly')}</dd>
            </>
          ) : null}
        </dl>
        {meeting.agenda ? (
          <section aria-labelledby="agenda">
            <h2 id="agenda">{t('gov.meeting.agenda')}</h2>
            <ProseText text={meeting.agenda} />
          </section>
        ) : null}
        {meeting.participants.length ? (
          <section aria-labelledby="participants">
            <h2 id="participants">{t('gov.meeting.participants', { count: meeting.participants.length })}</h2>
            <p>{t('gov.meeting.attended', { count: attended })}</p>
            <ul class="participant-list">
              {meeting.participants.map((p) => (
                <li>
                  {p.kind === 'institution' && p.institutionId ? (
                    <a href={`/institutions/${encodeURIComponent(p.institutionId)}`}>{names.get(p.institutionId) ?? p.institutionId}</a>
                  ) : p.kind === 'state' ? (
                    countryName(p.country ?? '', lang)
                  ) : (
                    <span dir="auto">{p.name}</span>
                  )}{' '}
                  · {label(ctx, 'participantKind', p.kind)} · {p.attended ? t('gov.meeting.present') : t('gov.meeting.absent')}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {meeting.votes.length ? (
          <section aria-labelledby="votes">
            <h2 id="votes">{t('gov.meeting.votes')}</h2>
            <div class="table-scroll">
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('gov.vote.motion')}</th>
                    <th scope="col">{t('gov.vote.yes')}</th>
                    <th scope="col">{t('gov.vote.no')}</th>
                    <th scope="col">{t('gov.vote.abstain')}</th>
                    <th scope="col">{t('gov.vote.result')}</th>
                  </tr>
                </thead>
                <tbody>
                  {meeting.votes.map((v) => (
                    <tr>
                      <th scope="row" dir="auto">
                        {v.motion}
                      </th>
                      <td>{formatNumber(lang, v.yes)}</td>
                      <td>{formatNumber(lang, v.no)}</td>
                      <td>{formatNumber(lang, v.abstain)}</td>
                      <td>{label(ctx, 'result', v.result)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ) : null}
        {resolutions.length ? (
          <section aria-labelledby="adopted">
            <h2 id="adopted">{t('gov.meeting.adopted')}</h2>
            <ul class="gov-list">
              {resolutions.map((r) => (
                <li>
                  <a href={`/alliance/resolutions/${encodeURIComponent(r.id)}`}>
                    <LangText ctx={ctx} map={r.title} />
                  </a>{' '}
                  · {label(ctx, 'resolutionKind', r.kind)} · <DateText ctx={ctx} date={r.adoptedOn} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <DocumentList ctx={ctx} documents={meeting.documents} />
        {secretariat ? <DocumentUploadForm ctx={ctx} action={`/alliance/meetings/${encodeURIComponent(meeting.id)}/documents`} state={secretariat.upload} /> : null}
        {meeting.minutes ? (
          <section aria-labelledby="minutes">
            <h2 id="minutes">{t('gov.meeting.minutes')}</h2>
            <ProseText text={meeting.minutes} />
          </section>
        ) : null}
        {secretariat ? <VoteForm ctx={ctx} meetingId={meeting.id} values={secretariat.values} error={secretariat.error} done={secretariat.done} /> : null}
      </div>
    </Layout>
  );
}

/** `/alliance/resolutions/:id`: the text in a version (the current one by default), every version, and how to cite it. */
export function ResolutionPage({ ctx, view, res, meetingTitle, url, secretariat = false }: { ctx: PageContext; view: AllianceView; res: Resolution; meetingTitle: string | null; url: string; secretariat?: boolean }) {
  const { t, lang } = ctx;
  const title = pickLang(res.shown.title, lang)?.values[0] ?? res.id;
  const body = pickLang(res.shown.body, lang);
  const current = res.shown.version === res.version;
  const adopted = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${res.adoptedOn}T00:00:00Z`));
  const citation = t('gov.resolution.citation', { alliance: allianceName(ctx, view.alliance), title, kind: label(ctx, 'resolutionKind', res.kind), date: adopted, version: res.shown.version });
  return (
    <Layout ctx={ctx} title={title} section="alliance">
      <div class="wrap">
        <PageHeading title={<LangText ctx={ctx} map={res.shown.title} />} lead={label(ctx, 'resolutionKind', res.kind)} />
        <AllianceNav ctx={ctx} alliance={view.alliance} primaryId={view.primaryId} current="meetings" />
        {secretariat ? (
          <p class="gov-actions">
            <a href={`/alliance/resolutions/${encodeURIComponent(res.id)}/revise`}>{t('govf.resolution.revise')}</a>
          </p>
        ) : null}
        {!current ? (
          <p class="notice notice-restricted" role="status">
            {t('gov.resolution.earlier', { version: res.shown.version, current: res.version })} <a href={`/alliance/resolutions/${encodeURIComponent(res.id)}`}>{t('gov.resolution.seeCurrent')}</a>
          </p>
        ) : null}
        <dl class="gov-facts">
          <dt>{t('gov.resolution.adopted')}</dt>
          <dd>
            <DateText ctx={ctx} date={res.adoptedOn} />
            {res.meetingId && meetingTitle ? (
              <>
                {' · '}
                <a href={`/alliance/meetings/${encodeURIComponent(res.meetingId)}`}>{meetingTitle}</a>
              </>
            ) : null}
          </dd>
          <dt>{t('gov.resolution.version')}</dt>
          <dd>{formatNumber(lang, res.shown.version)}</dd>
        </dl>
        <div class="gov-prose resolution-text" {...(body && body.lang !== lang ? { lang: body.lang } : {})} dir="auto">
          {body?.values.join('\n\n') ?? ''}
        </div>
        <section aria-labelledby="versions">
          <h2 id="versions">{t('gov.resolution.versions')}</h2>
          <ol class="resolution-versions" reversed>
            {res.versions.map((v) => (
              <li>
                {v.version === res.shown.version ? <strong>{t('gov.resolution.versionN', { version: v.version })}</strong> : <a href={`/alliance/resolutions/${encodeURIComponent(res.id)}?version=${v.version}`}>{t('gov.resolution.versionN', { version: v.version })}</a>} ·{' '}
                <DateText ctx={ctx} date={v.createdAt.slice(0, 10)} />
                {v.note ? <> · <span dir="auto">{v.note}</span></> : null}
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="cite">
          <h2 id="cite">{t('gov.resolution.cite')}</h2>
          <p class="citation">
            {citation} <span dir="ltr">{url}</span>
          </p>
        </section>
        <p>
          <a href={alliancePath('/alliance/meetings', view.alliance, view.primaryId)}>{t('gov.meetings.title')}</a>
        </p>
      </div>
    </Layout>
  );
}
