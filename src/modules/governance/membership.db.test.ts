import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newUser, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { postForm, signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import { createAlliance, recordMembershipEvent, type Alliance } from './alliance.service';

describe('alliance membership and applications', () => {
  let t: TestApp;
  let alliance: Alliance;
  let admin: { email: string; token: string };
  let secretariat: BrowserSession;
  let applicantSession: BrowserSession;
  let applicant: { email: string; token: string };
  let outsider: { token: string };
  let museumId: string;
  let libraryId: string;
  const api = (method: 'GET' | 'POST', url: string, token?: string, payload?: unknown) =>
    t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    t = await buildTestApp();
    const museum = await newInstitution(t.store, { name: { en: ['Dunhuang Academy'] }, country: 'CN', lat: 40.04, lon: 94.8 });
    const library = await newInstitution(t.store, { name: { en: ['Silk Road Library'] }, country: 'UZ', lat: 41.3, lon: 69.24 });
    museumId = museum.id;
    libraryId = library.id;
    alliance = await createAlliance(t.store.db, SYSTEM_ADMIN, {
      id: 'acha',
      name: { en: ['Alliance for Cultural Heritage in Asia'] },
      memberKinds: 'both',
      tiers: [
        { code: 'member-state', name: { en: ['Member state'], fr: ['État membre'] }, appliesTo: 'state' },
        { code: 'observer-state', name: { en: ['Observer state'] }, appliesTo: 'state' },
        { code: 'member-institution', name: { en: ['Member institution'] }, appliesTo: 'institution' },
      ],
    });
    admin = await newUser(t.store, { admin: true });
    applicant = await newUser(t.store, { role: 'institution-admin', institutionId: libraryId });
    outsider = await newUser(t.store, { role: 'curator', institutionId: museumId });
    secretariat = await signInBrowser(t.app, admin.email);
    applicantSession = await signInBrowser(t.app, applicant.email);
  });
  afterAll(() => t?.close());

  it('defines tiers, and refuses a tier for a kind of member the alliance does not admit', async () => {
    const res = await api('GET', '/api/v1/alliances/acha');
    expect(res.statusCode).toBe(200);
    expect(res.json().tiers.map((x: { code: string }) => x.code)).toEqual(['member-state', 'observer-state', 'member-institution']);
    const added = await api('POST', '/api/v1/alliances/acha/tiers', admin.token, { code: 'associate', name: { en: ['Associate institution'] }, appliesTo: 'institution' });
    expect(added.statusCode).toBe(201);
    expect(added.json().tiers).toHaveLength(4);
    const statesOnly = await api('POST', '/api/v1/alliances', admin.token, { id: 'states-club', name: { en: ['States club'] }, memberKinds: 'states', tiers: [{ code: 'museum', name: { en: ['Museum'] }, appliesTo: 'institution' }] });
    expect(statesOnly.statusCode).toBe(400);
    expect(statesOnly.json().error.problems[0].field).toBe('/tiers/0/appliesTo');
    const byCurator = await api('POST', '/api/v1/alliances/acha/tiers', outsider.token, { code: 'x', name: { en: ['X'] }, appliesTo: 'state' });
    expect(byCurator.statusCode).toBe(403);
  });

  it('answers who was a member, and in which tier, on a past date', async () => {
    const step = (body: object) => api('POST', '/api/v1/alliances/acha/membership-events', admin.token, body);
    expect((await step({ member: { kind: 'state', country: 'KH' }, event: 'joined', tierId: 'acha.observer-state', effectiveOn: '2023-04-25' })).statusCode).toBe(201);
    expect((await step({ member: { kind: 'state', country: 'KH' }, event: 'tier-changed', tierId: 'acha.member-state', effectiveOn: '2024-06-01' })).statusCode).toBe(201);
    expect((await step({ member: { kind: 'institution', institutionId: museumId }, event: 'joined', tierId: 'acha.member-institution', effectiveOn: '2023-04-25' })).statusCode).toBe(201);
    expect((await step({ member: { kind: 'institution', institutionId: museumId }, event: 'suspended', effectiveOn: '2024-03-01' })).statusCode).toBe(201);
    expect((await step({ member: { kind: 'state', country: 'NP' }, event: 'joined', tierId: 'acha.member-state', effectiveOn: '2023-05-01' })).statusCode).toBe(201);
    expect((await step({ member: { kind: 'state', country: 'NP' }, event: 'left', effectiveOn: '2024-04-30', note: 'Letter of 2 April' })).statusCode).toBe(201);
    // A step that contradicts the history around its date is refused.
    const late = await step({ member: { kind: 'state', country: 'NP' }, event: 'suspended', effectiveOn: '2024-05-10' });
    expect(late.statusCode).toBe(409);
    const wrongTier = await step({ member: { kind: 'state', country: 'LA' }, event: 'joined', tierId: 'acha.member-institution', effectiveOn: '2024-01-01' });
    expect(wrongTier.statusCode).toBe(400);
    expect((await api('POST', '/api/v1/alliances/acha/membership-events', applicant.token, { member: { kind: 'state', country: 'LA' }, event: 'joined', tierId: 'acha.member-state', effectiveOn: '2024-01-01' })).statusCode).toBe(403);

    const on = async (date: string) => (await api('GET', `/api/v1/alliances/acha/members?date=${date}`)).json().items as { key: string; tierId: string; status: string }[];
    const may2024 = await on('2024-05-01');
    expect(may2024.map((m) => `${m.key}:${m.tierId}:${m.status}`)).toEqual([`institution:${museumId}:acha.member-institution:suspended`, 'state:KH:acha.observer-state:active']);
    expect((await on('2024-04-29')).map((m) => m.key)).toContain('state:NP');
    expect((await on('2024-07-01')).find((m) => m.key === 'state:KH')?.tierId).toBe('acha.member-state');
    expect(await on('2023-01-01')).toEqual([]);
    // The public history hides the secretariat's notes.
    const history = (await api('GET', '/api/v1/alliances/acha/membership-events')).json().items;
    expect(history.find((e: { event: string }) => e.event === 'left').note).toBeNull();
    const forSecretariat = (await api('GET', '/api/v1/alliances/acha/membership-events', admin.token)).json().items;
    expect(forSecretariat.find((e: { event: string }) => e.event === 'left').note).toBe('Letter of 2 April');

    const page = await t.app.inject({ url: '/alliance?lang=en&date=2024-05-01' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2 members on May 1, 2024');
    expect(page.body).toContain('Cambodia');
    expect(page.body).not.toContain('Nepal');
  });

  it('takes an application through review, a request for information and referral to admission, notifying each side', async () => {
    const form = await t.app.inject({ url: '/alliance/apply?lang=en', headers: { cookie: applicantSession.cookie } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Silk Road Library');
    const tooShort = await postForm(t.app, '/alliance/apply', { _csrf: applicantSession.csrf, memberKind: 'institution', institutionId: libraryId, tierId: 'acha.member-institution', statement: 'Please' }, applicantSession.cookie);
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.body).toContain('/statement');
    const sent = await postForm(
      t.app,
      '/alliance/apply',
      { _csrf: applicantSession.csrf, memberKind: 'institution', institutionId: libraryId, tierId: 'acha.member-institution', statement: 'We hold 12,000 manuscripts from the Silk Road and wish to share them.' },
      applicantSession.cookie,
    );
    expect(sent.statusCode).toBe(303);
    const link = sent.headers.location as string;
    const id = /applications\/([^?]+)/.exec(link)![1];
    // Another application for the same institution while this one is open is refused.
    const twice = await api('POST', '/api/v1/alliances/acha/applications', applicant.token, { member: { kind: 'institution', institutionId: libraryId }, tierId: 'acha.member-institution', statement: 'A second application for the same library.' });
    expect(twice.statusCode).toBe(409);
    // Someone else's application does not exist for them.
    expect((await api('GET', `/api/v1/alliances/applications/${id}`, outsider.token)).statusCode).toBe(404);

    const menu = await t.app.inject({ url: '/alliance?lang=en', headers: { cookie: secretariat.cookie } });
    expect(menu.body).toMatch(/Notifications <span class="unread-badge" aria-hidden="true">1<\/span>/);

    const act = (session: BrowserSession, fields: Record<string, string>) => postForm(t.app, `/alliance/applications/${id}`, { _csrf: session.csrf, ...fields }, session.cookie);
    // The applicant cannot decide, nor the secretariat skip referral.
    expect((await act(applicantSession, { action: 'admit', decidedBy: 'council', decidedOn: '2025-03-01' })).statusCode).toBe(403);
    expect((await act(secretariat, { action: 'admit', decidedBy: 'council', decidedOn: '2025-03-01' })).statusCode).toBe(409);
    expect((await act(secretariat, { action: 'review' })).statusCode).toBe(303);
    expect((await act(secretariat, { action: 'request-information', note: 'Please send your statutes.' })).statusCode).toBe(303);
    const asked = await t.app.inject({ url: `/notifications?lang=en`, headers: { cookie: applicantSession.cookie } });
    expect(asked.body).toContain('The secretariat asks for more information about your application.');
    expect((await act(applicantSession, { action: 'respond', note: 'Our statutes are attached to this answer.' })).statusCode).toBe(303);
    expect((await act(secretariat, { action: 'refer', note: 'To the council of March' })).statusCode).toBe(303);
    expect((await act(secretariat, { action: 'admit', decidedBy: 'council', decidedOn: '2025-03-01' })).statusCode).toBe(303);

    const done = (await api('GET', `/api/v1/alliances/applications/${id}`, applicant.token)).json();
    expect(done.status).toBe('admitted');
    expect(done.decidedBy).toBe('council');
    expect(done.steps.map((s: { status: string }) => s.status)).toEqual(['submitted', 'under-review', 'information-requested', 'under-review', 'referred', 'admitted']);
    const members = (await api('GET', '/api/v1/alliances/acha/members?date=2025-03-01')).json().items;
    expect(members.find((m: { key: string }) => m.key === `institution:${libraryId}`)).toMatchObject({ tierId: 'acha.member-institution', since: '2025-03-01' });
    expect((await api('GET', '/api/v1/alliances/acha/members?date=2025-02-28')).json().items.some((m: { key: string }) => m.key === `institution:${libraryId}`)).toBe(false);

    const page = await t.app.inject({ url: `/alliance/applications/${id}?lang=en`, headers: { cookie: applicantSession.cookie } });
    expect(page.body).toContain('Admitted');
    expect(page.body).toContain('Please send your statutes.');
    const inbox = await t.app.inject({ url: '/notifications?lang=en', headers: { cookie: applicantSession.cookie } });
    expect(inbox.body).toContain('Welcome: your application has been accepted');
    const list = (await api('GET', '/api/v1/notifications', applicant.token)).json();
    expect(list.unread).toBe(4);
    expect(list.items[0].message.key).toBe('gov.notify.admitted');
    expect((await postForm(t.app, '/notifications/read', { _csrf: applicantSession.csrf }, applicantSession.cookie)).statusCode).toBe(303);
    expect((await api('GET', '/api/v1/notifications', applicant.token)).json().unread).toBe(0);
    // Someone else's notification is not there to mark.
    expect((await api('POST', `/api/v1/notifications/${list.items[0].id}/read`, outsider.token)).statusCode).toBe(404);

    const about = await t.app.inject({ url: '/alliance?lang=en' });
    expect(about.body).toContain('Silk Road Library — Member institution');
  });

  it('lets the secretariat record a membership step through its form, with the wrong field named, and hides the register from others', async () => {
    const form = await t.app.inject({ url: '/alliance/membership?lang=en', headers: { cookie: secretariat.cookie } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Membership register');
    const post = (fields: Record<string, string>) => postForm(t.app, '/alliance/membership', { _csrf: secretariat.csrf, memberKind: 'state', institutionId: '', country: 'MN', note: '', ...fields }, secretariat.cookie);
    const noTier = await post({ event: 'joined', tierId: '', effectiveOn: '2025-06-01' });
    expect(noTier.statusCode).toBe(400);
    expect(noTier.body).toContain('/tierId');
    const ok = await post({ event: 'joined', tierId: 'acha.observer-state', effectiveOn: '2025-06-01', note: 'Letter of accession' });
    expect(ok.statusCode).toBe(303);
    const after = await t.app.inject({ url: '/alliance/membership?lang=en&done=saved', headers: { cookie: secretariat.cookie } });
    expect(after.body).toContain('The step has been recorded.');
    expect(after.body).toContain('Mongolia');
    expect(after.body).toContain('Letter of accession');
    expect((await t.app.inject({ url: '/alliance/membership', headers: { cookie: applicantSession.cookie } })).statusCode).toBe(404);
    expect((await postForm(t.app, '/alliance/membership', { _csrf: applicantSession.csrf, memberKind: 'state', country: 'MN', event: 'left', effectiveOn: '2025-07-01' }, applicantSession.cookie)).statusCode).toBe(404);
  });

  it('records a state’s joining through the service, and sends the public to sign in before applying', async () => {
    await recordMembershipEvent(t.store.db, SYSTEM_ADMIN, alliance.id, { member: { kind: 'state', country: 'LA' }, event: 'joined', tierId: 'acha.member-state', effectiveOn: '2025-01-01' });
    const anonymous = await t.app.inject({ url: '/alliance/apply' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
    expect((await t.app.inject({ url: '/alliance/applications/ap-nothing' })).statusCode).toBe(303);
  });
});
