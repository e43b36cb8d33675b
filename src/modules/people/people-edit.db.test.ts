import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newUser } from '../../../test/helpers/factories';
import { postForm, signInBrowser } from '../../../test/helpers/browser-session';

type User = Awaited<ReturnType<typeof newUser>>;
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('editing calls and awards, and case-study links to projects', () => {
  let t: TestApp;
  let host: User;
  let applicant: User;
  let outsider: User;
  let admin: User;
  let hostInstitution: string;
  let otherInstitution: string;
  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, who?: User, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as object, headers: who ? { authorization: `Bearer ${who.token}` } : {} });

  beforeAll(async () => {
    t = await buildTestApp();
    hostInstitution = (await newInstitution(t.store, { name: { en: ['Dunhuang Academy'] } })).id;
    otherInstitution = (await newInstitution(t.store, { name: { en: ['National Library'] } })).id;
    host = await newUser(t.store, { role: 'curator', institutionId: hostInstitution });
    applicant = await newUser(t.store, { role: 'member', institutionId: otherInstitution });
    outsider = await newUser(t.store, { role: 'curator', institutionId: otherInstitution });
    admin = await newUser(t.store, { admin: true });
  });
  afterAll(() => t?.close());

  it('changes a call through the API, never below the places already filled', async () => {
    const call = (await api('POST', '/api/v1/training/calls', host, { institutionId: hostInstitution, kind: 'exchange', title: { en: ['Mural exchange'] }, places: 2, deadline: future(30), visibility: 'members' })).json();
    const app = (await api('POST', `/api/v1/training/calls/${call.id}/applications`, applicant, { statement: 'Wall paintings.' })).json();
    expect((await api('POST', `/api/v1/training/applications/${app.id}/decision`, host, { decision: 'selected' })).statusCode).toBe(200);

    const changed = await api('PATCH', `/api/v1/training/calls/${call.id}`, host, { title: { en: ['Mural exchange 2027'], fr: ['Échange peintures murales 2027'] }, places: 1, deadline: future(40), location: 'Dunhuang' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ title: { en: ['Mural exchange 2027'], fr: ['Échange peintures murales 2027'] }, places: 1, deadline: future(40), location: 'Dunhuang', visibility: 'members' });

    const tooFew = await api('PATCH', `/api/v1/training/calls/${call.id}`, host, { places: 0 });
    expect(tooFew.statusCode).toBe(400);
    expect((await api('PATCH', `/api/v1/training/calls/${call.id}`, host, { places: 3 })).json().places).toBe(3);
    const second = (await api('POST', `/api/v1/training/calls/${call.id}/applications`, outsider, { statement: 'Me too.' })).json();
    expect((await api('POST', `/api/v1/training/applications/${second.id}/decision`, host, { decision: 'selected' })).statusCode).toBe(200);
    const below = await api('PATCH', `/api/v1/training/calls/${call.id}`, host, { places: 1 });
    expect(below.statusCode).toBe(409);
    expect(below.json().error.problems).toEqual([{ field: 'places', message: 'is below the 2 places already filled' }]);
    expect((await api('GET', `/api/v1/training/calls/${call.id}`, host)).json().call.places).toBe(3);

    // Only the call's staff: a member who sees it is refused, the public does not see it at all.
    expect((await api('PATCH', `/api/v1/training/calls/${call.id}`, outsider, { places: 5 })).statusCode).toBe(403);
    expect((await api('PATCH', `/api/v1/training/calls/${call.id}`, undefined, { places: 5 })).statusCode).toBe(404);
    expect((await api('PATCH', `/api/v1/training/calls/${call.id}`, admin, { visibility: 'public' })).json().visibility).toBe('public');
  });

  it('edits a call through its page, language by language, with per-field errors', async () => {
    const call = (await api('POST', '/api/v1/training/calls', host, { institutionId: hostInstitution, kind: 'training', title: { en: ['Paper course'] }, places: 1, deadline: future(20) })).json();
    const app = (await api('POST', `/api/v1/training/calls/${call.id}/applications`, applicant, { statement: 'Paper.' })).json();
    await api('POST', `/api/v1/training/applications/${app.id}/decision`, host, { decision: 'selected' });
    const staff = await signInBrowser(t.app, host.email);
    const page = await t.app.inject({ url: `/training/${call.id}?lang=en`, headers: { cookie: staff.cookie } });
    expect(page.body).toContain(`href="/training/${call.id}/edit"`);
    const form = await t.app.inject({ url: `/training/${call.id}/edit?lang=en`, headers: { cookie: staff.cookie } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="title_en"');
    expect(form.body).toContain('value="Paper course"');
    expect(form.body).toMatch(/name="title_ar"[^>]*lang="ar"[^>]*dir="rtl"|lang="ar" dir="rtl"[^>]*name="title_ar"|name="title_ar"[^>]*dir="rtl"/);

    const fields = { _csrf: staff.csrf, title_en: 'Paper course', title_zh: '纸张修复课程', summary_en: '', places: '1', deadline: future(25), startsOn: '', endsOn: '', location: '', visibility: 'public' };
    const bad = await postForm(t.app, `/training/${call.id}/edit?lang=en`, { ...fields, places: '0', deadline: 'soon' }, staff.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a valid date.');
    expect(bad.body).toContain('value="纸张修复课程"');
    const noTitle = await postForm(t.app, `/training/${call.id}/edit?lang=en`, { ...fields, title_en: '', title_zh: '' }, staff.cookie);
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.body).toContain('Fill in this field.');

    const saved = await postForm(t.app, `/training/${call.id}/edit`, { ...fields, places: '4' }, staff.cookie);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/training/${call.id}?done=edited`);
    const after = await t.app.inject({ url: `/training/${call.id}?lang=en&done=edited`, headers: { cookie: staff.cookie } });
    expect(after.body).toContain('The changes have been saved.');
    expect(after.body).toContain('4 places, 1 taken');
    expect((await api('GET', `/api/v1/training/calls/${call.id}`, host)).json().call.title).toEqual({ en: ['Paper course'], zh: ['纸张修复课程'] });

    // Fewer places than filled: the form again, the field saying how many are taken.
    const second = (await api('POST', `/api/v1/training/calls/${call.id}/applications`, outsider, { statement: 'Two.' })).json();
    await api('POST', `/api/v1/training/applications/${second.id}/decision`, host, { decision: 'selected' });
    const below = await postForm(t.app, `/training/${call.id}/edit?lang=en`, { ...fields, places: '1' }, staff.cookie);
    expect(below.statusCode).toBe(409);
    expect(below.body).toContain('Allow at least 2 places: 2 are filled already.');
    expect(below.body).toContain('id="call-places-error"');

    const other = await signInBrowser(t.app, outsider.email);
    expect((await t.app.inject({ url: `/training/${call.id}/edit`, headers: { cookie: other.cookie } })).statusCode).toBe(404);
    expect((await postForm(t.app, `/training/${call.id}/edit`, { ...fields, _csrf: other.csrf }, other.cookie)).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/training/${call.id}?lang=en`, headers: { cookie: other.cookie } })).body).not.toContain('/edit"');
  });

  it('lets the secretariat edit an award until its winners are published', async () => {
    const award = (await api('POST', '/api/v1/awards', admin, { title: { en: ['Conservation prize'] }, deadline: future(10) })).json();
    expect((await api('PATCH', `/api/v1/awards/${award.id}`, host, { deadline: future(12) })).statusCode).toBe(403);
    const changed = await api('PATCH', `/api/v1/awards/${award.id}`, admin, { title: { en: ['Conservation prize 2027'] }, description: { en: ['For field conservation.'] }, deadline: future(12) });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ title: { en: ['Conservation prize 2027'] }, description: { en: ['For field conservation.'] }, deadline: future(12) });
    expect((await api('PATCH', `/api/v1/awards/${award.id}`, admin, { title: {} })).statusCode).toBe(400);

    const secretariat = await signInBrowser(t.app, admin.email);
    expect((await t.app.inject({ url: `/awards/${award.id}?lang=en`, headers: { cookie: secretariat.cookie } })).body).toContain(`href="/awards/${award.id}/edit"`);
    const form = await t.app.inject({ url: `/awards/${award.id}/edit?lang=en`, headers: { cookie: secretariat.cookie } });
    expect(form.body).toContain('For field conservation.');
    const fields = { _csrf: secretariat.csrf, title_en: 'Conservation prize 2027', title_ru: 'Премия за консервацию', description_en: 'For field conservation.', deadline: future(14) };
    const bad = await postForm(t.app, `/awards/${award.id}/edit?lang=en`, { ...fields, deadline: '' }, secretariat.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="award-deadline-error"');
    const saved = await postForm(t.app, `/awards/${award.id}/edit`, fields, secretariat.cookie);
    expect(saved.statusCode).toBe(303);
    expect((await api('GET', `/api/v1/awards/${award.id}`)).json().award.title).toEqual({ en: ['Conservation prize 2027'], ru: ['Премия за консервацию'] });
    const member = await signInBrowser(t.app, applicant.email);
    expect((await t.app.inject({ url: `/awards/${award.id}/edit`, headers: { cookie: member.cookie } })).statusCode).toBe(404);

    const nomination = (await api('POST', `/api/v1/awards/${award.id}/nominations`, applicant, { nominee: 'Li Wei', citation: 'Decades of care.' })).json();
    await api('POST', `/api/v1/awards/${award.id}/judging`, admin);
    expect((await api('POST', `/api/v1/awards/${award.id}/winners`, admin, { winners: [nomination.id] })).statusCode).toBe(200);
    expect((await api('PATCH', `/api/v1/awards/${award.id}`, admin, { deadline: future(20) })).statusCode).toBe(409);
    const late = await postForm(t.app, `/awards/${award.id}/edit?lang=en`, fields, secretariat.cookie);
    expect(late.statusCode).toBe(409);
    expect((await t.app.inject({ url: `/awards/${award.id}?lang=en`, headers: { cookie: secretariat.cookie } })).body).not.toContain(`/awards/${award.id}/edit`);
  });

  it('shows a case study’s link to a partners-only project to that project’s partners only', async () => {
    const project = await api('POST', '/api/v1/projects', outsider, { kind: 'restoration', title: { en: ['Stupa restoration'] }, ownerInstitutionId: otherInstitution, visibility: 'private', partners: [{ institutionId: hostInstitution, role: 'partner' }] });
    expect(project.statusCode, project.body).toBe(201);
    const projectId = project.json().id;
    const study = (await api('POST', '/api/v1/practices', host, { institutionId: hostInstitution, title: { en: ['Lime mortars'] }, links: [{ kind: 'project', id: projectId }] })).json();
    const links = async (who?: User) => (await api('GET', `/api/v1/practices/${study.id}`, who)).json().links as { id: string; title: unknown }[];
    // The host institution is a partner: its curator sees the partners-only project, as its owner's staff do.
    expect((await links(host)).map((l) => l.id)).toEqual([projectId]);
    expect((await links(host))[0].title).toEqual({ en: ['Stupa restoration'] });
    expect((await links(outsider)).map((l) => l.id)).toEqual([projectId]);
    const third = (await newInstitution(t.store, { name: { en: ['River Museum'] } })).id;
    expect(await links(await newUser(t.store, { role: 'curator', institutionId: third }))).toEqual([]);
    expect(await links()).toEqual([]);
  });
});
