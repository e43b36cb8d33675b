import type { Db } from '../../db/database';
import { AppError, type FieldProblem } from '../../shared/errors';
import { ID_REGEX, newId, nowIso } from '../../shared/ids';
import type { LangMap } from '../../shared/lang-map';
import { staffOf, type Actor } from '../accounts/actor';
import { hasScope } from '../accounts/policy';
import { audit } from '../audit/audit.service';
import { needRepository as repo, type NeedFilter, type NeedListRow } from './need.repository';
import { NEED_KINDS, NEED_VISIBILITIES, type NeedKind, type PledgeStatus } from './need.table';
import { mayEditProject } from './project.policy';
import { visibleProject } from './project.service';
import { assertValid, dateField, enumField, langMapField, textField } from './project.validate';

/** The unit of a need that is not funds (funds are counted in an ISO 4217 currency). */
export const NEED_UNITS: Record<Exclude<NeedKind, 'funds'>, string> = { experts: 'persons', equipment: 'items', training: 'places' };

export interface Pledge {
  id: string;
  institutionId: string;
  institutionName: LangMap | null;
  quantity: number;
  note: string;
  status: PledgeStatus;
  createdAt: string;
  /** The actor may withdraw it (its institution's staff) or accept it (the asking side). */
  canWithdraw: boolean;
  canAccept: boolean;
}

/** A need with what is covered and what is still open. */
export interface Need {
  id: string;
  institutionId: string;
  projectId: string | null;
  projectTitle: LangMap | null;
  kind: NeedKind;
  title: LangMap;
  description: LangMap;
  skill: string | null;
  quantity: number;
  unit: string;
  pledged: number;
  remaining: number;
  status: 'open' | 'closed';
  visibility: 'public' | 'members';
  dueDate: string | null;
  createdAt: string;
  canEdit: boolean;
  canPledge: boolean;
  /** All pledges for the asking side and the secretariat; a pledging member sees its own. */
  pledges: Pledge[];
}

export interface NeedInput {
  institutionId?: string;
  projectId?: string | null;
  kind: NeedKind;
  title: LangMap;
  description?: LangMap;
  skill?: string | null;
  quantity: number;
  /** For funds: an ISO 4217 currency code. */
  currency?: string;
  visibility?: 'public' | 'members';
  dueDate?: string | null;
}

/** Needs the actor may see (open ones by default); the secretariat sees every need of the alliance. */
export async function listNeeds(db: Db, actor: Actor, f: NeedFilter & { limit?: number; offset?: number }): Promise<{ total: number; items: Need[] }> {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const { rows, total } = await repo.list(db, actor, { status: 'open', ...f }, { limit, offset: Math.max(f.offset ?? 0, 0) });
  return { total, items: await Promise.all(rows.map((r) => toNeed(db, actor, r, false))) };
}

/** One need the actor may see, with its pledges as the actor may see them; NOT_FOUND otherwise. */
export async function getNeed(db: Db, actor: Actor, id: string): Promise<Need> {
  return toNeed(db, actor, await visibleNeed(db, actor, id), true);
}

/** Publishes a need for a project (its partners' staff) or for an institution (its staff). */
export async function createNeed(db: Db, actor: Actor, input: NeedInput): Promise<Need> {
  const user = requireUser(actor);
  const problems: FieldProblem[] = [];
  let institutionId = typeof input?.institutionId === 'string' ? input.institutionId : '';
  let projectId: string | null = null;
  if (typeof input?.projectId === 'string' && input.projectId) {
    const { row, facts } = await visibleProject(db, actor, input.projectId);
    if (!mayEditProject(actor, facts)) throw new AppError('FORBIDDEN', 'Only the partners of this project may publish its needs');
    projectId = row.id;
    institutionId = row.owner_institution_id;
  } else {
    institutionId ||= staffOf(actor)[0] ?? '';
    if (!user.isAdmin && !staffOf(actor).includes(institutionId)) problems.push({ field: 'institutionId', message: 'is not an institution you are staff of' });
    else if (!(await db.selectFrom('institution').select('id').where('id', '=', institutionId).executeTakeFirst())) problems.push({ field: 'institutionId', message: 'is not an institution of the alliance' });
  }
  const fields = needFields(input, problems);
  assertValid(problems, 'need');
  const now = nowIso();
  const id = newId('need');
  await repo.insert(db, { id, institution_id: institutionId, project_id: projectId, ...fields, status: 'open', created_by: user.userId === 'system' ? null : user.userId, created_at: now, updated_at: now });
  await audit(db, actor, [{ action: 'need.create', targetType: 'need', targetId: id, institutionId, detail: { kind: fields.kind, projectId } }]);
  return getNeed(db, actor, id);
}

