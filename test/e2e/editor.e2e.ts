import { UI_LANGUAGES } from '../../src/shared/lang-map';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/test-app';
import { newInstitution, newRecord, newUser } from '../helpers/factories';
import { TEST_DIALECT } from '../helpers/test-database';
import { launchChromium, seriousViolations, watchPage } from '../helpers/chromium';
import { jpeg } from '../../src/modules/media/media.test-support';

/** Every console error, page error, failed request and error answer of a page, so each step can assert there were none. */
const watch = watchPage;

describe(`the record editor in Chromium (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let curator: Awaited<ReturnType<typeof newUser>>;
  let recordId: string;
  let albumId: string;
  let lotusId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await buildTestApp();
    const inst = await newInstitution(t.store, { name: { en: ['Dunhuang Academy'], ar: ['أكاديمية دونهوانغ'] }, country: 'CN' });
    curator = await newUser(t.store, { role: 'curator', institutionId: inst.id });
    recordId = (await newRecord(t.store, { institutionId: inst.id, title: { en: ['Bowl'], fr: ['Bol'] }, date: { display: '19th century' } })).id;
    albumId = (await newRecord(t.store, { institutionId: inst.id, title: { en: ['Album of paintings'] } })).id;
    lotusId = (await newRecord(t.store, { institutionId: inst.id, title: { en: ['Lotus Sutra'] }, subjects: [{ label: { en: ['Buddhism'] }, uri: 'http://www.wikidata.org/entity/Q748' }] })).id;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${base}/login?lang=en&next=%2Fdashboard`);
    await page.locator('#login-email').fill(curator.email);
    await page.locator('#login-password').fill('correct horse battery');
    await page.locator('form.form-card button[type="submit"]').click();
    await page.waitForURL(/\/dashboard$/);
    return { page, problems };
  }

  it('edits a record in two languages with a live date reading, sees the new version, and restores the old one', async () => {
    const context = await browser.newContext();
    const { page, problems } = await signIn(context);
    await page.goto(`${base}/records/${recordId}?lang=en`);
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.waitForURL(new RegExp(`/records/${recordId}/edit$`));
    expect(problems).toEqual([]);

    // The language fieldsets are tabs: English first, French one arrow key away.
    const english = page.getByRole('tab', { name: 'English' });
    const french = page.getByRole('tab', { name: 'French' });
    expect(await english.getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#ed-title-fr-0').isVisible()).toBe(false);
    await english.focus();
    await page.keyboard.press('ArrowRight');
    expect(await french.getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tabpanel').getByLabel('Title', { exact: true }).fill('Bol aux poissons');
    await english.click();
    await page.getByRole('tabpanel').getByLabel('Title', { exact: true }).fill('Bowl with fish');
    expect(problems).toEqual([]);

    // The date is read as one types, in the UI language.
    const preview = page.locator('#ed-date-preview');
    expect(await preview.textContent()).toContain('Read as: 19th century');
    const edtf = page.getByLabel('Machine-readable date (EDTF)');
    await edtf.pressSequentially('18th c');
    await preview.getByText('This is not a valid EDTF date.').waitFor();
    expect(await edtf.getAttribute('aria-invalid')).toBe('true');
    await edtf.fill('');
    await edtf.pressSequentially('1850~');
    await preview.getByText('Read as: circa 1850').waitFor();
    expect(await edtf.getAttribute('aria-invalid')).toBe('false');

    // The vocabulary picker offers a subject already in the catalogue and brings its URI along.
    const subject = page.getByLabel('Term 1').first();
    await subject.pressSequentially('Budd');
    await page.locator('#ed-subjects-0-label-suggestions option[value="Buddhism"]').waitFor({ state: 'attached' });
    await subject.fill('Buddhism');
    await subject.blur();
    expect(await page.locator('#ed-subjects-0-uri').inputValue()).toBe('http://www.wikidata.org/entity/Q748');
    // The relation picker finds records by title words and fills in the chosen record's id.
    const related = page.getByLabel('Related record 1');
    await related.pressSequentially('Lotu');
    const option = page.locator('#ed-relations-0-target-suggestions option[label="Lotus Sutra"]');
    await option.waitFor({ state: 'attached' });
    await related.fill((await option.getAttribute('value'))!);
    await page.getByLabel('Relation 1').selectOption('fragmentOfSameWork');
    expect(problems).toEqual([]);

    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.waitForURL(/\/edit\?saved=2$/);
    expect(await page.getByRole('status').first().textContent()).toContain('Saved as version 2.');
    expect(await page.locator('#ed-title-fr-0').inputValue()).toBe('Bol aux poissons');
    expect(await page.locator('#ed-relations-0-target').inputValue()).toBe(lotusId);
    expect(problems).toEqual([]);

    // The history shows version 2 with a readable diff, and brings version 1 back.
    await page.getByRole('link', { name: 'Version history' }).click();
    const v2 = page.locator('#v2');
    expect(await v2.locator('.history-head').textContent()).toContain('Version 2 · edited');
    expect(await v2.getByRole('row', { name: /Title · French/ }).textContent()).toMatch(/BolBol aux poissons/);
    expect(await v2.getByRole('row', { name: /Title · English/ }).locator('ins').textContent()).toBe('Bowl with fish');
    await page.getByRole('button', { name: 'Make version 1 current again' }).click();
    await page.waitForURL(/\/history\?restored=1$/);
    expect(await page.getByRole('status').textContent()).toContain('Version 1 is current again');
    expect(await page.locator('#v3 .history-head').textContent()).toContain('version 1 made current again');
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    expect(await page.locator('#ed-title-en-0').inputValue()).toBe('Bowl');
    expect(await page.locator('#ed-title-fr-0').inputValue()).toBe('Bol');
    expect(await page.locator('#ed-date-edtf').inputValue()).toBe('1801/1900');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('uploads images with a progress bar and reorders them without losing unsaved edits', async () => {
    const context = await browser.newContext();
    const { page, problems } = await signIn(context);
    await page.goto(`${base}/records/${albumId}/edit?lang=en`);
    await page.locator('#ed-title-en-0').fill('Album of paintings (being edited)');
    const images = page.locator('[data-images-section]');
    for (const name of ['first', 'second']) {
      await page.getByLabel('Image file').setInputFiles({ name: `${name}.jpg`, mimeType: 'image/jpeg', buffer: await jpeg(800, 600) });
      await images.getByLabel('Label').fill(`${name} leaf`);
      await page.route(`**/api/v1/records/${albumId}/media`, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        await route.continue();
      });
      const uploaded = page.waitForResponse((r) => r.url().endsWith(`/api/v1/records/${albumId}/media`) && r.request().method() === 'POST');
      await images.getByRole('button', { name: 'Upload' }).click();
      // The progress bar is there while the file travels (held back a moment so the test can see it).
      expect(await images.locator('progress').getAttribute('max')).toBe('100');
      expect((await uploaded).status()).toBe(201);
      await page.unroute(`**/api/v1/records/${albumId}/media`);
      await images.getByText('Uploaded. The image is being prepared.').waitFor();
    }
    expect(await images.locator('progress').count()).toBe(0);
    const order = async () => images.locator('.image-editor-status').allTextContents();
    expect((await order()).map((s) => s.replace(/\s+/g, ' '))).toEqual(['Image 1 · first leaf · 800 × 600 · being prepared', 'Image 2 · second leaf · 800 × 600 · being prepared']);
    await images.getByRole('button', { name: 'Move image 2 up' }).click();
    await expect.poll(async () => (await order())[0], { message: problems.join('; ') }).toContain('second leaf');
    // No navigation happened: the title typed before is still there, unsaved.
    expect(await page.locator('#ed-title-en-0').inputValue()).toBe('Album of paintings (being edited)');
    expect(page.url()).toBe(`${base}/records/${albumId}/edit?lang=en`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('has no serious or critical accessibility violations on the editor pages, in all six UI languages', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const { page } = await signIn(context);
    const found: string[] = [];
    for (const lang of UI_LANGUAGES) {
      for (const url of [`/records/${recordId}/edit`, '/records/new', `/records/${recordId}/history`]) {
        await page.goto(`${base}${url}?lang=${lang}`);
        expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
        found.push(...(await seriousViolations(page, `${lang} ${url}`)));
      }
      // The form shown again with its errors, as a curator meets it.
      await page.goto(`${base}/records/${recordId}/edit?lang=${lang}`);
      await page.locator('#ed-title-en-0').fill('');
      await page.locator('#ed-date-edtf').fill('not a date');
      await page.locator('button[value="save"]').first().click();
      await page.locator('.editor-summary').waitFor();
      found.push(...(await seriousViolations(page, `${lang} edit with errors`)));
    }
    expect(found).toEqual([]);
    await context.close();
  }, 240_000);
});
