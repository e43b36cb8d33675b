import type { FastifyReply, FastifyRequest } from 'fastify';
import { newSecret } from './secret';
import { SESSION_COOKIE, SESSION_MAX_MS } from './session.service';

/** The cookie that carries the CSRF token of forms shown to visitors who are not signed in. */
export const CSRF_COOKIE = 'hc_csrf';
/** The form field (or `x-csrf-token` header) that must repeat the CSRF token. */
export const CSRF_FIELD = '_csrf';

/** Cookies are marked Secure whenever the site is reached over HTTPS (directly or behind a proxy). */
function secure(request: FastifyRequest): boolean {
  return request.protocol === 'https' || request.server.publicUrlIsHttps === true;
}

/** Sets the session cookie: httpOnly, SameSite=Lax (links from elsewhere keep the visitor signed in; forms need the CSRF token), Secure over HTTPS. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string): void {
  reply.setCookie(SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(request), maxAge: SESSION_MAX_MS / 1000 });
}

/** Removes the session cookie (sign-out). */
export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(request) });
}

/**
 * The CSRF token to put in a page's forms: the session's, or for visitors who are not signed in a
 * random token kept in a SameSite=Strict cookie (the form must repeat it: double submit).
 */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply | undefined): string {
  if (request.session) return request.session.csrfToken;
  const existing = request.cookies?.[CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{20,100}$/.test(existing)) return existing;
  const token = newSecret();
  request.cookies[CSRF_COOKIE] = token;
  reply?.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: secure(request) });
  return token;
}
