import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/test-app';
import { newInstitution, newUser } from '../helpers/factories';
import { TEST_DIALECT } from '../helpers/test-database';
import { launchChromium, seriousViolations, watchPage } from '../helpers/chromium';
import { createCall } from '../../src/modules/people/training.service';
import { createProject } from '../../src/modules/projects/project.service';
import { addMilestone } from '../../src/modules/projects/project.content';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe(`editing calls, project documents and deleting with a confirmation in Chromium (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let staff: Awaited<ReturnType<typeof newUser>>;
  let callId: string;
  let projectId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await buildTestApp();
    const host = (await newInstitution(t.store, { name: { en: ['Dunhuang Academy'] }, country: 'CN' })).id;
    staff = await newUser(t.store, { role: 'curator', institutionId: host });
    const deadline = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    callId = (await createCall(t.store, staff.actor, { institutionId: host, kind: 'training', title: { en: ['Paper conservation course'] }, places: 2, deadline })).id;
    projectId = (await createProject(t.store.db, staff.actor, { kind: 'restoration', title: { en: ['Cave 85 shelter'] }, ownerInstitutionId: host })).id;
    await addMilestone(t.store.db, staff.actor, projectId, { title: { en: ['Scaffolding up'] } });
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
    const problems = watchPage(page);
    await page.goto(`${base}/login?lang=en&next=%2Faccount`);
    await page.locator('#login-email').fill(staff.email);
    await page.locator('#login-password').fill('correct horse battery');
    await page.locator('form.form-card button[type="submit"]').click();
    await page.waitForURL(/\/account$/);
    return { page, problems };
  }

  it('the call’s staff add a French title and more places from the edit page', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const { page, problems } = await signIn(context);
    await page.goto(`${base}/training/${callId}?lang=en`);
    await page.getByRole('link', { name: 'Edit the call' }).click();
    await page.waitForURL(/\/edit$/);
    const violations = await seriousViolations(page, 'call edit form');
    await page.locator('#call-title-fr').fill('Cours de conservation du papier');
    await page.locator('#call-places').fill('3');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    expect(await page.getByRole('status').textContent()).toContain('The changes have been saved.');
    expect(await page.getByText('3 places, 0 taken').count()).toBe(1);
    await page.goto(`${base}/training/${callId}?lang=fr`);
    expect(await page.locator('h1').textContent()).toContain('Cours de conservation du papier');
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a project’s lead uploads a PDF, removes a milestone and deletes the project after confirming', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const { page, problems } = await signIn(context);
    await page.goto(`${base}/projects/${projectId}?lang=en`);
    await page.locator('summary', { hasText: 'Upload a document' }).click();
    await page.locator('#doc-title').fill('Condition report');
    await page.locator('#doc-file').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('#document-form button[type="submit"]').click();
    await page.waitForURL(/done=output/);
    const link = page.getByRole('link', { name: 'Condition report' });
    expect(await link.getAttribute('href')).toMatch(/\/outputs\/[^/]+\/file$/);
    const download = await page.request.get(`${base}${await link.getAttribute('href')}`);
    expect(download.headers()['content-type']).toBe('application/pdf');

    await page.locator('.milestone-list').getByRole('link', { name: 'Remove' }).click();
    expect(await page.locator('h1').textContent()).toBe('Remove the milestone “Scaffolding up”?');
    const violations = await seriousViolations(page, 'confirmation page');
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.waitForURL(/done=saved/);
    expect(await page.getByText('No milestones yet.').count()).toBe(1);

    await page.getByRole('link', { name: 'Delete the project' }).click();
    expect(await page.locator('h1').textContent()).toBe('Delete the project “Cave 85 shelter”?');
    await page.getByRole('link', { name: 'No, go back' }).click();
    await page.waitForURL(new RegExp(`/projects/${projectId}$`));
    await page.getByRole('link', { name: 'Delete the project' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.waitForURL(/\/projects$/);
    expect(await page.getByText('Cave 85 shelter').count()).toBe(0);
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
