import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/test-app';
import { newInstitution, newRecord, newUser } from '../helpers/factories';
import { TEST_DIALECT } from '../helpers/test-database';
import { launchChromium, seriousViolations } from '../helpers/chromium';

describe(`the staff workspace in Chromium (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof newUser>>;
  let curator: Awaited<ReturnType<typeof newUser>>;
  let recordId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await buildTestApp();
    const inst = await newInstitution(t.store, { name: { en: ['Khiva Museum'], ar: ['متحف خيوة'] }, country: 'UZ' });
    admin = await newUser(t.store, { admin: true });
    curator = await newUser(t.store, { role: 'curator', institutionId: inst.id });
    recordId = (await newRecord(t.store, { institutionId: inst.id, title: { en: ['Juma Mosque door'] } })).id;
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

  it('has no serious or critical accessibility violations on the workspace pages, in English and Arabic', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const found: string[] = [];
    const anonymous = await context.newPage();
    for (const lang of ['en', 'ar']) {
      await anonymous.goto(`${base}/login?lang=${lang}`);
      found.push(...(await seriousViolations(anonymous, `${lang} /login`)));
    }
    const page = await signIn(context, admin.email);
    await page.waitForURL(/\/account/);
    const userId = curator.actor.kind === 'user' ? curator.actor.userId : '';
    for (const lang of ['en', 'ar']) {
      for (const url of ['/account', '/admin/users', `/admin/users/${userId}`, '/admin/audit', `/records/${recordId}/images`]) {
        await page.goto(`${base}${url}?lang=${lang}`);
        expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
        found.push(...(await seriousViolations(page, `${lang} ${url}`)));
      }
    }
    expect(found).toEqual([]);
    await context.close();
  });
});
