import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/** A signed-in browser for `app.inject()`: its cookie header and the CSRF token its forms carry. */
export interface BrowserSession {
  cookie: string;
  csrf: string;
}

/** The value a response sets for a cookie, or undefined. */
export function setCookieValue(res: LightMyRequestResponse, name: string): string | undefined {
  const c = res.cookies.find((x) => x.name === name);
  return c?.value;
}

/** The CSRF token in the first form of a page. */
export function csrfInput(html: string): string {
  const m = /name="_csrf" value="([^"]*)"/.exec(html);
  if (!m) throw new Error('no CSRF field in the page');
  return m[1];
}

/** Posts a form the way a browser does (urlencoded), with cookies. */
export function postForm(app: FastifyInstance, url: string, fields: Record<string, string | string[]>, cookie?: string, headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return app.inject({ method: 'POST', url, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}), ...headers } });
}

/** An anonymous visitor's form token: opens a page with a form and keeps its CSRF cookie. */
export async function anonymousForm(app: FastifyInstance, url = '/login'): Promise<BrowserSession> {
  const page = await app.inject({ method: 'GET', url });
  expect(page.statusCode).toBe(200);
  return { cookie: `hc_csrf=${setCookieValue(page, 'hc_csrf')}`, csrf: csrfInput(page.body) };
}

/** Signs in through the sign-in form, as a person would; returns the session's cookie and CSRF token. */
export async function signInBrowser(app: FastifyInstance, email: string, password = 'correct horse battery'): Promise<BrowserSession> {
  const form = await anonymousForm(app);
  const res = await postForm(app, '/login', { email, password, _csrf: form.csrf, next: '/account' }, form.cookie);
  expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
  const cookie = `hc_session=${setCookieValue(res, 'hc_session')}`;
  const account = await app.inject({ method: 'GET', url: '/account', headers: { cookie } });
  expect(account.statusCode).toBe(200);
  return { cookie, csrf: csrfInput(account.body) };
}
