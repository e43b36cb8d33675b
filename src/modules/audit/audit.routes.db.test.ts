import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newUser, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { saveRecordsBulk } from '../records/record.bulk';

describe(`audit log and API tokens (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let inst: string;
  let admin: { token: string; email: string };
  let curator: { token: string; email: string };
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const events = async (query: string) => (await t.app.inject({ url: `/api/v1/audit?${query}`, headers: auth(admin.token) })).json().items as { action: string; actor: string; ip: string; targetId: string; detail: Record<string, unknown> }[];

  beforeAll(async () => {
    t = await buildTestApp();
    inst = (await newInstitution(t.store, { country: 'MM' })).id;
    admin = await newUser(t.store, { admin: true });
    curator = await newUser(t.store, { role: 'curator', institutionId: inst });
  });
  afterAll(() => t?.close());

  it('records who created, changed the visibility of, deleted and restored a record, and from where', async () => {
    const body = { institutionId: inst, kind: 'site', title: { en: ['Mandalay Palace'] } };
    const rec = (await t.app.inject({ method: 'POST', url: '/api/v1/records', headers: auth(curator.token), payload: body })).json();
    await t.app.inject({ method: 'PUT', url: `/api/v1/records/${rec.id}`, headers: { ...auth(curator.token), 'if-match': '1' }, payload: { ...body, visibility: 'members' } });
    await t.app.inject({ method: 'DELETE', url: `/api/v1/records/${rec.id}`, headers: auth(curator.token) });
    await t.app.inject({ method: 'POST', url: `/api/v1/records/${rec.id}/restore`, headers: auth(curator.token) });
    const log = await events(`target=${rec.id}`);
    expect(log.map((e) => e.action).reverse()).toEqual(['record.create', 'record.update', 'record.visibility', 'record.delete', 'record.restore']);
    expect(log.every((e) => e.actor === curator.email && e.ip === '127.0.0.1')).toBe(true);
    expect(log.find((e) => e.action === 'record.visibility')!.detail).toMatchObject({ from: { visibility: 'public' }, to: { visibility: 'members' } });
    expect((await events('action=record.visibility')).map((e) => e.targetId)).toContain(rec.id);
  });

  it('records a bulk import as one event with its counts', async () => {
    await saveRecordsBulk(t.store, SYSTEM_ADMIN, [1, 2, 3].map((n) => ({ institutionId: inst, kind: 'object', title: { en: [`Bulk ${n}`] } })));
    const [e] = await events('action=records.import');
    expect(e.detail).toMatchObject({ created: 3, updated: 0, institutions: [inst] });
  });

  it('lets a user create, list and revoke their own tokens; a revoked or expired token gets 401', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth(curator.token), payload: { scopes: ['read'], label: 'harvester' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^hc_/);
    const list = (await t.app.inject({ url: '/api/v1/tokens', headers: auth(curator.token) })).json().items;
    expect(list.find((x: { id: string }) => x.id === id)).toMatchObject({ label: 'harvester', scopes: ['read'], revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(token);
    expect((await t.app.inject({ url: '/api/v1/tokens', headers: auth(token) })).statusCode).toBe(200);
    const escalate = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth(token), payload: { scopes: ['write'] } });
    expect(escalate.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: auth(curator.token) })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/tokens', headers: auth(token) })).statusCode).toBe(401);

    const other = (await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth(curator.token), payload: { scopes: ['read'], expiresInDays: 1 } })).json();
    await t.store.db.updateTable('api_token').set({ expires_at: '2001-01-01T00:00:00.000Z' }).where('id', '=', other.id).execute();
    expect((await t.app.inject({ url: '/api/v1/records', headers: auth(other.token) })).statusCode).toBe(401);

    const log = await events(`target=${id}`);
    expect(log.map((e) => e.action).sort()).toEqual(['token.create', 'token.revoke', 'token.use']);
  });

  it('shows the audit log to alliance admins only', async () => {
    expect((await t.app.inject({ url: '/api/v1/audit' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/audit', headers: auth(curator.token) })).statusCode).toBe(403);
    const page = (await t.app.inject({ url: '/api/v1/audit?limit=2', headers: auth(admin.token) })).json();
    expect(page.items).toHaveLength(2);
    const next = (await t.app.inject({ url: `/api/v1/audit?limit=2&before=${page.next}`, headers: auth(admin.token) })).json();
    expect(next.items[0].id).toBeLessThan(page.items[1].id + 1);
  });
});
