import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newUser } from '../../../test/helpers/factories';
import { postForm, signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';

type User = Awaited<ReturnType<typeof newUser>>;
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('training programmes and exchange calls', () => {
  let t: TestApp;
  let host: User;
  let applicant: User;
  let second: User;
  let outsider: User;
  let hostInstitution: string;
  const api = (method: 'GET' | 'POST' | 'PUT', url: string, who?: User, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as object, headers: who ? { authorization: `Bearer ${who.token}` } : {} });

  beforeAll(async () => {
    t = await buildTestApp();
    hostInstitution = (await newInstitution(t.store, { name: { en: ['Dunhuang Academy'] } })).id;
    const other = (await newInstitution(t.store, { name: { en: ['National Library'] } })).id;
    host = await newUser(t.store, { role: 'curator', institutionId: hostInstitution });
    applicant = await newUser(t.store, { role: 'member', institutionId: other });
    second = await newUser(t.store, { role: 'curator', institutionId: other });
    outsider = await newUser(t.store, { role: 'curator', institutionId: other });
  });
  afterAll(() => t?.close());

  it('takes an exchange call from publication through applications to the selection of a participant', async () => {
    const created = await api('POST', '/api/v1/training/calls', host, { institutionId: hostInstitution, kind: 'exchange', title: { en: ['Mural conservation exchange'], zh: ['壁画保护人员交流'] }, places: 1, deadline: future(30), visibility: 'members' });
    expect(created.statusCode, created.body).toBe(201);
    const call = created.json();
    expect(call.open).toBe(true);

    const applied = await api('POST', `/api/v1/training/calls/${call.id}/applications`, applicant, { statement: 'I restore wall paintings in Xinjiang.' });
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json().status).toBe('submitted');
    expect((await api('POST', `/api/v1/training/calls/${call.id}/applications`, applicant, { statement: 'Again' })).statusCode).toBe(409);
    const other = (await api('POST', `/api/v1/training/calls/${call.id}/applications`, second, { statement: 'Me too.' })).json();

    // The applicant sees their own application only; the host's staff see them all.
    const asApplicant = (await api('GET', `/api/v1/training/calls/${call.id}`, applicant)).json();
    expect(asApplicant.mine.status).toBe('submitted');
    expect(asApplicant.applications).toBeNull();
    const asHost = (await api('GET', `/api/v1/training/calls/${call.id}`, host)).json();
    expect(asHost.applications.map((a: { id: string }) => a.id)).toEqual([applied.json().id, other.id]);

    // Only the call's staff decide.
    expect((await api('POST', `/api/v1/training/applications/${applied.json().id}/decision`, outsider, { decision: 'selected' })).statusCode).toBe(404);
    const selected = await api('POST', `/api/v1/training/applications/${applied.json().id}/decision`, host, { decision: 'selected' });
    expect(selected.statusCode, selected.body).toBe(200);
    expect(selected.json().status).toBe('selected');
    // One place: a second selection is refused, a decline is fine.
    expect((await api('POST', `/api/v1/training/applications/${other.id}/decision`, host, { decision: 'selected' })).statusCode).toBe(409);
    expect((await api('POST', `/api/v1/training/applications/${other.id}/decision`, host, { decision: 'declined' })).json().status).toBe('declined');

    const outcome = await api('PUT', `/api/v1/training/applications/${applied.json().id}/outcome`, applicant, { outcome: 'Learned lime-based grouting.' });
    expect(outcome.json().outcome).toBe('Learned lime-based grouting.');
    const after = (await api('GET', `/api/v1/training/calls/${call.id}`, applicant)).json();
    expect(after.mine.status).toBe('selected');
    expect(after.selectedCount).toBe(1);
  });

  it('hides members-only calls from the public and refuses applications after closing', async () => {
    const call = (await api('POST', '/api/v1/training/calls', host, { institutionId: hostInstitution, kind: 'training', title: { en: ['Closed-door course'] }, deadline: future(10), visibility: 'members' })).json();
    expect((await api('GET', `/api/v1/training/calls/${call.id}`)).statusCode).toBe(404);
    expect((await api('GET', '/api/v1/training/calls')).json().items.some((c: { id: string }) => c.id === call.id)).toBe(false);
    expect((await t.app.inject({ url: `/training/${call.id}?lang=en` })).statusCode).toBe(404);
    expect((await api('POST', `/api/v1/training/calls/${call.id}/close`, applicant)).statusCode).toBe(403);
    expect((await api('POST', `/api/v1/training/calls/${call.id}/close`, host)).json().open).toBe(false);
    expect((await api('POST', `/api/v1/training/calls/${call.id}/applications`, applicant, { statement: 'Late' })).statusCode).toBe(409);
    expect((await api('POST', '/api/v1/training/calls', applicant, { institutionId: hostInstitution, kind: 'training', title: { en: ['Not mine'] }, deadline: future(3) })).statusCode).toBe(403);
  });

  it('applies and selects through the pages, without JavaScript', async () => {
    const call = (await api('POST', '/api/v1/training/calls', host, { institutionId: hostInstitution, kind: 'exchange', title: { en: ['Paper conservation exchange'] }, places: 2, deadline: future(20) })).json();
    const publicPage = await t.app.inject({ url: `/training/${call.id}?lang=en` });
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('Sign in to apply');
    const browser: BrowserSession = await signInBrowser(t.app, applicant.email);
    const empty = await postForm(t.app, `/training/${call.id}/apply`, { _csrf: browser.csrf, statement: '' }, browser.cookie);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Fill in this field.');
    const sent = await postForm(t.app, `/training/${call.id}/apply`, { _csrf: browser.csrf, statement: 'Paper conservator, 6 years.' }, browser.cookie);
    expect(sent.statusCode).toBe(303);
    expect((await t.app.inject({ url: sent.headers.location as string, headers: { cookie: browser.cookie } })).body).toContain('Under review');

    const staff = await signInBrowser(t.app, host.email);
    const page = await t.app.inject({ url: `/training/${call.id}?lang=en`, headers: { cookie: staff.cookie } });
    const appId = /\/training\/applications\/([^/]+)\/decision/.exec(page.body)![1];
    const decided = await postForm(t.app, `/training/applications/${appId}/decision`, { _csrf: staff.csrf, decision: 'selected' }, staff.cookie);
    expect(decided.statusCode).toBe(303);
    const after = await t.app.inject({ url: `/training/${call.id}?lang=en&done=decided`, headers: { cookie: staff.cookie } });
    expect(after.body).toContain('The decision has been recorded.');
    expect(after.body).toContain('2 places, 1 taken');
  });
});
