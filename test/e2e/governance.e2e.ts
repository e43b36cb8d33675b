import { UI_LANGUAGES } from '../../src/shared/lang-map';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/test-app';
import { newInstitution, newUser, SYSTEM_ADMIN } from '../helpers/factories';
import { TEST_DIALECT } from '../helpers/test-database';
import { launchChromium, seriousViolations, watchPage } from '../helpers/chromium';
import { createAlliance, recordMembershipEvent } from '../../src/modules/governance/alliance.service';
import { createMeeting, recordVote } from '../../src/modules/governance/meeting.service';
import { createResolution } from '../../src/modules/governance/resolution.service';
import { createAgreement } from '../../src/modules/governance/agreement.service';

/** Every console error, page error, failed request and error answer of a page. */
const watch = watchPage;

describe(`running the alliance in Chromium (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let secretariat: Awaited<ReturnType<typeof newUser>>;
  let applicant: Awaited<ReturnType<typeof newUser>>;
  let meetingId: string;
  let resolutionId: string;
  let agreementId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await buildTestApp();
    const founder = await newInstitution(t.store, { name: { en: ['Palace Museum'], zh: ['故宫博物院'] }, country: 'CN', lat: 39.92, lon: 116.39 });
    const newcomer = await newInstitution(t.store, { name: { en: ['Bamiyan Heritage Institute'] }, country: 'AF', lat: 34.82, lon: 67.83 });
    await createAlliance(t.store.db, SYSTEM_ADMIN, {
      id: 'acha',
      name: { en: ['Alliance for Cultural Heritage in Asia'], ar: ['تحالف التراث الثقافي في آسيا'] },
      memberKinds: 'both',
      tiers: [
        { code: 'member-state', name: { en: ['Member state'] }, appliesTo: 'state' },
        { code: 'member', name: { en: ['Member institution'], ar: ['مؤسسة عضو'] }, appliesTo: 'institution' },
      ],
    });
    await recordMembershipEvent(t.store.db, SYSTEM_ADMIN, 'acha', { member: { kind: 'institution', institutionId: founder.id }, event: 'joined', tierId: 'acha.member', effectiveOn: '2023-04-25' });
    await recordMembershipEvent(t.store.db, SYSTEM_ADMIN, 'acha', { member: { kind: 'state', country: 'KH' }, event: 'joined', tierId: 'acha.member-state', effectiveOn: '2023-04-25' });
    const meeting = await createMeeting(t.store.db, SYSTEM_ADMIN, 'acha', { kind: 'general-assembly', title: { en: ['First General Assembly'] }, startsOn: '2023-04-25', place: 'Xi’an', agenda: '1. Opening', visibility: 'public', participants: [{ kind: 'state', country: 'KH', institutionId: null, name: null, attended: true }] });
    meetingId = meeting.id;
    const vote = await recordVote(t.store.db, SYSTEM_ADMIN, meetingId, { motion: 'Adopt the declaration', yes: 10, no: 0, abstain: 1 });
    resolutionId = (await createResolution(t.store.db, SYSTEM_ADMIN, 'acha', { meetingId, voteId: vote.id, kind: 'declaration', adoptedOn: '2023-04-25', visibility: 'public', title: { en: ['Xi’an Declaration'] }, body: { en: ['We agree.'] } })).id;
    agreementId = (
      await createAgreement(t.store, SYSTEM_ADMIN, 'acha', { kind: 'bilateral', title: { en: ['Memorandum on restoration'] }, signedOn: '2024-01-10', visibility: 'public', parties: [{ kind: 'state', country: 'CN', institutionId: null, name: null }, { kind: 'state', country: 'KH', institutionId: null, name: null }] })
    ).id;
    secretariat = await newUser(t.store, { admin: true });
    applicant = await newUser(t.store, { role: 'institution-admin', institutionId: newcomer.id });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(context: BrowserContext, email: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${base}/login?lang=en&next=%2Faccount`);
    await page.locator('#login-email').fill(email);
    await page.locator('#login-password').fill('correct horse battery');
    await page.locator('form.form-card button[type="submit"]').click();
    await page.waitForURL(/\/account$/);
    return page;
  }

  it('lets a new institution apply, the secretariat admit it, and shows it on the members map with its tier', async () => {
    const applying = await browser.newContext({ javaScriptEnabled: false });
    const page = await signIn(applying, applicant.email);
    const problems = watch(page);
    await page.goto(`${base}/alliance?lang=en`);
    await page.getByRole('link', { name: 'Apply to join' }).click();
    await page.getByLabel('Tier').selectOption('acha.member');
    await page.getByLabel('Statement').fill('We care for the Bamiyan valley and its archives, and wish to share them with the alliance.');
    await page.getByRole('button', { name: 'Send the application' }).click();
    await page.waitForURL(/\/alliance\/applications\/ap-/);
    expect(await page.locator('.application-status').textContent()).toBe('Submitted');
    const applicationUrl = page.url().split('?')[0];

    const office = await browser.newContext({ javaScriptEnabled: false });
    const desk = await signIn(office, secretariat.email);
    const deskProblems = watch(desk);
    expect(await desk.locator('.unread-badge').textContent()).toBe('1');
    await desk.getByRole('link', { name: /Notifications/ }).click();
    await desk.getByRole('link', { name: 'A new application to join the alliance is waiting for review.' }).click();
    await desk.getByRole('button', { name: 'Start the review' }).click();
    await desk.getByRole('button', { name: 'Refer for decision' }).click();
    await desk.getByLabel('Decided by').first().selectOption('council');
    await desk.getByLabel('Date of the decision').first().fill('2025-03-01');
    await desk.getByRole('button', { name: 'Record the admission' }).click();
    expect(await desk.locator('.application-status').textContent()).toBe('Admitted');

    await page.goto(applicationUrl);
    expect(await page.locator('.application-status').textContent()).toBe('Admitted');
    expect(await page.locator('.unread-badge').textContent()).toBe('3');

    const visitor = await browser.newContext();
    const map = await visitor.newPage();
    const mapProblems = watch(map);
    await map.goto(`${base}/alliance?lang=en`);
    expect(await map.locator('svg circle.map-pin title').allTextContents()).toContain('Bamiyan Heritage Institute — Member institution');
    expect(await map.locator('#tier-member + ul.member-list').textContent()).toContain('Bamiyan Heritage Institute');
    expect([...problems, ...deskProblems, ...mapProblems]).toEqual([]);
    await Promise.all([applying.close(), office.close(), visitor.close()]);
  }, 60_000);

  it('has no serious or critical accessibility violations on the alliance’s pages, in all six UI languages', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, secretariat.email);
    const found: string[] = [];
    for (const lang of UI_LANGUAGES) {
      for (const url of [
        '/alliance',
        '/alliance/figures',
        `/alliance/meetings/${meetingId}`,
        `/alliance/resolutions/${resolutionId}`,
        `/alliance/agreements/${agreementId}`,
        '/alliance/apply',
        '/alliance/applications',
        '/alliance/membership',
        '/notifications',
        '/alliance/meetings/new',
        `/alliance/meetings/${meetingId}/edit`,
        `/alliance/resolutions/new?meeting=${meetingId}`,
        `/alliance/resolutions/${resolutionId}/revise`,
        '/alliance/agreements/new',
        `/alliance/agreements/${agreementId}/edit`,
      ]) {
        await page.goto(`${base}${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
        expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
        found.push(...(await seriousViolations(page, `${lang} ${url}`)));
      }
    }
    expect(found).toEqual([]);
    await context.close();
  }, 420_000);

  it('lets the secretariat schedule a meeting and record a vote with the page forms, without JavaScript', async () => {
    const office = await browser.newContext({ javaScriptEnabled: false });
    const desk = await signIn(office, secretariat.email);
    const problems = watch(desk);
    await desk.goto(`${base}/alliance/meetings?lang=en`);
    await desk.getByRole('link', { name: 'New meeting' }).click();
    await desk.getByLabel('Kind', { exact: true }).selectOption('council');
    await desk.locator('#mf-title-en').fill('Council meeting on the budget');
    await desk.getByLabel('Starts on').fill('2026-09-15');
    await desk.getByLabel('Place').fill('Kathmandu');
    await desk.locator('#mf-p0-kind').selectOption('state');
    await desk.locator('#mf-p0-country').selectOption('KH');
    await desk.locator('input[name="p0_attended"]').check();
    await desk.getByRole('button', { name: 'Save' }).click();
    await desk.waitForURL(/\/alliance\/meetings\/mt-/);
    expect(await desk.locator('h1').textContent()).toContain('Council meeting on the budget');
    await desk.getByLabel('Motion').fill('Adopt the budget for 2027');
    await desk.getByLabel('For').fill('5');
    await desk.getByLabel('Against').fill('1');
    await desk.getByRole('button', { name: 'Record a vote' }).click();
    expect(await desk.locator('.notice-success').first().textContent()).toContain('The vote was recorded.');
    expect(await desk.locator('#votes + .table-scroll').textContent()).toContain('Adopt the budget for 2027');
    expect(problems).toEqual([]);
    await office.close();
  }, 60_000);
});
