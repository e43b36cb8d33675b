import type { Db } from '../../db/database';
import { AppError } from '../../shared/errors';
import { nowIso } from '../../shared/ids';
import { audit } from '../audit/audit.service';
import { accountRepository as repo } from './account.repository';
import { PUBLIC } from './actor';
import { hashPassword, verifyPassword } from './password';
import { startSession } from './session.service';

/** Failed sign-ins allowed per account and per address within the window; the next attempt is refused. */
export const SIGN_IN_LIMITS = { perAccount: 10, perAddress: 30, windowMs: 60_000 };

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
}

// Checked against when the email is unknown, so that a wrong email costs as long as a wrong password.
const decoy = hashPassword('decoy password that never matches');

/**
 * Signs a person in: refuses when too many sign-ins failed lately for the account or the address
 * (RATE_LIMITED, with the seconds to wait), checks the password, records the outcome in the
 * audit log, and starts a session.
 */
export async function signIn(db: Db, input: SignInInput): Promise<{ userId: string; cookie: string; csrfToken: string; expiresAt: string }> {
  const email = input.email.trim().toLowerCase().slice(0, 320);
  const wait = await throttleSeconds(db, email, input.ip);
  if (wait > 0) {
    await audit(db, PUBLIC, [{ action: 'auth.login.throttled', targetType: 'account', targetId: email, actorLabel: email, ip: input.ip }]);
    throw new AppError('RATE_LIMITED', `Too many failed sign-ins. Wait ${wait} seconds, then try again.`, { retryAfter: wait });
  }
  const user = email ? await repo.findUserByEmail(db, email) : undefined;
  const ok = user?.password_hash ? await verifyPassword(input.password, user.password_hash) : (await verifyPassword(input.password, await decoy), false);
  if (!user || !ok || user.disabled_at) {
    await audit(db, PUBLIC, [
      { action: 'auth.login.failed', targetType: 'account', targetId: email, actorLabel: email, ip: input.ip, detail: { reason: !user ? 'unknown account' : user.disabled_at ? 'account disabled' : 'wrong password' } },
    ]);
    throw new AppError('UNAUTHENTICATED', 'The email or the password is wrong.');
  }
  const session = await startSession(db, user.id, { ip: input.ip, userAgent: input.userAgent });
  await db.updateTable('app_user').set({ last_login_at: nowIso() }).where('id', '=', user.id).execute();
  await audit(db, { kind: 'user', userId: user.id, email: user.email, isAdmin: user.is_admin === 1, memberships: [], ip: input.ip }, [
    { action: 'auth.login', targetType: 'user', targetId: user.id },
  ]);
  return { userId: user.id, ...session };
}

/** Seconds to wait before the next sign-in attempt for this account or address; 0 when allowed now. */
export async function throttleSeconds(db: Db, email: string, ip: string): Promise<number> {
  const now = Date.now();
  const since = new Date(now - SIGN_IN_LIMITS.windowMs).toISOString();
  const failures = (filter: 'target_id' | 'ip', value: string) =>
    db
      .selectFrom('audit_event')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min<string>('at').as('first')])
      .where('action', '=', 'auth.login.failed')
      .where('at', '>', since)
      .where(filter, '=', value)
      .executeTakeFirstOrThrow();
  const [byAccount, byAddress] = await Promise.all([failures('target_id', email), failures('ip', ip)]);
  const waits = [
    Number(byAccount.n) >= SIGN_IN_LIMITS.perAccount ? byAccount.first : null,
    Number(byAddress.n) >= SIGN_IN_LIMITS.perAddress ? byAddress.first : null,
  ]
    .filter((f): f is string => !!f)
    .map((first) => Math.ceil((Date.parse(first) + SIGN_IN_LIMITS.windowMs - now) / 1000));
  return waits.length ? Math.max(1, ...waits) : 0;
}
