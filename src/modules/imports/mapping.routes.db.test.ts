import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newUser } from '../../../test/helpers/factories';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { runJobNow } from '../jobs/job.runner';
import { importJobHandlers } from './import.job';

const MAPPING = { columns: { 'Object number': 'identifier.inventory', Title: 'title.en', 'Title (zh)': 'title.zh', Artist: 'agent.artist', Date: 'date' }, identifierColumn: 'Object number' };

describe(`saved import mappings API (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let instA: string;
  let instB: string;
  const users: Record<string, string> = {};
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who?: string, payload?: object) =>
    t.app.inject({ method, url, ...(who ? { headers: { authorization: `Bearer ${users[who]}` } } : {}), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await buildTestApp();
    instA = (await newInstitution(t.store)).id;
    instB = (await newInstitution(t.store)).id;
    users.curatorA = (await newUser(t.store, { role: 'curator', institutionId: instA })).token;
    users.adminA = (await newUser(t.store, { role: 'institution-admin', institutionId: instA })).token;
    users.readOnlyCuratorA = (await newUser(t.store, { role: 'curator', institutionId: instA, scopes: ['read', 'write'] })).token;
    users.memberA = (await newUser(t.store, { role: 'member', institutionId: instA })).token;
    users.curatorB = (await newUser(t.store, { role: 'curator', institutionId: instB })).token;
    users.allianceAdmin = (await newUser(t.store, { admin: true })).token;
  });
  afterAll(() => t?.close());

  it('creates, reads, lists, renames, replaces and deletes a mapping', async () => {
    const created = await call('POST', '/api/v1/imports/mappings', 'curatorA', { institutionId: instA, name: 'Museum export', mapping: MAPPING });
    expect(created.statusCode, created.body).toBe(201);
    const m = created.json();
    expect(m).toMatchObject({ institutionId: instA, name: 'Museum export', format: 'csv', mapping: MAPPING });
    expect(created.headers.location).toBe(`/api/v1/imports/mappings/${m.id}`);
    expect((await call('GET', `/api/v1/imports/mappings/${m.id}`, 'adminA')).json()).toMatchObject({ id: m.id, mapping: MAPPING });
    expect((await call('GET', '/api/v1/imports/mappings', 'curatorA')).json().items.map((x: { id: string }) => x.id)).toEqual([m.id]);
    expect((await call('GET', `/api/v1/imports/mappings?institution=${instA}`, 'allianceAdmin')).json().items.map((x: { id: string }) => x.id)).toEqual([m.id]);

    const renamed = await call('PATCH', `/api/v1/imports/mappings/${m.id}`, 'adminA', { name: 'Museum export v2', mapping: { ...MAPPING, defaults: { language: 'EN', visibility: 'members' } } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Museum export v2', mapping: { defaults: { language: 'en', visibility: 'members' } } });
    expect(renamed.json().updatedAt >= m.updatedAt).toBe(true);

    expect((await call('DELETE', `/api/v1/imports/mappings/${m.id}`, 'curatorA')).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/imports/mappings/${m.id}`, 'curatorA')).statusCode).toBe(404);
  });

  it('answers 400 naming the wrong column, key or name, and 409 for a name taken in the institution', async () => {
    const post = (body: object) => call('POST', '/api/v1/imports/mappings', 'curatorA', { institutionId: instA, name: 'Checked', ...body });
    const badTarget = await post({ mapping: { columns: { Title: 'title', Colour: 'colour', 'Titre (xx-!!)': 'title.xx-!!' } } });
    expect(badTarget.statusCode).toBe(400);
    const problems = badTarget.json().error.problems as { field: string; message: string }[];
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: '/columns/Colour', message: expect.stringMatching(/"colour" is not a target/) },
        { field: '/columns/Titre (xx-!!)', message: expect.stringMatching(/not a BCP 47 language tag/) },
      ]),
    );
    const noTitle = await post({ mapping: { columns: { Date: 'date' } } });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().error.problems).toEqual([{ field: '/columns', message: 'no column maps to title' }]);
    const badDefault = await post({ mapping: { columns: { Title: 'title' }, defaults: { kind: 'statue' } } });
    expect(badDefault.json().error.problems[0]).toMatchObject({ field: '/defaults/kind' });
    const notString = await post({ mapping: { columns: { Title: 5 } } });
    expect(notString.statusCode).toBe(400);
    expect(notString.json().error.message).toMatch(/columns\/Title/);
    const blank = await post({ name: '   ', mapping: MAPPING });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.problems).toEqual([{ field: 'name', message: 'is empty' }]);

    expect((await post({ name: 'Taken', mapping: MAPPING })).statusCode).toBe(201);
    const again = await post({ name: 'Taken', mapping: MAPPING });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.problems).toEqual([{ field: 'name', message: 'is taken in this institution' }]);
    // Names are unique per institution: another institution may use the same one.
    expect((await call('POST', '/api/v1/imports/mappings', 'curatorB', { institutionId: instB, name: 'Taken', mapping: MAPPING })).statusCode).toBe(201);
  });

  it('is for curators and admins of the institution: others get 404, members and the public cannot', async () => {
    const m = (await call('POST', '/api/v1/imports/mappings', 'curatorA', { institutionId: instA, name: 'Private to A', mapping: MAPPING })).json();
    for (const who of ['curatorB', 'memberA']) {
      expect((await call('GET', `/api/v1/imports/mappings/${m.id}`, who)).statusCode, who).toBe(404);
      expect((await call('PATCH', `/api/v1/imports/mappings/${m.id}`, who, { name: 'Stolen' })).statusCode, who).toBe(404);
      expect((await call('DELETE', `/api/v1/imports/mappings/${m.id}`, who)).statusCode, who).toBe(404);
      expect((await call('GET', '/api/v1/imports/mappings', who)).json().items.map((x: { id: string }) => x.id), who).not.toContain(m.id);
      expect((await call('GET', `/api/v1/imports/mappings?institution=${instA}`, who)).json().items, who).toEqual([]);
      expect((await call('POST', '/api/v1/imports/mappings', who, { institutionId: instA, name: 'Mine', mapping: MAPPING })).statusCode, who).toBe(403);
    }
    expect((await call('GET', '/api/v1/imports/mappings')).statusCode).toBe(401);
    expect((await call('GET', `/api/v1/imports/mappings/${m.id}`)).statusCode).toBe(401);
    expect((await call('POST', '/api/v1/imports/mappings', undefined, { institutionId: instA, name: 'Anon', mapping: MAPPING })).statusCode).toBe(401);
    // A token without the import scope reads but does not change.
    expect((await call('GET', `/api/v1/imports/mappings/${m.id}`, 'readOnlyCuratorA')).statusCode).toBe(200);
    const refused = await call('PATCH', `/api/v1/imports/mappings/${m.id}`, 'readOnlyCuratorA', { name: 'Renamed' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/import/);
    expect((await call('GET', `/api/v1/imports/mappings/${m.id}`, 'curatorA')).json().name).toBe('Private to A');
  });

  it('starts an import through the API with a saved mapping named by name or id, and refuses one it cannot use', async () => {
    const m = (await call('POST', '/api/v1/imports/mappings', 'curatorA', { institutionId: instA, name: 'Objects (2024)', mapping: { ...MAPPING, defaults: { visibility: 'private' } } })).json();
    const csv = 'Object number,Title,Title (zh),Artist,Date\nO-1,Vase,花瓶,Anonymous,1750\n';
    const start = (query: string, who = 'curatorA') =>
      t.app.inject({ method: 'POST', url: `/api/v1/imports?${query}`, headers: { authorization: `Bearer ${users[who]}`, 'content-type': 'text/csv' }, payload: csv });
    const byName = await start(`format=csv&institution=${instA}&savedMapping=${encodeURIComponent('Objects (2024)')}`);
    expect(byName.statusCode, byName.body).toBe(202);
    const ended = await runJobNow(t.store, importJobHandlers({ dataDir: t.database.dataDir }), byName.json().id, undefined, { logger: { info() {}, warn() {}, error() {} } });
    expect(ended).toMatchObject({ status: 'succeeded', result: { created: 1, rejected: 0 } });
    const [record] = (await call('GET', `/api/v1/records?institution=${instA}`, 'curatorA')).json().items;
    expect(record).toMatchObject({ title: { en: ['Vase'], zh: ['花瓶'] }, visibility: 'private' });
    expect((await start(`format=csv&institution=${instA}&savedMapping=${m.id}&dryRun=true`)).statusCode).toBe(202);

    const wrongFormat = await start(`format=jsonl&institution=${instA}&savedMapping=${m.id}`);
    expect(wrongFormat.statusCode).toBe(400);
    expect(wrongFormat.json().error.problems).toEqual([{ field: 'savedMapping', message: 'applies to CSV only' }]);
    const both = await start(`format=csv&institution=${instA}&savedMapping=${m.id}&mapping=${encodeURIComponent(JSON.stringify(MAPPING))}`);
    expect(both.statusCode).toBe(400);
    const unknown = await start(`format=csv&institution=${instA}&savedMapping=nope`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe(`No saved mapping "nope" in institution "${instA}"`);
    // Another institution's mapping is not found from there, by id or by name.
    const mB = (await call('POST', '/api/v1/imports/mappings', 'curatorB', { institutionId: instB, name: 'B objects', mapping: MAPPING })).json();
    expect((await start(`format=csv&institution=${instA}&savedMapping=${mB.id}`)).statusCode).toBe(404);
    expect((await start(`format=csv&institution=${instB}&savedMapping=${m.id}`, 'curatorB')).statusCode).toBe(404);
  });

  it('documents its routes under the imports tag', async () => {
    const spec = (await call('GET', '/api/openapi.json')).json();
    for (const [path, method] of [['/api/v1/imports/mappings', 'get'], ['/api/v1/imports/mappings', 'post'], ['/api/v1/imports/mappings/{id}', 'patch'], ['/api/v1/imports/mappings/{id}', 'delete']]) {
      expect(spec.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['imports']);
    }
    expect(spec.paths['/api/v1/imports'].post.parameters.map((p: { name: string }) => p.name)).toContain('savedMapping');
  });
});
