import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UI_LANGUAGES } from '../../src/shared/lang-map';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/test-app';
import { newInstitution, newRecord } from '../helpers/factories';
import { TEST_DIALECT } from '../helpers/test-database';
import { launchChromium, seriousViolations, type BrowserGlobals } from '../helpers/chromium';

/** Screenshots land here for a person to look at (set E2E_SCREENSHOT_DIR to keep them somewhere known). */
const SHOTS = process.env.E2E_SCREENSHOT_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hc-e2e-shots-'));

describe(`public pages in Chromium (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let noJs: BrowserContext;
  let recordId: string;
  let chineseId: string;
  let instId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await buildTestApp();
    const dunhuang = await newInstitution(t.store, {
      name: { en: ['Dunhuang Academy'], zh: ['敦煌研究院'], ar: ['أكاديمية دونهوانغ'] },
      country: 'CN',
      city: 'Dunhuang',
      website: 'https://www.dha.ac.cn/',
      description: { en: ['Conservation and research of the Mogao Caves, a World Heritage site on the Silk Road.'], zh: ['负责莫高窟的保护与研究。'] },
    });
    instId = dunhuang.id;
    const library = await newInstitution(t.store, { name: { en: ['British Library'], ar: ['المكتبة البريطانية'] }, country: 'GB', kind: 'library', city: 'London' });
    await newInstitution(t.store, { name: { en: ['National Museum of Uzbekistan'] }, country: 'UZ', city: 'Tashkent' });
    const sutra = await newRecord(t.store, {
      institutionId: library.id,
      kind: 'manuscript',
      title: { en: ['Diamond Sutra'], zh: ['金刚般若波罗蜜经'] },
      description: { en: ['The earliest dated printed book, found in the library cave at Mogao near Dunhuang.'] },
      date: { display: '868' },
      materials: [{ label: { en: ['paper'] } }],
      rights: 'https://creativecommons.org/licenses/by/4.0/',
    });
    recordId = sutra.id;
    const chinese = await newRecord(t.store, {
      institutionId: dunhuang.id,
      kind: 'manuscript',
      title: { zh: ['妙法莲华经卷第七'] },
      description: { zh: ['敦煌藏经洞出土的唐代写本，楷书工整，卷首残缺。'] },
      inscriptions: { zh: ['大唐咸亨二年'] },
      date: { display: '7th century' },
      places: [{ name: { zh: ['敦煌'] }, country: 'CN', lat: 40.0406, lon: 94.8036 }],
      materials: [{ label: { en: ['paper'], zh: ['纸'] } }],
      languages: ['zh'],
      rights: 'http://rightsstatements.org/vocab/NoC-NC/1.0/',
      relations: [{ type: 'fragmentOfSameWork', target: sutra.id }],
    });
    chineseId = chinese.id;
    await newRecord(t.store, { institutionId: dunhuang.id, kind: 'object', title: { en: ['Silk banner with a bodhisattva'], ar: ['راية حريرية عليها بوديساتفا'] }, date: { display: '9th century' }, materials: [{ label: { en: ['silk'] } }] });
    await newRecord(t.store, { institutionId: dunhuang.id, kind: 'site', title: { en: ['Mogao Caves'] }, date: { display: '4th–14th century' } });
    await newRecord(t.store, { institutionId: library.id, kind: 'rare-book', title: { en: ['Sutra of the Wise and the Foolish'] }, date: { display: '3rd century BCE' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    noJs = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(context: BrowserContext, url: string): Promise<Page> {
    const page = await context.newPage();
    const res = await page.goto(base + url);
    expect(res?.status(), url).toBeLessThan(400);
    return page;
  }

  it('searches, filters by a facet and removes the filter without JavaScript', async () => {
    const page = await open(noJs, '/?lang=en');
    await page.getByLabel('Search the collections').fill('sutra');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?q=sutra/);
    expect(await page.locator('.results-count').textContent()).toBe('2 records found');
    await page.locator('.facets a.facet-value', { hasText: 'Rare book' }).click();
    await page.waitForURL(/kind=rare-book/);
    expect(await page.locator('.results-count').textContent()).toBe('1 record found');
    expect(await page.locator('.record-card-title').textContent()).toBe('Sutra of the Wise and the Foolish');
    await page.getByRole('link', { name: 'Remove filter: Kind of item: Rare book' }).click();
    await page.waitForURL((u) => !u.search.includes('kind='));
    expect(await page.locator('.results-count').textContent()).toBe('2 records found');
    await page.close();
  });

  it('submits a year range with eras and lands on a clean, shareable URL', async () => {
    const page = await open(noJs, '/search?lang=en');
    await page.getByLabel('From year').fill('300');
    await page.getByLabel('Era of the start year').selectOption('bce');
    await page.getByLabel('To year').fill('700');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/yearFrom=-299&yearTo=700/);
    expect(new URL(page.url()).search).toBe('?yearFrom=-299&yearTo=700');
    const text = await page.locator('main').textContent();
    expect(text).toContain('From 300 BCE');
    expect(text).toContain('Mogao Caves');
    expect(text).not.toContain('Diamond Sutra');
    await page.close();
  });

  it('switches the language with plain links and remembers it', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await open(context, `/records/${recordId}?lang=en`);
    await page.getByRole('link', { name: 'العربية' }).click();
    await page.waitForURL(/lang=ar/);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('.notice-language').textContent()).toContain('لا يحتوي هذا السجل على نص باللغة العربية');
    await page.getByRole('link', { name: 'المؤسسات' }).click();
    await page.waitForURL(/\/institutions$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    await context.close();
  });

  it('applies the stylesheet under the strict Content-Security-Policy, with no violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${base}/search?q=sutra&lang=ar`);
    // The project compiles without DOM types: the browser's globals are reached through globalThis.
    const style = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as unknown as BrowserGlobals;
      const body = getComputedStyle(document.body);
      return { direction: body.direction, background: body.backgroundColor, skipLink: document.querySelector('.skip-link') !== null };
    });
    expect(style).toEqual({ direction: 'rtl', background: 'rgb(250, 247, 242)', skipLink: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  // One test per language: each checks eight page types, well within a test's time on a busy machine.
  for (const lang of UI_LANGUAGES) {
    it(`has no serious or critical accessibility violations (axe) on home, search, record and institution pages, in ${lang}`, async () => {
      // axe is injected as a script, so this context runs JavaScript and lets the injected script past the CSP.
      const context = await browser.newContext({ bypassCSP: true });
      const urls = ['/', '/search?q=sutra', '/search', '/search?q=sutra+zzzqqq&kind=manuscript', `/records/${recordId}`, `/records/${chineseId}`, `/institutions/${instId}`, '/institutions'];
      const found: string[] = [];
      for (const url of urls) {
        const page = await open(context, `${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
        found.push(...(await seriousViolations(page, `${lang} ${url}`)));
        await page.close();
      }
      expect(found).toEqual([]);
      await context.close();
    });
  }

  it('takes screenshots of the Arabic search page and the Chinese record page', async () => {
    const shots: [string, string, { width: number; height: number }][] = [
      ['search-ar.png', '/search?q=sutra&lang=ar', { width: 1280, height: 1000 }],
      ['record-zh.png', `/records/${chineseId}?lang=zh`, { width: 1280, height: 1000 }],
      ['home-en-mobile.png', '/?lang=en', { width: 390, height: 1600 }],
    ];
    for (const [file, url, viewport] of shots) {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport });
      const page = await open(context, url);
      await page.screenshot({ path: path.join(SHOTS, file), fullPage: true });
      await context.close();
      expect(fs.statSync(path.join(SHOTS, file)).size).toBeGreaterThan(10_000);
    }
    console.log(`screenshots in ${SHOTS}`);
  });
});
