import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { postForm, signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import type { Actor } from '../accounts/actor';
import { PUBLIC } from '../accounts/actor';
import { batchEditRecords } from './record.batch-edit';
import { deleteRecord, getRecord } from './record.service';
import { listVersions } from './record.history';

const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';

describe('batch edit of records', () => {
  let t: TestApp;
  let curator: { email: string; actor: Actor };
  let member: { email: string; actor: Actor };
  let browser: BrowserSession;
  let mine: string[];
  let theirsVisible: string;
  let theirsPrivate: string;
  let trashed: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const home = await newInstitution(t.store, { name: { en: ['Hermitage'] } });
    const other = await newInstitution(t.store, { name: { en: ['Louvre'] } });
    curator = await newUser(t.store, { role: 'curator', institutionId: home.id });
    member = await newUser(t.store, { role: 'member', institutionId: home.id });
    mine = [];
    for (const title of ['Bronze mirror', 'Bronze bell', 'Bronze seal']) mine.push((await newRecord(t.store, { institutionId: home.id, title: { en: [title] }, subjects: [{ label: { en: ['Bronze'] } }] })).id);
    theirsVisible = (await newRecord(t.store, { institutionId: other.id, title: { en: ['Bronze lamp'] } })).id;
    theirsPrivate = (await newRecord(t.store, { institutionId: other.id, title: { en: ['Bronze secret'] }, visibility: 'private' })).id;
    trashed = (await newRecord(t.store, { institutionId: home.id, title: { en: ['Bronze shard'] } })).id;
    await deleteRecord(t.store, curator.actor, trashed);
    browser = await signInBrowser(t.app, curator.email);
  });
  afterAll(() => t?.close());

  it('changes each editable record as a new version and names every record it could not change', async () => {
    const outcome = await batchEditRecords(t.store, curator.actor, {
      ids: [mine[0], mine[1], theirsVisible, theirsPrivate, trashed, 'r-nope'],
      edit: { visibility: 'members', rights: CC_BY, addSubject: { label: { en: ['Mirrors'] } } },
    });
    expect(outcome.changed.map((i) => i.id).sort()).toEqual([mine[0], mine[1]].sort());
    expect(outcome.changed.every((i) => i.version === 2)).toBe(true);
    expect(outcome.forbidden).toEqual([{ id: theirsVisible, title: { en: ['Bronze lamp'] }, version: 1 }]);
    // A record the curator may not even see is reported as missing, like one that does not exist.
    expect(outcome.missing.sort()).toEqual([theirsPrivate, trashed, 'r-nope'].sort());
    const changed = await getRecord(t.store, curator.actor, mine[0]);
    expect(changed.visibility).toBe('members');
    expect(changed.rights).toBe(CC_BY);
    expect(changed.subjects?.map((s) => s.label.en?.[0])).toEqual(['Bronze', 'Mirrors']);
    const versions = await listVersions(t.store, curator.actor, mine[0]);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0].action).toBe('batch-edit');
    // Now members-only: the public no longer finds it.
    await expect(getRecord(t.store, PUBLIC, mine[0])).rejects.toMatchObject({ code: 'RECORD_NOT_FOUND' });
    expect((await getRecord(t.store, PUBLIC, theirsVisible)).visibility).toBe('public');
  });

  it('writes no version for a record already as asked, and adds a subject once', async () => {
    const outcome = await batchEditRecords(t.store, curator.actor, { ids: [mine[0], mine[2]], edit: { addSubject: { label: { en: ['mirrors'] } } } });
    expect(outcome.unchanged.map((i) => i.id)).toEqual([mine[0]]);
    expect(outcome.changed.map((i) => i.id)).toEqual([mine[2]]);
    expect((await getRecord(t.store, curator.actor, mine[0])).version).toBe(2);
  });

  it('refuses the public, a member without the curator role, and an empty or unbounded edit', async () => {
    await expect(batchEditRecords(t.store, PUBLIC, { ids: [mine[0]], edit: { visibility: 'public' } })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const byMember = await batchEditRecords(t.store, member.actor, { ids: [mine[1]], edit: { visibility: 'public' } });
    expect(byMember.forbidden.map((i) => i.id)).toEqual([mine[1]]);
    expect(byMember.changed).toEqual([]);
    await expect(batchEditRecords(t.store, curator.actor, { ids: [mine[0]], edit: {} })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(batchEditRecords(t.store, curator.actor, { ids: [], edit: { visibility: 'public' } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const many = Array.from({ length: 101 }, (_, i) => `r-x${i}`);
    await expect(batchEditRecords(t.store, curator.actor, { ids: many, edit: { visibility: 'public' } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(batchEditRecords(t.store, curator.actor, { ids: [mine[0]], edit: { rights: 'javascript:alert(1)' } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('offers staff a box on each result they may edit and the form, and no one else', async () => {
    const staff = await t.app.inject({ url: '/search?q=bronze&lang=en', headers: { cookie: browser.cookie } });
    expect(staff.body).toContain(`id="batch-${mine[1]}" name="records" value="${mine[1]}" form="batch-edit"`);
    expect(staff.body).not.toContain(`id="batch-${theirsVisible}"`);
    expect(staff.body).toContain('<form id="batch-edit"');
    const pub = await t.app.inject({ url: '/search?q=bronze&lang=en' });
    expect(pub.body).not.toContain('batch-edit');
  });

  it('applies the form, redirects to a page naming what happened, and sends a wrong form back with its fields', async () => {
    const back = '/search?q=bronze&view=grid';
    const res = await postForm(t.app, '/search/batch', { _csrf: browser.csrf, back, records: [mine[1], theirsVisible], visibility: '', rights: CC_BY, subject: 'Колокола', subjectLang: 'ru' }, browser.cookie);
    expect(res.statusCode).toBe(303);
    const done = await t.app.inject({ url: `${res.headers.location}&lang=en`, headers: { cookie: browser.cookie } });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('1 record changed');
    expect(done.body).toContain(`href="/records/${mine[1]}/history"`);
    expect(done.body).toContain('1 record you may not edit (not changed)');
    expect(done.body).toContain('Bronze lamp');
    expect(done.body).toContain('href="/search?q=bronze&amp;view=grid">Back to the search</a>');
    expect((await getRecord(t.store, curator.actor, mine[1])).subjects?.some((s) => s.label.ru?.[0] === 'Колокола')).toBe(true);

    const wrong = await postForm(t.app, '/search/batch?lang=en', { _csrf: browser.csrf, back, records: [mine[2]], visibility: '', rights: 'http://evil.example/', subject: '' }, browser.cookie);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Choose rights from the list.');
    expect(wrong.body).toContain(`value="${mine[2]}" form="batch-edit" checked=""`);
    const none = await postForm(t.app, '/search/batch?lang=en', { _csrf: browser.csrf, back, visibility: 'public' }, browser.cookie);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Select at least one record.');
  });

  it('refuses a form without the CSRF token, and sends the public to sign in', async () => {
    const forged = await postForm(t.app, '/search/batch', { back: '/search', records: [mine[0]], visibility: 'private' }, browser.cookie);
    expect(forged.statusCode).toBe(403);
    expect((await getRecord(t.store, curator.actor, mine[0])).visibility).toBe('members');
    const anonymous = await t.app.inject({ url: '/search/batch?changed=x' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login/);
  });
});
