import type { Db } from '../../db/database';
import { AppError, validationError, type FieldProblem } from '../../shared/errors';
import { newId, nowIso } from '../../shared/ids';
import type { LangMap } from '../../shared/lang-map';
import { canonicalLangMap } from '../../shared/lang-map-validate';
import { isCountryCode } from '../../shared/country';
import type { Actor } from '../accounts/actor';
import { allianceRepository } from './alliance.repository';
import { getAlliance, requireSecretariat } from './alliance.service';
import type { MeetingRow } from './governance.table';
import { meetingRepository as repo } from './meeting.repository';
import { GOV_VISIBILITIES, MEETING_KINDS, PARTICIPANT_KINDS, readableVisibilities, VOTE_RULES, voteResult, type GovVisibility, type MeetingKind, type VoteRule } from './meeting.rules';
import { isCalendarDate } from './membership.history';
import { inTransaction } from './governance.tx';
import { listDocuments, type GovDocument } from './document.service';

export interface Participant {
  kind: (typeof PARTICIPANT_KINDS)[number];
  institutionId: string | null;
  country: string | null;
  name: string | null;
  attended: boolean;
}

export interface Vote {
  id: string;
  motion: string;
  yes: number;
  no: number;
  abstain: number;
  result: 'adopted' | 'rejected';
  resolutionId: string | null;
}

export interface Meeting {
  id: string;
  allianceId: string;
  kind: MeetingKind;
  title: LangMap;
  startsOn: string;
  endsOn: string | null;
  place: string | null;
  onlineUrl: string | null;
  agenda: string;
  minutes: string;
  visibility: GovVisibility;
  participants: Participant[];
  votes: Vote[];
  documents: GovDocument[];
}

export interface MeetingInput {
  kind: MeetingKind;
  title: LangMap;
  startsOn: string;
  endsOn?: string | null;
  place?: string | null;
  onlineUrl?: string | null;
  agenda?: string;
  minutes?: string;
  visibility: GovVisibility;
  participants?: Participant[];
}

export { readableVisibilities };

/** The meetings of an alliance the actor may see, latest first (without participants and votes). */
export async function listMeetings(db: Db, actor: Actor, allianceId: string): Promise<Meeting[]> {
  await getAlliance(db, allianceId);
  const rows = await repo.listMeetings(db, allianceId, readableVisibilities(actor));
  return rows.map((r) => toMeeting(r, [], []));
}

/** One meeting with its participants and votes; 404 to those who may not see it. */
export async function getMeeting(db: Db, actor: Actor, id: string): Promise<Meeting> {
  const row = await repo.findMeeting(db, id);
  if (!row || !readableVisibilities(actor).includes(row.visibility as GovVisibility)) throw new AppError('NOT_FOUND', `No meeting "${id}"`);
  const [participants, votes, documents] = await Promise.all([repo.participants(db, id), repo.votes(db, id), listDocuments(db, actor, { kind: 'meeting', id })]);
  return { ...toMeeting(row, participants, votes), documents };
}

/** Schedules a meeting (the secretariat). */
export async function createMeeting(db: Db, actor: Actor, allianceId: string, input: MeetingInput): Promise<Meeting> {
  requireSecretariat(actor);
  await getAlliance(db, allianceId);
  const clean = await validateMeeting(db, input);
  const id = newId('mt');
  const now = nowIso();
  await inTransaction(db, async (trx) => {
    await repo.insertMeeting(trx, { id, alliance_id: allianceId, ...clean.row, created_at: now, updated_at: now });
    await repo.replaceParticipants(trx, id, participantRows(id, clean.participants));
  });
  return getMeeting(db, actor, id);
}

/** Replaces a meeting's details, participants and attendance, agenda and minutes (the secretariat). */
export async function updateMeeting(db: Db, actor: Actor, id: string, input: MeetingInput): Promise<Meeting> {
  requireSecretariat(actor);
  if (!(await repo.findMeeting(db, id))) throw new AppError('NOT_FOUND', `No meeting "${id}"`);
  const clean = await validateMeeting(db, input);
  await inTransaction(db, async (trx) => {
    await repo.updateMeeting(trx, id, { ...clean.row, updated_at: nowIso() });
    await repo.replaceParticipants(trx, id, participantRows(id, clean.participants));
  });
  return getMeeting(db, actor, id);
}

