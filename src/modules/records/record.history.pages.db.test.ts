import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { postForm, signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import { getRecord, updateRecord } from './record.service';
import type { RecordInput } from './record.schema';

describe('the version history page', () => {
  let t: TestApp;
  let recordId = '';
  let curator: BrowserSession;
  let outsider: BrowserSession;
  const page = (who?: BrowserSession, query = '') => t.app.inject({ url: `/records/${recordId}/history?lang=en${query}`, ...(who ? { headers: { cookie: who.cookie } } : {}) });

  beforeAll(async () => {
    t = await buildTestApp();
    const inst = await newInstitution(t.store);
    const other = await newInstitution(t.store);
    const editor = await newUser(t.store, { role: 'curator', institutionId: inst.id });
    recordId = (await newRecord(t.store, { institutionId: inst.id, title: { en: ['Bowl'] }, date: { display: '15th century' } })).id;
    const current = await getRecord(t.store, editor.actor, recordId);
    const { country: _c, hasMedia: _h, version, createdAt: _ca, updatedAt: _u, deletedAt: _d, ...input } = current;
    await updateRecord(t.store, editor.actor, recordId, { ...(input as RecordInput), date: { display: '15th century' }, title: { en: ['Bowl with fish'], zh: ['鱼纹碗'] } }, version);
    curator = await signInBrowser(t.app, editor.email);
    outsider = await signInBrowser(t.app, (await newUser(t.store, { role: 'curator', institutionId: other.id })).email);
  });
  afterAll(() => t?.close());

  it('shows each version with who, when and a readable diff, to the record’s editors only', async () => {
    const res = await page(curator);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Version 2 · edited');
    expect(res.body).toContain('Version 1 · created');
    expect(res.body).toContain('<code>title.en[0]</code>');
    expect(res.body).toContain('<del>Bowl</del>');
    expect(res.body).toContain('<ins>Bowl with fish</ins>');
    expect(res.body).toContain('<ins>鱼纹碗</ins>');
    expect(res.body).toContain(`action="/records/${recordId}/history/1/restore"`);
    expect(res.body).not.toContain(`/history/2/restore`);
    // The record is public, so it is no secret that it exists: a curator of another institution is refused, not told it is missing.
    expect((await page(outsider)).statusCode).toBe(403);
    const anonymous = await page();
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
  });

  it('makes an old version current again as a new version, refusing a stale or forged form', async () => {
    expect((await postForm(t.app, `/records/${recordId}/history/1/restore`, { _csrf: 'forged', expected: '2' }, curator.cookie)).statusCode).toBe(403);
    const stale = await postForm(t.app, `/records/${recordId}/history/1/restore?lang=en`, { _csrf: curator.csrf, expected: '1' }, curator.cookie);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('changed by someone else');
    const done = await postForm(t.app, `/records/${recordId}/history/1/restore`, { _csrf: curator.csrf, expected: '2' }, curator.cookie);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/records/${recordId}/history?restored=1`);
    const after = await page(curator, '&restored=1');
    expect(after.body).toContain('Version 1 is current again');
    expect(after.body).toContain('Version 3 · version 1 made current again');
    const record = await t.app.inject({ url: `/api/v1/records/${recordId}` });
    expect(record.json().title).toEqual({ en: ['Bowl'] });
    expect(record.json().version).toBe(3);
    expect((await postForm(t.app, `/records/${recordId}/history/1/restore`, { _csrf: outsider.csrf, expected: '3' }, outsider.cookie)).statusCode).toBe(403);
  });
});
