import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newUser, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { postForm, signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import { createAgreement } from './agreement.service';
import { createAlliance, recordMembershipEvent } from './alliance.service';

describe('the secretariat’s forms for meetings, votes, resolutions, agreements and documents', () => {
  let t: TestApp;
  let secretariat: BrowserSession;
  let memberSession: BrowserSession;
  let museumId: string;
  let meetingId: string;
  const page = (url: string, session?: BrowserSession) => t.app.inject({ url, headers: session ? { cookie: session.cookie } : {} });
  const meetingFields = (session: BrowserSession, fields: Record<string, string> = {}) => ({
    _csrf: session.csrf,
    kind: 'general-assembly',
    visibility: 'public',
    title_en: 'Third General Assembly',
    title_zh: '第三届全体大会',
    title_fr: '',
    title_es: '',
    title_ru: '',
    title_ar: '',
    startsOn: '2026-06-10',
    endsOn: '2026-06-11',
    place: 'Siem Reap',
    onlineUrl: '',
    agenda: '1. Opening\n2. Budget',
    minutes: '',
    rows: '3',
    p0_kind: 'institution',
    p0_institutionId: museumId,
    p0_attended: '1',
    p1_kind: 'state',
    p1_country: 'KH',
    p2_kind: 'institution',
    p2_institutionId: '',
    ...fields,
  });

  beforeAll(async () => {
    t = await buildTestApp();
    const museum = await newInstitution(t.store, { name: { en: ['Angkor National Museum'] }, country: 'KH' });
    museumId = museum.id;
    await createAlliance(t.store.db, SYSTEM_ADMIN, { id: 'acha', name: { en: ['Alliance for Cultural Heritage in Asia'] }, memberKinds: 'both', tiers: [{ code: 'member', name: { en: ['Member'] }, appliesTo: 'institution' }] });
    await recordMembershipEvent(t.store.db, SYSTEM_ADMIN, 'acha', { member: { kind: 'institution', institutionId: museumId }, event: 'joined', tierId: 'acha.member', effectiveOn: '2024-01-01' });
    const admin = await newUser(t.store, { admin: true });
    const member = await newUser(t.store, { role: 'institution-admin', institutionId: museumId });
    secretariat = await signInBrowser(t.app, admin.email);
    memberSession = await signInBrowser(t.app, member.email);
  });
  afterAll(() => t?.close());

  /** Posts the upload form as a browser does: multipart, the token in the action URL. */
  async function upload(session: BrowserSession, url: string, file: Buffer, fields: Record<string, string>, csrf = session.csrf) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([file], { type: 'application/pdf' }), 'paper.pdf');
    const encoded = new Response(form);
    return t.app.inject({ method: 'POST', url: `${url}${url.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(csrf)}`, headers: { cookie: session.cookie, 'content-type': encoded.headers.get('content-type')! }, payload: Buffer.from(await encoded.arrayBuffer()) });
  }

  it('creates a meeting through the form, re-showing it with values and field errors when refused', async () => {
    const list = await page('/alliance/meetings?lang=en', secretariat);
    expect(list.body).toContain('href="/alliance/meetings/new"');
    const form = await page('/alliance/meetings/new?lang=en', secretariat);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="title_ar"');

    const refused = await postForm(t.app, '/alliance/meetings/new?lang=en', meetingFields(secretariat, { title_en: '', title_zh: '', endsOn: '2026-06-01', onlineUrl: 'http://insecure.example' }), secretariat.cookie);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('value="Siem Reap"');
    expect(refused.body).toMatch(/id="mf-ends"[^>]*aria-invalid="true"/);
    expect(refused.body).toMatch(/id="mf-online"[^>]*aria-invalid="true"/);
    expect(refused.body).toContain('/title: needs a title in at least one language');

    const created = await postForm(t.app, '/alliance/meetings/new', meetingFields(secretariat), secretariat.cookie);
    expect(created.statusCode, created.body.slice(0, 400)).toBe(303);
    meetingId = created.headers.location!.split('/').pop()!;
    const shown = await page(`/alliance/meetings/${meetingId}?lang=en`, secretariat);
    expect(shown.body).toContain('Third General Assembly');
    expect(shown.body).toContain('2 participants');
    expect(shown.body).toContain('1 attended.');
    expect(shown.body).toContain(`href="/alliance/meetings/${meetingId}/edit"`);
  });

  it('edits the meeting, keeping its values, and records attendance and minutes', async () => {
    const form = await page(`/alliance/meetings/${meetingId}/edit?lang=en`, secretariat);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="第三届全体大会"');
    expect(form.body).toMatch(/name="p0_attended" value="1" checked/);
    const saved = await postForm(t.app, `/alliance/meetings/${meetingId}/edit`, meetingFields(secretariat, { p1_attended: '1', minutes: 'The budget was adopted.' }), secretariat.cookie);
    expect(saved.statusCode).toBe(303);
    const res = await t.app.inject({ url: `/api/v1/meetings/${meetingId}` });
    expect(res.json().minutes).toBe('The budget was adopted.');
    expect(res.json().participants.map((p: { attended: boolean }) => p.attended)).toEqual([true, true]);
  });

  it('records a vote from the meeting page, and refuses bad counts with the form again', async () => {
    const bad = await postForm(t.app, `/alliance/meetings/${meetingId}/votes?lang=en`, { _csrf: secretariat.csrf, motion: 'Adopt the budget', rule: 'two-thirds', yes: 'many', no: '1', abstain: '0' }, secretariat.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Adopt the budget');
    expect(bad.body).toMatch(/id="vf-yes"[^>]*aria-invalid="true"/);
    const ok = await postForm(t.app, `/alliance/meetings/${meetingId}/votes`, { _csrf: secretariat.csrf, motion: 'Adopt the budget', rule: 'two-thirds', yes: '7', no: '4', abstain: '2' }, secretariat.cookie);
    expect(ok.statusCode).toBe(303);
    const shown = await page(`/alliance/meetings/${meetingId}?lang=en&done=vote`, secretariat);
    expect(shown.body).toContain('The vote was recorded.');
    expect(shown.body).toMatch(/Adopt the budget[\s\S]*Rejected/);
  });

  it('publishes a resolution carried by a vote, revises it, and answers a stale revision with the form again', async () => {
    const carried = await postForm(t.app, `/alliance/meetings/${meetingId}/votes`, { _csrf: secretariat.csrf, motion: 'Adopt the Siem Reap Declaration', rule: 'simple', yes: '9', no: '1', abstain: '0' }, secretariat.cookie);
    expect(carried.statusCode).toBe(303);
    const shown = await page(`/alliance/meetings/${meetingId}?lang=en`, secretariat);
    expect(shown.body).toContain(`href="/alliance/resolutions/new?meeting=${meetingId}"`);
    const form = await page(`/alliance/resolutions/new?meeting=${meetingId}&lang=en`, secretariat);
    expect(form.statusCode).toBe(200);
    const voteId = /<option value="(vt-[^"]+)" selected(?:="")?>Adopt the Siem Reap Declaration/.exec(form.body)?.[1];
    expect(voteId).toBeTruthy();
    expect(form.body).not.toContain('Adopt the budget');
    const fields = { _csrf: secretariat.csrf, kind: 'declaration', visibility: 'public', adoptedOn: '2026-06-11', voteId: voteId!, title_en: 'Siem Reap Declaration', body_en: 'The members agree to share their inventories.', title_fr: 'Déclaration de Siem Reap', body_fr: '' };
    const noText = await postForm(t.app, `/alliance/resolutions/new?meeting=${meetingId}&lang=en`, { ...fields, body_en: '', adoptedOn: '11/06/2026' }, secretariat.cookie);
    expect(noText.statusCode).toBe(400);
    expect(noText.body).toContain('value="Siem Reap Declaration"');
    expect(noText.body).toMatch(/id="rf-adopted"[^>]*aria-invalid="true"/);
    expect(noText.body).toContain('/body: needs the text in at least one language');
    const adopted = await postForm(t.app, `/alliance/resolutions/new?meeting=${meetingId}`, fields, secretariat.cookie);
    expect(adopted.statusCode, adopted.body.slice(0, 300)).toBe(303);
    const resId = adopted.headers.location!.split('/').pop()!;
    const api = (await t.app.inject({ url: `/api/v1/meetings/${meetingId}` })).json();
    expect(api.votes.find((v: { id: string }) => v.id === voteId).resolutionId).toBe(resId);

    const resPage = await page(`/alliance/resolutions/${resId}?lang=en`, secretariat);
    expect(resPage.body).toContain(`href="/alliance/resolutions/${resId}/revise"`);
    const revise = await page(`/alliance/resolutions/${resId}/revise?lang=en`, secretariat);
    expect(revise.body).toContain('name="expectedVersion" value="1"');
    expect(revise.body).toContain('The members agree to share their inventories.');
    const edit = { _csrf: secretariat.csrf, expectedVersion: '1', title_en: 'Siem Reap Declaration', body_en: 'The members agree to share their inventories and archives.', title_fr: 'Déclaration de Siem Reap', note: 'Archives added' };
    const noNote = await postForm(t.app, `/alliance/resolutions/${resId}/revise?lang=en`, { ...edit, note: '' }, secretariat.cookie);
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toMatch(/id="rf-note"[^>]*aria-invalid="true"/);
    expect((await postForm(t.app, `/alliance/resolutions/${resId}/revise`, edit, secretariat.cookie)).statusCode).toBe(303);
    const stale = await postForm(t.app, `/alliance/resolutions/${resId}/revise?lang=en`, { ...edit, body_en: 'A competing edit.', note: 'Mine' }, secretariat.cookie);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Version 2 was published while you were editing version 1.');
    expect(stale.body).toContain('A competing edit.');
    expect(stale.body).toContain('name="expectedVersion" value="2"');
    const current = (await t.app.inject({ url: `/api/v1/resolutions/${resId}` })).json();
    expect(current.version).toBe(2);
    expect(current.shown.body.en[0]).toBe('The members agree to share their inventories and archives.');

    expect((await page(`/alliance/resolutions/${resId}?lang=en`, memberSession)).body).not.toContain('/revise"');
    expect((await page(`/alliance/resolutions/${resId}/revise`, memberSession)).statusCode).toBe(404);
    expect((await postForm(t.app, `/alliance/resolutions/${resId}/revise`, { ...edit, _csrf: memberSession.csrf, expectedVersion: '2' }, memberSession.cookie)).statusCode).toBe(404);
    expect((await postForm(t.app, `/alliance/resolutions/new?meeting=${meetingId}`, { ...fields, _csrf: memberSession.csrf }, memberSession.cookie)).statusCode).toBe(404);
  });

  it('attaches PDF documents to a meeting and an agreement through the upload form, refusing other files', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    const agreement = await createAgreement(t.store, SYSTEM_ADMIN, 'acha', { kind: 'mou', title: { en: ['Memorandum on shared inventories'] }, visibility: 'public', parties: [{ kind: 'institution', institutionId: museumId, country: null, name: null }, { kind: 'state', institutionId: null, country: 'KH', name: null }] });
    const shown = await page(`/alliance/meetings/${meetingId}?lang=en`, secretariat);
    expect(shown.body).toContain(`action="/alliance/meetings/${meetingId}/documents?_csrf=`);
    const notPdf = await upload(secretariat, `/alliance/meetings/${meetingId}/documents?lang=en`, Buffer.from('GIF89a not a pdf'), { title: 'Agenda papers', visibility: 'members' });
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.body).toContain('value="Agenda papers"');
    expect(notPdf.body).toMatch(/id="df-file"[^>]*aria-invalid="true"/);
    const ok = await upload(secretariat, `/alliance/meetings/${meetingId}/documents`, pdf, { title: 'Agenda papers', visibility: 'members' });
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(303);
    const after = await page(`/alliance/meetings/${meetingId}?lang=en&done=document`, secretariat);
    expect(after.body).toContain('The document was attached.');
    const docId = /href="\/alliance\/documents\/([^"]+)"/.exec(after.body)?.[1];
    expect((await page(`/alliance/documents/${docId}`, memberSession)).body).toBe(pdf.toString('latin1'));
    expect((await page(`/alliance/documents/${docId}`)).statusCode).toBe(404);

    expect((await page(`/alliance/agreements/${agreement.id}?lang=en`, secretariat)).body).toContain('upload-document');
    expect((await upload(secretariat, `/alliance/agreements/${agreement.id}/documents`, pdf, { title: 'Signed text', visibility: 'public' })).statusCode).toBe(303);
    expect((await page(`/alliance/agreements/${agreement.id}?lang=en`)).body).toContain('Signed text');
    expect((await page(`/alliance/agreements/${agreement.id}?lang=en`, memberSession)).body).not.toContain('upload-document');
    expect((await upload(memberSession, `/alliance/agreements/${agreement.id}/documents`, pdf, { title: 'Forged', visibility: 'public' })).statusCode).toBe(404);
    expect((await upload(secretariat, `/alliance/agreements/${agreement.id}/documents`, pdf, { title: 'No token', visibility: 'public' }, 'wrong')).statusCode).toBe(403);
    expect((await page(`/alliance/agreements/${agreement.id}?lang=en`)).body).not.toContain('Forged');
  });

  it('creates and edits an agreement through the form, with parties, term and links', async () => {
    expect((await page('/alliance/agreements?lang=en', secretariat)).body).toContain('href="/alliance/agreements/new"');
    const form = await page('/alliance/agreements/new?lang=en', secretariat);
    expect(form.statusCode).toBe(200);
    const fields = {
      _csrf: secretariat.csrf,
      kind: 'bilateral',
      visibility: 'public',
      title_en: 'Agreement on the Ta Keo restoration',
      title_fr: '',
      title_es: '',
      title_ru: '',
      title_zh: '',
      title_ar: '',
      partyRows: '3',
      p0_kind: 'institution',
      p0_institutionId: museumId,
      p1_kind: 'organisation',
      p1_name: 'Heritage Fund',
      p1_country: 'JP',
      p2_kind: 'state',
      p2_country: '',
      signedOn: '2026-03-01',
      signedPlace: 'Phnom Penh',
      startsOn: '2026-03-01',
      endsOn: '2031-02-28',
      renewal: 'Renewed by tacit agreement for five years',
      scope: 'Conservation of the temple.',
      linkRows: '2',
      l0_kind: 'dataset',
      l0_id: 'ta-keo-survey',
      l1_kind: 'project',
      l1_id: '',
    };
    const refused = await postForm(t.app, '/alliance/agreements/new?lang=en', { ...fields, endsOn: '2020-01-01', l1_id: 'no-such-project' }, secretariat.cookie);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('value="Heritage Fund"');
    expect(refused.body).toMatch(/id="af-endsOn"[^>]*aria-invalid="true"/);
    expect(refused.body).toMatch(/id="af-l1-id"[^>]*aria-invalid="true"/);
    const created = await postForm(t.app, '/alliance/agreements/new', fields, secretariat.cookie);
    expect(created.statusCode, created.body.slice(0, 300)).toBe(303);
    const id = created.headers.location!.split('/').pop()!;
    const a = (await t.app.inject({ url: `/api/v1/agreements/${id}` })).json();
    expect(a.parties).toHaveLength(2);
    expect(a.parties).toEqual(
      expect.arrayContaining([
        { kind: 'institution', institutionId: museumId, country: null, name: null },
        { kind: 'organisation', institutionId: null, country: 'JP', name: 'Heritage Fund' },
      ]),
    );
    expect(a.links.map((l: { kind: string; id: string }) => `${l.kind}:${l.id}`)).toEqual(['dataset:ta-keo-survey']);
    expect(a.endsOn).toBe('2031-02-28');

    expect((await page(`/alliance/agreements/${id}?lang=en`, secretariat)).body).toContain(`href="/alliance/agreements/${id}/edit"`);
    const edit = await page(`/alliance/agreements/${id}/edit?lang=en`, secretariat);
    expect(edit.body).toContain('value="Renewed by tacit agreement for five years"');
    expect(edit.body).toContain('value="ta-keo-survey"');
    const saved = await postForm(t.app, `/alliance/agreements/${id}/edit`, { ...fields, kind: 'multilateral', partyRows: '3', p2_country: 'KH', endsOn: '' }, secretariat.cookie);
    expect(saved.statusCode).toBe(303);
    const after = (await t.app.inject({ url: `/api/v1/agreements/${id}` })).json();
    expect(after.kind).toBe('multilateral');
    expect(after.parties).toHaveLength(3);
    expect(after.endsOn).toBeNull();

    expect((await page('/alliance/agreements?lang=en', memberSession)).body).not.toContain('/alliance/agreements/new');
    expect((await page(`/alliance/agreements/${id}/edit`, memberSession)).statusCode).toBe(404);
    expect((await postForm(t.app, `/alliance/agreements/${id}/edit`, { ...fields, _csrf: memberSession.csrf }, memberSession.cookie)).statusCode).toBe(404);
    expect((await postForm(t.app, '/alliance/agreements/new', { ...fields, _csrf: memberSession.csrf }, memberSession.cookie)).statusCode).toBe(404);
  });

  it('offers no forms to a member, and refuses their posts', async () => {
    expect((await page('/alliance/meetings?lang=en', memberSession)).body).not.toContain('/alliance/meetings/new');
    const shown = await page(`/alliance/meetings/${meetingId}?lang=en`, memberSession);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).not.toContain('/edit"');
    expect(shown.body).not.toContain('record-vote');
    expect((await page('/alliance/meetings/new', memberSession)).statusCode).toBe(404);
    expect((await page(`/alliance/meetings/${meetingId}/edit`, memberSession)).statusCode).toBe(404);
    expect((await postForm(t.app, '/alliance/meetings/new', meetingFields(memberSession), memberSession.cookie)).statusCode).toBe(404);
    expect((await postForm(t.app, `/alliance/meetings/${meetingId}/votes`, { _csrf: memberSession.csrf, motion: 'x', yes: '1', no: '0', abstain: '0' }, memberSession.cookie)).statusCode).toBe(404);
    const anonymous = await postForm(t.app, '/alliance/meetings/new', { kind: 'council' });
    expect([303, 403]).toContain(anonymous.statusCode);
    const noToken = await postForm(t.app, `/alliance/meetings/${meetingId}/votes`, { _csrf: 'wrong', motion: 'x', yes: '1', no: '0', abstain: '0' }, secretariat.cookie);
    expect(noToken.statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/meetings/${meetingId}` })).json().votes).toHaveLength(2);
  });
});
