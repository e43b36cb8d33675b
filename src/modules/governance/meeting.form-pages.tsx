import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField, FormNotice } from '../pages/forms';
import type { AllianceView } from './alliance.pages';
import { AllianceNav, label } from './governance.view';
import { invalid, PartyRow, TitleFields, VisibilityField, wrong, type FormError } from './governance.form-fields';
import { MEETING_KINDS, PARTICIPANT_KINDS, VOTE_RULES } from './meeting.rules';

export interface ParticipantValues {
  kind: string;
  institutionId: string;
  country: string;
  name: string;
  attended: boolean;
}

export interface MeetingFormValues {
  kind: string;
  titles: Record<string, string>;
  startsOn: string;
  endsOn: string;
  place: string;
  onlineUrl: string;
  agenda: string;
  minutes: string;
  visibility: string;
  participants: ParticipantValues[];
}

export interface VoteFormValues {
  motion: string;
  rule: string;
  yes: string;
  no: string;
  abstain: string;
}

type Choice = { id: string; name: string };

/** Blank participant rows offered below the existing ones. */
export const BLANK_PARTICIPANT_ROWS = 2;

/** `/alliance/meetings/new` and `/alliance/meetings/:id/edit`: the secretariat's meeting form. */
export function MeetingFormPage(props: { ctx: PageContext; view: AllianceView; action: string; cancel: string; editing: boolean; values: MeetingFormValues; institutions: Choice[]; countries: { code: string; name: string }[]; error: FormError }) {
  const { ctx, view, values, error } = props;
  const { t } = ctx;
  const heading = props.editing ? t('govf.meeting.edit') : t('govf.meeting.new');
  const rows = [...values.participants, ...Array.from({ length: BLANK_PARTICIPANT_ROWS }, () => ({ kind: 'institution', institutionId: '', country: '', name: '', attended: false }))];
  const f = (field: string, id: string) => invalid(ctx, error, field, id);
  const starts = f('/startsOn', 'mf-starts');
  const ends = f('/endsOn', 'mf-ends');
  const online = f('/onlineUrl', 'mf-online');
  return (
    <Layout ctx={ctx} title={heading} section="alliance">
      <div class="wrap">
        <PageHeading title={heading} />
        <AllianceNav ctx={ctx} alliance={view.alliance} primaryId={view.primaryId} current="meetings" />
        {error ? <FormNotice ctx={ctx} kind="error" message={error.message} detail={error.detail} problems={error.problems} /> : null}
        <form method="post" action={props.action} class="gov-form gov-edit">
          <CsrfField token={ctx.csrf} />
          <input type="hidden" name="rows" value={String(rows.length)} />
          <div class="field-row">
            <div class="field">
              <label for="mf-kind">{t('govf.kind')}</label>
              <select id="mf-kind" name="kind">
                {MEETING_KINDS.map((k) => (
                  <option value={k} selected={k === values.kind}>
                    {label(ctx, 'meetingKind', k)}
                  </option>
                ))}
              </select>
            </div>
            <VisibilityField ctx={ctx} id="mf-visibility" value={values.visibility} />
          </div>
          <TitleFields ctx={ctx} prefix="mf" titles={values.titles} error={error} />
          <div class="field-row">
            <div class={`field${starts.line ? ' field-invalid' : ''}`}>
              <label for="mf-starts">{t('govf.startsOn')}</label>
              <input id="mf-starts" type="date" name="startsOn" value={values.startsOn} required {...starts.attrs} />
              {starts.line}
            </div>
            <div class={`field${ends.line ? ' field-invalid' : ''}`}>
              <label for="mf-ends">{t('govf.endsOn')}</label>
              <input id="mf-ends" type="date" name="endsOn" value={values.endsOn} {...ends.attrs} />
              {ends.line}
            </div>
          </div>
          <div class="field-row">
            <div class="field">
              <label for="mf-place">{t('govf.place')}</label>
              <input id="mf-place" name="place" value={values.place} dir="auto" maxlength={500} />
            </div>
            <div class={`field${online.line ? ' field-invalid' : ''}`}>
              <label for="mf-online">{t('govf.onlineUrl')}</label>
              <input id="mf-online" type="url" name="onlineUrl" value={values.onlineUrl} dir="ltr" {...online.attrs} />
              {online.line}
            </div>
          </div>
          <div class="field">
            <label for="mf-agenda">{t('gov.meeting.agenda')}</label>
            <textarea id="mf-agenda" name="agenda" rows={5} dir="auto">
              {values.agenda}
            </textarea>
          </div>
          <fieldset>
            <legend>{t('govf.participants')}</legend>
            <p class="hint">{t('govf.participantsHint')}</p>
            {rows.map((p, i) => (
              <PartyRow ctx={ctx} prefix="mf" index={i} legend={t('govf.participant', { n: i + 1 })} kindLabel={t('govf.participantKind')} kinds={PARTICIPANT_KINDS} kindList="participantKind" value={p} institutions={props.institutions} countries={props.countries} bad={wrong(error, `/participants/${i}`)} withAttendance />
            ))}
          </fieldset>
          <div class="field">
            <label for="mf-minutes">{t('gov.meeting.minutes')}</label>
            <textarea id="mf-minutes" name="minutes" rows={8} dir="auto">
              {values.minutes}
            </textarea>
          </div>
          <button type="submit">{t('govf.save')}</button> <a href={props.cancel}>{t('govf.cancel')}</a>
        </form>
      </div>
    </Layout>
  );
}

