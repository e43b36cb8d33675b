import { AppError } from '../../shared/errors';
import type { LangMap } from '../../shared/lang-map';
import { newId, nowIso } from '../../shared/ids';
import type { Actor } from '../accounts/actor';
import { audit } from '../audit/audit.service';
import { getInstitution } from '../institutions/institution.service';
import { inTransaction, type Store } from '../records/record.store';
import type { TrainingCallRow } from './people.table';
import { byOf, Checks, isStaffOf, langMapOf, notFound, readableLevels, requireMember, requireUser, staffInstitutions, todayUtc, VISIBILITIES, type Visibility } from './people.rules';
import { trainingRepository as repo, type ApplicationWithUser } from './training.repository';

export const CALL_KINDS = ['training', 'exchange'] as const;
export type CallKind = (typeof CALL_KINDS)[number];
export type ApplicationStatus = 'submitted' | 'selected' | 'declined' | 'withdrawn';

/** A training programme or exchange call as its reader may see it. */
export interface TrainingCall {
  id: string;
  institutionId: string;
  kind: CallKind;
  title: LangMap;
  summary: LangMap;
  location: string | null;
  places: number;
  deadline: string;
  startsOn: string | null;
  endsOn: string | null;
  visibility: Visibility;
  /** Applications are taken until the deadline (inclusive) unless staff closed the call. */
  open: boolean;
  /** The actor runs this call (its institution's curators and admins, or the secretariat). */
  manageable: boolean;
}

