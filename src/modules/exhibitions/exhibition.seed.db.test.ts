import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord } from '../../../test/helpers/factories';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { inTransaction } from '../records/record.store';
import type { DemoDataset } from '../demo/demo.dataset';
import { exhibitionDemoSeed } from './exhibition.seed';

const INSTITUTIONS = ['demo-samarkand-library', 'demo-kyoto-university-library', 'demo-silk-road-classics-library'];
const RECORDS: [string, string][] = [
  ['demo-marc-002', INSTITUTIONS[0]],
  ['demo-marc-001', INSTITUTIONS[0]],
  ['demo-marc-313', INSTITUTIONS[1]],
  ['demo-marc-364', INSTITUTIONS[1]],
  ['demo-classics-lunyu-01', INSTITUTIONS[2]],
  ['demo-classics-lunyu-02', INSTITUTIONS[2]],
];

describe(`the exhibitions demo seed (${TEST_DIALECT})`, () => {
  let t: TestApp;
  const dataset = { institutions: INSTITUTIONS.map((id) => ({ id })), records: [] } as unknown as DemoDataset;

  beforeAll(async () => {
    t = await buildTestApp();
    for (const id of INSTITUTIONS) await newInstitution(t.store, { id, name: { en: [id] } });
    for (const [id, institutionId] of RECORDS) await newRecord(t.store, { id, institutionId, title: { en: [`Record ${id}`] } });
  });
  afterAll(() => t.close());

  it('adds one co-curated exhibition on view in English and Chinese (French still a draft) and one reunited work, once', async () => {
    await inTransaction(t.store, (trx) => exhibitionDemoSeed.run(trx, dataset));
    await inTransaction(t.store, (trx) => exhibitionDemoSeed.run(trx, dataset));
    const list = (await t.app.inject({ url: '/api/v1/exhibitions' })).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ slug: 'pride-and-prejudice-around-the-world', status: 'published', curators: INSTITUTIONS });
    expect(list[0].languages.map((l: { lang: string }) => l.lang)).toEqual(['en', 'zh']);
    const view = (await t.app.inject({ url: '/api/v1/exhibitions/pride-and-prejudice-around-the-world?lang=zh' })).json();
    expect(view.chapters.map((c: { items: { recordId: string }[] }) => c.items.map((i) => i.recordId))).toEqual([['demo-marc-002', 'demo-marc-001'], ['demo-marc-313', 'demo-marc-364'], ['demo-classics-lunyu-01', 'demo-classics-lunyu-02']]);
    expect(view.events).toHaveLength(2);
    const works = (await t.app.inject({ url: '/api/v1/reunited' })).json().items;
    expect(works).toHaveLength(1);
    expect(works[0].fragments.map((f: { recordId: string }) => f.recordId)).toEqual(['demo-classics-lunyu-01', 'demo-classics-lunyu-02']);
    expect((await t.app.inject({ url: `/reunited/${works[0].id}?lang=zh` })).body).toContain('熹平石经');
  });
});
