import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord } from '../../../test/helpers/factories';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { launchChromium } from '../../../test/helpers/chromium';

const HOSTILE = 'Vase </script><script>document.title="pwned"</script><!-- <script>';

// The few DOM members used inside page.evaluate (the project compiles without DOM types).
interface Dom {
  document: { title: string; querySelector(s: string): { textContent: string } | null; querySelectorAll(s: string): ArrayLike<{ textContent: string; getAttribute(name: string): string | null }> };
}

describe(`schema.org data block in Chromium (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let recordId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await buildTestApp();
    const inst = (await newInstitution(t.store)).id;
    recordId = (await newRecord(t.store, { institutionId: inst, title: { en: [HOSTILE] }, description: { en: ['<!-- a comment opener & an ampersand'] } })).id;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('keeps hostile text inside the data block: nothing runs, no CSP violation, and the block parses back to the record', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    const res = await page.goto(`${base}/records/${recordId}`);
    expect(res?.status()).toBe(200);
    const seen = await page.evaluate(() => {
      const { document } = globalThis as unknown as Dom;
      const blocks = Array.from(document.querySelectorAll('script[type="application/ld+json"]'), (s) => JSON.parse(s.textContent));
      return { title: document.title, h1: document.querySelector('h1')?.textContent, blocks, scripts: document.querySelectorAll('script:not([src])').length, external: Array.from(document.querySelectorAll('script[src]'), (s) => s.getAttribute('src')) };
    });
    expect(seen.title).toBe(`${HOSTILE} — Heritage Commons`);
    expect(seen.h1).toBe(HOSTILE);
    // One data block inline; the only other scripts are bundled islands loaded by URL.
    expect(seen.scripts).toBe(1);
    for (const src of seen.external) expect(src).toMatch(/^\/assets\/islands\/[a-z-]+\.js/);
    expect(seen.blocks).toHaveLength(1);
    expect(seen.blocks[0].name).toEqual([{ '@value': HOSTILE, '@language': 'en' }]);
    expect(seen.blocks[0].description).toEqual([{ '@value': '<!-- a comment opener & an ampersand', '@language': 'en' }]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
