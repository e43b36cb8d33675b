import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/database';
import { getState, setState } from '../../db/app-state';

/** How long a resumption token stays valid. */
export const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
const SECRET_KEY = 'oai_token_secret';

/**
 * Where a list request stands: everything needed to answer the next page, so the token itself
 * is the state (no storage) and survives restarts and load balancing between processes.
 */
export interface ListState {
  verb: 'ListIdentifiers' | 'ListRecords';
  metadataPrefix: string;
  set?: string;
  fromIso?: string;
  untilIso?: string;
  /** The keyset position: the (updated_at, seq) of the last item returned (none before the first page). */
  after?: [string, number];
  /** Items returned before the next page (the next response's cursor). */
  cursor: number;
  completeListSize: number;
  /** When the token stops being accepted, in ms since the epoch. */
  expires: number;
}

/** Encodes a list state as a signed token (base64url JSON and an HMAC-SHA256 over it). */
export function encodeToken(state: ListState, secret: Buffer): string {
  const body = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${body}.${sign(body, secret)}`;
}

/** The list state a token carries, or null when it is malformed, tampered with or expired. */
export function decodeToken(token: string, secret: Buffer, now = Date.now()): ListState | null {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let state: ListState;
  try {
    state = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as ListState;
  } catch {
    return null;
  }
  if (typeof state !== 'object' || state === null || typeof state.expires !== 'number' || state.expires <= now) return null;
  if (state.after !== undefined && (!Array.isArray(state.after) || typeof state.after[0] !== 'string' || typeof state.after[1] !== 'number')) return null;
  return state;
}

/** The key that signs tokens, made once and kept in the database so every process and restart shares it. */
export async function tokenSecret(db: Db): Promise<Buffer> {
  const stored = await getState(db, SECRET_KEY);
  if (stored) return Buffer.from(stored, 'base64url');
  // Another process may insert first (unique key): then its secret is the one read back.
  await setState(db, SECRET_KEY, randomBytes(32).toString('base64url')).catch(() => undefined);
  // Read back: when two processes raced, the last write wins for both.
  return Buffer.from((await getState(db, SECRET_KEY))!, 'base64url');
}

function sign(body: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}