/** Closes or reopens a need (the asking side). */
export async function setNeedStatus(db: Db, actor: Actor, id: string, status: 'open' | 'closed'): Promise<Need> {
  const need = await getNeed(db, actor, id);
  requireUser(actor);
  if (!need.canEdit) throw new AppError('FORBIDDEN', 'Only the institution asking may close or reopen this need');
  await repo.update(db, id, { status, updated_at: nowIso() });
  await audit(db, actor, [{ action: `need.${status === 'open' ? 'reopen' : 'close'}`, targetType: 'need', targetId: id, institutionId: need.institutionId }]);
  return getNeed(db, actor, id);
}

/** Pledges part of an open need for an institution the actor is staff of; at most what is still open. */
export async function pledge(db: Db, actor: Actor, needId: string, input: { institutionId?: string; quantity: number; note?: string }): Promise<Need> {
  const user = requireUser(actor);
  const need = await toNeed(db, actor, await visibleNeed(db, actor, needId), false);
  const problems: FieldProblem[] = [];
  const own = staffOf(actor);
  const institutionId = typeof input?.institutionId === 'string' && input.institutionId ? input.institutionId : own[0] ?? '';
  if (!own.includes(institutionId) && !(user.isAdmin && institutionId)) problems.push({ field: 'institutionId', message: 'is not an institution you are staff of' });
  if (need.status !== 'open') throw new AppError('CONFLICT', 'This need is closed');
  const quantity = Number(input?.quantity);
  if (!Number.isFinite(quantity) || quantity <= 0) problems.push({ field: 'quantity', message: 'must be a number above 0' });
  else if (quantity > need.remaining) problems.push({ field: 'quantity', message: need.remaining > 0 ? `is more than the ${need.remaining} still open` : 'this need is fully covered' });
  else if (need.kind !== 'funds' && !Number.isInteger(quantity)) problems.push({ field: 'quantity', message: 'must be a whole number' });
  const note = textField(input?.note, 'note', problems, { max: 2000, multiline: true });
  assertValid(problems, 'pledge');
  const id = newId('plg');
  await repo.insertPledge(db, { id, need_id: needId, institution_id: institutionId, user_id: user.userId === 'system' ? null : user.userId, quantity, note, status: 'offered', created_at: nowIso() });
  await audit(db, actor, [{ action: 'need.pledge', targetType: 'need', targetId: needId, institutionId, detail: { pledgeId: id, quantity } }]);
  return getNeed(db, actor, needId);
}

/** Withdraws a pledge (its institution's staff) or accepts it (the asking side). */
export async function setPledgeStatus(db: Db, actor: Actor, needId: string, pledgeId: string, status: 'accepted' | 'withdrawn'): Promise<Need> {
  requireUser(actor);
  const need = await getNeed(db, actor, needId);
  const p = need.pledges.find((x) => x.id === pledgeId);
  if (!p) throw new AppError('NOT_FOUND', `No pledge "${pledgeId}" on this need`);
  if (status === 'withdrawn' ? !p.canWithdraw : !p.canAccept) throw new AppError('FORBIDDEN', status === 'withdrawn' ? 'Only the pledging institution may withdraw its pledge' : 'Only the institution asking may accept a pledge');
  await repo.setPledgeStatus(db, needId, pledgeId, status);
  await audit(db, actor, [{ action: `need.pledge.${status}`, targetType: 'need', targetId: needId, institutionId: p.institutionId, detail: { pledgeId } }]);
  return getNeed(db, actor, needId);
}

