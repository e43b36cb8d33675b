import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { anonymousForm, csrfInput, postForm, setCookieValue, signInBrowser } from '../../../test/helpers/browser-session';
import { SIGN_IN_LIMITS } from './sign-in.service';

describe('sign-in, sessions and CSRF', () => {
  let t: TestApp;
  let instA: string;
  let instB: string;
  let admin: Awaited<ReturnType<typeof newUser>>;
  let curatorA: Awaited<ReturnType<typeof newUser>>;
  let curatorB: Awaited<ReturnType<typeof newUser>>;

  beforeAll(async () => {
    t = await buildTestApp();
    instA = (await newInstitution(t.store)).id;
    instB = (await newInstitution(t.store)).id;
    admin = await newUser(t.store, { admin: true });
    curatorA = await newUser(t.store, { role: 'curator', institutionId: instA });
    curatorB = await newUser(t.store, { role: 'curator', institutionId: instB });
  });
  afterAll(() => t.close());

  const auditActions = async (action: string, targetId?: string) => {
    let q = t.store.db.selectFrom('audit_event').selectAll().where('action', '=', action);
    if (targetId) q = q.where('target_id', '=', targetId);
    return q.execute();
  };

  it('signs a person in with a secure, httpOnly, SameSite session cookie and shows their account', async () => {
    const form = await anonymousForm(t.app);
    const res = await postForm(t.app, '/login', { email: curatorA.email, password: 'correct horse battery', _csrf: form.csrf, next: '/search' }, form.cookie);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/search');
    const cookie = res.cookies.find((c) => c.name === 'hc_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    const page = await t.app.inject({ url: '/account', headers: { cookie: `hc_session=${cookie.value}` } });
    expect(page.body).toContain(curatorA.email);
    expect(page.body).toContain('action="/logout"');
    expect(await auditActions('auth.login')).toHaveLength(1);
  });

  it('marks cookies Secure when the request came over HTTPS', async () => {
    const form = await anonymousForm(t.app);
    const res = await postForm(t.app, '/login', { email: curatorA.email, password: 'correct horse battery', _csrf: form.csrf }, form.cookie, { 'x-forwarded-proto': 'https' });
    expect(res.cookies.find((c) => c.name === 'hc_session')!.secure).toBe(true);
  });

  it('refuses a sign-in form posted without its CSRF token, and records it in the audit log', async () => {
    const res = await postForm(t.app, '/login', { email: curatorA.email, password: 'correct horse battery' });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.cookies.find((c) => c.name === 'hc_session')).toBeUndefined();
    expect((await auditActions('security.csrf-refused', '/login')).length).toBeGreaterThan(0);
  });

  it('refuses a signed-in form posted without the session CSRF token, or from another origin', async () => {
    const s = await signInBrowser(t.app, curatorA.email);
    const without = await postForm(t.app, '/account/tokens', { scopes: 'read', label: 'x' }, s.cookie);
    expect(without.statusCode).toBe(403);
    const wrong = await postForm(t.app, '/account/tokens', { scopes: 'read', _csrf: 'x'.repeat(43) }, s.cookie);
    expect(wrong.statusCode).toBe(403);
    const foreign = await postForm(t.app, '/account/tokens', { scopes: 'read', _csrf: s.csrf }, s.cookie, { origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    const ok = await postForm(t.app, '/account/tokens', { scopes: 'read', label: 'my script', _csrf: s.csrf }, s.cookie);
    expect(ok.statusCode).toBe(201);
    expect(ok.body).toMatch(/hc_[A-Za-z0-9_-]{40,}/);
  });

  it('lets session requests to the API through only with the x-csrf-token header', async () => {
    const s = await signInBrowser(t.app, curatorA.email);
    const body = { institutionId: instA, kind: 'object', title: { en: ['Made in a browser'] } };
    const without = await t.app.inject({ method: 'POST', url: '/api/v1/records', payload: body, headers: { cookie: s.cookie } });
    expect(without.statusCode).toBe(403);
    const withHeader = await t.app.inject({ method: 'POST', url: '/api/v1/records', payload: body, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect(withHeader.statusCode).toBe(201);
  });

  it('does not let a curator of B edit or delete a record of A, through the API or a signed-in session', async () => {
    const rec = await newRecord(t.store, { institutionId: instA });
    const put = await t.app.inject({ method: 'PUT', url: `/api/v1/records/${rec.id}`, payload: { institutionId: instA, kind: 'object', title: { en: ['Hijacked'] } }, headers: { authorization: `Bearer ${curatorB.token}`, 'if-match': `"${rec.version}"` } });
    expect([403, 404]).toContain(put.statusCode);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/records/${rec.id}`, headers: { authorization: `Bearer ${curatorB.token}` } });
    expect([403, 404]).toContain(del.statusCode);
    const s = await signInBrowser(t.app, curatorB.email);
    const delSession = await t.app.inject({ method: 'DELETE', url: `/api/v1/records/${rec.id}`, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect([403, 404]).toContain(delSession.statusCode);
    const after = await t.app.inject({ url: `/api/v1/records/${rec.id}` });
    expect(after.statusCode).toBe(200);
    expect(after.json().title).toEqual(rec.title);
  });

  it('says the email or password is wrong, and throttles the 11th wrong password within a minute', async () => {
    const victim = await newUser(t.store, { role: 'member', institutionId: instA });
    const form = await anonymousForm(t.app);
    for (let i = 1; i <= SIGN_IN_LIMITS.perAccount; i++) {
      const res = await postForm(t.app, '/login', { email: victim.email, password: `wrong password ${i}`, _csrf: form.csrf }, form.cookie);
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('The email or the password is wrong.');
    }
    // Even the right password is refused now: the account is throttled, not guessed.
    const eleventh = await postForm(t.app, '/login', { email: victim.email, password: 'correct horse battery', _csrf: form.csrf }, form.cookie);
    expect(eleventh.statusCode).toBe(429);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
    expect(eleventh.body).toMatch(/Too many failed sign-ins\. Wait \d+ seconds?/);
    expect(await auditActions('auth.login.failed', victim.email)).toHaveLength(SIGN_IN_LIMITS.perAccount);
    expect(await auditActions('auth.login.throttled', victim.email)).toHaveLength(1);
    // Another account is not affected by this account's failures (from another address).
    const other = await postForm(t.app, '/login', { email: curatorB.email, password: 'correct horse battery', _csrf: form.csrf }, form.cookie, { 'x-forwarded-for': '203.0.113.9' });
    expect(other.statusCode).toBe(303);
  });

  it('throttles an address that fails on many accounts', async () => {
    const form = await anonymousForm(t.app);
    const headers = { 'x-forwarded-for': '198.51.100.7' };
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      const res = await postForm(t.app, '/login', { email: `nobody-${i}@example.org`, password: 'whatever it is', _csrf: form.csrf }, form.cookie, headers);
      expect(res.statusCode).toBe(401);
    }
    const next = await postForm(t.app, '/login', { email: curatorA.email, password: 'correct horse battery', _csrf: form.csrf }, form.cookie, headers);
    expect(next.statusCode).toBe(429);
  });

  it('signs out: the session cookie stops working', async () => {
    const s = await signInBrowser(t.app, curatorA.email);
    const out = await postForm(t.app, '/logout', { _csrf: s.csrf }, s.cookie);
    expect(out.statusCode).toBe(303);
    const after = await t.app.inject({ url: '/account', headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2Faccount');
  });

  it('changes a password: the current one is asked, the policy applies, other sessions end', async () => {
    const u = await newUser(t.store, { role: 'curator', institutionId: instA });
    const first = await signInBrowser(t.app, u.email);
    const second = await signInBrowser(t.app, u.email);
    const wrong = await postForm(t.app, '/account/password', { current: 'not it at all', next: 'a brand new passphrase', _csrf: first.csrf }, first.cookie);
    expect(wrong.statusCode).toBe(400);
    const weak = await postForm(t.app, '/account/password', { current: 'correct horse battery', next: 'short', _csrf: first.csrf }, first.cookie);
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('at least 10 characters');
    const ok = await postForm(t.app, '/account/password', { current: 'correct horse battery', next: 'a brand new passphrase', _csrf: first.csrf }, first.cookie);
    expect(ok.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/account', headers: { cookie: first.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/account', headers: { cookie: second.cookie } })).statusCode).toBe(303);
    await signInBrowser(t.app, u.email, 'a brand new passphrase');
  });

  it('revokes a token from the account page', async () => {
    const s = await signInBrowser(t.app, curatorA.email);
    const created = await postForm(t.app, '/account/tokens', { scopes: ['read', 'write'], label: 'to revoke', _csrf: s.csrf }, s.cookie);
    const token = /hc_[A-Za-z0-9_-]{40,}/.exec(created.body)![0];
    expect((await t.app.inject({ url: '/api/v1/users/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    const id = /\/account\/tokens\/([^/]+)\/revoke/.exec(created.body)![1];
    const revoke = await postForm(t.app, `/account/tokens/${id}/revoke`, { _csrf: s.csrf }, s.cookie);
    expect(revoke.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/api/v1/users/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it('shows the sign-in page in Arabic, right to left', async () => {
    const res = await t.app.inject({ url: '/login?lang=ar' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="ar" dir="rtl">');
    expect(csrfInput(res.body)).toBe(setCookieValue(res, 'hc_csrf'));
  });

  it('keeps an admin session from acting once the account is disabled', async () => {
    const u = await newUser(t.store, { role: 'curator', institutionId: instB });
    const s = await signInBrowser(t.app, u.email);
    const adminSession = await signInBrowser(t.app, admin.email);
    const userId = /\/admin\/users\/([^"?]+)"[^>]*>\s*<?[^<]*/.exec((await t.app.inject({ url: `/admin/users?q=${encodeURIComponent(u.email)}`, headers: { cookie: adminSession.cookie } })).body)![1];
    const res = await postForm(t.app, `/admin/users/${userId}/flags`, { disabled: '1', _csrf: adminSession.csrf }, adminSession.cookie);
    expect(res.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/account', headers: { cookie: s.cookie } })).statusCode).toBe(303);
    expect(await auditActions('user.disable', userId)).toHaveLength(1);
  });
});
