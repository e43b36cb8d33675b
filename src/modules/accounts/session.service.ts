import type { Db } from '../../db/database';
import { nowIso } from '../../shared/ids';
import { actorForUser } from './account.service';
import type { Actor } from './actor';
import { hashSecret, newSecret } from './secret';

/** The cookie that carries a browser session. */
export const SESSION_COOKIE = 'hc_session';
/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 12 * 3600_000;
/** …and in any case this long after sign-in. */
export const SESSION_MAX_MS = 14 * 86400_000;
const TOUCH_EVERY_MS = 60_000;

export interface Session {
  /** The hash of the cookie value: how the session is named in the database. */
  idHash: string;
  csrfToken: string;
  actor: Actor;
}

/** Starts a session for a user; returns the cookie value (kept only as a hash) and the session's CSRF token. */
export async function startSession(db: Db, userId: string, meta: { ip?: string; userAgent?: string }): Promise<{ cookie: string; csrfToken: string; expiresAt: string }> {
  const cookie = newSecret();
  const csrfToken = newSecret();
  const now = Date.now();
  const expiresAt = new Date(now + SESSION_MAX_MS).toISOString();
  await db
    .insertInto('user_session')
    .values({
      id_hash: hashSecret(cookie),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: new Date(now).toISOString(),
      last_seen_at: new Date(now).toISOString(),
      expires_at: expiresAt,
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { cookie, csrfToken, expiresAt };
}

/** The session a cookie stands for, or null when it is unknown, expired, idle too long or its user disabled. */
export async function findSession(db: Db, cookie: string, ip?: string): Promise<Session | null> {
  const idHash = hashSecret(cookie);
  const row = await db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .select(['user_session.user_id', 'user_session.csrf_token', 'user_session.last_seen_at', 'user_session.expires_at', 'app_user.disabled_at'])
    .where('user_session.id_hash', '=', idHash)
    .executeTakeFirst();
  const now = Date.now();
  if (!row || row.disabled_at || Date.parse(row.expires_at) <= now || Date.parse(row.last_seen_at) + SESSION_IDLE_MS <= now) return null;
  const actor = await actorForUser(db, row.user_id);
  if (!actor || actor.kind !== 'user') return null;
  if (now - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    await db.updateTable('user_session').set({ last_seen_at: new Date(now).toISOString() }).where('id_hash', '=', idHash).execute();
  }
  return { idHash, csrfToken: row.csrf_token, actor: { ...actor, ip } };
}

/** Ends one session (sign-out). */
export async function endSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('user_session').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user, except one to keep (after a password change, a reset, or disabling). */
export async function endSessionsOf(db: Db, userId: string, keep?: string): Promise<void> {
  let q = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (keep) q = q.where('id_hash', '!=', keep);
  await q.execute();
  // Expired sessions of everyone are swept here too: this runs rarely and keeps the table small.
  await db.deleteFrom('user_session').where('expires_at', '<', nowIso()).execute();
}
