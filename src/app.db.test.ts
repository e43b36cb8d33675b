import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/helpers/test-app';
import { TEST_DIALECT } from '../test/helpers/test-database';

describe(`application (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t?.close());

  it('reports health with the database it uses', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: TEST_DIALECT });
  });

  it('documents the API in OpenAPI, with records, institutions and search', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/records', '/api/v1/records/{id}', '/api/v1/institutions', '/api/v1/search', '/api/v1/records/{id}/versions']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });

  it('serves the browsable API docs from bundled files, no CDN', async () => {
    const res = await t.app.inject({ url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/https?:\/\/(unpkg|cdn|cdnjs|jsdelivr)/);
    const js = await t.app.inject({ url: '/api/docs/static/swagger-ui-bundle.js' });
    expect(js.statusCode).toBe(200);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await t.app.inject({ url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('refuses NUL characters in URLs and bodies with 400, on every database', async () => {
    for (const url of ['/api/v1/records?institution=%00', '/api/v1/institutions?kind=a%00b', '/api/v1/records?updatedSince=%00', '/api/v1/search?q=%00']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.problems[0].field).toBe('url');
    }
    const post = await t.app.inject({ method: 'POST', url: '/api/v1/institutions', payload: { name: { en: ['a\u0000b'] }, country: 'FR', kind: 'museum' } });
    expect(post.statusCode).toBe(400);
  });

  it('opens reads of the API to other origins, but not writes or pages', async () => {
    const read = await t.app.inject({ url: '/api/v1/search?q=x', headers: { origin: 'https://example.org' } });
    expect(read.headers['access-control-allow-origin']).toBe('*');
    const preflight = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/records/abc', headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD');
    const write = await t.app.inject({ method: 'POST', url: '/api/v1/records', headers: { origin: 'https://example.org' }, payload: {} });
    expect(write.headers['access-control-allow-origin']).toBeUndefined();
    const page = await t.app.inject({ url: '/', headers: { origin: 'https://example.org' } });
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect((await t.app.inject({ method: 'OPTIONS', url: '/search' })).statusCode).toBe(404);
  });

  it('refuses a malformed Authorization header with 401', async () => {
    const res = await t.app.inject({ url: '/api/v1/records', headers: { authorization: 'Basic abc' } });
    expect(res.statusCode).toBe(401);
  });
});
