import type { Db } from '../../db/database';
import { AppError, validationError } from '../../shared/errors';
import { institutionRepository } from '../institutions/institution.repository';
import { audit } from '../audit/audit.service';
import { accountRepository as repo } from './account.repository';
import type { AppUserRow } from './account.table';
import { INSTITUTION_ROLES, type Actor, type InstitutionRole, type Membership } from './actor';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { can } from './policy';
import { endSessionsOf } from './session.service';

export interface UserSummary {
  id: string;
  email: string;
  name: string | null;
  isAdmin: boolean;
  disabled: boolean;
  memberships: Membership[];
  createdAt: string;
  lastLoginAt: string | null;
}

/**
 * Users the actor administers: every user for alliance admins; for institution admins, the staff
 * of their institutions (showing only those memberships). Others: FORBIDDEN.
 */
export async function listUsers(db: Db, actor: Actor, filter: { q?: string; institutionId?: string } = {}): Promise<UserSummary[]> {
  const scope = adminScope(actor);
  let q = db.selectFrom('app_user').selectAll().orderBy('email').limit(1000);
  if (filter.q) q = q.where('email', 'like', `%${filter.q.toLowerCase().replace(/[%_\\]/g, '')}%`);
  const institutions = scope === 'all' ? (filter.institutionId ? [filter.institutionId] : null) : filter.institutionId ? scope.filter((i) => i === filter.institutionId) : scope;
  if (institutions) {
    if (!institutions.length) return [];
    q = q.where('id', 'in', db.selectFrom('user_institution').select('user_id').where('institution_id', 'in', institutions));
  }
  const rows = await q.execute();
  const memberships = rows.length ? await db.selectFrom('user_institution').selectAll().where('user_id', 'in', rows.map((r) => r.id)).execute() : [];
  return rows.map((r) => toSummary(r, memberships.filter((m) => m.user_id === r.id && (scope === 'all' || scope.includes(m.institution_id)))));
}

/** One user as the actor may administer it; NOT_FOUND when outside the actor's reach. */
export async function getUser(db: Db, actor: Actor, id: string): Promise<UserSummary> {
  if (actor.kind === 'user' && actor.userId === id) return (await userById(db, id))!;
  const found = (await listUsers(db, actor)).find((u) => u.id === id);
  if (!found) throw new AppError('NOT_FOUND', `No user "${id}"`);
  return found;
}

/** Gives a user a role in an institution, or removes the membership (role null); audited with before and after. */
export async function setRole(db: Db, actor: Actor, input: { userId: string; institutionId: string; role: InstitutionRole | null }): Promise<UserSummary> {
  if (input.role && !INSTITUTION_ROLES.includes(input.role)) throw validationError([{ field: 'role', message: `must be one of ${INSTITUTION_ROLES.join(', ')}` }], 'role');
  if (!can(actor, 'manage', { institutionId: input.institutionId })) throw new AppError('FORBIDDEN', 'Only admins of this institution may change its staff\'s roles');
  const user = await repo.findUserById(db, input.userId);
  if (!user) throw new AppError('NOT_FOUND', `No user "${input.userId}"`);
  if (!(await institutionRepository.findById(db, input.institutionId))) throw validationError([{ field: 'institution', message: `no institution "${input.institutionId}"` }], 'role');
  const before = (await repo.membershipsOf(db, user.id)).find((m) => m.institution_id === input.institutionId)?.role ?? null;
  if (before === input.role) return getUser(db, actor, user.id);
  if (input.role) await repo.setMembership(db, user.id, input.institutionId, input.role);
  else await db.deleteFrom('user_institution').where('user_id', '=', user.id).where('institution_id', '=', input.institutionId).execute();
  await audit(db, actor, [{ action: 'user.role', targetType: 'user', targetId: user.id, institutionId: input.institutionId, detail: { email: user.email, before, after: input.role } }]);
  return getUser(db, actor, user.id);
}

