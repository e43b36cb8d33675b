import type { Db } from '../../db/database';
import { AppError, validationError, type FieldProblem } from '../../shared/errors';
import { newId, nowIso } from '../../shared/ids';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import { notify, secretariatUserIds, type NotifyDelivery } from '../notifications/notification.service';
import { allianceRepository as repo } from './alliance.repository';
import { checkMember, getAlliance, membersOn, recordMembershipEvent, type MemberRef } from './alliance.service';
import { actionParty, APPLICATION_ACTIONS, DECIDING_BODIES, nextStatus, type ApplicationAction, type ApplicationStatus, type DecidingBody } from './application.flow';
import type { ApplicationRow } from './governance.table';
import { isCalendarDate, memberKey } from './membership.history';
import { inTransaction } from './governance.tx';

export interface Application {
  id: string;
  allianceId: string;
  member: MemberRef;
  tierId: string;
  statement: string;
  status: ApplicationStatus;
  decidedBy: DecidingBody | null;
  decidedOn: string | null;
  createdAt: string;
  updatedAt: string;
  steps: { status: ApplicationStatus; note: string | null; at: string }[];
  /** True when the reader filed it (and may answer or withdraw). */
  yours: boolean;
}

export interface ApplyInput {
  member: MemberRef;
  tierId: string;
  statement: string;
}

/**
 * Applies to join an alliance: for an institution, one of its institution admins; for a state,
 * any signed-in person acting as its representative. The secretariat is notified.
 */
export async function applyToJoin(db: Db, actor: Actor, allianceId: string, input: ApplyInput, delivery?: NotifyDelivery): Promise<Application> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to apply');
  const alliance = await getAlliance(db, allianceId);
  const problems: FieldProblem[] = [];
  await checkMember(db, alliance, input.member, problems);
  if (input.member.kind === 'institution' && !actor.isAdmin && !can(actor, 'manage', { institutionId: input.member.institutionId })) {
    problems.push({ field: '/member/institutionId', message: 'only an administrator of the institution may apply for it' });
  }
  const tier = alliance.tiers.find((t) => t.id === input.tierId);
  if (!tier) problems.push({ field: '/tierId', message: 'is not a tier of this alliance' });
  else if (tier.appliesTo !== input.member.kind) problems.push({ field: '/tierId', message: `is a tier for ${tier.appliesTo}s` });
  const statement = input.statement.trim();
  if (statement.length < 20) problems.push({ field: '/statement', message: 'say in a few sentences why you apply (at least 20 characters)' });
  if (statement.length > 10_000) problems.push({ field: '/statement', message: 'at most 10,000 characters' });
  if (problems.length) throw validationError(problems, 'application');
  const key = memberKey(input.member);
  if ((await membersOn(db, allianceId)).some((m) => m.key === key)) throw new AppError('CONFLICT', 'Already a member of this alliance', { problems: [{ field: '/member', message: 'is a member already' }] });
  if (await repo.openApplicationFor(db, allianceId, key)) throw new AppError('CONFLICT', 'An application for this member is already open', { problems: [{ field: '/member', message: 'has an open application' }] });
  const now = nowIso();
  const id = newId('ap');
  await repo.insertApplication(db, {
    id,
    alliance_id: allianceId,
    applicant_user_id: actor.userId,
    member_key: key,
    institution_id: input.member.kind === 'institution' ? input.member.institutionId : null,
    country: input.member.kind === 'state' ? input.member.country : null,
    tier_id: input.tierId,
    statement,
    status: 'submitted',
    decided_by: null,
    decided_on: null,
    created_at: now,
    updated_at: now,
  });
  await repo.insertStep(db, { id: newId('as'), application_id: id, status: 'submitted', note: null, by_user: actor.email, at: now });
  await notify(db, { userIds: await secretariatUserIds(db), kind: 'application.submitted', link: applicationLink(id), message: { key: 'gov.notify.applied' } }, delivery);
  return getApplication(db, actor, id);
}

/** One application: to its applicant and the secretariat; anyone else gets 404. */
export async function getApplication(db: Db, actor: Actor, id: string): Promise<Application> {
  const row = await repo.findApplication(db, id);
  if (!row || !mayRead(actor, row)) throw new AppError('NOT_FOUND', `No application "${id}"`);
  return toApplication(row, await repo.steps(db, id), actor);
}

/** Applications the actor may see: all (optionally open ones only) for the secretariat, their own for others. */
export async function listApplications(db: Db, actor: Actor, filter: { allianceId?: string; open?: boolean } = {}): Promise<Application[]> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to see applications');
  const rows = await repo.listApplications(db, { ...filter, applicantUserId: can(actor, 'read', 'alliance') ? undefined : actor.userId });
  return rows.map((r) => toApplication(r, [], actor));
}

