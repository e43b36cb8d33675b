import type { Db } from '../../db/database';
import { AppError, validationError, type FieldProblem } from '../../shared/errors';
import { newId, nowIso } from '../../shared/ids';
import type { LangMap } from '../../shared/lang-map';
import { canonicalLangMap } from '../../shared/lang-map-validate';
import type { Actor } from '../accounts/actor';
import { getAlliance, requireSecretariat } from './alliance.service';
import { meetingRepository as repo } from './meeting.repository';
import { GOV_VISIBILITIES, readableVisibilities, type GovVisibility } from './meeting.rules';
import { isCalendarDate } from './membership.history';
import { inTransaction } from './governance.tx';

export const RESOLUTION_KINDS = ['resolution', 'declaration'] as const;
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number];

export interface ResolutionVersion {
  version: number;
  title: LangMap;
  body: LangMap;
  note: string | null;
  createdAt: string;
}

export interface Resolution {
  id: string;
  allianceId: string;
  meetingId: string | null;
  kind: ResolutionKind;
  adoptedOn: string;
  visibility: GovVisibility;
  /** The current version's number. */
  version: number;
  /** The version asked for (the current one unless another was). */
  shown: ResolutionVersion;
  /** Every version, newest first, without their text. */
  versions: { version: number; note: string | null; createdAt: string }[];
}

export interface ResolutionSummary {
  id: string;
  meetingId: string | null;
  kind: ResolutionKind;
  adoptedOn: string;
  version: number;
  title: LangMap;
}

export interface ResolutionInput {
  meetingId?: string | null;
  /** The vote that adopted it, at that meeting. */
  voteId?: string | null;
  kind: ResolutionKind;
  adoptedOn: string;
  visibility: GovVisibility;
  title: LangMap;
  body: LangMap;
}

/** Resolutions and declarations the actor may see, of an alliance or of one meeting; latest adopted first. */
export async function listResolutions(db: Db, actor: Actor, filter: { allianceId?: string; meetingId?: string }): Promise<ResolutionSummary[]> {
  const rows = await repo.listResolutions(db, { ...filter, visibilities: readableVisibilities(actor) });
  return rows.map((r) => ({ id: r.id, meetingId: r.meeting_id, kind: r.kind as ResolutionKind, adoptedOn: r.adopted_on, version: Number(r.version), title: JSON.parse(r.title) as LangMap }));
}

/** One resolution in its current version, or an earlier one (which stays visible and citable). */
export async function getResolution(db: Db, actor: Actor, id: string, version?: number): Promise<Resolution> {
  const row = await repo.findResolution(db, id);
  if (!row || !readableVisibilities(actor).includes(row.visibility as GovVisibility)) throw new AppError('NOT_FOUND', `No resolution "${id}"`);
  const versions = await repo.versions(db, id);
  const want = version ?? Number(row.version);
  const shown = versions.find((v) => Number(v.version) === want);
  if (!shown) throw new AppError('VERSION_NOT_FOUND', `Resolution "${id}" has no version ${want}`);
  return {
    id: row.id,
    allianceId: row.alliance_id,
    meetingId: row.meeting_id,
    kind: row.kind as ResolutionKind,
    adoptedOn: row.adopted_on,
    visibility: row.visibility as GovVisibility,
    version: Number(row.version),
    shown: { version: Number(shown.version), title: JSON.parse(shown.title) as LangMap, body: JSON.parse(shown.body) as LangMap, note: shown.note, createdAt: shown.created_at },
    versions: versions.map((v) => ({ version: Number(v.version), note: v.note, createdAt: v.created_at })),
  };
}

/** Publishes a resolution or declaration adopted at a meeting (the secretariat); version 1. */
export async function createResolution(db: Db, actor: Actor, allianceId: string, input: ResolutionInput): Promise<Resolution> {
  requireSecretariat(actor);
  await getAlliance(db, allianceId);
  const problems: FieldProblem[] = [];
  if (!RESOLUTION_KINDS.includes(input.kind)) problems.push({ field: '/kind', message: 'resolution or declaration' });
  if (!GOV_VISIBILITIES.includes(input.visibility)) problems.push({ field: '/visibility', message: 'public or members' });
  if (!isCalendarDate(input.adoptedOn)) problems.push({ field: '/adoptedOn', message: 'a date written YYYY-MM-DD' });
  const text = cleanText(input, problems);
  if (input.meetingId) {
    const meeting = await repo.findMeeting(db, input.meetingId);
    if (!meeting || meeting.alliance_id !== allianceId) problems.push({ field: '/meetingId', message: 'not a meeting of this alliance' });
  }
  if (input.voteId) {
    const vote = await repo.findVote(db, input.voteId);
    if (!vote || vote.meeting_id !== input.meetingId) problems.push({ field: '/voteId', message: 'not a vote of that meeting' });
    else if (vote.result !== 'adopted') problems.push({ field: '/voteId', message: 'that vote did not carry' });
    else if (vote.resolution_id) problems.push({ field: '/voteId', message: 'that vote adopted another resolution' });
  }
  if (problems.length) throw validationError(problems, 'resolution');
  const id = newId('res');
  const now = nowIso();
  await inTransaction(db, async (trx) => {
    await repo.insertResolution(trx, { id, alliance_id: allianceId, meeting_id: input.meetingId ?? null, kind: input.kind, adopted_on: input.adoptedOn, visibility: input.visibility, version: 1, created_at: now });
    await repo.insertVersion(trx, { resolution_id: id, version: 1, title: JSON.stringify(text.title), body: JSON.stringify(text.body), note: null, created_by: actor.kind === 'user' ? actor.email : null, created_at: now });
    if (input.voteId) await repo.linkVote(trx, input.voteId, id);
  });
  return getResolution(db, actor, id);
}

/**
 * Publishes a new version of a resolution's text (a corrected translation, an amendment); the
 * earlier versions remain. `expectedVersion` guards against two editors overwriting each other.
 */
export async function reviseResolution(db: Db, actor: Actor, id: string, input: { title: LangMap; body: LangMap; note: string; expectedVersion: number }): Promise<Resolution> {
  requireSecretariat(actor);
  const row = await repo.findResolution(db, id);
  if (!row) throw new AppError('NOT_FOUND', `No resolution "${id}"`);
  const problems: FieldProblem[] = [];
  const text = cleanText(input, problems);
  const note = input.note.trim();
  if (!note || note.length > 1000) problems.push({ field: '/note', message: 'say what changed (1 to 1,000 characters)' });
  if (problems.length) throw validationError(problems, 'resolution version');
  const current = Number(row.version);
  await inTransaction(db, async (trx) => {
    if (current !== input.expectedVersion || !(await repo.bumpResolution(trx, id, current))) {
      throw new AppError('STALE_VERSION', `Resolution "${id}" is at version ${current}, not ${input.expectedVersion}`, { currentVersion: current });
    }
    await repo.insertVersion(trx, { resolution_id: id, version: current + 1, title: JSON.stringify(text.title), body: JSON.stringify(text.body), note, created_by: actor.kind === 'user' ? actor.email : null, created_at: nowIso() });
  });
  return getResolution(db, actor, id);
}

function cleanText(input: { title: LangMap; body: LangMap }, problems: FieldProblem[]) {
  const title = canonicalLangMap(input.title, '/title', problems);
  const body = canonicalLangMap(input.body, '/body', problems);
  if (!Object.keys(title).length) problems.push({ field: '/title', message: 'needs a title in at least one language' });
  if (!Object.keys(body).length) problems.push({ field: '/body', message: 'needs the text in at least one language' });
  return { title, body };
}
