import { UI_LANGUAGES } from '../../src/shared/lang-map';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/test-app';
import { newInstitution, newRecord, newUser } from '../helpers/factories';
import { TEST_DIALECT } from '../helpers/test-database';
import { launchChromium, seriousViolations, watchPage } from '../helpers/chromium';
import { createNeed } from '../../src/modules/projects/need.service';
import { createProject } from '../../src/modules/projects/project.service';

/** Every console error, page error, failed request and error answer of a page, so each step can assert there were none. */
const watch = watchPage;

describe(`joint projects in Chromium (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let coordinator: Awaited<ReturnType<typeof newUser>>;
  let member: Awaited<ReturnType<typeof newUser>>;
  let recordId: string;
  let needId: string;
  let seededProject: string;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await buildTestApp();
    const lead = await newInstitution(t.store, { name: { en: ['Bukhara Museum'] }, country: 'UZ' });
    const partner = await newInstitution(t.store, { name: { en: ['Xi’an Conservation Centre'] }, country: 'CN' });
    const giver = await newInstitution(t.store, { name: { en: ['Lyon Library'] }, country: 'FR' });
    coordinator = await newUser(t.store, { role: 'curator', institutionId: lead.id });
    member = await newUser(t.store, { role: 'member', institutionId: giver.id });
    recordId = (await newRecord(t.store, { institutionId: lead.id, title: { en: ['Carved wooden column'] } })).id;
    void partner;
    const p = await createProject(t.store.db, coordinator.actor, { kind: 'restoration', title: { en: ['Restoring the Ark citadel gate'] }, ownerInstitutionId: lead.id, status: 'active', sites: [{ name: 'Bukhara', countryCode: 'UZ', lat: 39.7747, lon: 64.4286 }] });
    seededProject = p.id;
    needId = (await createNeed(t.store.db, coordinator.actor, { projectId: p.id, kind: 'funds', title: { en: ['Timber for the gate'] }, quantity: 10000, currency: 'EUR', visibility: 'members' })).id;
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

  it('creates a project, adds partners and a milestone, links a record and publishes an update', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, coordinator.email);
    const problems = watch(page);
    await page.goto(`${base}/projects?lang=en`);
    await page.getByRole('link', { name: 'New project' }).click();
    await page.getByLabel('Title').fill('Joint study of Sogdian wall paintings');
    await page.getByLabel('Kind of project').selectOption('research');
    await page.getByLabel('Status').selectOption('active');
    await page.getByLabel('Start').fill('2025-02');
    await page.getByRole('button', { name: 'Create the project' }).click();
    expect(await page.getByRole('status').textContent()).toContain('The project is created.');

    await page.locator('summary', { hasText: 'Add a partner' }).click();
    await page.getByLabel('Institution of the alliance').selectOption({ label: 'Xi’an Conservation Centre' });
    await page.locator('#partner-form').getByRole('button', { name: 'Add a partner' }).click();
    expect(await page.getByRole('status').textContent()).toContain('The partner is added.');
    await page.locator('summary', { hasText: 'Add a partner' }).click();
    await page.getByLabel('Or the name of another partner').fill('Ministry of Culture of Tajikistan');
    await page.locator('#partner-form').getByLabel('Country code').fill('TJ');
    await page.locator('#partner-form').getByLabel('Role').selectOption('host');
    await page.locator('#partner-form').getByRole('button', { name: 'Add a partner' }).click();
    const partners = await page.locator('.partner-list li').allTextContents();
    expect(partners.join(' | ')).toMatch(/Bukhara Museum.*Ministry of Culture of Tajikistan.*Xi’an Conservation Centre/);

    await page.locator('.breadcrumb a').last().click();
    await page.locator('summary', { hasText: 'Add a milestone' }).click();
    await page.locator('#milestone-form').getByLabel('Title').fill('Samples collected');
    await page.locator('#milestone-form').getByLabel('Due').fill('2025-05');
    await page.locator('#milestone-form').getByRole('button', { name: 'Add a milestone' }).click();
    expect(await page.locator('.milestone').first().textContent()).toContain('Samples collected');

    await page.locator('summary', { hasText: 'Add an output' }).click();
    await page.locator('#output-form').getByLabel('Record', { exact: true }).fill(`${base}/records/${recordId}`);
    await page.locator('#output-form').getByRole('button', { name: 'Add an output' }).click();
    expect(await page.locator('.output-list').first().textContent()).toContain('Carved wooden column');

    await page.locator('summary', { hasText: 'Publish an update' }).click();
    await page.locator('#update-form').getByLabel('Title').fill('Fieldwork begins');
    await page.locator('#update-form').getByLabel('Text', { exact: true }).fill('The team has arrived at the site.');
    await page.locator('#update-form').getByRole('button', { name: 'Publish an update' }).click();
    expect(await page.locator('.update-feed h3').first().textContent()).toBe('Fieldwork begins');

    await page.getByRole('link', { name: 'Carved wooden column' }).click();
    expect(await page.locator('#record-projects-title').textContent()).toBe('Projects');
    expect(await page.locator('.record-projects-list').textContent()).toContain('Joint study of Sogdian wall paintings');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('lets a member pledge to a need and shows what is still open', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await signIn(context, member.email);
    const problems = watch(page);
    await page.goto(`${base}/needs?lang=en`);
    await page.getByRole('link', { name: 'Timber for the gate' }).click();
    await page.locator('summary', { hasText: 'Pledge' }).click();
    await page.getByLabel('Amount in EUR').fill('2500');
    await page.getByLabel('Note').fill('From our partnership fund');
    await page.locator('#pledge-form').getByRole('button', { name: 'Pledge' }).click();
    expect(await page.getByRole('status').textContent()).toContain('your pledge is recorded');
    expect(await page.locator('.need-progress-text').textContent()).toContain('€7,500.00 still open.');
    expect(await page.locator('.data-table').textContent()).toContain('Lyon Library');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('has no serious or critical accessibility violations on the project pages, in all six UI languages', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, coordinator.email);
    const found: string[] = [];
    for (const lang of UI_LANGUAGES) {
      for (const url of ['/projects', `/projects/${seededProject}`, `/projects/${seededProject}/edit`, '/projects/new', '/needs', `/needs/${needId}`]) {
        await page.goto(`${base}${url}?lang=${lang}`);
        expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
        found.push(...(await seriousViolations(page, `${lang} ${url}`)));
      }
    }
    expect(found).toEqual([]);
    await context.close();
  }, 240_000);
});
