import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import type { Actor } from '../accounts/actor';
import { createProject } from './project.service';

describe('scientific analyses and resource mobilisation', () => {
  let t: TestApp;
  let lab: { token: string; actor: Actor };
  let lead: { token: string; actor: Actor };
  let donor: { token: string; actor: Actor };
  let admin: { token: string };
  let record: string;
  let hiddenRecord: string;
  let projectId: string;
  let privateProjectId: string;

  const call = (method: string, url: string, token?: string, payload?: unknown) =>
    t.app.inject({ method: method as 'GET', url, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });

  beforeAll(async () => {
    t = await buildTestApp();
    const museum = await newInstitution(t.store, { name: { en: ['Temple Museum'] }, country: 'KH' });
    const institute = await newInstitution(t.store, { name: { en: ['Heritage Science Lab'] }, country: 'CN' });
    const giver = await newInstitution(t.store, { name: { en: ['Generous Library'] }, country: 'FR' });
    lead = await newUser(t.store, { role: 'curator', institutionId: museum.id });
    lab = await newUser(t.store, { role: 'member', institutionId: institute.id });
    donor = await newUser(t.store, { role: 'member', institutionId: giver.id });
    admin = await newUser(t.store, { admin: true });
    record = (await newRecord(t.store, { institutionId: museum.id, title: { en: ['Wooden lintel'] } })).id;
    hiddenRecord = (await newRecord(t.store, { institutionId: museum.id, title: { en: ['Reserve beam'] }, visibility: 'private' })).id;
    projectId = (await createProject(t.store.db, lead.actor, { kind: 'laboratory', title: { en: ['Wood and pigments lab'] }, ownerInstitutionId: museum.id, partners: [{ institutionId: institute.id, role: 'partner' }] })).id;
    privateProjectId = (await createProject(t.store.db, lead.actor, { kind: 'research', title: { en: ['Closed study'] }, ownerInstitutionId: museum.id, visibility: 'private' })).id;
  });
  afterAll(() => t?.close());

  it('records an analysis result on a record, shows it on the record page and finds it by words and method', async () => {
    const res = await call('POST', '/api/v1/analyses', lab.token, {
      recordId: record,
      projectId,
      method: 'wood-species',
      sample: 'Core from the lintel’s underside',
      result: 'Pterocarpus macrocarpus (Burmese padauk)',
      date: '2025-03-14',
      laboratory: 'Heritage Science Lab, Beijing',
      people: ['Li Wei', 'Sok Dara'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().institutionId).toBeTruthy();

    const page = await t.app.inject({ url: `/records/${record}?lang=en` });
    expect(page.body).toContain('Scientific analyses');
    expect(page.body).toContain('Wood-species identification');
    expect(page.body).toContain('Pterocarpus macrocarpus');
    expect(page.body).toContain('Wood and pigments lab');

    expect((await call('GET', '/api/v1/analyses?q=PADAUK')).json().total).toBe(1);
    expect((await call('GET', '/api/v1/analyses?q=padauk&method=radiocarbon')).json().total).toBe(0);
    const byMethod = (await call('GET', '/api/v1/analyses?method=wood-species')).json();
    expect(byMethod.items[0].recordTitle).toEqual({ en: ['Wooden lintel'] });
    expect(byMethod.facets.method).toEqual({ 'wood-species': 1 });
    expect((await call('GET', '/api/v1/projects?method=wood-species')).json().items.map((p: { id: string }) => p.id)).toEqual([projectId]);
  });

  it('refuses analyses of records one cannot see, and names the wrong fields', async () => {
    const hidden = await call('POST', '/api/v1/analyses', donor.token, { recordId: hiddenRecord, method: 'radiocarbon', sample: 's', result: 'r', laboratory: 'l' });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().error.problems).toContainEqual({ field: 'recordId', message: 'is not a record you can see' });
    const empty = await call('POST', '/api/v1/analyses', donor.token, { method: 'radiocarbon', sample: ' ', result: 'r', laboratory: 'l', date: 'soon' });
    const fields = empty.json().error.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['site', 'sample', 'date']));
    expect((await call('POST', '/api/v1/analyses', undefined, { site: 'x', method: 'radiocarbon', sample: 's', result: 'r', laboratory: 'l' })).statusCode).toBe(401);
  });

  it('keeps analyses of hidden records and private ones out of sight', async () => {
    await call('POST', '/api/v1/analyses', lead.token, { recordId: hiddenRecord, method: 'dendrochronology', sample: 'Beam', result: 'Felled 1183', laboratory: 'Own lab' });
    await call('POST', '/api/v1/analyses', lead.token, { site: 'Angkor Wat', method: 'pigment', sample: 'Red layer', result: 'Cinnabar', laboratory: 'Own lab', visibility: 'private' });
    expect((await call('GET', '/api/v1/analyses')).json().total).toBe(1);
    expect((await call('GET', '/api/v1/analyses', donor.token)).json().total).toBe(1);
    expect((await call('GET', '/api/v1/analyses', lead.token)).json().total).toBe(3);
  });

  it('shows a need partly pledged with what is still open, and keeps pledges to what is open', async () => {
    const need = await call('POST', '/api/v1/needs', lead.token, { projectId, kind: 'funds', title: { en: ['Scaffolding for the gallery'] }, quantity: 20000, currency: 'usd', visibility: 'public' });
    expect(need.statusCode, need.body).toBe(201);
    const id = need.json().id;
    const pledged = await call('POST', `/api/v1/needs/${id}/pledges`, donor.token, { quantity: 7500, note: 'From our conservation fund' });
    expect(pledged.statusCode, pledged.body).toBe(201);
    expect(pledged.json()).toMatchObject({ quantity: 20000, unit: 'USD', pledged: 7500, remaining: 12500 });
    const tooMuch = await call('POST', `/api/v1/needs/${id}/pledges`, donor.token, { quantity: 13000 });
    expect(tooMuch.json().error.problems).toEqual([{ field: 'quantity', message: 'is more than the 12500 still open' }]);

    // The asking side sees the pledge and who made it; the public sees the totals only.
    const asLead = (await call('GET', `/api/v1/needs/${id}`, lead.token)).json();
    expect(asLead.pledges).toHaveLength(1);
    expect(asLead.pledges[0].canAccept).toBe(true);
    const asPublic = (await call('GET', `/api/v1/needs/${id}`)).json();
    expect(asPublic).toMatchObject({ pledged: 7500, remaining: 12500, pledges: [], canPledge: false });

    const page = await t.app.inject({ url: `/needs/${id}?lang=en` });
    expect(page.body).toContain('$7,500.00 pledged of $20,000.00.');
    expect(page.body).toContain('$12,500.00 still open.');

    // Withdrawn pledges no longer count.
    const withdrawn = await call('PATCH', `/api/v1/needs/${id}/pledges/${asLead.pledges[0].id}`, donor.token, { status: 'withdrawn' });
    expect(withdrawn.json()).toMatchObject({ pledged: 0, remaining: 20000 });
  });

  it('lets the secretariat see every open need, members the ones meant for them', async () => {
    await call('POST', '/api/v1/needs', lead.token, { projectId: privateProjectId, kind: 'experts', skill: 'Lacquer conservation', title: { en: ['A lacquer conservator'] }, quantity: 1 });
    await call('POST', '/api/v1/needs', lead.token, { kind: 'equipment', title: { en: ['A microscope'] }, quantity: 2 });
    expect((await call('GET', '/api/v1/needs')).json().total).toBe(1);
    expect((await call('GET', '/api/v1/needs', donor.token)).json().total).toBe(2);
    expect((await call('GET', '/api/v1/needs', admin.token)).json().total).toBe(3);
    const page = await t.app.inject({ url: '/needs?lang=en', headers: { authorization: `Bearer ${admin.token}` } });
    expect(page.body).toContain('A lacquer conservator');
    expect(page.body).toContain('3 open needs');
  });
});
