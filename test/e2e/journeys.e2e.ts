import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/test-app';
import { newInstitution, newRecord, newUser } from '../helpers/factories';
import { TEST_DIALECT } from '../helpers/test-database';
import { launchChromium, seriousViolations, type BrowserGlobals, watchPage } from '../helpers/chromium';
import { UI_LANGUAGES } from '../../src/shared/lang-map';
import { jpeg, runMediaJobs } from '../../src/modules/media/media.test-support';
import { loadConfig } from '../../src/config/config';
import { createJobRunner, type JobRunner } from '../../src/modules/jobs/job.runner';
import { importJobHandlers } from '../../src/modules/imports/import.job';

/** A port nobody listens on yet, so the public URL (IIIF ids, citations) can name it before the server starts. */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Records every console error and failed or erroring request of a page, so each step can assert there were none. */
const watch = (page: Page) => ({ problems: watchPage(page) });

describe(`the main journeys in Chromium (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let curator: Awaited<ReturnType<typeof newUser>>;
  let jobs: JobRunner | null = null;

  beforeAll(async () => {
    browser = await launchChromium();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await buildTestApp({ HERITAGE_PUBLIC_URL: base });
    const academy = await newInstitution(t.store, { name: { en: ['Dunhuang Academy'], ar: ['أكاديمية دونهوانغ'] }, country: 'CN', lat: 40.1, lon: 94.7 });
    const library = await newInstitution(t.store, { name: { en: ['British Library'] }, country: 'GB', kind: 'library' });
    curator = await newUser(t.store, { role: 'curator', institutionId: academy.id });
    const scroll = await newRecord(t.store, {
      institutionId: academy.id,
      kind: 'manuscript',
      title: { en: ['Diamond Sutra scroll'], ar: ['مخطوطة سوترا الماس'] },
      date: { display: '868' },
      agents: [{ name: { en: ['Wang Jie'] }, role: 'commissioner' }],
      places: [{ name: { en: ['Mogao caves'] }, lat: 40.04, lon: 94.8 }],
    });
    await newRecord(t.store, { institutionId: academy.id, kind: 'object', title: { en: ['Sutra cover'] } });
    await newRecord(t.store, { institutionId: library.id, kind: 'manuscript', title: { en: ['Sutra fragment'] } });
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/records/${scroll.id}/media?label=Recto`, headers: { authorization: `Bearer ${curator.token}`, 'content-type': 'image/jpeg' }, payload: await jpeg(3000, 2000) });
    expect(res.statusCode, res.body).toBe(201);
    await runMediaJobs(t.store, t.database.dataDir);
    await t.app.listen({ port, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await jobs?.stop();
    await browser?.close();
    await t?.close();
  });

  it('searches, narrows by a facet, opens the record, zooms into its image and cites it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const { problems } = watch(page);
    const tiles: string[] = [];
    page.on('response', (r) => /\/iiif\/3\/[^/]+\/\d+,\d+,\d+,\d+\//.test(r.url()) && r.status() === 200 && tiles.push(r.url()));

    await page.goto(`${base}/?lang=en`);
    const box = page.locator('main input[name="q"]').first();
    await box.fill('sutra');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=sutra/);
    expect(await page.locator('#results-title').textContent()).toBe('3 records found');
    expect(problems).toEqual([]);

    await page.locator('#facet-kind + ul').getByRole('link', { name: /Manuscript/ }).click();
    await page.waitForURL(/kind=manuscript/);
    expect(await page.locator('#results-title').textContent()).toBe('2 records found');
    // The grid view keeps the filter, and its thumbnail comes from the IIIF image server.
    await page.locator('.view-switch').getByRole('link', { name: 'Grid' }).click();
    await page.waitForURL(/kind=manuscript.*view=grid/);
    const thumb = page.locator('.record-grid img').first();
    await thumb.scrollIntoViewIfNeeded();
    await expect.poll(() => thumb.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    expect(problems).toEqual([]);

    await page.locator('.record-grid').getByRole('link', { name: 'Diamond Sutra scroll' }).click();
    await page.waitForURL(/\/records\//);
    await page.locator('[data-viewer-ready="true"] .viewer-stage canvas').first().waitFor();
    await expect.poll(() => tiles.length, { timeout: 15_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(800);
    const before = tiles.length;
    const stage = (await page.locator('.viewer-stage').first().boundingBox())!;
    await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(150);
    }
    await expect.poll(() => tiles.length, { timeout: 15_000 }).toBeGreaterThan(before);
    expect(problems).toEqual([]);

    const chicago = await page.locator('.record-cite details').first().locator('pre.citation').textContent();
    expect(chicago).toContain('Diamond Sutra scroll');
    expect(chicago).toContain('Dunhuang Academy');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download as RIS/ }).click()]);
    const ris = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    expect(ris).toMatch(/^TY {2}- /m);
    expect(ris).toContain('TI  - Diamond Sutra scroll');
    expect(ris).toMatch(/^ER {2}- ?$/m);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('switches to Arabic and lays the pages out right to left', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const { problems } = watch(page);
    await page.goto(`${base}/search?q=sutra&lang=en`);
    const ltrFacets = (await page.locator('.facets').boundingBox())!;
    const ltrResults = (await page.locator('.results').boundingBox())!;
    expect(ltrFacets.x).toBeGreaterThan(ltrResults.x);
    await page.locator('.lang-switch').getByRole('link', { name: 'العربية' }).click();
    await page.waitForURL(/lang=ar/);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).getComputedStyle((globalThis as unknown as BrowserGlobals).document.body).direction)).toBe('rtl');
    // Mirrored: the facets move from the right of the results to their left.
    const rtlFacets = (await page.locator('.facets').boundingBox())!;
    const rtlResults = (await page.locator('.results').boundingBox())!;
    expect(rtlFacets.x).toBeLessThan(rtlResults.x);
    expect(await page.locator('h1').textContent()).not.toBe('Search the collections');
    // The language is remembered on the next page, and a record's Arabic title is shown.
    await page.goto(`${base}/search?q=sutra`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('.record-list').textContent()).toContain('مخطوطة سوترا الماس');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('signs a curator in, starts a CSV import from the imports page, and follows its progress to the report', async () => {
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const { problems } = watch(page);
    await page.goto(`${base}/login?lang=en&next=%2Fimports`);
    await page.locator('#login-email').fill(curator.email);
    await page.locator('#login-password').fill('correct horse battery');
    await page.locator('form.form-card button[type="submit"]').click();
    await page.waitForURL(/\/imports/);

    const cc0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
    const rows = ['Title,Date,Inventory number,Rights', ...Array.from({ length: 1500 }, (_, i) => `Votive banner ${i + 1},${700 + (i % 200)},DA-${i + 1},${cc0}`)].join('\n');
    await page.getByLabel('Format').selectOption('csv');
    // The form checks first by default (a dry run); this import writes.
    await page.locator('#import-dry-run').uncheck();
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'banners.csv', mimeType: 'text/csv', buffer: Buffer.from(rows) });
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForURL(/\/imports\?done=started/);
    // The job waits in the queue: the live status element is on the page before any work is done.
    await page.locator('[data-job]').first().waitFor();
    expect(await page.locator('.data-table tbody tr').first().textContent()).toContain('waiting');

    // Now the workers start; the island follows the job and reloads the page when it has finished.
    const config = loadConfig({ HERITAGE_DEMO: 'off' }, { data: t.database.dataDir, databaseUrl: t.database.databaseUrl ?? undefined });
    jobs = createJobRunner({ store: t.store, handlers: importJobHandlers(config), pollMs: 100 });
    jobs.start();
    await expect.poll(() => page.locator('[data-job]').count(), { timeout: 60_000, interval: 500 }).toBe(0);
    const row = page.locator('.data-table tbody tr').first();
    expect(await row.textContent()).toContain('finished');
    expect(await row.textContent()).toContain('1,500 created, 0 updated, 0 unchanged, 0 rejected, 0 warnings');
    expect(await row.textContent()).not.toContain('Dry run');

    // The report the row links to, fetched with the curator's session (opening JSON as a page would make Chromium ask for /favicon.ico).
    const href = await row.getByRole('link', { name: /JSON/ }).getAttribute('href');
    const answer = await context.request.get(`${base}${href}`);
    expect(answer.status()).toBe(200);
    const report = await answer.json();
    expect(report.job, JSON.stringify(report).slice(0, 1000)).toMatchObject({ status: 'succeeded', result: { created: 1500, rejected: 0, warnings: 0 } });
    expect(report.items).toEqual([]);
    expect(problems).toEqual([]);

    await page.goto(`${base}/search?q=votive&lang=en`);
    expect(await page.locator('#results-title').textContent()).toBe('1,500 records found');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('has no serious accessibility violations on the grid, map, country and batch edit pages, in all six UI languages', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/login?lang=en&next=%2Faccount`);
    await page.locator('#login-email').fill(curator.email);
    await page.locator('#login-password').fill('correct horse battery');
    await page.locator('form.form-card button[type="submit"]').click();
    await page.waitForURL(/\/account/);
    const found: string[] = [];
    for (const lang of UI_LANGUAGES) {
      for (const url of ['/search?q=sutra&view=grid', '/search?q=sutra&view=map', '/search?view=map&bbox=90,30,100,40', '/countries', '/countries/CN', '/search?q=sutra']) {
        await page.goto(`${base}${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
        found.push(...(await seriousViolations(page, `${lang} ${url}`)));
      }
      // The batch form sent back with a missing choice, and the page that reports an edit.
      await page.goto(`${base}/search?q=sutra&lang=${lang}`);
      await page.locator('.batch-check input').first().check();
      await page.locator('#batch-edit button[type="submit"]').click();
      found.push(...(await seriousViolations(page, `${lang} batch form with errors`)));
      await page.locator('#batch-subject').fill('Buddhism');
      await page.locator('#batch-edit button[type="submit"]').click();
      await page.waitForURL(/\/search\/batch\?/);
      expect(await page.locator('.notice-success').count()).toBe(1);
      found.push(...(await seriousViolations(page, `${lang} batch result`)));
    }
    expect(found).toEqual([]);
    await context.close();
  }, 240_000);
});