/** Records a vote taken at a meeting, its result computed by the rule (the secretariat). */
export async function recordVote(db: Db, actor: Actor, meetingId: string, input: { motion: string; yes: number; no: number; abstain: number; rule?: VoteRule }): Promise<Vote> {
  requireSecretariat(actor);
  if (!(await repo.findMeeting(db, meetingId))) throw new AppError('NOT_FOUND', `No meeting "${meetingId}"`);
  const problems: FieldProblem[] = [];
  const motion = input.motion.trim();
  if (!motion || motion.length > 2000) problems.push({ field: '/motion', message: 'between 1 and 2,000 characters' });
  for (const k of ['yes', 'no', 'abstain'] as const) if (!Number.isInteger(input[k]) || input[k] < 0) problems.push({ field: `/${k}`, message: 'a count, 0 or more' });
  if (input.rule && !VOTE_RULES.includes(input.rule)) problems.push({ field: '/rule', message: `one of ${VOTE_RULES.join(', ')}` });
  if (problems.length) throw validationError(problems, 'vote');
  const vote: Vote = { id: newId('vt'), motion, yes: input.yes, no: input.no, abstain: input.abstain, result: voteResult(input, input.rule), resolutionId: null };
  await repo.insertVote(db, { id: vote.id, meeting_id: meetingId, motion, yes: vote.yes, no: vote.no, abstain: vote.abstain, result: vote.result, resolution_id: null, created_at: nowIso() });
  return vote;
}

async function validateMeeting(db: Db, input: MeetingInput) {
  const problems: FieldProblem[] = [];
  if (!MEETING_KINDS.includes(input.kind)) problems.push({ field: '/kind', message: `one of ${MEETING_KINDS.join(', ')}` });
  if (!GOV_VISIBILITIES.includes(input.visibility)) problems.push({ field: '/visibility', message: 'public or members' });
  const title = canonicalLangMap(input.title, '/title', problems);
  if (!Object.keys(title).length) problems.push({ field: '/title', message: 'needs a title in at least one language' });
  if (!isCalendarDate(input.startsOn)) problems.push({ field: '/startsOn', message: 'a date written YYYY-MM-DD' });
  if (input.endsOn && (!isCalendarDate(input.endsOn) || input.endsOn < input.startsOn)) problems.push({ field: '/endsOn', message: 'a date written YYYY-MM-DD, not before the start' });
  if (input.onlineUrl && !/^https:\/\/[^\s]+$/.test(input.onlineUrl)) problems.push({ field: '/onlineUrl', message: 'an https:// link' });
  const participants = input.participants ?? [];
  for (const [i, p] of participants.entries()) {
    if (p.kind === 'institution' && (!p.institutionId || !(await allianceRepository.institutionExists(db, p.institutionId)))) problems.push({ field: `/participants/${i}/institutionId`, message: 'no such institution' });
    if (p.kind === 'state' && (!p.country || !isCountryCode(p.country))) problems.push({ field: `/participants/${i}/country`, message: 'an ISO 3166-1 alpha-2 code' });
    if (p.kind === 'person' && !p.name?.trim()) problems.push({ field: `/participants/${i}/name`, message: 'a person needs a name' });
  }
  if (problems.length) throw validationError(problems, 'meeting');
  return {
    row: { kind: input.kind, title: JSON.stringify(title), starts_on: input.startsOn, ends_on: input.endsOn || null, place: input.place?.trim() || null, online_url: input.onlineUrl || null, agenda: input.agenda?.trim() ?? '', minutes: input.minutes?.trim() ?? '', visibility: input.visibility },
    participants,
  };
}

function participantRows(meetingId: string, participants: Participant[]) {
  return participants.map((p) => ({
    id: newId('mp'),
    meeting_id: meetingId,
    kind: p.kind,
    institution_id: p.kind === 'institution' ? p.institutionId : null,
    country: p.kind === 'state' ? p.country : null,
    name: p.name?.trim() || null,
    attended: p.attended ? 1 : 0,
  }));
}

type ParticipantRow = Awaited<ReturnType<typeof repo.participants>>[number];
type VoteRow = Awaited<ReturnType<typeof repo.votes>>[number];

function toMeeting(r: MeetingRow, participants: ParticipantRow[], votes: VoteRow[]): Meeting {
  const documents: GovDocument[] = [];
  return {
    id: r.id,
    allianceId: r.alliance_id,
    kind: r.kind as MeetingKind,
    title: JSON.parse(r.title) as LangMap,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    place: r.place,
    onlineUrl: r.online_url,
    agenda: r.agenda,
    minutes: r.minutes,
    visibility: r.visibility as GovVisibility,
    participants: participants.map((p) => ({ kind: p.kind as Participant['kind'], institutionId: p.institution_id, country: p.country, name: p.name, attended: Boolean(Number(p.attended)) })),
    votes: votes.map((v) => ({ id: v.id, motion: v.motion, yes: Number(v.yes), no: Number(v.no), abstain: Number(v.abstain), result: v.result as Vote['result'], resolutionId: v.resolution_id })),
    documents,
  };
}
