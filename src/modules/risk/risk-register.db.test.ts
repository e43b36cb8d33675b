import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { postForm, signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import { TEST_DIALECT } from '../../../test/helpers/test-database';

describe(`the risk register (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let inst: string;
  let fort: string;
  let temple: string;
  let secret: string;
  let token: string;
  let outsiderToken: string;
  let curator: BrowserSession;
  const api = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object, who = token) =>
    t.app.inject({ method, url, payload, headers: who ? { authorization: `Bearer ${who}` } : {} });

  beforeAll(async () => {
    t = await buildTestApp();
    inst = (await newInstitution(t.store, { name: { en: ['Heritage Agency'] } })).id;
    const other = (await newInstitution(t.store)).id;
    fort = (await newRecord(t.store, { institutionId: inst, kind: 'site', title: { en: ['Mud-brick fort'] }, places: [{ name: { en: ['Oasis'] }, lat: 40.5, lon: 80.2 }] })).id;
    temple = (await newRecord(t.store, { institutionId: inst, kind: 'site', title: { en: ['Cave temple'] } })).id;
    secret = (await newRecord(t.store, { institutionId: inst, kind: 'site', title: { en: ['Unpublished tomb'] }, visibility: 'private' })).id;
    const user = await newUser(t.store, { role: 'curator', institutionId: inst });
    token = user.token;
    outsiderToken = (await newUser(t.store, { role: 'curator', institutionId: other })).token;
    curator = await signInBrowser(t.app, user.email);
  });
  afterAll(() => t?.close());

  it('classifies a threat under a primary and a secondary factor of the UNESCO list', async () => {
    const entry = await api('PUT', `/api/v1/risk/sites/${fort}`, { condition: 'poor', trend: 'declining', priority: 'urgent', lastInspection: '2026-03-14' });
    expect(entry.statusCode, entry.body).toBe(200);
    expect(entry.json()).toMatchObject({ recordId: fort, responsibleInstitutionId: inst, condition: 'poor', trend: 'declining', priority: 'urgent', lastInspection: '2026-03-14', threats: [] });
    const threat = await api('POST', `/api/v1/risk/sites/${fort}/threats`, { primary: 'climate', secondary: 'flooding', description: 'Spring floods undercut the north wall' });
    expect(threat.statusCode, threat.body).toBe(201);
    expect(threat.json()).toMatchObject({ primary: 'climate', secondary: 'flooding' });
    const site = (await api('GET', `/api/v1/risk/sites/${fort}`, undefined, '')).json();
    expect(site.entry.threats).toEqual([expect.objectContaining({ primary: 'climate', secondary: 'flooding', description: 'Spring floods undercut the north wall' })]);
    const factors = (await api('GET', '/api/v1/risk/factors', undefined, '')).json();
    expect(factors.climate).toContain('flooding');
    expect(factors.sudden).toContain('earthquake');
  });

  it('refuses a secondary factor that is not under the primary one, and bad levels and dates, naming the field', async () => {
    const wrong = await api('POST', `/api/v1/risk/sites/${fort}/threats`, { primary: 'pollution', secondary: 'earthquake' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.problems).toEqual([{ field: '/secondary', message: 'is not a secondary factor of "pollution"' }]);
    const date = await api('PUT', `/api/v1/risk/sites/${fort}`, { condition: 'poor', trend: 'stable', priority: 'high', lastInspection: '2026-02-30' });
    expect(date.json().error.problems).toEqual([{ field: '/lastInspection', message: 'must be a date (YYYY-MM-DD)' }]);
    const noEntry = await api('POST', `/api/v1/risk/sites/${temple}/threats`, { primary: 'other' });
    expect(noEntry.statusCode).toBe(404);
  });

  it('lists the register with filters by factor, priority, condition and trend, hiding what the actor may not see', async () => {
    await api('PUT', `/api/v1/risk/sites/${temple}`, { condition: 'fair', trend: 'stable', priority: 'medium' });
    await api('POST', `/api/v1/risk/sites/${temple}/threats`, { primary: 'sudden', secondary: 'earthquake' });
    await api('PUT', `/api/v1/risk/sites/${secret}`, { condition: 'critical', trend: 'declining', priority: 'urgent' });
    const ids = async (q: string, who = '') => (await api('GET', `/api/v1/risk/register${q}`, undefined, who)).json().items.map((i: { recordId: string }) => i.recordId);
    expect(await ids('')).toEqual([fort, temple]);
    expect(await ids('', token)).toEqual([secret, fort, temple]);
    expect(await ids('', outsiderToken)).toEqual([fort, temple]);
    expect(await ids('?factor=climate')).toEqual([fort]);
    expect(await ids('?factor=climate.flooding')).toEqual([fort]);
    expect(await ids('?factor=climate.drought')).toEqual([]);
    expect(await ids('?factor=sudden')).toEqual([temple]);
    expect(await ids('?priority=medium')).toEqual([temple]);
    expect(await ids('?condition=poor&trend=declining')).toEqual([fort]);
    expect((await api('GET', `/api/v1/risk/sites/${secret}`, undefined, outsiderToken)).statusCode).toBe(404);
    expect((await api('PUT', `/api/v1/risk/sites/${fort}`, { condition: 'good', trend: 'stable', priority: 'low' }, outsiderToken)).statusCode).toBe(403);
  });

  it('documents the risk API in OpenAPI', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/risk/register', '/api/v1/risk/sites/{recordId}/sensitive', '/api/v1/risk/incidents/{id}/assessments', '/api/v1/risk/help/requests/{id}', '/api/v1/risk/reports']) expect(Object.keys(doc.paths)).toContain(path);
  });

  it('shows the register page with its filters, map and table, in another language too', async () => {
    const page = await t.app.inject({ url: '/risk?lang=en&factor=climate.flooding' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mud-brick fort');
    expect(page.body).not.toContain('Cave temple');
    expect(page.body).toContain('Climate change and severe weather events › Flooding');
    expect(page.body).toContain('class="map-pin"');
    expect(page.body).toContain('<option value="climate.flooding" selected="">');
    const fr = await t.app.inject({ url: '/risk?lang=fr' });
    expect(fr.body).toContain('Patrimoine en péril');
    expect(fr.body).toContain('Inondations');
    expect(fr.body).toContain('Urgente');
  });

  it('lets staff save the entry, add and remove threats and flag the site through plain forms', async () => {
    const path = `/risk/sites/${temple}`;
    const page = await t.app.inject({ url: `${path}?lang=en`, headers: { cookie: curator.cookie } });
    expect(page.body).toContain('Add a threat');
    let res = await postForm(t.app, path, { _csrf: curator.csrf, condition: 'poor', trend: 'declining', priority: 'high', lastInspection: '2026-01-05', responsibleInstitutionId: '', notes: 'Cracks after the tremor' }, curator.cookie);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    expect(res.headers.location).toBe(`${path}?done=saved`);
    res = await postForm(t.app, `${path}/threats`, { _csrf: curator.csrf, factor: 'human.illegal', description: 'Looting pits' }, curator.cookie);
    expect(res.statusCode).toBe(303);
    const after = await t.app.inject({ url: `${path}?lang=en&done=added`, headers: { cookie: curator.cookie } });
    expect(after.body).toContain('The threat is added.');
    expect(after.body).toContain('Other human activities › Illegal activities (looting, theft, trafficking)');
    expect(after.body).toContain('Cracks after the tremor');
    // A refused form comes back with the page, the message and the field.
    res = await postForm(t.app, path, { _csrf: curator.csrf, condition: 'poor', trend: 'declining', priority: 'high', lastInspection: '2999-01-01' }, curator.cookie);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('is in the future');
    expect(res.body).toContain('value="2999-01-01"');
    const threatId = /threats\/([^/]+)\/delete/.exec(after.body)![1];
    res = await postForm(t.app, `${path}/threats/${threatId}/delete`, { _csrf: curator.csrf }, curator.cookie);
    expect(res.headers.location).toBe(`${path}?done=removed`);
    res = await postForm(t.app, `${path}/sensitive`, { _csrf: curator.csrf, action: 'flag', reason: 'Looting' }, curator.cookie);
    expect(res.headers.location).toBe(`${path}?done=flagged`);
    expect((await api('GET', `/api/v1/risk/sites/${temple}`, undefined, '')).json().sensitive.sensitive).toBe(true);
    // The public sees no forms.
    const anonymous = await t.app.inject({ url: `${path}?lang=en` });
    expect(anonymous.body).not.toContain('Add a threat');
    expect(anonymous.body).toContain('its location is shown only approximately');
  });
});
