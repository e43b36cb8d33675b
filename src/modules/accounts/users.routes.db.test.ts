import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newUser } from '../../../test/helpers/factories';
import { anonymousForm, csrfInput, postForm, signInBrowser } from '../../../test/helpers/browser-session';
import { issueSetupCode } from './setup.service';
import { issueResetLink } from './account-link.service';
import { SYSTEM_ACTOR } from './actor';

describe('setup, invitations, password resets and user administration', () => {
  let t: TestApp;
  let instA: string;
  let instB: string;

  beforeAll(async () => {
    t = await buildTestApp();
    instA = (await newInstitution(t.store)).id;
    instB = (await newInstitution(t.store)).id;
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('opens the setup page while no admin exists, takes the code from the log, then closes', async () => {
    expect((await t.app.inject({ url: '/login' })).body).toContain('href="/setup"');
    const code = (await issueSetupCode(t.store.db))!;
    const form = await anonymousForm(t.app, '/setup');
    const wrong = await postForm(t.app, '/setup', { code: '0000-0000-0000', email: 'first@example.org', password: 'first admin passphrase', _csrf: form.csrf }, form.cookie);
    expect(wrong.statusCode).toBe(403);
    const ok = await postForm(t.app, '/setup', { code, email: 'first@example.org', password: 'first admin passphrase', _csrf: form.csrf }, form.cookie);
    expect(ok.statusCode).toBe(303);
    expect(ok.cookies.some((c) => c.name === 'hc_session')).toBe(true);
    expect((await t.app.inject({ url: '/setup' })).statusCode).toBe(404);
    const again = await postForm(t.app, '/setup', { code, email: 'second@example.org', password: 'first admin passphrase', _csrf: form.csrf }, form.cookie);
    expect(again.statusCode).toBe(404);
    await signInBrowser(t.app, 'first@example.org', 'first admin passphrase');
  });

  it('invites a curator by link: the invitee sets a password, gets the role, and the link works once', async () => {
    const admin = await signInBrowser(t.app, 'first@example.org', 'first admin passphrase');
    const res = await postForm(t.app, '/admin/invitations', { email: 'Invitee@Example.org', institutionId: instA, role: 'curator', _csrf: admin.csrf }, admin.cookie);
    expect(res.statusCode).toBe(201);
    const url = /http:\/\/[^<"\s]+\/invite\/[A-Za-z0-9_-]+/.exec(res.body)![0];
    const path = new URL(url).pathname;
    const page = await t.app.inject({ url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('invitee@example.org');
    const form = { cookie: `hc_csrf=${page.cookies.find((c) => c.name === 'hc_csrf')!.value}`, csrf: csrfInput(page.body) };
    const weak = await postForm(t.app, path, { password: 'aaaaaaaaaaaa', _csrf: form.csrf }, form.cookie);
    expect(weak.statusCode).toBe(400);
    const accepted = await postForm(t.app, path, { password: 'invitee passphrase 1', name: 'In Vitee', _csrf: form.csrf }, form.cookie);
    expect(accepted.statusCode).toBe(303);
    const me = await t.app.inject({ url: '/api/v1/users/me', headers: { cookie: `hc_session=${accepted.cookies.find((c) => c.name === 'hc_session')!.value}` } });
    expect(me.json()).toMatchObject({ email: 'invitee@example.org', name: 'In Vitee', memberships: [{ institutionId: instA, role: 'curator' }] });
    expect((await t.app.inject({ url: path })).statusCode).toBe(404);
    expect((await postForm(t.app, path, { password: 'invitee passphrase 2', _csrf: form.csrf }, form.cookie)).statusCode).toBe(404);
  });

  it('lets an institution admin invite and manage only the staff of their institution', async () => {
    const instAdmin = await newUser(t.store, { role: 'institution-admin', institutionId: instA });
    const curatorB = await newUser(t.store, { role: 'curator', institutionId: instB });
    const ownStaff = await newUser(t.store, { role: 'member', institutionId: instA });
    const intoB = await t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: bearer(instAdmin.token), payload: { email: 'x@example.org', institutionId: instB, role: 'curator' } });
    expect(intoB.statusCode).toBe(403);
    const asAdmin = await t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: bearer(instAdmin.token), payload: { email: 'y@example.org', isAdmin: true } });
    expect(asAdmin.statusCode).toBe(403);
    const intoA = await t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: bearer(instAdmin.token), payload: { email: 'z@example.org', institutionId: instA, role: 'member' } });
    expect(intoA.statusCode).toBe(201);
    const list = (await t.app.inject({ url: '/api/v1/users', headers: bearer(instAdmin.token) })).json().items as { email: string }[];
    expect(list.map((u) => u.email)).toContain(ownStaff.email);
    expect(list.map((u) => u.email)).not.toContain(curatorB.email);
    const ownId = ownStaff.actor.kind === 'user' ? ownStaff.actor.userId : '';
    const promote = await t.app.inject({ method: 'PUT', url: `/api/v1/users/${ownId}/memberships/${instA}`, headers: bearer(instAdmin.token), payload: { role: 'curator' } });
    expect(promote.statusCode).toBe(200);
    expect(promote.json().memberships).toEqual([{ institutionId: instA, role: 'curator' }]);
    const bId = curatorB.actor.kind === 'user' ? curatorB.actor.userId : '';
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/users/${bId}/memberships/${instB}`, headers: bearer(instAdmin.token), payload: { role: 'member' } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/users/${bId}`, headers: bearer(instAdmin.token) })).statusCode).toBe(404);
    const events = await t.store.db.selectFrom('audit_event').selectAll().where('action', '=', 'user.role').where('target_id', '=', ownId).execute();
    expect(JSON.parse(events[0].detail!)).toMatchObject({ before: 'member', after: 'curator' });
  });

  it('refuses user administration to curators and the public, in pages and the API', async () => {
    const curator = await newUser(t.store, { role: 'curator', institutionId: instA });
    expect((await t.app.inject({ url: '/api/v1/users', headers: bearer(curator.token) })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/users' })).statusCode).toBe(401);
    const s = await signInBrowser(t.app, curator.email);
    expect((await t.app.inject({ url: '/admin/users', headers: { cookie: s.cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/admin/audit', headers: { cookie: s.cookie } })).statusCode).toBe(403);
    const anon = await t.app.inject({ url: '/admin/users' });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toBe('/login?next=%2Fadmin%2Fusers');
  });

  it('resets a password by a one-time link: the new password works, the old one and old sessions do not', async () => {
    const u = await newUser(t.store, { role: 'member', institutionId: instB });
    const old = await signInBrowser(t.app, u.email);
    const link = await issueResetLink(t.store.db, SYSTEM_ACTOR, u.email, { publicUrl: 'http://localhost:3000' });
    const path = new URL(link.url).pathname;
    const page = await t.app.inject({ url: path });
    const form = { cookie: `hc_csrf=${page.cookies.find((c) => c.name === 'hc_csrf')!.value}`, csrf: csrfInput(page.body) };
    expect((await postForm(t.app, path, { password: 'reset passphrase ok', _csrf: form.csrf }, form.cookie)).statusCode).toBe(303);
    expect((await t.app.inject({ url: '/account', headers: { cookie: old.cookie } })).statusCode).toBe(303);
    await signInBrowser(t.app, u.email, 'reset passphrase ok');
    const anon = await anonymousForm(t.app);
    expect((await postForm(t.app, '/login', { email: u.email, password: 'correct horse battery', _csrf: anon.csrf }, anon.cookie)).statusCode).toBe(401);
    expect((await t.app.inject({ url: path })).statusCode).toBe(404);
  });

  it('lets an alliance admin browse and filter the audit log page', async () => {
    const admin = await signInBrowser(t.app, 'first@example.org', 'first admin passphrase');
    const all = await t.app.inject({ url: '/admin/audit', headers: { cookie: admin.cookie } });
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('auth.login');
    const roles = await t.app.inject({ url: '/admin/audit?action=user.role', headers: { cookie: admin.cookie } });
    expect(roles.body).toContain('user.role');
    expect(roles.body).not.toContain('<code>auth.login</code>');
    for (const lang of ['en', 'fr', 'es', 'ru', 'zh', 'ar']) {
      for (const url of ['/admin/audit', '/admin/users', '/account', '/login']) {
        const res = await t.app.inject({ url: `${url}?lang=${lang}`, headers: { cookie: admin.cookie } });
        expect([200, 303], `${url} ${lang}`).toContain(res.statusCode);
      }
    }
  });
});
