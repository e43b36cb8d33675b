import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord } from '../../../test/helpers/factories';
import { queryWords } from './search.loosen';

describe('an empty search suggests what to loosen', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    const inst = await newInstitution(t.store);
    await newRecord(t.store, { institutionId: inst.id, kind: 'manuscript', title: { en: ['Silk scroll of the Diamond Sutra'] }, materials: [{ label: { en: ['silk'] } }] });
    await newRecord(t.store, { institutionId: inst.id, kind: 'object', title: { en: ['Bronze mirror'] } });
    await newRecord(t.store, { institutionId: inst.id, kind: 'object', title: { en: ['Hidden bronze sutra'] }, visibility: 'private' });
  });
  afterAll(() => t?.close());

  it('reads words, a quoted phrase counting as one', () => {
    expect(queryWords('bronze "diamond sutra" mirror')).toEqual(['bronze', '"diamond sutra"', 'mirror']);
    expect(queryWords('  ')).toEqual([]);
  });

  it('offers each filter or word it could drop, with what each would find, most first', async () => {
    const res = await t.app.inject({ url: '/search?q=bronze+sutra&kind=manuscript&lang=en' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Nothing found.');
    expect(res.body).toContain('These looser searches find something:');
    const links = [...res.body.matchAll(/<ul class="loosenings">([\s\S]*?)<\/ul>/g)][0][1];
    // Dropping "bronze" finds the sutra. Dropping "sutra" (bronze manuscripts) finds nothing, and so
    // does dropping the kind: "bronze sutra" is only the private record, which never counts.
    expect(links.match(/<li>/g)).toHaveLength(1);
    expect(links).toContain('href="/search?q=sutra&amp;kind=manuscript"');
    expect(links).toContain('without “bronze”: 1 record');
    const wider = await t.app.inject({ url: '/search?q=mirror&kind=manuscript&lang=en' });
    expect(wider.body).toContain('<a href="/search?q=mirror">without “Kind of item: Manuscript”: 1 record</a>');
  });

  it('says nothing of the kind when nothing looser finds anything', async () => {
    const res = await t.app.inject({ url: '/search?q=zzzqqq+xxyyzz&lang=en' });
    expect(res.body).toContain('Nothing found.');
    expect(res.body).not.toContain('loosenings');
  });
});
