import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { PUBLIC } from '../accounts/actor';
import { projectFigures } from './project.figures';
import { createProject } from './project.service';

describe('the projects API', () => {
  let t: TestApp;
  let lead: { token: string; actor: import('../accounts/actor').Actor };
  let partner: { token: string };
  let outsider: { token: string };
  let memberOfAlliance: { token: string };
  let ids: { cn: string; uz: string; kz: string; other: string };
  let record: string;
  let privateRecord: string;
  let projectId: string;

  const call = (method: string, url: string, token?: string, payload?: unknown) =>
    t.app.inject({ method: method as 'GET', url, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });

  beforeAll(async () => {
    t = await buildTestApp();
    const cn = await newInstitution(t.store, { name: { en: ['Dunhuang Academy'] }, country: 'CN' });
    const uz = await newInstitution(t.store, { name: { en: ['Samarkand Institute'] }, country: 'UZ' });
    const kz = await newInstitution(t.store, { name: { en: ['Almaty Museum'] }, country: 'KZ' });
    const other = await newInstitution(t.store, { name: { en: ['Far Library'] }, country: 'FR' });
    ids = { cn: cn.id, uz: uz.id, kz: kz.id, other: other.id };
    lead = await newUser(t.store, { role: 'curator', institutionId: cn.id });
    partner = await newUser(t.store, { role: 'member', institutionId: uz.id });
    outsider = await newUser(t.store, { role: 'curator', institutionId: other.id });
    memberOfAlliance = await newUser(t.store, { role: 'member', institutionId: kz.id });
    record = (await newRecord(t.store, { institutionId: cn.id, title: { en: ['Mural fragment'] } })).id;
    privateRecord = (await newRecord(t.store, { institutionId: other.id, title: { en: ['Hidden scroll'] }, visibility: 'private' })).id;
  });
  afterAll(() => t?.close());

  it('creates a project with partners from three countries, the lead first', async () => {
    const res = await call('POST', '/api/v1/projects', lead.token, {
      kind: 'restoration',
      title: { en: ['Restoring Cave 85'], zh: ['85窟修复'] },
      summary: { en: ['Joint conservation of the murals.'] },
      ownerInstitutionId: ids.cn,
      status: 'active',
      startDate: '2024-03',
      endDate: '2027',
      partners: [
        { institutionId: ids.uz, role: 'partner' },
        { name: 'Ministry of Culture of Kazakhstan', countryCode: 'kz', role: 'funder' },
      ],
      sites: [{ name: 'Mogao Caves', countryCode: 'CN', lat: 40.04, lon: 94.8 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    projectId = p.id;
    expect(p.partners.map((x: { role: string; countryCode: string }) => `${x.role}:${x.countryCode}`)).toEqual(['lead:CN', 'partner:UZ', 'funder:KZ']);
    expect(p.countries).toEqual(['CN', 'KZ', 'UZ']);
    expect(p.canManage).toBe(true);
  });

  it('names every wrong field of a project', async () => {
    const res = await call('POST', '/api/v1/projects', lead.token, { kind: 'restoration', title: { en: [' '] }, ownerInstitutionId: ids.cn, startDate: 'next spring', partners: [{ role: 'partner' }] });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'startDate']));
    const partnerless = await call('POST', '/api/v1/projects', lead.token, { kind: 'restoration', title: { en: ['X'] }, ownerInstitutionId: ids.cn, partners: [{ role: 'partner' }] });
    expect(partnerless.json().error.problems.map((p: { field: string }) => p.field)).toEqual(expect.arrayContaining(['partners/0/name', 'partners/0/countryCode']));
    // nothing half-made was left behind
    expect((await call('GET', '/api/v1/projects?q=X', lead.token)).json().total).toBe(0);
  });

  it("refuses a project for an institution one is not staff of", async () => {
    const res = await call('POST', '/api/v1/projects', outsider.token, { kind: 'research', title: { en: ['Not mine'] }, ownerInstitutionId: ids.cn });
    expect(res.statusCode).toBe(403);
  });

  it('lets partners add milestones and outputs linked to records, and shows the link from the record', async () => {
    const m = await call('POST', `/api/v1/projects/${projectId}/milestones`, partner.token, { title: { en: ['Condition survey'] }, dueDate: '2024-09' });
    expect(m.statusCode, m.body).toBe(201);
    const done = await call('PATCH', `/api/v1/projects/${projectId}/milestones/${m.json().id}`, partner.token, { done: true });
    expect(done.statusCode).toBe(204);
    const ms = (await call('GET', `/api/v1/projects/${projectId}/milestones`)).json().items;
    expect(ms[0].doneAt).toBeTruthy();

    const out = await call('POST', `/api/v1/projects/${projectId}/outputs`, partner.token, { kind: 'record', recordId: `https://example.org/records/${record}`, relation: 'restored' });
    expect(out.statusCode, out.body).toBe(201);
    expect(out.json().recordTitle).toEqual({ en: ['Mural fragment'] });
    const again = await call('POST', `/api/v1/projects/${projectId}/outputs`, partner.token, { kind: 'record', recordId: record });
    expect(again.statusCode).toBe(400);
    const hidden = await call('POST', `/api/v1/projects/${projectId}/outputs`, partner.token, { kind: 'record', recordId: privateRecord });
    expect(hidden.json().error.problems[0]).toEqual({ field: 'recordId', message: 'is not a record you can see' });
    await call('POST', `/api/v1/projects/${projectId}/outputs`, partner.token, { kind: 'publication', title: 'Report on Cave 85', url: 'https://doi.org/10.1234/cave85' });
    await call('POST', `/api/v1/projects/${projectId}/outputs`, partner.token, { kind: 'document', title: 'Budget sheet', visibility: 'members' });

    const publicOutputs = (await call('GET', `/api/v1/projects/${projectId}/outputs`)).json().items;
    expect(publicOutputs.map((o: { kind: string }) => o.kind)).toEqual(['record', 'publication']);
    const memberOutputs = (await call('GET', `/api/v1/projects/${projectId}/outputs`, memberOfAlliance.token)).json().items;
    expect(memberOutputs.map((o: { kind: string }) => o.kind)).toEqual(['record', 'publication', 'document']);

    const page = await t.app.inject({ url: `/records/${record}?lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Restoring Cave 85');
    expect(page.body).toContain(`/projects/${projectId}`);
  });

  it('keeps outsiders from editing, and private projects out of sight', async () => {
    const res = await call('POST', `/api/v1/projects/${projectId}/milestones`, outsider.token, { title: { en: ['Sneaky'] } });
    expect(res.statusCode).toBe(403);
    const partnerAdd = await call('POST', `/api/v1/projects/${projectId}/partners`, partner.token, { institutionId: ids.other, role: 'partner' });
    expect(partnerAdd.statusCode).toBe(403);

    const secret = await createProject(t.store.db, lead.actor, { kind: 'research', title: { en: ['Secret survey'] }, ownerInstitutionId: ids.cn, visibility: 'private' });
    expect((await call('GET', `/api/v1/projects/${secret.id}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/projects/${secret.id}`, outsider.token)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/projects/${secret.id}`, lead.token)).statusCode).toBe(200);
    const list = (await call('GET', '/api/v1/projects')).json();
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([projectId]);
    expect(list.facets.kind).toEqual({ restoration: 1 });
    expect((await call('GET', '/api/v1/projects', lead.token)).json().total).toBe(2);
    const figures = await projectFigures(t.store.db, PUBLIC, {});
    expect(figures).toEqual([{ kind: 'restoration', projects: 1, countries: 3 }]);
    expect(await projectFigures(t.store.db, SYSTEM_ADMIN, { year: 2030 })).toEqual([{ kind: 'research', projects: 1, countries: 1 }]);
    expect(await projectFigures(t.store.db, SYSTEM_ADMIN, { year: 2025 })).toEqual([
      { kind: 'restoration', projects: 1, countries: 3 },
      { kind: 'research', projects: 1, countries: 1 },
    ]);
  });

  it('filters projects by kind, partner country and status', async () => {
    expect((await call('GET', '/api/v1/projects?country=uz')).json().total).toBe(1);
    expect((await call('GET', '/api/v1/projects?country=FR')).json().total).toBe(0);
    expect((await call('GET', '/api/v1/projects?kind=excavation')).json().total).toBe(0);
    expect((await call('GET', '/api/v1/projects?status=active&kind=restoration')).json().total).toBe(1);
    expect((await call('GET', '/api/v1/projects?q=cave')).json().total).toBe(1);
  });

  it('documents its API in OpenAPI', async () => {
    const paths = Object.keys((await call('GET', '/api/openapi.json')).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/projects', '/api/v1/projects/{id}/outputs', '/api/v1/analyses', '/api/v1/needs/{id}/pledges']));
  });

  it('publishes updates to the news feed, newest first', async () => {
    await call('POST', `/api/v1/projects/${projectId}/updates`, lead.token, { title: { en: ['Scaffolding up'] }, body: { en: ['Work begins.'] } });
    await call('POST', `/api/v1/projects/${projectId}/updates`, partner.token, { title: { en: ['First results'] }, body: { en: ['Pigments identified.'] } });
    const feed = (await call('GET', `/api/v1/projects/${projectId}/updates`)).json().items;
    expect(feed.map((u: { title: { en: string[] } }) => u.title.en[0])).toEqual(['First results', 'Scaffolding up']);
    expect((await call('POST', `/api/v1/projects/${projectId}/updates`, undefined, { title: { en: ['x'] }, body: { en: ['y'] } })).statusCode).toBe(401);
  });
});
