import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database';
import { countryName } from '../../shared/country';
import { AppError } from '../../shared/errors';
import { UI_LANGUAGES, type LangMap } from '../../shared/lang-map';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import { listInstitutions } from '../institutions/institution.service';
import type { Institution } from '../institutions/institution.schema';
import { pageContext, type PageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { institutionNames } from './alliance.service';
import { countryCodes } from './continent';
import { allianceParam, allianceView, isSecretariat, textNames } from './governance.page-data';
import { alliancePath, memberName } from './governance.view';
import { BLANK_UPLOAD, type UploadState } from './document.form-pages';
import type { FormError } from './governance.form-fields';
import { MeetingFormPage, type MeetingFormValues, type ParticipantValues, type VoteFormValues } from './meeting.form-pages';
import { MeetingPage } from './meeting.pages';
import type { GovVisibility, MeetingKind, VoteRule } from './meeting.rules';
import { createMeeting, getMeeting, recordVote, updateMeeting, type Meeting, type MeetingInput, type Participant } from './meeting.service';
import { listResolutions } from './resolution.service';

const BLANK_VOTE: VoteFormValues = { motion: '', rule: 'simple', yes: '0', no: '0', abstain: '0' };

/** A meeting's page, with the secretariat's vote form (its values and refusal, or the success notice). */
export async function sendMeetingPage(db: Db, request: FastifyRequest, reply: FastifyReply, meeting: Meeting, forms: { vote?: { values: VoteFormValues; error: FormError; done: boolean }; upload?: UploadState } = {}, status = 200) {
  const view = await allianceView(db, meeting.allianceId);
  const resolutions = await listResolutions(db, request.actor, { meetingId: meeting.id });
  const ctx = pageContext(request, reply);
  const names = textNames(await institutionNames(db, meeting.participants.flatMap((p) => (p.institutionId ? [p.institutionId] : []))), ctx.lang);
  const done = (request.query as Record<string, unknown> | undefined)?.done;
  const secretariat = isSecretariat(request) ? { ...(forms.vote ?? { values: BLANK_VOTE, error: null, done: done === 'vote' }), upload: forms.upload ?? { ...BLANK_UPLOAD, done: done === 'document' } } : null;
  return sendPage(reply, <MeetingPage ctx={ctx} view={view} meeting={meeting} resolutions={resolutions} names={names} secretariat={secretariat} />, status);
}

/** The secretariat's forms: new and edited meetings, and votes recorded at a meeting (404 to everyone else). */
export const meetingFormRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store }) => {
  const db = store.db;

  const guard = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (!request.session || request.actor.kind !== 'user') {
      void toSignIn(request, reply);
      return false;
    }
    if (!isSecretariat(request)) throw new AppError('NOT_FOUND', 'No such page');
    return true;
  };

  const render = async (request: FastifyRequest, reply: FastifyReply, target: { allianceId: string; meetingId: string | null }, values: MeetingFormValues, error: FormError, status = 200) => {
    const ctx = pageContext(request, reply);
    const view = await allianceView(db, target.allianceId);
    const { institutions, countries } = await partyChoices(db, ctx);
    const action = target.meetingId ? `/alliance/meetings/${encodeURIComponent(target.meetingId)}/edit` : alliancePath('/alliance/meetings/new', view.alliance, view.primaryId);
    const cancel = target.meetingId ? `/alliance/meetings/${encodeURIComponent(target.meetingId)}` : alliancePath('/alliance/meetings', view.alliance, view.primaryId);
    return sendPage(reply, <MeetingFormPage ctx={ctx} view={view} action={action} cancel={cancel} editing={Boolean(target.meetingId)} values={values} institutions={institutions} countries={countries} error={error} />, status);
  };

  app.get('/alliance/meetings/new', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const view = await allianceView(db, allianceParam(request));
    const values: MeetingFormValues = { kind: 'general-assembly', titles: {}, startsOn: new Date().toISOString().slice(0, 10), endsOn: '', place: '', onlineUrl: '', agenda: '', minutes: '', visibility: 'public', participants: [] };
    return render(request, reply, { allianceId: view.alliance.id, meetingId: null }, values, null);
  });

  app.post('/alliance/meetings/new', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const view = await allianceView(db, allianceParam(request));
    const values = meetingValues(request.body);
    try {
      const meeting = await createMeeting(db, request.actor, view.alliance.id, meetingInput(values));
      return reply.redirect(`/alliance/meetings/${encodeURIComponent(meeting.id)}`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request), err);
      return render(request, reply, { allianceId: view.alliance.id, meetingId: null }, values, outcome, status);
    }
  });

  app.get<{ Params: { id: string } }>('/alliance/meetings/:id/edit', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const m = await getMeeting(db, request.actor, request.params.id);
    const titles = Object.fromEntries(Object.entries(m.title).map(([l, v]) => [l, v.join(' ')]));
    const participants: ParticipantValues[] = m.participants.map((p) => ({ kind: p.kind, institutionId: p.institutionId ?? '', country: p.country ?? '', name: p.name ?? '', attended: p.attended }));
    const values: MeetingFormValues = { kind: m.kind, titles, startsOn: m.startsOn, endsOn: m.endsOn ?? '', place: m.place ?? '', onlineUrl: m.onlineUrl ?? '', agenda: m.agenda, minutes: m.minutes, visibility: m.visibility, participants };
    return render(request, reply, { allianceId: m.allianceId, meetingId: m.id }, values, null);
  });

  app.post<{ Params: { id: string } }>('/alliance/meetings/:id/edit', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const m = await getMeeting(db, request.actor, request.params.id);
    const values = meetingValues(request.body, m.title);
    try {
      await updateMeeting(db, request.actor, m.id, meetingInput(values));
      return reply.redirect(`/alliance/meetings/${encodeURIComponent(m.id)}`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request), err);
      return render(request, reply, { allianceId: m.allianceId, meetingId: m.id }, values, outcome, status);
    }
  });

  app.post<{ Params: { id: string } }>('/alliance/meetings/:id/votes', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const m = await getMeeting(db, request.actor, request.params.id);
    const body = request.body;
    const values: VoteFormValues = { motion: formString(body, 'motion'), rule: formString(body, 'rule'), yes: formString(body, 'yes'), no: formString(body, 'no'), abstain: formString(body, 'abstain') };
    const count = (s: string) => (/^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : -1);
    try {
      await recordVote(db, request.actor, m.id, { motion: values.motion, rule: (values.rule || 'simple') as VoteRule, yes: count(values.yes), no: count(values.no), abstain: count(values.abstain) });
      return reply.redirect(`/alliance/meetings/${encodeURIComponent(m.id)}?done=vote#record-vote`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request), err);
      return sendMeetingPage(db, request, reply, m, { vote: { values, error: outcome, done: false } }, status);
    }
  });
};

