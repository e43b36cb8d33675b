import type { Db } from '../../db/database';
import { AppError, validationError } from '../../shared/errors';
import { newId, nowIso } from '../../shared/ids';
import { audit } from '../audit/audit.service';
import { institutionRepository } from '../institutions/institution.repository';
import { accountRepository as repo } from './account.repository';
import type { AccountLinkRow } from './account.table';
import { createUser } from './account.service';
import { INSTITUTION_ROLES, SYSTEM_ACTOR, type Actor, type InstitutionRole } from './actor';
import { hashPassword, passwordProblem } from './password';
import { can } from './policy';
import { hashSecret, newSecret } from './secret';
import { endSessionsOf } from './session.service';
import { linkMessage, type Mailer } from './account.mail';

/** How long an invitation and a password-reset link stay valid. */
export const LINK_LIFETIME_MS = { invite: 7 * 86400_000, reset: 24 * 3600_000 } as const;

export interface IssuedLink {
  id: string;
  url: string;
  email: string;
  expiresAt: string;
  /** True when the link was also mailed to the person (an SMTP server is configured and accepted it). */
  mailed: boolean;
}

/** Where links point, and how they are mailed when a mail server is configured. */
export interface LinkDelivery {
  publicUrl: string;
  mailer?: Mailer | null;
}

export interface LinkDetails {
  kind: 'invite' | 'reset';
  email: string;
  institutionId: string | null;
  role: InstitutionRole | null;
  isAdmin: boolean;
}

/**
 * Invites a person by a one-time link. Alliance admins may invite anyone, with any role or as
 * alliance admin; institution admins invite staff of their own institution.
 */
export async function inviteUser(
  db: Db,
  actor: Actor,
  input: { email: string; institutionId?: string | null; role?: InstitutionRole | null; isAdmin?: boolean },
  delivery: LinkDelivery,
): Promise<IssuedLink> {
  const email = input.email.trim().toLowerCase();
  const problems = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.push({ field: 'email', message: 'is not an email address' });
  if (input.role && !INSTITUTION_ROLES.includes(input.role)) problems.push({ field: 'role', message: `must be one of ${INSTITUTION_ROLES.join(', ')}` });
  if (input.role && !input.institutionId) problems.push({ field: 'institution', message: 'is required with a role' });
  if (!input.isAdmin && !input.institutionId) problems.push({ field: 'institution', message: 'is required unless the person is invited as an alliance admin' });
  if (input.institutionId && !(await institutionRepository.findById(db, input.institutionId))) problems.push({ field: 'institution', message: `no institution "${input.institutionId}"` });
  if (problems.length) throw validationError(problems, 'invitation');
  const allowed = input.isAdmin ? can(actor, 'manage', 'alliance') : can(actor, 'manage', { institutionId: input.institutionId! });
  if (!allowed) throw new AppError('FORBIDDEN', input.isAdmin ? 'Only alliance admins may invite alliance admins' : 'Only admins of this institution may invite its staff');
  if (await repo.findUserByEmail(db, email)) throw new AppError('ALREADY_EXISTS', `${email} has an account already; give it a role in the institution instead`);
  const link = await issueLink(db, actor, { kind: 'invite', email, user_id: null, institution_id: input.institutionId ?? null, role: input.role ?? (input.institutionId ? 'member' : null), isAdmin: !!input.isAdmin }, delivery);
  await audit(db, actor, [{ action: 'user.invite', targetType: 'invitation', targetId: link.id, institutionId: input.institutionId ?? undefined, detail: { email, role: input.role ?? null, admin: !!input.isAdmin } }]);
  return link;
}

/** Issues a one-time password-reset link for a user: alliance admins, and the operator through the CLI. */
export async function issueResetLink(db: Db, actor: Actor, email: string, delivery: LinkDelivery): Promise<IssuedLink> {
  if (!can(actor, 'manage', 'alliance')) throw new AppError('FORBIDDEN', 'Only alliance admins may issue password-reset links');
  const user = await repo.findUserByEmail(db, email.trim());
  if (!user) throw new AppError('NOT_FOUND', `No user with the email ${email.trim()}`);
  const link = await issueLink(db, actor, { kind: 'reset', email: user.email, user_id: user.id, institution_id: null, role: null, isAdmin: false }, delivery);
  await audit(db, actor, [{ action: 'user.reset-link', targetType: 'user', targetId: user.id, detail: { email: user.email } }]);
  return link;
}

