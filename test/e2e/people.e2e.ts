import { UI_LANGUAGES } from '../../src/shared/lang-map';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/test-app';
import { newInstitution, newRecord, newUser } from '../helpers/factories';
import { TEST_DIALECT } from '../helpers/test-database';
import { launchChromium, seriousViolations, watchPage } from '../helpers/chromium';
import { createCall } from '../../src/modules/people/training.service';
import { createEvent } from '../../src/modules/people/event.service';
import { createPractice } from '../../src/modules/people/practice.service';
import { createAward } from '../../src/modules/people/award.service';

/** Every console error, page error, failed request and error answer of a page. */
const watch = (page: Page) => ({ problems: watchPage(page) });

describe(`people, training and the calendar in Chromium (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let staff: Awaited<ReturnType<typeof newUser>>;
  let member: Awaited<ReturnType<typeof newUser>>;
  let admin: Awaited<ReturnType<typeof newUser>>;
  let callId: string;
  let eventId: string;
  let practiceId: string;
  let awardId: string;
  const month = new Date(Date.now() + 35 * 86_400_000).toISOString().slice(0, 7);

  beforeAll(async () => {
    browser = await launchChromium();
    t = await buildTestApp();
    const host = (await newInstitution(t.store, { name: { en: ['Dunhuang Academy'], zh: ['敦煌研究院'] } })).id;
    const other = (await newInstitution(t.store, { name: { en: ['Samarkand Library'] }, country: 'UZ' })).id;
    staff = await newUser(t.store, { role: 'curator', institutionId: host });
    member = await newUser(t.store, { role: 'member', institutionId: other });
    admin = await newUser(t.store, { admin: true });
    const deadline = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    callId = (await createCall(t.store, staff.actor, { institutionId: host, kind: 'exchange', title: { en: ['Mural conservation exchange'], ar: ['تبادل في صون الرسوم الجدارية'] }, summary: { en: ['Six weeks in the cave workshops.'] }, places: 1, deadline })).id;
    eventId = (await createEvent(t.store, staff.actor, { institutionId: host, kind: 'livestream', title: { en: ['Live seminar: cave murals'] }, startsAt: `${month}-14T09:00`, endsAt: `${month}-14T11:00`, url: 'https://example.org/live' })).id;
    const record = await newRecord(t.store, { institutionId: host, title: { en: ['Cave 85 mural'] } });
    practiceId = (await createPractice(t.store, staff.actor, { institutionId: host, title: { en: ['Grouting detached plaster'] }, problem: { en: ['Detached plaster.'] }, links: [{ kind: 'record', id: record.id }] })).id;
    awardId = (await createAward(t.store, admin.actor, { title: { en: ['Heritage Care Award'] }, deadline, jurors: [staff.email] })).id;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(context: BrowserContext, email: string): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    const { problems } = watch(page);
    await page.goto(`${base}/login?lang=en&next=%2Faccount`);
    await page.locator('#login-email').fill(email);
    await page.locator('#login-password').fill('correct horse battery');
    await page.locator('form.form-card button[type="submit"]').click();
    await page.waitForURL(/\/account$/);
    return { page, problems };
  }

  it('a member applies to an exchange call, the call’s staff select them, and the public finds the event in the calendar', async () => {
    const applicantContext = await browser.newContext();
    const applicant = await signIn(applicantContext, member.email);
    await applicant.page.goto(`${base}/training?lang=en`);
    await applicant.page.getByRole('link', { name: 'Mural conservation exchange' }).click();
    await applicant.page.getByLabel('Why you are applying').fill('I restore wall paintings in Samarkand.');
    await applicant.page.getByRole('button', { name: 'Send my application' }).click();
    expect(await applicant.page.getByRole('status').textContent()).toContain('Your application has been sent.');
    expect(await applicant.page.locator('#my-application + p strong').textContent()).toBe('Under review');

    const staffContext = await browser.newContext();
    const host = await signIn(staffContext, staff.email);
    await host.page.goto(`${base}/training/${callId}?lang=en`);
    expect(await host.page.getByRole('cell', { name: 'I restore wall paintings in Samarkand.' }).count()).toBe(1);
    await host.page.getByRole('button', { name: `Select ${member.email}` }).click();
    expect(await host.page.getByRole('status').textContent()).toContain('The decision has been recorded.');
    expect(await host.page.getByText('1 place, 1 taken').count()).toBe(1);

    await applicant.page.reload();
    expect(await applicant.page.locator('#my-application + p strong').textContent()).toBe('Selected');

    const publicContext = await browser.newContext();
    const visitor = await publicContext.newPage();
    const watched = watch(visitor);
    await visitor.goto(`${base}/?lang=en`);
    await visitor.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Community' }).click();
    await visitor.goto(`${base}/events?month=${month}&lang=en`);
    await visitor.getByRole('link', { name: 'Live seminar: cave murals' }).click();
    await visitor.waitForURL(new RegExp(`/events/${eventId}`));
    expect(await visitor.locator('h1').textContent()).toBe('Live seminar: cave murals');
    const feed = await (await fetch(`${base}/events.ics`)).text();
    expect(feed).toContain(`UID:${eventId}@`);

    expect([...applicant.problems, ...host.problems, ...watched.problems]).toEqual([]);
    await Promise.all([applicantContext.close(), staffContext.close(), publicContext.close()]);
  }, 120_000);

  it('has no serious or critical accessibility violations on the people pages, in all six UI languages', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const found: string[] = [];
    const { page, problems } = await signIn(context, admin.email);
    const urls = ['/events', `/events/${eventId}`, `/events/${eventId}/edit`, '/events/new', '/training', `/training/${callId}`, '/training/new', '/practices', `/practices/${practiceId}`, '/practices/new', '/awards', `/awards/${awardId}`, '/awards/new', '/experts', '/experts/me'];
    for (const lang of UI_LANGUAGES) {
      for (const url of urls) {
        await page.goto(`${base}${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
        expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
        found.push(...(await seriousViolations(page, `${lang} ${url}`)));
      }
    }
    expect(found).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);
});
