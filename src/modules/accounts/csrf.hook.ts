import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import { wantsHtml } from '../../shared/error-handler';
import type { Store } from '../records/record.store';
import { audit } from '../audit/audit.service';
import { sameSecret } from './secret';
import { CSRF_COOKIE, CSRF_FIELD } from './session.cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that ride on a browser's cookies without proving they come from
 * our own pages: a request with a session, or any form posted to a page, must carry the CSRF token
 * (form field `_csrf`, header `x-csrf-token`, or `?_csrf=` for file uploads) and must not come from
 * another origin. Requests with a bearer token carry no ambient credentials and are exempt.
 */
export function installCsrf(app: FastifyInstance, store: Store): void {
  app.addHook('preHandler', async (request) => {
    if (SAFE_METHODS.has(request.method) || request.headers.authorization) return;
    // An anonymous API call carries no credentials a forged request could borrow.
    if (!request.session && !wantsHtml(request)) return;
    const expected = request.session ? request.session.csrfToken : request.cookies?.[CSRF_COOKIE];
    const origin = request.headers.origin;
    const foreign = typeof origin === 'string' && origin !== 'null' && safeHost(origin) !== request.headers.host;
    if (foreign || !sameSecret(providedToken(request), expected)) {
      await audit(store.db, request.actor, [
        { action: 'security.csrf-refused', targetType: 'path', targetId: request.url.split('?')[0].slice(0, 200), ip: request.ip, detail: { method: request.method, origin: origin ?? null } },
      ]);
      throw new AppError('FORBIDDEN', 'This form has expired or did not come from this site (its security token is missing or wrong). Go back, reload the page and try again.');
    }
  });
}

function providedToken(request: FastifyRequest): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  if (typeof fromBody === 'string') return fromBody;
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  // A file upload form streams its body, so its token travels in the action URL.
  if (!request.headers['content-type']?.startsWith('multipart/form-data')) return undefined;
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  return typeof fromQuery === 'string' ? fromQuery : undefined;
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
