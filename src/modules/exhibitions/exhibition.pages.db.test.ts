import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { postForm, signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { UI_LANGUAGES } from '../../shared/lang-map';

describe(`the exhibition editor and pages, without JavaScript (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let curatorA: BrowserSession;
  let curatorC: BrowserSession;
  let instA: string;
  let recPublic: string;
  let recMembers: string;
  let editUrl: string;

  beforeAll(async () => {
    t = await buildTestApp();
    instA = (await newInstitution(t.store, { name: { en: ['Silk Road Museum'] } })).id;
    const instC = (await newInstitution(t.store, { name: { en: ['Oasis Library'] } })).id;
    const a = await newUser(t.store, { role: 'curator', institutionId: instA });
    const c = await newUser(t.store, { role: 'curator', institutionId: instC });
    curatorA = await signInBrowser(t.app, a.email);
    curatorC = await signInBrowser(t.app, c.email);
    recPublic = (await newRecord(t.store, { institutionId: instA, title: { en: ['Caravan bell'] }, date: { display: '8th century', edtf: '07XX' } } as never)).id;
    recMembers = (await newRecord(t.store, { institutionId: instC, title: { en: ['Travel diary'] }, visibility: 'members' })).id;
  });
  afterAll(() => t.close());

  it('starts a draft from the form and answers a wrong field with the form again', async () => {
    const form = await t.app.inject({ url: '/exhibitions/new?lang=en', headers: { cookie: curatorA.cookie } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<option value="${instA}"`);
    const refused = await postForm(t.app, '/exhibitions/new', { _csrf: curatorA.csrf, institutionId: instA, lang: 'en', title: 'Bells of the caravans', slug: 'Not A Slug!' }, curatorA.cookie);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('field-error');
    expect(refused.body).toContain('value="Bells of the caravans"');
    expect((await postForm(t.app, '/exhibitions/new', { _csrf: 'forged', institutionId: instA, lang: 'en', title: 'x' }, curatorA.cookie)).statusCode).toBe(403);
    const created = await postForm(t.app, '/exhibitions/new', { _csrf: curatorA.csrf, institutionId: instA, lang: 'en', title: 'Bells of the caravans' }, curatorA.cookie);
    expect(created.statusCode).toBe(303);
    editUrl = created.headers.location!.split('?')[0];
    expect(editUrl).toMatch(/^\/exhibitions\/x-[a-z0-9]+\/edit$/);
  });

  it('builds chapters and items, asks approval for a members-only record, and publishes', async () => {
    const post = (path: string, fields: Record<string, string>) => postForm(t.app, `${editUrl}${path}?in=en`, { _csrf: curatorA.csrf, ...fields }, curatorA.cookie);
    const noTitle = await post('/chapters', { title: '', layout: 'grid', body: '' });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.body).toMatch(/id="nc-title-error"/);
    expect((await post('/chapters', { title: 'On the road', layout: 'timeline', body: 'Bells *rang* at every halt.' })).statusCode).toBe(303);
    expect((await post('/chapters', { title: 'Letters home', layout: 'grid', body: '' })).statusCode).toBe(303);
    let editor = (await t.app.inject({ url: `${editUrl}?in=en&lang=en`, headers: { cookie: curatorA.cookie } })).body;
    const chapterIds = [...editor.matchAll(/name="chapterId" value="([^"]+)"/g)].map((m) => m[1]);
    expect(chapterIds).toHaveLength(2);
    expect((await post('/items', { chapterId: chapterIds[0], recordId: recPublic, caption: 'Bronze, from Merv', region: '', mediaId: '' })).statusCode).toBe(303);
    const wrong = await post('/items', { chapterId: chapterIds[1], recordId: 'r-unknown', caption: '', region: '', mediaId: '' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('value="r-unknown"');
    expect((await post('/items', { chapterId: chapterIds[1], recordId: recMembers, caption: '', region: '', mediaId: '' })).statusCode).toBe(303);
    // Moving the second chapter up puts "Letters home" first.
    expect((await post(`/chapters/${chapterIds[1]}/move`, { direction: 'up' })).statusCode).toBe(303);
    editor = (await t.app.inject({ url: `${editUrl}?in=en&lang=en`, headers: { cookie: curatorA.cookie } })).body;
    expect(editor.indexOf('Letters home')).toBeLessThan(editor.indexOf('On the road'));
    expect(editor).toContain('Awaiting approval by its institution');
    expect((await post('/language', { lang: 'en', published: '1' })).statusCode).toBe(303);
    expect((await post('/status', { action: 'submit' })).statusCode).toBe(303);
    expect((await post('/status', { action: 'publish' })).statusCode).toBe(303);
    const index = (await t.app.inject({ url: '/exhibitions?lang=en' })).body;
    expect(index).toContain('Bells of the caravans');
    const page = (await t.app.inject({ url: '/exhibitions/bells-of-the-caravans?lang=en' })).body;
    expect(page).toContain('Bells <em>rang</em> at every halt.');
    expect(page).toContain('Bronze, from Merv');
    expect(page).toContain('exh-timeline');
    expect(page).not.toContain('Travel diary');
  });

  it('lets the holder grant from the approvals page, which says what granting means', async () => {
    const list = await t.app.inject({ url: '/exhibitions/approvals?lang=en', headers: { cookie: curatorC.cookie } });
    expect(list.body).toContain('Travel diary');
    expect(list.body).toContain('keep the visibility you set');
    const exId = editUrl.split('/')[2];
    const granted = await postForm(t.app, `/exhibitions/approvals/${exId}/${recMembers}`, { _csrf: curatorC.csrf, decision: 'granted', note: '' }, curatorC.cookie);
    expect(granted.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/exhibitions/bells-of-the-caravans?lang=en' })).body).toContain('Travel diary');
    expect((await postForm(t.app, `/exhibitions/approvals/${exId}/${recMembers}`, { _csrf: curatorA.csrf, decision: 'refused' }, curatorA.cookie)).statusCode).toBe(404);
  });

  it('renders the index, the exhibition and the editor in every UI language, right to left in Arabic', async () => {
    for (const lang of UI_LANGUAGES) {
      for (const url of ['/exhibitions', '/exhibitions/bells-of-the-caravans', editUrl]) {
        const res = await t.app.inject({ url: `${url}?lang=${lang}`, headers: { cookie: curatorA.cookie } });
        expect(res.statusCode, `${url} ${lang}`).toBe(200);
        expect(res.body).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"`);
      }
    }
  });
});
