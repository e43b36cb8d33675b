import type { Db } from '../../db/database';
import { AppError, validationError } from '../../shared/errors';
import { newId, nowIso } from '../../shared/ids';
import { accountRepository as repo } from './account.repository';
import { INSTITUTION_ROLES, SYSTEM_ACTOR, TOKEN_SCOPES, type Actor, type InstitutionRole, type TokenScope } from './actor';
import { audit } from '../audit/audit.service';
import { hashPassword, passwordProblem } from './password';
import { hashSecret, newSecret } from './secret';
import { institutionRepository } from '../institutions/institution.repository';

export interface NewUser {
  email: string;
  name?: string;
  password?: string;
  isAdmin?: boolean;
  institutionId?: string;
  role?: InstitutionRole;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates a user (and its membership of one institution); checks the email, the role and the password policy. */
export async function createUser(db: Db, input: NewUser, by: Actor = SYSTEM_ACTOR): Promise<{ id: string; email: string }> {
  const problems = [];
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) problems.push({ field: 'email', message: 'is not an email address' });
  if (input.role && !INSTITUTION_ROLES.includes(input.role)) problems.push({ field: 'role', message: `must be one of ${INSTITUTION_ROLES.join(', ')}` });
  if (input.role && !input.institutionId) problems.push({ field: 'institution', message: 'is required with a role' });
  if (input.password !== undefined) {
    const p = passwordProblem(input.password);
    if (p) problems.push({ field: 'password', message: p });
  }
  if (input.institutionId && !(await institutionRepository.findById(db, input.institutionId))) {
    problems.push({ field: 'institution', message: `no institution "${input.institutionId}"` });
  }
  if (problems.length) throw validationError(problems, 'user');
  if (await repo.findUserByEmail(db, email)) throw new AppError('ALREADY_EXISTS', `A user with the email ${email} exists already`);
  const id = newId('u');
  await repo.insertUser(db, {
    id,
    email,
    name: input.name ?? null,
    password_hash: input.password ? await hashPassword(input.password) : null,
    is_admin: input.isAdmin ? 1 : 0,
    created_at: nowIso(),
    disabled_at: null,
    last_login_at: null,
  });
  if (input.institutionId) await repo.setMembership(db, id, input.institutionId, input.role ?? 'member');
  await audit(db, by, [
    { action: 'user.create', targetType: 'user', targetId: id, institutionId: input.institutionId, detail: { email, admin: !!input.isAdmin, role: input.role ?? (input.institutionId ? 'member' : null) } },
  ]);
  return { id, email };
}

/** Issues an API token for a user; the token itself is returned once and only its hash is kept. */
export async function createToken(
  db: Db,
  input: { email: string; scopes: string[]; label?: string; expiresInDays?: number },
  by: Actor = SYSTEM_ACTOR,
): Promise<{ id: string; token: string; scopes: TokenScope[]; expiresAt: string | null }> {
  const user = await repo.findUserByEmail(db, input.email.trim());
  if (!user) throw new AppError('NOT_FOUND', `No user with the email ${input.email}`);
  const bad = input.scopes.filter((s) => !TOKEN_SCOPES.includes(s as TokenScope));
  if (bad.length || !input.scopes.length) {
    throw validationError([{ field: 'scopes', message: `must be one or more of ${TOKEN_SCOPES.join(', ')}${bad.length ? `, got ${bad.join(', ')}` : ''}` }], 'token');
  }
  const token = `hc_${newSecret()}`;
  const id = newId('t');
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86400_000).toISOString() : null;
  await repo.insertToken(db, {
    id,
    user_id: user.id,
    token_hash: hashSecret(token),
    label: input.label ?? null,
    scopes: input.scopes.join(','),
    created_at: nowIso(),
    expires_at: expiresAt,
    revoked_at: null,
    last_used_at: null,
  });
  await audit(db, by, [{ action: 'token.create', targetType: 'token', targetId: id, detail: { user: user.email, scopes: input.scopes, expiresAt } }]);
  return { id, token, scopes: input.scopes as TokenScope[], expiresAt };
}

/** The actor a bearer token stands for, or null when the token is unknown, revoked, expired or its user disabled. */
export async function actorForToken(db: Db, token: string, ip?: string): Promise<Actor | null> {
  const row = await repo.findTokenByHash(db, hashSecret(token));
  const now = nowIso();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) return null;
  const user = await repo.findUserById(db, row.user_id);
  if (!user || user.disabled_at) return null;
  const actor = await actorForUser(db, user.id, row.scopes.split(',') as TokenScope[]);
  if (!actor || actor.kind !== 'user') return null;
  const withToken: Actor = { ...actor, tokenId: row.id, ip };
  // Token use is recorded at most once an hour per token, not on every request.
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 3_600_000) {
    await audit(db, withToken, [{ action: 'token.use', targetType: 'token', targetId: row.id }]);
  }
  await repo.touchToken(db, row.id, now);
  return withToken;
}

/** Builds the actor of a user with its memberships. */
export async function actorForUser(db: Db, userId: string, scopes?: TokenScope[]): Promise<Actor | null> {
  const user = await repo.findUserById(db, userId);
  if (!user) return null;
  const memberships = await repo.membershipsOf(db, userId);
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    isAdmin: user.is_admin === 1,
    memberships: memberships.map((m) => ({ institutionId: m.institution_id, role: m.role as InstitutionRole })),
    scopes,
  };
}