async function visibleNeed(db: Db, actor: Actor, id: string): Promise<NeedListRow> {
  const row = ID_REGEX.test(id) ? await repo.findVisible(db, actor, id) : undefined;
  if (!row) throw new AppError('NOT_FOUND', `No need "${id}"`);
  return row;
}

function needFields(input: NeedInput, problems: FieldProblem[]) {
  const kind = enumField(input?.kind, NEED_KINDS, 'kind', problems);
  const quantity = Number(input?.quantity);
  if (!Number.isFinite(quantity) || quantity <= 0 || quantity > 1e12) problems.push({ field: 'quantity', message: 'must be a number above 0' });
  else if (kind !== 'funds' && !Number.isInteger(quantity)) problems.push({ field: 'quantity', message: 'must be a whole number' });
  let unit: string = kind === 'funds' ? '' : NEED_UNITS[kind];
  if (kind === 'funds') {
    unit = typeof input?.currency === 'string' ? input.currency.trim().toUpperCase() : '';
    if (!/^[A-Z]{3}$/.test(unit) || !Intl.supportedValuesOf('currency').includes(unit)) problems.push({ field: 'currency', message: 'is not an ISO 4217 currency code (e.g. USD, EUR, CNY)' });
  }
  const due = dateField(input?.dueDate, 'dueDate', problems);
  return {
    kind,
    title: JSON.stringify(langMapField(input?.title, 'title', problems, { required: true, max: 300 })),
    description: JSON.stringify(langMapField(input?.description, 'description', problems, { max: 5000 })),
    skill: kind === 'experts' ? textField(input?.skill, 'skill', problems, { max: 200 }) || null : null,
    quantity,
    unit,
    visibility: enumField(input?.visibility, NEED_VISIBILITIES, 'visibility', problems, 'members'),
    due_date: due.value,
  };
}

function requireUser(actor: Actor): Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token to publish needs or pledge');
  if (!hasScope(actor, 'write')) throw new AppError('FORBIDDEN', 'Your token lacks the "write" scope');
  if (!actor.isAdmin && !staffOf(actor).length) throw new AppError('FORBIDDEN', 'Only staff of member institutions publish needs or pledge');
  return actor;
}

async function toNeed(db: Db, actor: Actor, r: NeedListRow, withPledges: boolean): Promise<Need> {
  const own = staffOf(actor);
  const admin = actor.kind === 'user' && actor.isAdmin;
  const writes = actor.kind === 'user' && hasScope(actor, 'write');
  let asking = admin || own.includes(r.institution_id);
  if (!asking && r.project_id && writes) asking = await visibleProject(db, actor, r.project_id).then(({ facts }) => mayEditProject(actor, facts), () => false);
  const pledges = withPledges
    ? (await repo.pledges(db, r.id))
        .filter((p) => asking || own.includes(p.institution_id))
        .map((p) => ({
          id: p.id,
          institutionId: p.institution_id,
          institutionName: p.institution_name ? JSON.parse(p.institution_name) : null,
          quantity: Number(p.quantity),
          note: p.note,
          status: p.status,
          createdAt: p.created_at,
          canWithdraw: writes && p.status !== 'withdrawn' && (admin || own.includes(p.institution_id)),
          canAccept: writes && asking && p.status === 'offered',
        }))
    : [];
  const remaining = Math.max(0, Math.round((r.quantity - r.pledged) * 100) / 100);
  return {
    id: r.id,
    institutionId: r.institution_id,
    projectId: r.project_id,
    projectTitle: r.project_title ? JSON.parse(r.project_title) : null,
    kind: r.kind,
    title: JSON.parse(r.title),
    description: JSON.parse(r.description),
    skill: r.skill,
    quantity: r.quantity,
    unit: r.unit,
    pledged: r.pledged,
    remaining,
    status: r.status,
    visibility: r.visibility,
    dueDate: r.due_date,
    createdAt: r.created_at,
    canEdit: writes && asking,
    canPledge: writes && r.status === 'open' && remaining > 0 && (admin || own.length > 0),
    pledges,
  };
}
