import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { createProject } from '../projects/project.service';
import { createAlliance, recordMembershipEvent } from './alliance.service';

describe('meetings, resolutions, agreements and the alliance in figures', () => {
  let t: TestApp;
  let admin: { token: string };
  let member: { token: string };
  let projectId: string;
  let hiddenProjectId: string;
  let assemblyId: string;
  const year = new Date().getUTCFullYear();
  const api = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: unknown) =>
    t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    t = await buildTestApp();
    const cn = await newInstitution(t.store, { name: { en: ['Palace Museum'] }, country: 'CN' });
    const kh = await newInstitution(t.store, { name: { en: ['APSARA National Authority'] }, country: 'KH' });
    const np = await newInstitution(t.store, { name: { en: ['Department of Archaeology'] }, country: 'NP' });
    await createAlliance(t.store.db, SYSTEM_ADMIN, {
      id: 'acha',
      name: { en: ['Alliance for Cultural Heritage in Asia'] },
      memberKinds: 'both',
      tiers: [
        { code: 'member-state', name: { en: ['Member state'] }, appliesTo: 'state' },
        { code: 'member', name: { en: ['Member institution'] }, appliesTo: 'institution' },
      ],
    });
    for (const [inst, on] of [[cn.id, '2023-04-25'], [kh.id, '2023-04-25'], [np.id, `${year}-01-02`]] as const) {
      await recordMembershipEvent(t.store.db, SYSTEM_ADMIN, 'acha', { member: { kind: 'institution', institutionId: inst }, event: 'joined', tierId: 'acha.member', effectiveOn: on });
    }
    for (const c of ['CN', 'KH', 'LA']) await recordMembershipEvent(t.store.db, SYSTEM_ADMIN, 'acha', { member: { kind: 'state', country: c }, event: 'joined', tierId: 'acha.member-state', effectiveOn: '2023-04-25' });
    await newRecord(t.store, { institutionId: cn.id, title: { en: ['Shared bowl'] } });
    await newRecord(t.store, { institutionId: cn.id, title: { en: ['Kept bowl'] }, visibility: 'private' });
    admin = await newUser(t.store, { admin: true });
    member = await newUser(t.store, { role: 'member', institutionId: kh.id });
    const restoration = (title: string, partners: string[], visibility: 'public' | 'private' = 'public') =>
      createProject(t.store.db, SYSTEM_ADMIN, { kind: 'restoration', title: { en: [title] }, ownerInstitutionId: cn.id, visibility, startDate: `${year}-01-01`, partners: partners.map((c) => ({ countryCode: c, role: 'partner' as const, name: `Heritage agency ${c}` })) });
    projectId = (await restoration('Ta Keo temple', ['KH', 'CN'])).id;
    await restoration('Kathmandu Durbar Square', ['NP', 'CN']);
    await restoration('Vat Phou', ['LA', 'KH']);
    hiddenProjectId = (await restoration('Secret survey', ['MM', 'TH'], 'private')).id;
  });
  afterAll(() => t?.close());

  it('holds a meeting with a vote, publishes the resolution it adopted, and keeps its earlier version visible', async () => {
    const meeting = await api('POST', '/api/v1/alliances/acha/meetings', admin.token, {
      kind: 'general-assembly',
      title: { en: ['Second General Assembly'], zh: ['第二届全体大会'] },
      startsOn: '2025-05-20',
      endsOn: '2025-05-21',
      place: 'Chongqing',
      agenda: '1. Opening\n2. Adoption of the Chongqing Consensus',
      visibility: 'public',
      participants: [
        { kind: 'state', country: 'KH', institutionId: null, name: null, attended: true },
        { kind: 'state', country: 'LA', institutionId: null, name: null, attended: false },
        { kind: 'person', country: null, institutionId: null, name: 'Dr. Chea Sophal', attended: true },
      ],
    });
    expect(meeting.statusCode).toBe(201);
    const meetingId = meeting.json().id;
    assemblyId = meetingId;
    const vote = await api('POST', `/api/v1/meetings/${meetingId}/votes`, admin.token, { motion: 'Adopt the Chongqing Consensus', yes: 31, no: 2, abstain: 3, rule: 'two-thirds' });
    expect(vote.statusCode).toBe(201);
    expect(vote.json().result).toBe('adopted');
    const failed = await api('POST', `/api/v1/meetings/${meetingId}/votes`, admin.token, { motion: 'Move the secretariat', yes: 10, no: 12, abstain: 0 });
    expect(failed.json().result).toBe('rejected');
    const refused = await api('POST', '/api/v1/alliances/acha/resolutions', admin.token, { meetingId, voteId: failed.json().id, kind: 'resolution', adoptedOn: '2025-05-21', visibility: 'public', title: { en: ['No'] }, body: { en: ['No'] } });
    expect(refused.statusCode).toBe(400);

    const created = await api('POST', '/api/v1/alliances/acha/resolutions', admin.token, {
      meetingId,
      voteId: vote.json().id,
      kind: 'declaration',
      adoptedOn: '2025-05-21',
      visibility: 'public',
      title: { en: ['Chongqing Consensus'], zh: ['重庆共识'] },
      body: { en: ['We, the members, agree to protect shared heritage.'], zh: ['我们成员同意保护共同遗产。'] },
    });
    expect(created.statusCode).toBe(201);
    const resId = created.json().id;
    const revised = await api('POST', `/api/v1/resolutions/${resId}/versions`, admin.token, { title: { en: ['Chongqing Consensus'] }, body: { en: ['We, the members, agree to protect and restore shared heritage.'] }, note: 'Corrected English text', expectedVersion: 1 });
    expect(revised.statusCode).toBe(201);
    expect(revised.json().version).toBe(2);
    const stale = await api('POST', `/api/v1/resolutions/${resId}/versions`, admin.token, { title: { en: ['X'] }, body: { en: ['X'] }, note: 'Late', expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);

    const current = await t.app.inject({ url: `/alliance/resolutions/${resId}?lang=en` });
    expect(current.statusCode).toBe(200);
    expect(current.body).toContain('protect and restore shared heritage');
    expect(current.body).toContain('Corrected English text');
    expect(current.body).toContain('Alliance for Cultural Heritage in Asia. Chongqing Consensus. Declaration adopted on May 21, 2025, version 2.');
    const first = await t.app.inject({ url: `/alliance/resolutions/${resId}?version=1&lang=en` });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('agree to protect shared heritage');
    expect(first.body).toContain('You are reading version 1; the current version is 2.');
    expect((await t.app.inject({ url: `/alliance/resolutions/${resId}?version=9` })).statusCode).toBe(404);

    const page = await t.app.inject({ url: `/alliance/meetings/${meetingId}?lang=en` });
    expect(page.body).toContain('Adopt the Chongqing Consensus');
    expect(page.body).toContain('2 attended.');
    expect(page.body).toContain('Chongqing Consensus');
    expect(page.body).toContain('Dr. Chea Sophal');
  });

  it('shows members-only meetings and resolutions to members only, and answers 404 to everyone else', async () => {
    const closed = await api('POST', '/api/v1/alliances/acha/meetings', admin.token, { kind: 'council', title: { en: ['Closed council session'] }, startsOn: '2025-09-01', visibility: 'members' });
    const id = closed.json().id;
    expect((await api('GET', `/api/v1/meetings/${id}`)).statusCode).toBe(404);
    expect((await api('GET', `/api/v1/meetings/${id}`, member.token)).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/alliance/meetings/${id}` })).statusCode).toBe(404);
    const publicList = await t.app.inject({ url: '/alliance/meetings?lang=en' });
    expect(publicList.body).not.toContain('Closed council session');
    expect((await api('GET', '/api/v1/alliances/acha/meetings', member.token)).json().items.map((m: { id: string }) => m.id)).toContain(id);
    expect((await api('POST', '/api/v1/alliances/acha/meetings', member.token, { kind: 'council', title: { en: ['Mine'] }, startsOn: '2025-09-01', visibility: 'public' })).statusCode).toBe(403);
  });

  it('keeps PDF documents of a meeting, refusing other files, and shows members-only ones to members only', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const upload = (query: string, body: Buffer, token = admin.token, type = 'application/pdf') =>
      t.app.inject({ method: 'POST', url: `/api/v1/meetings/${assemblyId}/documents?${query}`, payload: body, headers: { authorization: `Bearer ${token}`, 'content-type': type } });
    const agenda = await upload('title=Agenda%20papers', pdf);
    expect(agenda.statusCode).toBe(201);
    expect(agenda.json()).toMatchObject({ title: 'Agenda papers', mediaType: 'application/pdf', bytes: pdf.length });
    const budget = await upload('title=Draft%20budget&visibility=members', pdf);
    expect(budget.statusCode).toBe(201);
    expect((await upload('title=Not%20a%20PDF', Buffer.from('<html>hello</html>'))).statusCode).toBe(400);
    expect((await upload('title=By%20a%20member', pdf, member.token)).statusCode).toBe(403);
    expect((await upload('title=Huge', Buffer.alloc(21 * 1024 * 1024, 0x25))).statusCode).toBe(413);

    const got = await t.app.inject({ url: `/alliance/documents/${agenda.json().id}` });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe(`attachment; filename="${agenda.json().id}.pdf"`);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect((await t.app.inject({ url: `/alliance/documents/${budget.json().id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/alliance/documents/${budget.json().id}`, headers: { authorization: `Bearer ${member.token}` } })).statusCode).toBe(200);
    const page = await t.app.inject({ url: `/alliance/meetings/${assemblyId}?lang=en` });
    expect(page.body).toContain('Agenda papers');
    expect(page.body).not.toContain('Draft budget');
    expect((await api('GET', `/api/v1/meetings/${assemblyId}`, member.token)).json().documents.map((d: { title: string }) => d.title)).toEqual(['Agenda papers', 'Draft budget']);
  });

  it('records an agreement linked to a project, and lists it among the agreements governing the project', async () => {
    const res = await api('POST', '/api/v1/alliances/acha/agreements', admin.token, {
      kind: 'mou',
      title: { en: ['Memorandum on the Ta Keo restoration'] },
      scope: 'Joint restoration of the Ta Keo temple, training of conservators.',
      signedOn: '2024-11-03',
      signedPlace: 'Siem Reap',
      startsOn: '2024-11-03',
      endsOn: '2029-11-02',
      renewal: 'Renewed tacitly for five years',
      visibility: 'public',
      parties: [
        { kind: 'state', country: 'CN', institutionId: null, name: null },
        { kind: 'state', country: 'KH', institutionId: null, name: null },
      ],
      links: [{ kind: 'project', id: projectId }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().links).toEqual([{ kind: 'project', id: projectId, title: { en: ['Ta Keo temple'] } }]);
    const missing = await api('POST', '/api/v1/alliances/acha/agreements', admin.token, { kind: 'bilateral', title: { en: ['Ghost'] }, visibility: 'public', parties: [{ kind: 'state', country: 'CN', institutionId: null, name: null }, { kind: 'state', country: 'KH', institutionId: null, name: null }], links: [{ kind: 'project', id: 'p-nothing' }] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.problems[0].field).toBe('/links/0/id');

    const { agreementsGoverning } = await import('./agreement.service');
    const governing = await agreementsGoverning(t.store, SYSTEM_ADMIN, { kind: 'project', id: projectId });
    expect(governing.map((a) => a.id)).toEqual([res.json().id]);
    const page = await t.app.inject({ url: `/alliance/agreements/${res.json().id}?lang=en` });
    expect(page.body).toContain(`href="/projects/${projectId}"`);
    expect(page.body).toContain('Ta Keo temple');
    expect(page.body).toContain('Cambodia');
    expect(page.body).toContain('Renewed tacitly for five years');
  });

  it('computes the figures: members by tier and continent, and projects with their distinct partner countries', async () => {
    const f = (await api('GET', `/api/v1/alliances/acha/figures?year=${year}`)).json();
    expect(f.members.total).toBe(6);
    expect(f.members.byTier).toEqual([{ tierId: 'acha.member-state', count: 3 }, { tierId: 'acha.member', count: 3 }]);
    expect(f.members.byContinent).toEqual([{ continent: 'asia', count: 6 }]);
    expect(f.members.joined).toBe(1);
    expect(f.contributions).toEqual({ institutions: 1, records: 1, images: 0 });
    // Three public restoration projects with partners in KH, CN, NP, LA: four distinct countries; the private one is not counted.
    expect(f.projects).toEqual([{ kind: 'restoration', projects: 3, countries: 4 }]);
    const lastYear = (await api('GET', `/api/v1/alliances/acha/figures?year=${year - 1}`)).json();
    expect(lastYear.members.total).toBe(5);
    expect(lastYear.series.map((s: { total: number }) => s.total).slice(-1)).toEqual([5]);
    const forAdminRes = await api('GET', `/api/v1/alliances/acha/figures?year=${year}`, admin.token);
    expect(forAdminRes.statusCode, forAdminRes.body).toBe(200);
    const forAdmin = forAdminRes.json();
    expect(forAdmin.projects).toEqual([{ kind: 'restoration', projects: 4, countries: 6 }]);
    expect(forAdmin.contributions.records).toBe(2);
    expect(hiddenProjectId).toBeTruthy();

    const page = await t.app.inject({ url: `/alliance/figures?year=${year}&lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Restoration: 3 projects with partners in 4 countries');
    expect(page.body).toContain('<svg');
    const csv = await t.app.inject({ url: `/alliance/figures.csv?year=${year}` });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain('partner countries by project kind,restoration,4');
    expect(csv.body).toContain('members by tier,Member state,3');
    const report = await t.app.inject({ url: `/alliance/report/${year}?lang=en` });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain(`Alliance for Cultural Heritage in Asia: annual report ${year}`);
    expect((await t.app.inject({ url: '/alliance/report/1066' })).statusCode).toBe(404);
  });
});
