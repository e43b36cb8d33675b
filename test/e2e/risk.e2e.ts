import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/test-app';
import { newInstitution, newRecord, newUser } from '../helpers/factories';
import { TEST_DIALECT } from '../helpers/test-database';
import { launchChromium, seriousViolations, watchPage } from '../helpers/chromium';
import { createIncident, linkSite } from '../../src/modules/risk/incident.service';
import { saveEntry, addThreat } from '../../src/modules/risk/risk-register.service';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Every console error, page error, failed request and error answer of a page. */
const watch = watchPage;

describe(`heritage at risk in Chromium (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let curator: Awaited<ReturnType<typeof newUser>>;
  let site: string;
  let incident: string;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await buildTestApp();
    const inst = (await newInstitution(t.store, { name: { en: ['Bamiyan Heritage Office'] } })).id;
    curator = await newUser(t.store, { role: 'curator', institutionId: inst });
    site = (await newRecord(t.store, { institutionId: inst, kind: 'site', title: { en: ['Cliff monastery'] }, places: [{ name: { en: ['Cliff'] }, lat: 34.83, lon: 67.82 }] })).id;
    await saveEntry(t.store, curator.actor, site, { condition: 'poor', trend: 'declining', priority: 'urgent' });
    await addThreat(t.store, curator.actor, site, { primary: 'sudden', secondary: 'earthquake' });
    incident = (await createIncident(t.store, curator.actor, { title: 'Hindu Kush earthquake', kind: 'earthquake', date: '2026-11-18', area: { type: 'Point', coordinates: [67.9, 34.8] }, institutionId: inst })).id;
    await linkSite(t.store, curator.actor, incident, site);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${base}/login?lang=en&next=%2Faccount`);
    await page.locator('#login-email').fill(curator.email);
    await page.locator('#login-password').fill('correct horse battery');
    await page.locator('form.form-card button[type="submit"]').click();
    await page.waitForURL(/\/account$/);
    return page;
  }

  it('fills a damage assessment with a photo on a phone, keeps it while the connection is lost, and submits it once it is back', async () => {
    const context = await browser.newContext(PHONE);
    const page = await signIn(context);
    const problems = watch(page);
    await page.goto(`${base}/risk/incidents/${incident}/assess?site=${site}&lang=en`);
    await page.getByLabel('Cracks').check();
    await page.getByLabel('Collapse', { exact: true }).check();
    await page.getByLabel('Partial (10–50%)').check();
    await page.getByLabel('Severe', { exact: true }).check();
    await page.getByLabel('Unstable', { exact: true }).check();
    await page.getByLabel('Urgent actions needed').fill('Prop the niche; fence the path');
    await page.getByLabel('Assessor').fill('Field team 2');
    await page.getByLabel('Date of the assessment').fill('2026-11-19');
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#9b7653' } }).jpeg().toBuffer();
    await page.getByLabel('Photo 1').setInputFiles({ name: 'niche.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.locator('#assess-caption-1').fill('North niche, new crack');
    // No horizontal scrolling on a phone.
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await context.setOffline(true);
    await page.getByRole('button', { name: 'Submit the assessment' }).click();
    await page.locator('[data-offline-note]').waitFor({ state: 'visible' });
    expect(page.url()).toContain('/assess');
    const kept = await page.evaluate(() => JSON.stringify((globalThis as any).localStorage));
    expect(kept).toContain('Prop the niche; fence the path');

    await context.setOffline(false);
    await page.waitForURL(/done=submitted/);
    expect(await page.getByRole('status').textContent()).toContain('The assessment is submitted.');
    expect(await page.getByText('Prop the niche; fence the path').count()).toBe(1);
    const img = page.getByRole('img', { name: 'North niche, new crack' });
    await img.waitFor();
    expect(await img.evaluate((el: any) => el.complete && el.naturalWidth > 0)).toBe(true);
    expect(await page.evaluate(() => Object.keys((globalThis as any).localStorage).filter((k) => k.startsWith('risk-assessment:')).length)).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('puts back what was typed after the page is reloaded', async () => {
    const context = await browser.newContext(PHONE);
    const page = await signIn(context);
    const problems = watch(page);
    await page.goto(`${base}/risk/incidents/${incident}/assess?site=${site}&lang=en`);
    await page.getByLabel('Urgent actions needed').fill('Cover the murals before the rain');
    await page.getByLabel('Water damage').check();
    await page.reload();
    expect(await page.getByLabel('Urgent actions needed').inputValue()).toBe('Cover the murals before the rain');
    expect(await page.getByLabel('Water damage').isChecked()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the register, the incident and the assessment form without serious accessibility problems', async () => {
    const context = await browser.newContext({ ...PHONE, bypassCSP: true });
    const page = await signIn(context);
    const found: string[] = [];
    for (const url of ['/risk?lang=en', `/risk/sites/${site}?lang=ar`, '/risk/incidents?lang=en', `/risk/incidents/${incident}?lang=fr`, `/risk/incidents/${incident}/assess?lang=en`, `/risk/incidents/${incident}/report?lang=zh`]) {
      await page.goto(`${base}${url}`);
      found.push(...(await seriousViolations(page, url)));
    }
    expect(found).toEqual([]);
    await context.close();
  });
});
