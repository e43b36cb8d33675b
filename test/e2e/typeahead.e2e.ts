import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/test-app';
import { newInstitution, newRecord } from '../helpers/factories';
import { TEST_DIALECT } from '../helpers/test-database';
import { launchChromium } from '../helpers/chromium';

describe(`type-ahead in Chromium (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await buildTestApp();
    const inst = await newInstitution(t.store);
    await newRecord(t.store, { institutionId: inst.id, title: { en: ['Diamond Sutra'], zh: ['金刚经'] } });
    await newRecord(t.store, { institutionId: inst.id, title: { en: ['Dial of a sundial'] } });
    await newRecord(t.store, { institutionId: inst.id, title: { en: ['Diary of a hidden journey'] }, visibility: 'private' });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('offers titles that start with what is typed, as the visitor may see them, in the page language', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('requestfailed', (r) => errors.push(`${r.url()} ${r.failure()?.errorText}`));
    await page.goto(`${base}/?lang=en`);
    await page.fill('#home-q', 'Dia');
    await page.waitForSelector('#home-q-suggestions option:nth-child(2)', { state: 'attached' });
    const options = (await page.$$eval('#home-q-suggestions option', (els) => els.map((e) => e.getAttribute('value')))).sort();
    expect(options).toEqual(['Dial of a sundial', 'Diamond Sutra']);
    expect(await page.getAttribute('#home-q', 'list')).toBe('home-q-suggestions');
    await page.goto(`${base}/search?lang=zh`);
    await page.fill('#q', '金刚');
    await page.waitForSelector('#q-suggestions option', { state: 'attached' });
    expect(await page.$$eval('#q-suggestions option', (els) => els.map((e) => e.getAttribute('value')))).toEqual(['金刚经']);
    expect(errors).toEqual([]);
    await page.close();
  });
});
