import net from 'node:net';
import { UI_LANGUAGES } from '../../src/shared/lang-map';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/test-app';
import { newInstitution, newRecord, newUser } from '../helpers/factories';
import { TEST_DIALECT } from '../helpers/test-database';
import { launchChromium, seriousViolations, type BrowserGlobals, watchPage } from '../helpers/chromium';
import { bearer, jpeg, runMediaJobs } from '../../src/modules/media/media.test-support';

/** Every console error, page error, failed request and error answer of a page, so each step can assert there were none. */
const watch = watchPage;

/** A port nobody listens on yet, so the public URL (IIIF ids) can name it before the server starts. */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

type Win = BrowserGlobals & { innerWidth: number; document: { documentElement: { scrollWidth: number }; querySelectorAll(s: string): ArrayLike<{ complete: boolean; naturalWidth: number; currentSrc: string }> } };

describe(`exhibitions and reunited works in Chromium (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let curator: Awaited<ReturnType<typeof newUser>>;
  const records: string[] = [];
  let workId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await buildTestApp({ HERITAGE_PUBLIC_URL: base });
    const dunhuang = (await newInstitution(t.store, { name: { en: ['Dunhuang Academy'], ar: ['أكاديمية دونهوانغ'] }, country: 'CN' })).id;
    const london = (await newInstitution(t.store, { name: { en: ['British Library'] }, country: 'GB' })).id;
    curator = await newUser(t.store, { role: 'curator', institutionId: dunhuang });
    const other = await newUser(t.store, { role: 'curator', institutionId: london });
    for (const [inst, who, title] of [
      [dunhuang, curator, 'Sutra scroll, first part'],
      [london, other, 'Sutra scroll, second part'],
      [dunhuang, curator, 'Banner with a bodhisattva'],
    ] as const) {
      const id = (await newRecord(t.store, { institutionId: inst, kind: 'manuscript', title: { en: [title] }, date: { display: '9th century', edtf: '08XX' } } as never)).id;
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/records/${id}/media`, headers: { ...bearer(who.token), 'content-type': 'image/jpeg' }, payload: await jpeg(1600, 900) });
      expect(res.statusCode, res.body).toBe(201);
      records.push(id);
    }
    await runMediaJobs(t.store, t.database.dataDir);
    const work = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reunited',
      headers: bearer(curator.token),
      payload: { institutionId: dunhuang, title: { en: ['The sutra scroll of Cave 17'] }, history: [{ date: '1907', place: 'Dunhuang', lat: 40.04, lon: 94.81, note: { en: ['The scroll is divided.'] } }], fragments: [{ recordId: records[0] }, { recordId: records[1] }] },
    });
    expect(work.statusCode, work.body).toBe(201);
    workId = work.json().id;
    await t.app.listen({ port, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('builds an exhibition with two chapters in the editor, publishes it, and shows it to a visitor on a phone and a wide screen', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${base}/login?lang=en&next=%2Fexhibitions`);
    await page.locator('#login-email').fill(curator.email);
    await page.locator('#login-password').fill('correct horse battery');
    await page.locator('form.form-card button[type="submit"]').click();
    await page.waitForURL(/\/exhibitions$/);
    await page.getByRole('link', { name: 'Start an exhibition' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Scrolls of the library cave');
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.waitForURL(/\/edit\?in=en/);

    const newChapter = page.locator('#new-chapter');
    await newChapter.getByLabel('Title (English)').fill('Opening the cave');
    await newChapter.getByLabel('Layout').selectOption('text-image');
    await newChapter.getByLabel('Text (Markdown)').fill('In **1900** a walled-up library was found.');
    await newChapter.getByRole('button', { name: 'Add a chapter' }).click();
    await page.waitForURL(/done=saved/);
    await newChapter.getByLabel('Title (English)').fill('Two parts of one scroll');
    await newChapter.getByLabel('Layout').selectOption('compare');
    await newChapter.getByRole('button', { name: 'Add a chapter' }).click();
    await page.waitForURL(/done=saved/);
    const chapters = page.locator('article.exh-edit-chapter');
    expect(await chapters.count()).toBe(2);
    const addItem = async (chapter: number, recordId: string, caption: string, region = '') => {
      const form = chapters.nth(chapter).locator('form.exh-add-item');
      await form.getByLabel('Record id').fill(recordId);
      await form.getByLabel('Detail (optional IIIF region)').fill(region);
      await form.getByLabel('Caption (English)').fill(caption);
      await form.getByRole('button', { name: 'Add an item' }).click();
      await page.waitForURL(/done=saved/);
    };
    await addItem(0, records[2], 'Painted on silk', 'pct:25,25,50,50');
    await addItem(1, records[0], 'Kept in Dunhuang');
    await addItem(1, records[1], 'Kept in London');
    await page.getByRole('button', { name: 'Publish English' }).click();
    await page.waitForURL(/done=saved/);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.waitForURL(/done=saved/);
    await page.getByRole('button', { name: 'Publish the exhibition' }).click();
    await page.waitForURL(/done=saved/);
    expect(await page.getByText('Status: Published').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();

    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1440, height: 900 },
    ]) {
      const visitor = await browser.newContext({ viewport });
      const view = await visitor.newPage();
      const seen = watch(view);
      await view.goto(`${base}/exhibitions?lang=en`);
      await view.getByRole('link', { name: 'Scrolls of the library cave' }).click();
      await view.waitForURL(/\/exhibitions\/scrolls-of-the-library-cave/);
      expect(await view.locator('h1').textContent()).toBe('Scrolls of the library cave');
      expect(await view.locator('.exh-chapter h2').allTextContents()).toEqual(['Opening the cave', 'Two parts of one scroll']);
      await view.getByRole('link', { name: 'Two parts of one scroll' }).click();
      await view.locator('.exh-compare img').first().scrollIntoViewIfNeeded();
      await view.waitForFunction(() => {
        const imgs = (globalThis as unknown as Win).document.querySelectorAll('.exh-compare img');
        return imgs.length === 2 && Array.from(imgs).every((i) => i.complete && i.naturalWidth > 0);
      });
      const layout = await view.evaluate(() => {
        const w = globalThis as unknown as Win;
        const imgs = Array.from(w.document.querySelectorAll('.exh-compare img'));
        return { overflow: w.document.documentElement.scrollWidth - w.innerWidth, sources: imgs.map((i) => i.currentSrc) };
      });
      expect(layout.overflow, `horizontal overflow at ${viewport.width}px`).toBeLessThanOrEqual(0);
      // The browser picks a size from the IIIF server that fits the slot: small on the phone.
      for (const src of layout.sources) expect(src).toMatch(/\/iiif\/3\/[^/]+\/full\/\d+,\/0\/default\.jpg$/);
      const widths = layout.sources.map((s) => Number(/full\/(\d+),/.exec(s)![1]));
      if (viewport.width < 500) expect(Math.max(...widths)).toBeLessThanOrEqual(1280);
      if (viewport.width > 1000) {
        // The image detail zooms in place: a deep-zoom viewer framed on the region, where the image was.
        await view.getByRole('button', { name: 'Zoom into the detail' }).click();
        await view.locator('[data-detail-ready="true"] .exh-detail-stage').waitFor();
      }
      expect(seen).toEqual([]);
      await visitor.close();
    }
  }, 120_000);

  it('opens a reunited work and compares two fragments side by side', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${base}/records/${records[1]}?lang=en`);
    await page.getByRole('link', { name: 'The sutra scroll of Cave 17' }).click();
    await page.waitForURL(/\/reunited\//);
    expect(await page.locator('.reunited-fragments li').count()).toBe(2);
    expect(await page.getByText('The scroll is divided.').count()).toBe(1);
    await page.getByRole('link', { name: 'Compare the fragments side by side' }).click();
    await page.waitForURL(/\/compare\?records=/);
    expect(await page.locator('.compare-item h2').allTextContents()).toEqual(['Sutra scroll, first part', 'Sutra scroll, second part']);
    await page.waitForFunction(() => {
      const blocks = (globalThis as unknown as Win).document.querySelectorAll('[data-viewer-ready="true"]');
      return blocks.length === 2;
    });
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('has no serious or critical accessibility violations on the exhibition pages, in all six UI languages', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const found: string[] = [];
    for (const lang of UI_LANGUAGES) {
      for (const url of ['/exhibitions', '/exhibitions/scrolls-of-the-library-cave', `/reunited/${workId}`]) {
        await page.goto(`${base}${url}?lang=${lang}`);
        expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
        found.push(...(await seriousViolations(page, `${lang} ${url}`)));
      }
    }
    const staff = await browser.newContext({ bypassCSP: true });
    const editor = await staff.newPage();
    await editor.goto(`${base}/login?lang=en&next=%2Fexhibitions`);
    await editor.locator('#login-email').fill(curator.email);
    await editor.locator('#login-password').fill('correct horse battery');
    await editor.locator('form.form-card button[type="submit"]').click();
    await editor.waitForURL(/\/exhibitions$/);
    await editor.goto(`${base}/exhibitions/scrolls-of-the-library-cave?lang=en`);
    const editUrl = await editor.getByRole('link', { name: 'Edit this exhibition' }).getAttribute('href');
    for (const lang of ['en', 'ar']) {
      for (const url of [editUrl!.split('?')[0], '/exhibitions/new', '/exhibitions/approvals']) {
        await editor.goto(`${base}${url}?lang=${lang}`);
        found.push(...(await seriousViolations(editor, `${lang} ${url}`)));
      }
    }
    expect(found).toEqual([]);
    await context.close();
    await staff.close();
  }, 240_000);
});