/** What a link is for; refuses an unknown, used or expired link with a message saying so. */
export async function describeLink(db: Db, kind: 'invite' | 'reset', token: string): Promise<LinkDetails> {
  const row = await usableLink(db, kind, token);
  return { kind, email: row.email, institutionId: row.institution_id, role: row.role as InstitutionRole | null, isAdmin: row.is_admin === 1 };
}

/** Accepts an invitation: creates the account with the chosen password; returns the new user's id. */
export async function acceptInvitation(db: Db, token: string, input: { password: string; name?: string }): Promise<string> {
  const row = await usableLink(db, 'invite', token);
  const user = await createUser(
    db,
    { email: row.email, name: input.name?.trim() || undefined, password: input.password, isAdmin: row.is_admin === 1, institutionId: row.institution_id ?? undefined, role: (row.role as InstitutionRole) ?? undefined },
    { ...SYSTEM_ACTOR, email: row.email } as Actor,
  );
  await markUsed(db, row.id);
  return user.id;
}

/** Sets a new password through a reset link, and signs the user out everywhere; returns the user's id. */
export async function resetPassword(db: Db, token: string, password: string): Promise<string> {
  const row = await usableLink(db, 'reset', token);
  const problem = passwordProblem(password);
  if (problem) throw validationError([{ field: 'password', message: problem }], 'password');
  await db.updateTable('app_user').set({ password_hash: await hashPassword(password) }).where('id', '=', row.user_id!).execute();
  await markUsed(db, row.id);
  await endSessionsOf(db, row.user_id!);
  await audit(db, { kind: 'user', userId: row.user_id!, email: row.email, isAdmin: false, memberships: [] }, [{ action: 'auth.password.reset', targetType: 'user', targetId: row.user_id! }]);
  return row.user_id!;
}

async function issueLink(
  db: Db,
  actor: Actor,
  link: Pick<AccountLinkRow, 'kind' | 'email' | 'user_id' | 'institution_id' | 'role'> & { isAdmin: boolean },
  delivery: LinkDelivery,
): Promise<IssuedLink> {
  const token = newSecret();
  const id = newId('l');
  const expiresAt = new Date(Date.now() + LINK_LIFETIME_MS[link.kind]).toISOString();
  // An earlier unused link of the same kind for the same person stops working: only the newest is valid.
  await db.updateTable('account_link').set({ used_at: nowIso() }).where('email', '=', link.email).where('kind', '=', link.kind).where('used_at', 'is', null).execute();
  await db
    .insertInto('account_link')
    .values({
      id,
      token_hash: hashSecret(token),
      kind: link.kind,
      email: link.email,
      user_id: link.user_id,
      institution_id: link.institution_id,
      role: link.role,
      is_admin: link.isAdmin ? 1 : 0,
      created_by: actor.kind === 'user' && actor.userId !== 'system' ? actor.userId : null,
      created_at: nowIso(),
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  const url = `${delivery.publicUrl}/${link.kind}/${token}`;
  let mailed = false;
  if (delivery.mailer) {
    // A mail server that refuses must not lose the link: it is still shown to whoever issued it.
    mailed = await delivery.mailer.send({ to: link.email, ...linkMessage(link.kind, url, expiresAt) }).then(
      () => true,
      () => false,
    );
  }
  return { id, url, email: link.email, expiresAt, mailed };
}

async function usableLink(db: Db, kind: 'invite' | 'reset', token: string): Promise<AccountLinkRow> {
  const row = await db.selectFrom('account_link').selectAll().where('token_hash', '=', hashSecret(token)).where('kind', '=', kind).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'This link is not valid. Ask an administrator for a new one.');
  if (row.used_at || Date.parse(row.expires_at) <= Date.now()) throw new AppError('NOT_FOUND', 'This link has expired or has been used already. Ask an administrator for a new one.');
  return row as AccountLinkRow;
}

async function markUsed(db: Db, id: string): Promise<void> {
  await db.updateTable('account_link').set({ used_at: nowIso() }).where('id', '=', id).execute();
}