/** The institutions and countries a participant or party may be, named and sorted in the page's language. */
export async function partyChoices(db: Db, ctx: PageContext) {
  const all: Institution[] = [];
  let cursor: string | undefined;
  do {
    const page = await listInstitutions(db, { cursor, limit: 500 });
    all.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor && all.length < 10_000);
  const collator = new Intl.Collator(ctx.lang);
  const institutions = all.map((i) => ({ id: i.id, name: memberName(ctx, { kind: 'institution', country: i.country, name: i.name, institutionId: i.id }) })).sort((a, b) => collator.compare(a.name, b.name));
  const countries = countryCodes()
    .map((code) => ({ code, name: countryName(code, ctx.lang) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return { institutions, countries };
}

/** The meeting form's posted values; titles in languages the form does not offer are kept from `kept`. */
function meetingValues(body: unknown, kept: LangMap = {}): MeetingFormValues {
  const titles: Record<string, string> = {};
  for (const [l, v] of Object.entries(kept)) if (!(UI_LANGUAGES as readonly string[]).includes(l)) titles[l] = v.join(' ');
  for (const l of UI_LANGUAGES) titles[l] = formString(body, `title_${l}`);
  const rows = Math.min(Number(formString(body, 'rows')) || 0, 500);
  const participants: ParticipantValues[] = [];
  for (let i = 0; i < rows; i++) {
    const p: ParticipantValues = { kind: formString(body, `p${i}_kind`), institutionId: formString(body, `p${i}_institutionId`), country: formString(body, `p${i}_country`), name: formString(body, `p${i}_name`).trim(), attended: formString(body, `p${i}_attended`) === '1' };
    const chosen = p.kind === 'state' ? p.country : p.kind === 'person' ? p.name : p.institutionId;
    if (chosen) participants.push(p);
  }
  const s = (n: string) => formString(body, n);
  return { kind: s('kind'), titles, startsOn: s('startsOn'), endsOn: s('endsOn'), place: s('place'), onlineUrl: s('onlineUrl').trim(), agenda: s('agenda'), minutes: s('minutes'), visibility: s('visibility'), participants };
}

function meetingInput(v: MeetingFormValues): MeetingInput {
  const title: LangMap = {};
  for (const [l, text] of Object.entries(v.titles)) if (text.trim()) title[l] = [text.trim()];
  const participants: Participant[] = v.participants.map((p) => ({ kind: p.kind as Participant['kind'], institutionId: p.kind === 'institution' ? p.institutionId : null, country: p.kind === 'state' ? p.country : null, name: p.name || null, attended: p.attended }));
  return { kind: v.kind as MeetingKind, title, startsOn: v.startsOn, endsOn: v.endsOn || null, place: v.place, onlineUrl: v.onlineUrl || null, agenda: v.agenda, minutes: v.minutes, visibility: v.visibility as GovVisibility, participants };
}
