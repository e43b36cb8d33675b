import { UI_LANGUAGES } from '../../src/shared/lang-map';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/test-app';
import { newInstitution, newRecord, newUser } from '../helpers/factories';
import { TEST_DIALECT } from '../helpers/test-database';
import { launchChromium, seriousViolations } from '../helpers/chromium';
import { createMapping } from '../../src/modules/imports/mapping.service';
import { registerSource } from '../../src/modules/imports/harvest/harvest.service';

describe(`the staff workspace in Chromium (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof newUser>>;
  let curator: Awaited<ReturnType<typeof newUser>>;
  let recordId: string;
  let mappingId: string;
  let sourceId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await buildTestApp();
    const inst = await newInstitution(t.store, { name: { en: ['Khiva Museum'], ar: ['متحف خيوة'] }, country: 'UZ' });
    admin = await newUser(t.store, { admin: true });
    curator = await newUser(t.store, { role: 'curator', institutionId: inst.id });
    recordId = (await newRecord(t.store, { institutionId: inst.id, title: { en: ['Juma Mosque door'] } })).id;
    mappingId = (await createMapping(t.store, admin.actor, { institutionId: inst.id, name: 'Museum export', mapping: { columns: { Title: 'title.en', 'Title (ar)': 'title.ar', Date: 'date' } } })).id;
    sourceId = (await registerSource(t.store, admin.actor, { config: { harvestAllowPrivate: true } }, { institutionId: inst.id, baseUrl: 'http://127.0.0.1:9/oai', scheduleHours: 24 })).id;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(context: BrowserContext, email: string, password = 'correct horse battery', lang = 'en'): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${base}/login?lang=${lang}&next=%2Faccount`);
    await page.locator('#login-email').fill(email);
    await page.locator('#login-password').fill(password);
    await page.locator('form.form-card button[type="submit"]').click();
    return page;
  }

  it('signs in without JavaScript, creates an API token shown once, and signs out', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const wrong = await signIn(context, curator.email, 'not the password');
    expect(await wrong.getByRole('alert').textContent()).toContain('The email or the password is wrong.');
    const page = await signIn(context, curator.email);
    await page.waitForURL(/\/account$/);
    expect(await page.locator('h1').textContent()).toBe('Your account');
    await page.getByLabel('Name', { exact: true }).fill('harvest script');
    await page.getByRole('button', { name: 'Create the token' }).click();
    const token = await page.locator('code.secret').textContent();
    expect(token).toMatch(/^hc_/);
    const me = await fetch(`${base}/api/v1/users/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { email: string }).email).toBe(curator.email);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/`);
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    await context.close();
  });

  it('builds a column mapping from a sample file without JavaScript, and offers it on the imports form', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await signIn(context, curator.email);
    await page.waitForURL(/\/account$/);
    await page.goto(`${base}/imports?lang=en`);
    await page.getByRole('link', { name: 'Saved column mappings' }).click();
    await page.getByRole('link', { name: 'New mapping' }).click();
    await page.getByLabel('Sample file (CSV or TSV)').setInputFiles({ name: 'khiva.csv', mimeType: 'text/csv', buffer: Buffer.from('Inventory number,Title,Title (uz),Colour\nKM-1,Carved door,Oʻymakor eshik,brown\n') });
    await page.getByRole('button', { name: 'Read the columns' }).click();
    expect(await page.getByLabel('Title (uz)').inputValue()).toBe('title.uz');
    expect(await page.getByLabel('Inventory number').inputValue()).toBe('identifier.inventory');
    await page.getByLabel('Colour').selectOption('notes.en');
    await page.getByLabel('Name', { exact: true }).fill('Khiva doors');
    await page.getByRole('button', { name: 'Save the mapping' }).click();
    expect(await page.getByRole('status').textContent()).toContain('The mapping has been saved.');
    expect(await page.getByLabel('Colour').inputValue()).toBe('notes.en');
    await page.goto(`${base}/imports?lang=en`);
    expect(await page.getByLabel('Column mapping (CSV)').locator('option').allTextContents()).toContain('Khiva doors');
    await context.close();
  });

  it('has no serious or critical accessibility violations on the workspace pages, in all six UI languages', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const found: string[] = [];
    const anonymous = await context.newPage();
    for (const lang of UI_LANGUAGES) {
      await anonymous.goto(`${base}/login?lang=${lang}`);
      found.push(...(await seriousViolations(anonymous, `${lang} /login`)));
    }
    const page = await signIn(context, admin.email);
    await page.waitForURL(/\/account/);
    const userId = curator.actor.kind === 'user' ? curator.actor.userId : '';
    for (const lang of UI_LANGUAGES) {
      for (const url of ['/account', '/admin/users', `/admin/users/${userId}`, '/admin/audit', `/records/${recordId}/images`, `/records/${recordId}/history`, '/dashboard', '/imports', '/imports/mappings', '/imports/mappings/new', `/imports/mappings/${mappingId}`, '/harvest', `/harvest/${sourceId}`]) {
        await page.goto(`${base}${url}?lang=${lang}`);
        expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
        found.push(...(await seriousViolations(page, `${lang} ${url}`)));
      }
    }
    expect(found).toEqual([]);
    await context.close();
  }, 240_000);
});
