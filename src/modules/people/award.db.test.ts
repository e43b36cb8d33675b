import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newUser } from '../../../test/helpers/factories';
import { postForm, signInBrowser } from '../../../test/helpers/browser-session';

type User = Awaited<ReturnType<typeof newUser>>;
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('awards: nominations, a jury’s scores, published winners', () => {
  let t: TestApp;
  let secretariat: User;
  let juror: User;
  let nominator: User;
  let member: User;
  const api = (method: 'GET' | 'POST' | 'PUT', url: string, who?: User, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as object, headers: who ? { authorization: `Bearer ${who.token}` } : {} });

  beforeAll(async () => {
    t = await buildTestApp();
    const inst = (await newInstitution(t.store)).id;
    secretariat = await newUser(t.store, { admin: true });
    juror = await newUser(t.store, { role: 'member', institutionId: inst });
    nominator = await newUser(t.store, { role: 'curator', institutionId: inst });
    member = await newUser(t.store, { role: 'member', institutionId: inst });
  });
  afterAll(() => t?.close());

  it('runs an award from nomination to a published winner, keeping scores to the jury and the secretariat', async () => {
    expect((await api('POST', '/api/v1/awards', nominator, { title: { en: ['Not mine'] }, deadline: future(5) })).statusCode).toBe(403);
    const created = await api('POST', '/api/v1/awards', secretariat, { title: { en: ['Silk Road Conservation Award'], fr: ['Prix de la conservation'] }, deadline: future(30), jurors: [juror.email] });
    expect(created.statusCode, created.body).toBe(201);
    const award = created.json();

    const first = await api('POST', `/api/v1/awards/${award.id}/nominations`, nominator, { nominee: 'Mogao mural team', citation: 'Thirty years of care for the murals.' });
    expect(first.statusCode, first.body).toBe(201);
    const second = (await api('POST', `/api/v1/awards/${award.id}/nominations`, member, { nominee: 'Khiva restorers', citation: 'The Juma mosque columns.' })).json();
    expect((await api('POST', `/api/v1/awards/${award.id}/nominations`, undefined, { nominee: 'Anyone', citation: 'x' })).statusCode).toBe(401);

    // Scoring waits for judging; a nominator sees their own nomination, never the others.
    expect((await api('PUT', `/api/v1/awards/nominations/${first.json().id}/score`, juror, { score: 9 })).statusCode).toBe(409);
    const asNominator = (await api('GET', `/api/v1/awards/${award.id}`, nominator)).json();
    expect(asNominator.nominations.map((n: { nominee: string }) => n.nominee)).toEqual(['Mogao mural team']);
    expect(asNominator.nominations[0].scores).toBeUndefined();
    expect(asNominator.jurors).toBeNull();

    expect((await api('POST', `/api/v1/awards/${award.id}/judging`, secretariat)).json().status).toBe('judging');
    expect((await api('POST', `/api/v1/awards/${award.id}/nominations`, member, { nominee: 'Late', citation: 'Too late.' })).statusCode).toBe(409);
    expect((await api('PUT', `/api/v1/awards/nominations/${first.json().id}/score`, nominator, { score: 10 })).statusCode).toBe(404);
    expect((await api('PUT', `/api/v1/awards/nominations/${first.json().id}/score`, juror, { score: 11 })).statusCode).toBe(400);
    expect((await api('PUT', `/api/v1/awards/nominations/${first.json().id}/score`, juror, { score: 7 })).statusCode).toBe(204);
    expect((await api('PUT', `/api/v1/awards/nominations/${first.json().id}/score`, juror, { score: 9, comment: 'Outstanding' })).statusCode).toBe(204);
    expect((await api('PUT', `/api/v1/awards/nominations/${second.id}/score`, juror, { score: 6 })).statusCode).toBe(204);

    const asJury = (await api('GET', `/api/v1/awards/${award.id}`, juror)).json();
    expect(asJury.isJuror).toBe(true);
    expect(asJury.nominations.find((n: { id: string }) => n.id === first.json().id)).toMatchObject({ average: 9, scores: [{ juror: juror.email, score: 9, comment: 'Outstanding' }] });
    const asPublic = (await api('GET', `/api/v1/awards/${award.id}`)).json();
    expect(asPublic.nominations).toBeNull();
    expect(asPublic.winners).toEqual([]);
    expect(JSON.stringify(asPublic)).not.toContain('Outstanding');

    expect((await api('POST', `/api/v1/awards/${award.id}/winners`, juror, { winners: [first.json().id] })).statusCode).toBe(403);
    expect((await api('POST', `/api/v1/awards/${award.id}/winners`, secretariat, { winners: ['an-unknown'] })).statusCode).toBe(400);
    const published = await api('POST', `/api/v1/awards/${award.id}/winners`, secretariat, { winners: [first.json().id] });
    expect(published.statusCode, published.body).toBe(200);

    const publicView = (await api('GET', `/api/v1/awards/${award.id}`)).json();
    expect(publicView.award.status).toBe('published');
    expect(publicView.winners).toEqual([expect.objectContaining({ nominee: 'Mogao mural team', winner: true })]);
    expect(publicView.winners[0].scores).toBeUndefined();
    const page = await t.app.inject({ url: `/awards/${award.id}?lang=en` });
    expect(page.body).toContain('Mogao mural team');
    expect(page.body).not.toContain('Khiva restorers');
    expect(page.body).not.toContain(juror.email);
  });

  it('lets a juror score through the award page, and shows the scores only to them', async () => {
    const award = (await api('POST', '/api/v1/awards', secretariat, { title: { en: ['Digitisation Prize'] }, deadline: future(9), jurors: [juror.email] })).json();
    const n = (await api('POST', `/api/v1/awards/${award.id}/nominations`, member, { nominee: 'Library scanning team', citation: 'A million pages.' })).json();
    const office = await signInBrowser(t.app, secretariat.email);
    const unknown = await postForm(t.app, `/awards/${award.id}/jurors`, { _csrf: office.csrf, jurors: `${juror.email}\nnobody@example.org` }, office.cookie);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('is not a user of this platform');
    expect((await postForm(t.app, `/awards/${award.id}/jurors`, { _csrf: office.csrf, jurors: `${juror.email}\n${secretariat.email}` }, office.cookie)).statusCode).toBe(303);
    expect((await api('GET', `/api/v1/awards/${award.id}`, secretariat)).json().jurors.sort()).toEqual([juror.email, secretariat.email].sort());
    await api('POST', `/api/v1/awards/${award.id}/judging`, secretariat);
    const browser = await signInBrowser(t.app, juror.email);
    const page = await t.app.inject({ url: `/awards/${award.id}?lang=en`, headers: { cookie: browser.cookie } });
    expect(page.body).toContain('Your score for Library scanning team (1 to 10)');
    const bad = await postForm(t.app, `/awards/nominations/${n.id}/score`, { _csrf: browser.csrf, score: '0' }, browser.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('must be a whole number from 1 to 10');
    const ok = await postForm(t.app, `/awards/nominations/${n.id}/score`, { _csrf: browser.csrf, score: '8' }, browser.cookie);
    expect(ok.statusCode).toBe(303);
    const after = await t.app.inject({ url: ok.headers.location as string, headers: { cookie: browser.cookie } });
    expect(after.body).toContain('Average 8 from 1 score');
    const asMember = await t.app.inject({ url: `/awards/${award.id}?lang=en`, headers: { cookie: (await signInBrowser(t.app, nominator.email)).cookie } });
    expect(asMember.body).not.toContain('Average 8');
  });
});
