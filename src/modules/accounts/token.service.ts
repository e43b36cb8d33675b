import type { Db } from '../../db/database';
import { AppError } from '../../shared/errors';
import { nowIso } from '../../shared/ids';
import { audit } from '../audit/audit.service';
import { createToken } from './account.service';
import { hasScope } from './policy';
import type { Actor, TokenScope } from './actor';

export interface TokenSummary {
  id: string;
  label: string | null;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** The actor's own API tokens (never the secrets: only their hashes are kept). */
export async function listOwnTokens(db: Db, actor: Actor): Promise<TokenSummary[]> {
  const user = requireUser(actor);
  const rows = await db.selectFrom('api_token').selectAll().where('user_id', '=', user.userId).orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    scopes: r.scopes.split(','),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  }));
}

/** Issues a token for the actor itself; a token may not grant more scopes than the credentials that ask for it. */
export async function createOwnToken(db: Db, actor: Actor, input: { scopes: string[]; label?: string; expiresInDays?: number }) {
  const user = requireUser(actor);
  const beyond = input.scopes.filter((s) => !hasScope(actor, s as TokenScope));
  if (beyond.length) throw new AppError('FORBIDDEN', `Your credentials do not carry the scopes ${beyond.join(', ')}`);
  return createToken(db, { email: user.email, ...input }, actor);
}

/** Revokes a token: its owner or an alliance admin. Unknown or foreign tokens answer 404. */
export async function revokeToken(db: Db, actor: Actor, id: string): Promise<void> {
  const user = requireUser(actor);
  const row = await db.selectFrom('api_token').select(['id', 'user_id', 'revoked_at']).where('id', '=', id).executeTakeFirst();
  if (!row || (row.user_id !== user.userId && !user.isAdmin)) throw new AppError('NOT_FOUND', `No token "${id}"`);
  if (row.revoked_at) return;
  await db.updateTable('api_token').set({ revoked_at: nowIso() }).where('id', '=', id).execute();
  await audit(db, actor, [{ action: 'token.revoke', targetType: 'token', targetId: id }]);
}

function requireUser(actor: Actor) {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Send an API token (Authorization: Bearer) to manage tokens');
  return actor;
}
