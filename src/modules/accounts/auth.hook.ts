import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors';
import type { Store } from '../records/record.store';
import { actorForToken } from './account.service';
import { PUBLIC } from './actor';

/**
 * Resolves the acting user of every request from `Authorization: Bearer <token>`. No header:
 * the public. A wrong, revoked or expired token: 401, so a client never silently acts as the public.
 */
export function installAuth(app: FastifyInstance, store: Store): void {
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    request.actor = PUBLIC;
    const header = request.headers.authorization;
    if (!header) return;
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
    const actor = await actorForToken(store.db, m[1], request.ip);
    if (!actor) throw new AppError('UNAUTHENTICATED', 'The API token is unknown, revoked or expired');
    request.actor = actor;
  });
}
