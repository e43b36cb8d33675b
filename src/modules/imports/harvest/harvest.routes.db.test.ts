import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newInstitution, newUser } from '../../../../test/helpers/factories';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app';
import { TEST_DIALECT } from '../../../../test/helpers/test-database';
import { runJobNow } from '../../jobs/job.runner';
import { harvestJobHandlers } from './harvest.job';
import { startOaiTestServer, type OaiTestServer } from './oai.test-server';

const quiet = { info() {}, warn() {}, error() {} };

describe(`harvest API (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let server: OaiTestServer;
  let instA: string;
  let instB: string;
  const users: Record<string, string> = {};

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who?: string, payload?: object) =>
    t.app.inject({ method, url, ...(who ? { headers: { authorization: `Bearer ${users[who]}` } } : {}), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await buildTestApp({ HERITAGE_HARVEST_ALLOW_PRIVATE: 'true' });
    server = await startOaiTestServer();
    instA = (await newInstitution(t.store)).id;
    instB = (await newInstitution(t.store)).id;
    users.curatorA = (await newUser(t.store, { role: 'curator', institutionId: instA })).token;
    users.readOnlyCuratorA = (await newUser(t.store, { role: 'curator', institutionId: instA, scopes: ['read', 'write'] })).token;
    users.memberA = (await newUser(t.store, { role: 'member', institutionId: instA })).token;
    users.curatorB = (await newUser(t.store, { role: 'curator', institutionId: instB })).token;
    users.admin = (await newUser(t.store, { admin: true })).token;
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('lets only curators and admins of the institution, with the import scope, register a source', async () => {
    const body = { institutionId: instA, baseUrl: server.baseUrl };
    expect((await call('POST', '/api/v1/harvest/sources', undefined, body)).statusCode).toBe(401);
    expect((await call('POST', '/api/v1/harvest/sources', 'memberA', body)).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/harvest/sources', 'curatorB', body)).statusCode).toBe(403);
    const noScope = await call('POST', '/api/v1/harvest/sources', 'readOnlyCuratorA', body);
    expect(noScope.statusCode).toBe(403);
    expect(noScope.json().error.message).toMatch(/import/);
    const bad = await call('POST', '/api/v1/harvest/sources', 'curatorA', { ...body, metadataPrefix: 'mods' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/No reader for the metadata prefix "mods"; harvests read oai_dc, marcxml/);
    const created = await call('POST', '/api/v1/harvest/sources', 'curatorA', { ...body, sets: ['theses'], scheduleHours: 24 });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ institutionId: instA, baseUrl: server.baseUrl, metadataPrefix: 'oai_dc', sets: ['theses'], scheduleHours: 24, lastDatestamp: null });
    expect(created.json().nextRunAt).toBeTruthy();
  });

  it('asks the endpoint before registering it: a prefix it does not offer or a URL that is no OAI-PMH endpoint is refused saying why, unless check=false', async () => {
    const lido = await call('POST', '/api/v1/harvest/sources', 'curatorA', { institutionId: instA, baseUrl: server.baseUrl, metadataPrefix: 'lido' });
    expect(lido.statusCode).toBe(400);
    expect(lido.json().error.message).toMatch(/metadataPrefix A Test Repository does not offer "lido"; it offers .*oai_dc/);
    const closed = await call('POST', '/api/v1/harvest/sources', 'curatorA', { institutionId: instA, baseUrl: 'http://127.0.0.1:9/oai' });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().error.problems[0].field).toBe('baseUrl');
    const unchecked = await call('POST', '/api/v1/harvest/sources?check=false', 'curatorA', { institutionId: instA, baseUrl: 'http://127.0.0.1:9/oai' });
    expect(unchecked.statusCode).toBe(201);
    expect((await call('DELETE', `/api/v1/harvest/sources/${unchecked.json().id}`, 'curatorA')).statusCode).toBe(204);
  });

  it('shows sources only to those who manage them; to others they do not exist', async () => {
    const created = (await call('POST', '/api/v1/harvest/sources', 'curatorA', { institutionId: instA, baseUrl: `${server.baseUrl}/visible` })).json();
    expect((await call('GET', '/api/v1/harvest/sources', 'curatorA')).json().items.map((s: { id: string }) => s.id)).toContain(created.id);
    expect((await call('GET', '/api/v1/harvest/sources', 'curatorB')).json().items).toEqual([]);
    expect((await call('GET', `/api/v1/harvest/sources?institution=${instA}`, 'curatorB')).json().items).toEqual([]);
    expect((await call('GET', '/api/v1/harvest/sources', 'admin')).json().items.map((s: { id: string }) => s.id)).toContain(created.id);
    expect((await call('GET', `/api/v1/harvest/sources/${created.id}`, 'curatorA')).statusCode).toBe(200);
    for (const who of ['curatorB', 'memberA']) {
      expect((await call('GET', `/api/v1/harvest/sources/${created.id}`, who)).statusCode).toBe(404);
      expect((await call('GET', `/api/v1/harvest/sources/${created.id}/runs`, who)).statusCode).toBe(404);
      expect((await call('POST', `/api/v1/harvest/sources/${created.id}/run`, who)).statusCode).toBe(404);
      expect((await call('PATCH', `/api/v1/harvest/sources/${created.id}`, who, { scheduleHours: 1 })).statusCode).toBe(404);
      expect((await call('DELETE', `/api/v1/harvest/sources/${created.id}`, who)).statusCode).toBe(404);
    }
    expect((await call('GET', '/api/v1/harvest/sources')).statusCode).toBe(401);
  });

  it('updates a schedule, runs a source once at a time, and records its runs', async () => {
    const created = (await call('POST', '/api/v1/harvest/sources', 'curatorA', { institutionId: instA, baseUrl: server.baseUrl })).json();
    expect(created.nextRunAt).toBeNull();
    const patched = await call('PATCH', `/api/v1/harvest/sources/${created.id}`, 'curatorA', { scheduleHours: 6 });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ scheduleHours: 6 });
    expect(Date.parse(patched.json().nextRunAt) - Date.now()).toBeGreaterThan(5 * 3_600_000);

    const run = await call('POST', `/api/v1/harvest/sources/${created.id}/run`, 'curatorA');
    expect(run.statusCode).toBe(202);
    expect(run.json()).toMatchObject({ kind: 'harvest', status: 'queued', links: { job: `/api/v1/jobs/${run.json().id}` } });
    const twice = await call('POST', `/api/v1/harvest/sources/${created.id}/run`, 'curatorA');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain(run.json().id);

    const ended = await runJobNow(t.store, harvestJobHandlers({ harvestAllowPrivate: true }), run.json().id, undefined, { logger: quiet });
    expect(ended.status).toBe('succeeded');
    const runs = await call('GET', `/api/v1/harvest/sources/${created.id}/runs`, 'curatorA');
    expect(runs.statusCode).toBe(200);
    expect(runs.json().items).toMatchObject([{ jobId: run.json().id, status: 'succeeded', counts: { read: 8, pages: 4 } }]);
    expect((await call('GET', `/api/v1/jobs/${run.json().id}`, 'curatorA')).json()).toMatchObject({ status: 'succeeded', kind: 'harvest' });
    expect((await call('GET', `/api/v1/harvest/sources/${created.id}`, 'curatorA')).json()).toMatchObject({ lastDatestamp: '2013-02-27' });

    expect((await call('DELETE', `/api/v1/harvest/sources/${created.id}`, 'curatorA')).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/harvest/sources/${created.id}`, 'curatorA')).statusCode).toBe(404);
  });

  it('documents its routes under the harvest tag', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.paths['/api/v1/harvest/sources/{id}/runs'].get.tags).toEqual(['harvest']);
  });
});

describe(`harvest API without HERITAGE_HARVEST_ALLOW_PRIVATE (${TEST_DIALECT})`, () => {
  let t: TestApp;
  afterAll(async () => t?.close());

  it('refuses a source on a loopback or private address given through the web', async () => {
    t = await buildTestApp();
    const inst = (await newInstitution(t.store)).id;
    const { token } = await newUser(t.store, { role: 'curator', institutionId: inst });
    for (const baseUrl of ['http://127.0.0.1:8080/oai', 'http://10.1.2.3/oai', 'http://[::1]/oai', 'http://localhost/oai']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/harvest/sources', headers: { authorization: `Bearer ${token}` }, payload: { institutionId: inst, baseUrl } });
      expect(res.statusCode, baseUrl).toBe(400);
      expect(res.json().error.message).toMatch(/loopback or private address/);
    }
  });
});