/** Makes a user an alliance admin or not, or disables/enables the account: alliance admins only; audited. */
export async function updateUserFlags(db: Db, actor: Actor, id: string, input: { isAdmin?: boolean; disabled?: boolean }): Promise<UserSummary> {
  if (!can(actor, 'manage', 'alliance')) throw new AppError('FORBIDDEN', 'Only alliance admins may change this');
  const user = await repo.findUserById(db, id);
  if (!user) throw new AppError('NOT_FOUND', `No user "${id}"`);
  const self = actor.kind === 'user' && actor.userId === id;
  if (self && (input.isAdmin === false || input.disabled === true)) throw new AppError('CONFLICT', 'You cannot remove your own admin rights or disable your own account; ask another admin');
  const events = [];
  if (input.isAdmin !== undefined && input.isAdmin !== (user.is_admin === 1)) {
    await db.updateTable('app_user').set({ is_admin: input.isAdmin ? 1 : 0 }).where('id', '=', id).execute();
    events.push({ action: 'user.admin', targetType: 'user', targetId: id, detail: { email: user.email, before: user.is_admin === 1, after: input.isAdmin } });
  }
  if (input.disabled !== undefined && input.disabled !== !!user.disabled_at) {
    await db.updateTable('app_user').set({ disabled_at: input.disabled ? new Date().toISOString() : null }).where('id', '=', id).execute();
    if (input.disabled) await endSessionsOf(db, id);
    events.push({ action: input.disabled ? 'user.disable' : 'user.enable', targetType: 'user', targetId: id, detail: { email: user.email } });
  }
  await audit(db, actor, events);
  return getUser(db, actor, id);
}

/** Changes the actor's own password (the current one is asked again); signs out its other sessions. */
export async function changeOwnPassword(db: Db, actor: Actor, input: { current: string; next: string; keepSession?: string }): Promise<void> {
  if (actor.kind !== 'user' || actor.userId === 'system') throw new AppError('UNAUTHENTICATED', 'Sign in to change your password');
  const user = await repo.findUserById(db, actor.userId);
  if (!user?.password_hash || !(await verifyPassword(input.current, user.password_hash))) {
    await audit(db, actor, [{ action: 'auth.password.change-failed', targetType: 'user', targetId: actor.userId }]);
    throw validationError([{ field: 'current', message: 'is not your current password' }], 'password');
  }
  const problem = passwordProblem(input.next);
  if (problem) throw validationError([{ field: 'password', message: problem }], 'password');
  await db.updateTable('app_user').set({ password_hash: await hashPassword(input.next) }).where('id', '=', user.id).execute();
  await endSessionsOf(db, user.id, input.keepSession);
  await audit(db, actor, [{ action: 'auth.password.change', targetType: 'user', targetId: user.id }]);
}

/** Institutions whose staff the actor administers ('all' for alliance admins); FORBIDDEN when none. */
export function adminScope(actor: Actor): 'all' | string[] {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to manage users');
  if (can(actor, 'manage', 'alliance')) return 'all';
  const mine = actor.memberships.filter((m) => m.role === 'institution-admin').map((m) => m.institutionId);
  if (!mine.length) throw new AppError('FORBIDDEN', 'Only alliance admins and institution admins manage users');
  return mine;
}

async function userById(db: Db, id: string): Promise<UserSummary | null> {
  const r = await repo.findUserById(db, id);
  if (!r) return null;
  return toSummary(r, await repo.membershipsOf(db, id));
}

function toSummary(r: AppUserRow, memberships: { institution_id: string; role: string }[]): UserSummary {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    isAdmin: r.is_admin === 1,
    disabled: !!r.disabled_at,
    createdAt: r.created_at,
    lastLoginAt: r.last_login_at,
    memberships: memberships.map((m) => ({ institutionId: m.institution_id, role: m.role as InstitutionRole })),
  };
}
