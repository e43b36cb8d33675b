import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newUser } from '../../../test/helpers/factories';
import { postForm, signInBrowser } from '../../../test/helpers/browser-session';

type User = Awaited<ReturnType<typeof newUser>>;

describe('the experts directory', () => {
  let t: TestApp;
  let listed: User;
  let shy: User;
  let member: User;
  let inst: string;
  const api = (method: 'GET' | 'PUT' | 'DELETE', url: string, who?: User, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as object, headers: who ? { authorization: `Bearer ${who.token}` } : {} });

  beforeAll(async () => {
    t = await buildTestApp();
    inst = (await newInstitution(t.store, { name: { en: ['Palace Museum'] } })).id;
    listed = await newUser(t.store, { role: 'curator', institutionId: inst });
    shy = await newUser(t.store, { role: 'member', institutionId: inst });
    member = await newUser(t.store, { role: 'member', institutionId: inst });
  });
  afterAll(() => t?.close());

  it('lists only experts who consented, to members only, filtered by skill, language and availability', async () => {
    const saved = await api('PUT', '/api/v1/experts/me', listed, { name: 'Li Wei', skills: ['conservation-wood', 'heritage-science'], languages: ['zh-Hant', 'en'], availability: 'limited', institutionId: inst, listed: true });
    expect(saved.statusCode, saved.body).toBe(200);
    await api('PUT', '/api/v1/experts/me', shy, { name: 'Hidden Person', skills: ['conservation-wood'], languages: ['fr'], listed: false });
    expect((await api('PUT', '/api/v1/experts/me', member, { name: 'X', skills: ['juggling'], listed: true })).statusCode).toBe(400);

    const names = async (query: string, who: User = member) => (await api('GET', `/api/v1/experts${query}`, who)).json().items.map((e: { name: string }) => e.name);
    expect(await names('')).toEqual(['Li Wei']);
    expect(await names('?skill=conservation-wood')).toEqual(['Li Wei']);
    expect(await names('?skill=digitisation')).toEqual([]);
    expect(await names('?language=zh')).toEqual(['Li Wei']);
    expect(await names('?language=fr')).toEqual([]);
    expect(await names('?availability=available')).toEqual([]);
    expect((await api('GET', '/api/v1/experts')).statusCode).toBe(401);
    expect((await api('GET', `/api/v1/experts/${(await api('GET', '/api/v1/experts/me', shy)).json().expert.id}`, member)).statusCode).toBe(404);
    expect((await api('GET', '/api/v1/experts/me', shy)).json().expert.listed).toBe(false);
  });

  it('documents the people API in OpenAPI and lets a read-only token read the directory', async () => {
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/experts', '/api/v1/training/calls', '/api/v1/events', '/api/v1/practices', '/api/v1/awards/{id}']) expect(spec.paths[path], path).toBeTruthy();
    const reader = await newUser(t.store, { role: 'member', institutionId: inst, scopes: ['read'] });
    expect((await api('GET', '/api/v1/experts', reader)).statusCode).toBe(200);
    expect((await api('PUT', '/api/v1/experts/me', reader, { name: 'Reader', listed: true })).statusCode).toBe(403);
  });

  it('lets a member edit their own entry through the page and withdraw consent', async () => {
    expect((await t.app.inject({ url: '/experts' })).statusCode).toBe(303);
    const browser = await signInBrowser(t.app, member.email);
    const form = await t.app.inject({ url: '/experts/me?lang=en', headers: { cookie: browser.cookie } });
    expect(form.body).toContain('List me in the experts directory');
    const bad = await postForm(t.app, '/experts/me', { _csrf: browser.csrf, name: '', languages: 'ar' }, browser.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Fill in this field.');
    const ok = await postForm(t.app, '/experts/me', { _csrf: browser.csrf, name: 'Amina Haddad', languages: 'ar, fr', skills: ['rare-books', 'cataloguing'], availability: 'available', listed: 'on' }, browser.cookie);
    expect(ok.statusCode).toBe(303);
    const dir = await t.app.inject({ url: '/experts?skill=rare-books&lang=en', headers: { cookie: browser.cookie } });
    expect(dir.body).toContain('Amina Haddad');
    expect(dir.body).toContain('Rare books and ancient texts');
    await postForm(t.app, '/experts/me', { _csrf: browser.csrf, name: 'Amina Haddad', languages: 'ar', availability: 'available' }, browser.cookie);
    expect((await t.app.inject({ url: '/experts?lang=en', headers: { cookie: browser.cookie } })).body).not.toContain('Amina Haddad');
  });
});
