import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import { deleteRecord } from '../records/record.service';

describe('the staff dashboard', () => {
  let t: TestApp;
  let curator: BrowserSession;
  let other: BrowserSession;
  const page = (who?: BrowserSession) => t.app.inject({ url: '/dashboard?lang=en', ...(who ? { headers: { cookie: who.cookie } } : {}) });

  beforeAll(async () => {
    t = await buildTestApp();
    const mine = await newInstitution(t.store, { name: { en: ['Silk Road Museum'] } });
    const theirs = await newInstitution(t.store, { name: { en: ['Other Library'] } });
    const editor = await newUser(t.store, { role: 'curator', institutionId: mine.id });
    await newRecord(t.store, { institutionId: mine.id, title: { en: ['Open bowl'] } });
    await newRecord(t.store, { institutionId: mine.id, title: { en: ['Members bowl'] }, visibility: 'members' });
    await newRecord(t.store, { institutionId: mine.id, title: { en: ['Secret bowl'] }, visibility: 'private' });
    await newRecord(t.store, { institutionId: mine.id, title: { en: ['Later bowl'] }, embargoUntil: '2999-01-01T00:00:00.000Z' });
    const gone = await newRecord(t.store, { institutionId: mine.id, title: { en: ['Broken bowl'] } });
    await deleteRecord(t.store, editor.actor, gone.id);
    await newRecord(t.store, { institutionId: theirs.id, title: { en: ['Someone else’s secret'] }, visibility: 'private' });
    curator = await signInBrowser(t.app, editor.email);
    other = await signInBrowser(t.app, (await newUser(t.store, { role: 'curator', institutionId: theirs.id })).email);
  });
  afterAll(() => t?.close());

  it('shows a curator their institution’s records by visibility, the latest changes and their jobs', async () => {
    const res = await page(curator);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Silk Road Museum');
    expect(res.body).not.toContain('Other Library');
    // public 2 (one under embargo), members 1, private 1, embargoed 1, trash 1
    expect(res.body).toMatch(/Silk Road Museum<\/a><\/th><td>2<\/td><td>1<\/td><td>1<\/td><td>1<\/td><td>1<\/td>/);
    expect(res.body).toContain('Broken bowl');
    expect(res.body).toContain('moved to the trash');
    expect(res.body).toContain('Secret bowl');
    expect(res.body).not.toContain('Someone else’s secret');
    expect(res.body).toContain('No imports, harvests or image jobs yet.');
  });

  it('keeps each curator to their own institutions, and sends the public to sign in', async () => {
    const theirs = await page(other);
    expect(theirs.body).toContain('Someone else’s secret');
    expect(theirs.body).not.toContain('Secret bowl');
    const anonymous = await page();
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
  });
});
