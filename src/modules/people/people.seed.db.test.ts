import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { inTransaction } from '../records/record.store';
import { peopleDemoSeed } from './people.seed';

describe('the people demo seed', () => {
  let t: TestApp;
  let member: Awaited<ReturnType<typeof newUser>>;
  let recordId: string;
  const dataset = { institutions: [] as { id: string; name: { en: string[] }; country: string; kind: 'library' }[], records: [] as { institutionId: string; id: string; kind: 'object'; title: { en: string[] } }[] };

  beforeAll(async () => {
    t = await buildTestApp();
    for (const id of ['demo-silk-road-classics-library', 'demo-samarkand-library', 'demo-kyoto-university-library']) {
      await newInstitution(t.store, { id, name: { en: [id] }, kind: 'library' });
      dataset.institutions.push({ id, name: { en: [id] }, country: 'CN', kind: 'library' });
    }
    recordId = (await newRecord(t.store, { institutionId: 'demo-silk-road-classics-library', title: { en: ['Demo scroll'] } })).id;
    dataset.records.push({ institutionId: 'demo-silk-road-classics-library', id: recordId, kind: 'object', title: { en: ['Demo scroll'] } });
    member = await newUser(t.store, { role: 'member', institutionId: 'demo-samarkand-library' });
  });
  afterAll(() => t?.close());

  it('adds experts, an exchange call, two events, a case study and an award with a winner, and runs again without duplicating', async () => {
    const seed = () => inTransaction(t.store, (trx) => peopleDemoSeed.run(trx, dataset as never));
    await seed();
    await seed();
    const get = async (url: string) => (await t.app.inject({ url, headers: { authorization: `Bearer ${member.token}` } })).json();
    expect((await get('/api/v1/experts')).items.map((e: { name: string }) => e.name).sort()).toEqual(['Li Wen', 'Nodira Karimova', 'Sato Aiko']);
    const calls = (await get('/api/v1/training/calls')).items;
    expect(calls).toHaveLength(1);
    expect((await get(`/api/v1/training/calls/${calls[0].id}`)).selectedCount).toBe(1);
    const month = new Date(Date.now() + 35 * 86_400_000).toISOString().slice(0, 7);
    expect((await get(`/api/v1/events?month=${month}`)).items).toHaveLength(2);
    const practices = (await get('/api/v1/practices')).items;
    expect(practices).toHaveLength(1);
    expect((await get(`/api/v1/practices/${practices[0].id}`)).links.map((l: { id: string }) => l.id)).toEqual([recordId]);
    const awards = (await get('/api/v1/awards')).items;
    expect(awards).toHaveLength(1);
    expect((await get(`/api/v1/awards/${awards[0].id}`)).winners.map((w: { nominee: string }) => w.nominee)).toEqual(['Samarkand manuscript team']);
  });
});
