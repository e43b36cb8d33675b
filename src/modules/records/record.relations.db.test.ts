import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';

/** A relation to a hidden record would tell that it exists: only those who may edit the record see it. */
describe('relations to records one may not see', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  let curator = '';
  beforeAll(async () => {
    t = await buildTestApp();
    const inst = await newInstitution(t.store);
    const other = await newInstitution(t.store);
    ids.secret = (await newRecord(t.store, { institutionId: other.id, title: { en: ['Secret'] }, visibility: 'private' })).id;
    ids.open = (await newRecord(t.store, { institutionId: other.id, title: { en: ['Open'] } })).id;
    ids.whole = (await newRecord(t.store, { institutionId: inst.id, title: { en: ['Whole'] }, relations: [{ type: 'hasPart', target: ids.secret }, { type: 'hasPart', target: ids.open }] })).id;
    curator = (await newUser(t.store, { role: 'curator', institutionId: inst.id, scopes: ['read', 'write'] })).token;
  });
  afterAll(() => t?.close());

  it('leaves them out for the public, in a record, a list and an export', async () => {
    const one = (await t.app.inject({ method: 'GET', url: `/api/v1/records/${ids.whole}` })).json();
    expect(one.relations).toEqual([{ type: 'hasPart', target: ids.open }]);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/records?limit=500' })).json();
    expect(JSON.stringify(list)).not.toContain(ids.secret);
    const jsonl = await t.app.inject({ method: 'GET', url: '/api/v1/exports/records?format=jsonl' });
    expect(jsonl.statusCode).toBe(200);
    expect(jsonl.body).toContain(ids.open);
    expect(jsonl.body).not.toContain(ids.secret);
  });

  it('keeps them for the record’s own curators, so an edit cannot lose them', async () => {
    const mine = (await t.app.inject({ method: 'GET', url: `/api/v1/records/${ids.whole}`, headers: { authorization: `Bearer ${curator}` } })).json();
    expect(mine.relations.map((r: { target: string }) => r.target)).toEqual([ids.secret, ids.open]);
  });
});