/** The "Record a vote" form on a meeting's page (the secretariat only). */
export function VoteForm({ ctx, meetingId, values, error, done }: { ctx: PageContext; meetingId: string; values: VoteFormValues; error: FormError; done: boolean }) {
  const { t } = ctx;
  const motion = invalid(ctx, error, '/motion', 'vf-motion');
  const count = (k: 'yes' | 'no' | 'abstain') => {
    const e = invalid(ctx, error, `/${k}`, `vf-${k}`);
    return (
      <div class={`field${e.line ? ' field-invalid' : ''}`}>
        <label for={`vf-${k}`}>{t(`gov.vote.${k}`)}</label>
        <input id={`vf-${k}`} type="number" name={k} min={0} step={1} value={values[k]} required {...e.attrs} />
        {e.line}
      </div>
    );
  };
  return (
    <section aria-labelledby="record-vote" class="gov-secretariat">
      <h2 id="record-vote">{t('govf.vote.record')}</h2>
      {done ? <FormNotice ctx={ctx} kind="success" message={t('govf.vote.saved')} /> : null}
      {error ? <FormNotice ctx={ctx} kind="error" message={error.message} detail={error.detail} problems={error.problems} /> : null}
      <form method="post" action={`/alliance/meetings/${encodeURIComponent(meetingId)}/votes`} class="gov-form gov-edit">
        <CsrfField token={ctx.csrf} />
        <div class={`field${motion.line ? ' field-invalid' : ''}`}>
          <label for="vf-motion">{t('gov.vote.motion')}</label>
          <textarea id="vf-motion" name="motion" rows={2} maxlength={2000} dir="auto" required {...motion.attrs}>
            {values.motion}
          </textarea>
          {motion.line}
        </div>
        <div class="field-row">
          <div class="field">
            <label for="vf-rule">{t('govf.vote.rule')}</label>
            <select id="vf-rule" name="rule">
              {VOTE_RULES.map((r) => (
                <option value={r} selected={r === values.rule}>
                  {t(`govf.voteRule.${r}`)}
                </option>
              ))}
            </select>
          </div>
          {count('yes')}
          {count('no')}
          {count('abstain')}
        </div>
        <button type="submit">{t('govf.vote.record')}</button>
      </form>
    </section>
  );
}
