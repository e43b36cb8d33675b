import type { FieldProblem } from '../../shared/errors';
import { UI_LANGUAGES } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField, FormNotice } from '../pages/forms';
import type { AllianceView } from './alliance.pages';
import { AllianceNav, label } from './governance.view';
import { GOV_VISIBILITIES, MEETING_KINDS, VOTE_RULES } from './meeting.rules';

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

export type FormError = { message: string; detail?: string | null; problems?: FieldProblem[] } | null;

type Choice = { id: string; name: string };

/** Blank participant rows offered below the existing ones. */
export const BLANK_PARTICIPANT_ROWS = 2;

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

/** The visibility choice of a secretariat form (meeting, agreement, resolution, document). */
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

/** `/alliance/meetings/new` and `/alliance/meetings/:id/edit`: the secretariat's meeting form. */
export function MeetingFormPage(props: { ctx: PageContext; view: AllianceView; action: string; cancel: string; editing: boolean; values: MeetingFormValues; institutions: Choice[]; countries: { code: string; name: string }[]; error: FormError }) {
  const { ctx, view, values, error } = props;
  const { t } = ctx;
  const heading = props.editing ? t('govf.meeting.edit') : t('govf.meeting.new');
  const languages = new Intl.DisplayNames([ctx.lang], { type: 'language', fallback: 'code' });
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
          <fieldset class={wrong(error, '/title') ? 'field-invalid' : undefined}>
            <legend>{t('govf.titles')}</legend>
            <p class="hint">{t('govf.titlesHint')}</p>
            {UI_LANGUAGES.map((l) => (
              <div class="field">
                <label for={`mf-title-${l}`}>{languages.of(l)}</label>
                <input id={`mf-title-${l}`} name={`title_${l}`} value={values.titles[l] ?? ''} lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'} maxlength={500} />
              </div>
            ))}
            {f('/title', 'mf-title').line}
          </fieldset>
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
            {rows.map((p, i) => {
              const bad = wrong(error, `/participants/${i}`);
              return (
                <fieldset class={`gov-participant${bad ? ' field-invalid' : ''}`}>
                  <legend>{t('govf.participant', { n: i + 1 })}</legend>
                  <div class="field-row">
                    <div class="field">
                      <label for={`mf-p${i}-kind`}>{t('govf.participantKind')}</label>
                      <select id={`mf-p${i}-kind`} name={`p${i}_kind`}>
                        {(['institution', 'state', 'person'] as const).map((k) => (
                          <option value={k} selected={k === p.kind}>
                            {label(ctx, 'participantKind', k)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div class="field">
                      <label for={`mf-p${i}-inst`}>{t('govf.institution')}</label>
                      <select id={`mf-p${i}-inst`} name={`p${i}_institutionId`}>
                        <option value="">—</option>
                        {props.institutions.map((x) => (
                          <option value={x.id} selected={x.id === p.institutionId}>
                            {x.name}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div class="field">
                      <label for={`mf-p${i}-country`}>{t('govf.state')}</label>
                      <select id={`mf-p${i}-country`} name={`p${i}_country`}>
                        <option value="">—</option>
                        {props.countries.map((c) => (
                          <option value={c.code} selected={c.code === p.country}>
                            {c.name}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div class="field">
                      <label for={`mf-p${i}-name`}>{t('govf.name')}</label>
                      <input id={`mf-p${i}-name`} name={`p${i}_name`} value={p.name} dir="auto" maxlength={300} />
                    </div>
                    <div class="field">
                      <label>
                        <input type="checkbox" name={`p${i}_attended`} value="1" checked={p.attended} /> {t('govf.attended')}
                      </label>
                    </div>
                  </div>
                  {bad ? (
                    <p class="field-error">
                      {t('govf.invalidField')}
                    </p>
                  ) : null}
                </fieldset>
              );
            })}
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
