import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors';
import type { Store } from '../records/record.store';
import { actorForToken } from './account.service';
import { PUBLIC } from './actor';
import { findSession, SESSION_COOKIE, type Session } from './session.service';

declare module 'fastify' {
  interface FastifyRequest {
    /** The browser session of the request, when it came with a valid session cookie. */
    session: Session | null;
  }
  interface FastifyInstance {
    /** True when the configured public URL is https: cookies are then marked Secure. */
    publicUrlIsHttps: boolean;
  }
}

/**
 * Resolves the acting user of every request: `Authorization: Bearer <token>` for machines, else
 * the session cookie for people, else the public. A wrong, revoked or expired token answers 401,
 * so a client never silently acts as the public; an ended session simply reads as the public.
 */
export function installAuth(app: FastifyInstance, store: Store, publicUrl: string): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('session', null);
  app.decorate('publicUrlIsHttps', publicUrl.startsWith('https:'));
  app.addHook('onRequest', async (request) => {
    request.actor = PUBLIC;
    request.session = null;
    const header = request.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
      const actor = await actorForToken(store.db, m[1], request.ip);
      if (!actor) throw new AppError('UNAUTHENTICATED', 'The API token is unknown, revoked or expired');
      request.actor = actor;
      return;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (cookie && cookie.length <= 100) {
      const session = await findSession(store.db, cookie, request.ip);
      if (session) {
        request.session = session;
        request.actor = session.actor;
      }
    }
  });
}
