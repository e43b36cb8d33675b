import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord } from '../../../test/helpers/factories';
import { TEST_DIALECT } from '../../../test/helpers/test-database';

describe(`GET /api/v1/search (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    const inst = await newInstitution(t.store, { country: 'UZ' });
    await newRecord(t.store, { institutionId: inst.id, title: { en: ['Minaret of Khiva'] }, materials: [{ label: { en: ['brick'] } }], date: { display: '1850s' } });
    await newRecord(t.store, { institutionId: inst.id, title: { en: ['Hidden minaret drawing'] }, visibility: 'members' });
  });
  afterAll(() => t?.close());

  it('answers { total, items, facets } with facet counts the public may see', async () => {
    const res = await t.app.inject({ url: '/api/v1/search?q=minaret&facets=country,material,century' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.items[0].title.en).toEqual(['Minaret of Khiva']);
    expect(body.facets.country).toEqual([{ value: 'UZ', count: 1, label: 'Uzbekistan' }]);
    expect(body.facets.century).toEqual([{ value: '19', count: 1, label: '19' }]);
    expect(Object.keys(body.facets).sort()).toEqual(['century', 'country', 'material']);
  });

  it('accepts repeated and comma-separated filters', async () => {
    const a = (await t.app.inject({ url: '/api/v1/search?material=brick&material=stone' })).json();
    const b = (await t.app.inject({ url: '/api/v1/search?material=brick,stone' })).json();
    expect(a.total).toBe(1);
    expect(b.total).toBe(1);
  });

  it('never answers a 500 to hostile parameters', async () => {
    const urls = [
      '/api/v1/search?q=%22',
      '/api/v1/search?q=' + encodeURIComponent('"a" OR b* NEAR( ) ^ 🏛️'),
      '/api/v1/search?q=' + 'x'.repeat(10_000),
      '/api/v1/search?offset=-1',
      '/api/v1/search?limit=abc',
      '/api/v1/search?yearFrom=10&yearTo=-10',
      '/api/v1/search?bbox=1,2,3',
      '/api/v1/search?sort=random',
      '/api/v1/search?facets=bogus',
      '/api/v1/search?q[]=1&q[]=2',
    ];
    for (const url of urls) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url.slice(0, 60)).toBeLessThan(500);
      if (res.statusCode === 400) expect(res.json().error.code).toMatch(/VALIDATION_FAILED|BAD_QUERY/);
    }
  });
});
