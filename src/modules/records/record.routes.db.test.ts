import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newUser } from '../../../test/helpers/factories';
import { TEST_DIALECT } from '../../../test/helpers/test-database';

describe(`records API (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let curator: { token: string };
  let otherCurator: { token: string };
  let instId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const inst = await newInstitution(t.store, { name: { en: ['Dunhuang Academy'], zh: ['敦煌研究院'] }, country: 'CN' });
    const other = await newInstitution(t.store, { name: { en: ['British Library'] }, country: 'GB', kind: 'library' });
    instId = inst.id;
    curator = await newUser(t.store, { role: 'curator', institutionId: inst.id });
    otherCurator = await newUser(t.store, { role: 'curator', institutionId: other.id });
  });
  afterAll(() => t?.close());

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const body = (over: Record<string, unknown> = {}) => ({
    institutionId: instId,
    kind: 'manuscript',
    title: { en: ['Diamond Sutra'], zh: ['金刚般若波罗蜜经'] },
    date: { display: '868' },
    rights: 'http://creativecommons.org/publicdomain/zero/1.0/',
    ...over,
  });

  it('creates a record, derives its date range and reads it back with its version as ETag', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/records', headers: auth(curator.token), payload: body() });
    expect(res.statusCode).toBe(201);
    const rec = res.json();
    expect(rec.version).toBe(1);
    expect(rec.date).toMatchObject({ display: '868', edtf: '0868', yearFrom: 868, yearTo: 868 });
    const get = await t.app.inject({ url: `/api/v1/records/${rec.id}` });
    expect(get.statusCode).toBe(200);
    expect(get.headers.etag).toBe('"1"');
    expect(get.json().title.zh).toEqual(['金刚般若波罗蜜经']);
    expect(get.json()).toEqual(rec);
    const again = await t.app.inject({ url: `/api/v1/records/${rec.id}`, headers: { 'if-none-match': '"1"' } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('names the field and the reason of every validation error', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records',
      headers: auth(curator.token),
      payload: body({ kind: 'spaceship', date: { display: 'x', edtf: 'not-a-date' } }),
    });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.problems.map((p: { field: string }) => p.field).join(' ')).toMatch(/kind/);
  });

  it('reports an invalid EDTF value on its field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/records', headers: auth(curator.token), payload: body({ date: { display: 'x', edtf: '18th-ish' } }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toEqual([expect.objectContaining({ field: '/date/edtf' })]);
  });

  it('refuses writes without a token (401), with a wrong token (401), and by another institution (403)', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/records', payload: body() })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/records', headers: auth('hc_wrong'), payload: body() })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/records', headers: auth(otherCurator.token), payload: body() })).statusCode).toBe(403);
  });

  it('refuses a stale update with 409 and leaves the record unchanged', async () => {
    const rec = (await t.app.inject({ method: 'POST', url: '/api/v1/records', headers: auth(curator.token), payload: body() })).json();
    const first = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/records/${rec.id}`,
      headers: { ...auth(curator.token), 'if-match': '"1"' },
      payload: body({ title: { en: ['Diamond Sutra (Or.8210/P.2)'] } }),
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/records/${rec.id}`,
      headers: { ...auth(curator.token), 'if-match': '"1"' },
      payload: body({ title: { en: ['Overwritten'] } }),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    const now = (await t.app.inject({ url: `/api/v1/records/${rec.id}` })).json();
    expect(now.version).toBe(2);
    expect(now.title.en).toEqual(['Diamond Sutra (Or.8210/P.2)']);
    const missing = await t.app.inject({ method: 'PUT', url: `/api/v1/records/${rec.id}`, headers: auth(curator.token), payload: body() });
    expect(missing.statusCode).toBe(428);
  });

  it('keeps every version with a readable diff, and restores an earlier one exactly', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/v1/records', headers: auth(curator.token), payload: body({ description: { en: ['Printed scroll'] } }) })).json();
    const original = (await t.app.inject({ url: `/api/v1/records/${created.id}/versions/1`, headers: auth(curator.token) })).json();
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/records/${created.id}`,
      headers: { ...auth(curator.token), 'if-match': '1' },
      payload: body({ description: { en: ['Woodblock-printed scroll'] }, visibility: 'members' }),
    });
    const history = (await t.app.inject({ url: `/api/v1/records/${created.id}/versions`, headers: auth(curator.token) })).json().items;
    expect(history.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history[0].changes).toEqual(
      expect.arrayContaining([
        { path: 'description.en[0]', before: 'Printed scroll', after: 'Woodblock-printed scroll' },
        { path: 'visibility', before: 'public', after: 'members' },
      ]),
    );
    const reverted = await t.app.inject({ method: 'POST', url: `/api/v1/records/${created.id}/versions/1/restore`, headers: auth(curator.token) });
    expect(reverted.statusCode).toBe(200);
    expect(reverted.json().version).toBe(3);
    const restoredDoc = (await t.app.inject({ url: `/api/v1/records/${created.id}/versions/3`, headers: auth(curator.token) })).json();
    expect(restoredDoc).toEqual(original);
  });

  it('soft-deletes a record (404 to the public) and restores it', async () => {
    const rec = (await t.app.inject({ method: 'POST', url: '/api/v1/records', headers: auth(curator.token), payload: body() })).json();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/records/${rec.id}`, headers: auth(curator.token) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/records/${rec.id}` })).statusCode).toBe(404);
    const restored = await t.app.inject({ method: 'POST', url: `/api/v1/records/${rec.id}/restore`, headers: auth(curator.token) });
    expect(restored.json().deletedAt).toBeNull();
    expect((await t.app.inject({ url: `/api/v1/records/${rec.id}` })).statusCode).toBe(200);
  });

  it('hides members-only, private and embargoed records from the public as if they did not exist', async () => {
    const hidden = [
      body({ visibility: 'members' }),
      body({ visibility: 'private' }),
      body({ embargoUntil: new Date(Date.now() + 86400_000).toISOString() }),
    ];
    for (const payload of hidden) {
      const rec = (await t.app.inject({ method: 'POST', url: '/api/v1/records', headers: auth(curator.token), payload })).json();
      const pub = await t.app.inject({ url: `/api/v1/records/${rec.id}` });
      expect(pub.statusCode).toBe(404);
      expect(pub.json().error.code).toBe('RECORD_NOT_FOUND');
      expect((await t.app.inject({ url: `/api/v1/records/${rec.id}`, headers: auth(curator.token) })).statusCode).toBe(200);
    }
    const past = (await t.app.inject({ method: 'POST', url: '/api/v1/records', headers: auth(curator.token), payload: body({ embargoUntil: '2001-01-01T00:00:00Z' }) })).json();
    expect((await t.app.inject({ url: `/api/v1/records/${past.id}` })).statusCode).toBe(200);
  });

  it('answers ids that could never exist with 404 or 400, never touching the database with them', async () => {
    for (const id of ['%00', 'a%00b', '..%2F..%2Fetc', 'x'.repeat(300)]) {
      const res = await t.app.inject({ url: `/api/v1/records/${id}` });
      expect([400, 404], id).toContain(res.statusCode);
      expect((await t.app.inject({ url: `/api/v1/institutions/${id}` })).statusCode).toBeLessThan(500);
    }
  });

  it('pages through records with a cursor, each record once', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { items: { id: string }[]; next: string | null } = (
        await t.app.inject({ url: `/api/v1/records?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: auth(curator.token) })
      ).json();
      for (const r of res.items) {
        expect(seen.has(r.id)).toBe(false);
        seen.add(r.id);
      }
      cursor = res.next;
      pages++;
    } while (cursor && pages < 100);
    expect(seen.size).toBeGreaterThan(4);
    expect((await t.app.inject({ url: '/api/v1/records?cursor=bogus' })).statusCode).toBe(400);
  });
});
