import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The few browser globals the tests use inside page.evaluate (the project compiles without DOM types). */
export interface BrowserGlobals {
  document: { body: unknown; querySelector(selector: string): unknown };
  getComputedStyle(element: unknown): { direction: string; backgroundColor: string };
  axe: { run(context: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> };
}

/** Debian's Chromium, headless, with nothing that reaches the network on its own. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install Debian's package (apt-get install chromium) to run the browser tests`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Serious and critical axe-core violations of the page, one line each (the page's context must bypass CSP). */
export async function seriousViolations(page: Page, label: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as BrowserGlobals;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.join(', ')}`);
}

/**
 * Collects what a journey must not meet on a page: console errors, uncaught exceptions, failed
 * requests and HTTP errors. A request Chromium aborts itself (ERR_ABORTED: an image or poll cut
 * short by a navigation or reload, a suggestion superseded by the next key press, a download not
 * read) is not a failure of the page.
 */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    const reason = r.failure()?.errorText ?? '';
    if (!/ERR_ABORTED/.test(reason)) problems.push(`request failed: ${r.url()} ${reason}`);
  });
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  return problems;
}