export interface Application {
  id: string;
  callId: string;
  userId: string;
  applicant: string;
  email: string;
  statement: string;
  status: ApplicationStatus;
  outcome: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/** A call with what the actor may see around it: every application for its staff, one's own for an applicant. */
export interface CallDetail {
  call: TrainingCall;
  mine: Application | null;
  applications: Application[] | null;
  selectedCount: number;
}

/** Calls the actor may read (public ones; members-only ones for members; all of their institutions' for staff). */
export async function listCalls(store: Store, actor: Actor, filter: { kind?: string; institutionId?: string; open?: boolean } = {}): Promise<TrainingCall[]> {
  const rows = await repo.listCalls(store.db, { levels: readableLevels(actor), staffOf: staffInstitutions(actor), kind: filter.kind || undefined, institutionId: filter.institutionId || undefined, openOn: filter.open ? todayUtc() : undefined });
  return rows.map((r) => toCall(r, actor));
}

/** One call with its applications as the actor may see them; NOT_FOUND when hidden. */
export async function getCall(store: Store, actor: Actor, id: string): Promise<CallDetail> {
  const call = toCall(await visibleCall(store, actor, id), actor);
  const mine = actor.kind === 'user' ? await repo.findApplicationOf(store.db, id, actor.userId) : undefined;
  const applications = call.manageable ? (await repo.listApplications(store.db, id)).map(toApplication) : null;
  return { call, mine: mine ? toApplication(mine) : null, applications, selectedCount: await repo.countSelected(store.db, id) };
}

/** Publishes a call for an institution (its curators and admins, or the secretariat). */
export async function createCall(store: Store, actor: Actor, input: Record<string, unknown>): Promise<TrainingCall> {
  const user = requireUser(actor, 'publish a call');
  const c = new Checks();
  const institutionId = c.text(input.institutionId, 'institutionId', { required: true, max: 128 });
  const kind = c.oneOf(input.kind, CALL_KINDS, 'kind');
  const title = c.langMap(input.title, 'title', { required: true, max: 300 });
  const summary = c.langMap(input.summary, 'summary', { max: 10000 });
  const location = c.text(input.location, 'location', { max: 300 });
  const places = Number(input.places ?? 1);
  if (!Number.isInteger(places) || places < 1 || places > 1000) c.fail('places', 'must be a whole number from 1 to 1000');
  const deadline = c.date(input.deadline, 'deadline', { required: true });
  const startsOn = c.date(input.startsOn, 'startsOn');
  const endsOn = c.date(input.endsOn, 'endsOn');
  if (startsOn && endsOn && endsOn < startsOn) c.fail('endsOn', 'is before startsOn');
  const visibility = c.oneOf(input.visibility, VISIBILITIES, 'visibility', 'public');
  c.throwIfAny('call');
  if (!isStaffOf(user, institutionId)) throw new AppError('FORBIDDEN', `You may not publish calls for institution "${institutionId}"`);
  await getInstitution(store.db, institutionId!);
  const now = nowIso();
  const row: TrainingCallRow = { id: newId('tc'), institution_id: institutionId!, kind, title: JSON.stringify(title), summary: JSON.stringify(summary), location, places, deadline: deadline!, starts_on: startsOn, ends_on: endsOn, visibility, closed_at: null, created_by: byOf(user), created_at: now, updated_at: now };
  await repo.insertCall(store.db, row);
  await audit(store.db, actor, [{ action: 'people.training.call.create', targetType: 'training_call', targetId: row.id, institutionId: row.institution_id }]);
  return toCall(row, actor);
}

/** The call's staff change its texts, dates, places or visibility; places never fall below those already filled. */
export async function updateCall(store: Store, actor: Actor, id: string, input: Record<string, unknown>): Promise<TrainingCall> {
  return inTransaction(store, async (trx) => {
    const row = await managedCall(trx, actor, id);
    const c = new Checks();
    const has = (k: string) => input[k] !== undefined;
    const title = has('title') ? c.langMap(input.title, 'title', { required: true, max: 300 }) : langMapOf(row.title);
    const summary = has('summary') ? c.langMap(input.summary, 'summary', { max: 10000 }) : langMapOf(row.summary);
    const location = has('location') ? c.text(input.location, 'location', { max: 300 }) : row.location;
    const places = has('places') ? Number(input.places) : Number(row.places);
    if (!Number.isInteger(places) || places < 1 || places > 1000) c.fail('places', 'must be a whole number from 1 to 1000');
    const deadline = has('deadline') ? c.date(input.deadline, 'deadline', { required: true }) : row.deadline;
    const startsOn = has('startsOn') ? c.date(input.startsOn, 'startsOn') : row.starts_on;
    const endsOn = has('endsOn') ? c.date(input.endsOn, 'endsOn') : row.ends_on;
    if (startsOn && endsOn && endsOn < startsOn) c.fail('endsOn', 'is before startsOn');
    const visibility = has('visibility') ? c.oneOf(input.visibility, VISIBILITIES, 'visibility') : row.visibility;
    c.throwIfAny('call');
    const taken = await repo.countSelected(trx.db, id);
    if (places < taken) throw new AppError('CONFLICT', `${taken} places of this call are filled already`, { problems: [{ field: 'places', message: `is below the ${taken} places already filled` }] });
    const patch = { title: JSON.stringify(title), summary: JSON.stringify(summary), location, places, deadline: deadline!, starts_on: startsOn, ends_on: endsOn, visibility, updated_at: nowIso() };
    await repo.updateCall(trx.db, id, patch);
    await audit(trx.db, actor, [{ action: 'people.training.call.update', targetType: 'training_call', targetId: id, institutionId: row.institution_id }]);
    return toCall({ ...row, ...patch }, actor);
  });
}

/** Stops taking applications before the deadline (the call's staff). */
export async function closeCall(store: Store, actor: Actor, id: string): Promise<TrainingCall> {
  const row = await managedCall(store, actor, id);
  const now = nowIso();
  if (!row.closed_at) await repo.closeCall(store.db, id, now);
  await audit(store.db, actor, [{ action: 'people.training.call.close', targetType: 'training_call', targetId: id, institutionId: row.institution_id }]);
  return toCall({ ...row, closed_at: row.closed_at ?? now }, actor);
}

/** A member applies to an open call they may see, once. */
export async function applyToCall(store: Store, actor: Actor, callId: string, input: { statement?: unknown }): Promise<Application> {
  const user = requireMember(actor, 'apply to a call');
  const row = await visibleCall(store, actor, callId);
  if (!isOpen(row)) throw new AppError('CONFLICT', 'This call no longer takes applications', { problems: [{ field: 'deadline', message: 'has passed or the call is closed' }] });
  const c = new Checks();
  const statement = c.text(input.statement, 'statement', { required: true, max: 5000 });
  c.throwIfAny('application');
  if (await repo.findApplicationOf(store.db, callId, user.userId)) throw new AppError('ALREADY_EXISTS', 'You have applied to this call already');
  const now = nowIso();
  const id = newId('ta');
  await repo.insertApplication(store.db, { id, call_id: callId, user_id: user.userId, statement: statement!, status: 'submitted', outcome: null, decided_by: null, decided_at: null, created_at: now, updated_at: now });
  await audit(store.db, actor, [{ action: 'people.training.apply', targetType: 'training_application', targetId: id, institutionId: row.institution_id }]);
  return toApplication((await repo.findApplication(store.db, id))!);
}

/** The call an application belongs to, for its applicant and the call's staff; NOT_FOUND otherwise. */
export async function callOfApplication(store: Store, actor: Actor, id: string): Promise<string> {
  const app = await repo.findApplication(store.db, id);
  const call = app ? await repo.findCall(store.db, app.call_id) : undefined;
  if (!app || !call || actor.kind !== 'user' || (app.user_id !== actor.userId && !isStaffOf(actor, call.institution_id))) throw notFound('application', id);
  return call.id;
}

/** The applicant withdraws an application that has not been decided. */
export async function withdrawApplication(store: Store, actor: Actor, id: string): Promise<Application> {
  const user = requireUser(actor, 'withdraw an application');
  const app = await repo.findApplication(store.db, id);
  if (!app || app.user_id !== user.userId) throw notFound('application', id);
  if (app.status !== 'submitted') throw new AppError('CONFLICT', `This application is ${app.status} already`);
  await repo.updateApplication(store.db, id, { status: 'withdrawn', updated_at: nowIso() });
  return toApplication((await repo.findApplication(store.db, id))!);
}

/** The call's staff select or decline an application; selections never exceed the call's places. */
export async function decideApplication(store: Store, actor: Actor, id: string, decision: unknown): Promise<Application> {
  const c = new Checks();
  const status = c.oneOf(decision, ['selected', 'declined'] as const, 'decision');
  c.throwIfAny('decision');
  return inTransaction(store, async (trx) => {
    const app = await repo.findApplication(trx.db, id);
    if (!app) throw notFound('application', id);
    const call = await repo.findCall(trx.db, app.call_id);
    if (!call || !isStaffOf(actor, call.institution_id)) throw notFound('application', id);
    if (app.status === 'withdrawn') throw new AppError('CONFLICT', 'The applicant has withdrawn this application');
    if (status === 'selected' && app.status !== 'selected' && (await repo.countSelected(trx.db, call.id)) >= call.places) {
      throw new AppError('CONFLICT', `All ${call.places} places of this call are taken`, { problems: [{ field: 'decision', message: 'no place is left' }] });
    }
    const now = nowIso();
    await repo.updateApplication(trx.db, id, { status, decided_by: actor.kind === 'user' ? actor.userId : null, decided_at: now, updated_at: now });
    await audit(trx.db, actor, [{ action: `people.training.${status === 'selected' ? 'select' : 'decline'}`, targetType: 'training_application', targetId: id, institutionId: call.institution_id }]);
    return toApplication((await repo.findApplication(trx.db, id))!);
  });
}

/** A selected participant (or the call's staff) records what came of the programme. */
export async function recordOutcome(store: Store, actor: Actor, id: string, outcome: unknown): Promise<Application> {
  const user = requireUser(actor, 'record an outcome');
  const app = await repo.findApplication(store.db, id);
  const call = app ? await repo.findCall(store.db, app.call_id) : undefined;
  if (!app || !call || (app.user_id !== user.userId && !isStaffOf(actor, call.institution_id))) throw notFound('application', id);
  if (app.status !== 'selected') throw new AppError('CONFLICT', 'Only a selected participant has an outcome to record');
  const c = new Checks();
  const text = c.text(outcome, 'outcome', { required: true, max: 5000 });
  c.throwIfAny('outcome');
  await repo.updateApplication(store.db, id, { outcome: text, updated_at: nowIso() });
  return toApplication((await repo.findApplication(store.db, id))!);
}

async function visibleCall(store: Store, actor: Actor, id: string): Promise<TrainingCallRow> {
  const row = await repo.findCall(store.db, id);
  if (!row) throw notFound('call', id);
  if (readableLevels(actor).includes(row.visibility) || isStaffOf(actor, row.institution_id)) return row;
  throw notFound('call', id);
}

async function managedCall(store: Store, actor: Actor, id: string): Promise<TrainingCallRow> {
  const row = await visibleCall(store, actor, id);
  if (!isStaffOf(actor, row.institution_id)) throw new AppError('FORBIDDEN', 'Only the call’s institution staff or the secretariat may do this');
  return row;
}

function isOpen(r: TrainingCallRow): boolean {
  return !r.closed_at && r.deadline >= todayUtc();
}

function toCall(r: TrainingCallRow, actor: Actor): TrainingCall {
  return {
    id: r.id,
    institutionId: r.institution_id,
    kind: r.kind,
    title: langMapOf(r.title),
    summary: langMapOf(r.summary),
    location: r.location,
    places: Number(r.places),
    deadline: r.deadline,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    visibility: r.visibility,
    open: isOpen(r),
    manageable: isStaffOf(actor, r.institution_id),
  };
}

function toApplication(r: ApplicationWithUser): Application {
  return { id: r.id, callId: r.call_id, userId: r.user_id, applicant: r.user_name || r.email, email: r.email, statement: r.statement, status: r.status, outcome: r.outcome, decidedAt: r.decided_at, createdAt: r.created_at };
}