export interface ApplicationActionInput {
  action: ApplicationAction;
  note?: string | null;
  /** For `admit` and `reject`: the body that decided, and when. */
  decidedBy?: DecidingBody | null;
  decidedOn?: string | null;
}

/**
 * Moves an application on: the secretariat reviews, asks for information, refers it to the
 * council or assembly, records the decision; the applicant answers or withdraws. Admission
 * records the member's joining (in the tier applied for, on the decision date). Each step
 * notifies the other party.
 */
export async function actOnApplication(db: Db, actor: Actor, id: string, input: ApplicationActionInput, delivery?: NotifyDelivery): Promise<Application> {
  const current = await getApplication(db, actor, id);
  const row = (await repo.findApplication(db, id))!;
  const by = actionParty(input.action);
  if (!by) throw validationError([{ field: '/action', message: `one of ${APPLICATION_ACTIONS.join(', ')}` }], 'application step');
  if (by === 'applicant' && !current.yours) throw new AppError('FORBIDDEN', 'Only the applicant may do this');
  if (by === 'secretariat' && !can(actor, 'manage', 'alliance')) throw new AppError('FORBIDDEN', 'Only the alliance secretariat may do this');
  const to = nextStatus(current.status, input.action, by);
  if (!to) throw new AppError('CONFLICT', `An application that is ${current.status} cannot be given "${input.action}"`);
  const problems: FieldProblem[] = [];
  const note = input.note?.trim() || null;
  if ((input.action === 'request-information' || input.action === 'respond') && !note) problems.push({ field: '/note', message: 'say what is asked or answered' });
  if (note && note.length > 10_000) problems.push({ field: '/note', message: 'at most 10,000 characters' });
  const deciding = input.action === 'admit' || input.action === 'reject';
  if (deciding && (!input.decidedBy || !DECIDING_BODIES.includes(input.decidedBy))) problems.push({ field: '/decidedBy', message: `one of ${DECIDING_BODIES.join(', ')}` });
  if (deciding && (!input.decidedOn || !isCalendarDate(input.decidedOn))) problems.push({ field: '/decidedOn', message: 'a date written YYYY-MM-DD' });
  if (problems.length) throw validationError(problems, 'application step');
  const now = nowIso();
  await inTransaction(db, async (trx) => {
    const moved = await repo.moveApplication(trx, id, current.status, { status: to, updated_at: now, ...(deciding ? { decided_by: input.decidedBy, decided_on: input.decidedOn } : {}) });
    if (!moved) throw new AppError('CONFLICT', 'The application was changed meanwhile; reload it');
    await repo.insertStep(trx, { id: newId('as'), application_id: id, status: to, note, by_user: actor.kind === 'user' ? actor.email : null, at: now });
    if (to === 'admitted') await recordMembershipEvent(trx, actor, current.allianceId, { member: current.member, event: 'joined', tierId: current.tierId, effectiveOn: input.decidedOn!, note: `Application ${id}` });
    const userIds = by === 'secretariat' ? [row.applicant_user_id] : await secretariatUserIds(trx);
    const key: MessageKey = by === 'secretariat' ? NOTICE[to] : to === 'withdrawn' ? 'gov.notify.withdrawn' : 'gov.notify.responded';
    await notify(trx, { userIds, kind: 'application.status', link: applicationLink(id), message: { key } }, delivery);
  });
  return getApplication(db, actor, id);
}

/** The page of an application. */
export function applicationLink(id: string): string {
  return `/alliance/applications/${encodeURIComponent(id)}`;
}

function mayRead(actor: Actor, row: ApplicationRow): boolean {
  return actor.kind === 'user' && (actor.userId === row.applicant_user_id || can(actor, 'read', 'alliance'));
}

const NOTICE: Record<ApplicationStatus, MessageKey> = {
  submitted: 'gov.notify.applied',
  'under-review': 'gov.notify.underReview',
  'information-requested': 'gov.notify.informationRequested',
  referred: 'gov.notify.referred',
  admitted: 'gov.notify.admitted',
  rejected: 'gov.notify.rejected',
  withdrawn: 'gov.notify.withdrawn',
};

function toApplication(row: ApplicationRow, steps: { status: string; note: string | null; at: string }[], actor: Actor): Application {
  return {
    id: row.id,
    allianceId: row.alliance_id,
    member: row.institution_id ? { kind: 'institution', institutionId: row.institution_id } : { kind: 'state', country: row.country ?? '' },
    tierId: row.tier_id,
    statement: row.statement,
    status: row.status as ApplicationStatus,
    decidedBy: row.decided_by as DecidingBody | null,
    decidedOn: row.decided_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    steps: steps.map((s) => ({ status: s.status as ApplicationStatus, note: s.note, at: s.at })),
    yours: actor.kind === 'user' && actor.userId === row.applicant_user_id,
  };
}
