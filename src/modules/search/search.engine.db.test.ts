import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers/test-database';
import { newInstitution, newUser, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { PUBLIC, type Actor } from '../accounts/actor';
import { saveRecordsBulk } from '../records/record.bulk';
import { deleteRecord, updateRecord, getRecord } from '../records/record.service';
import type { Store } from '../records/record.store';
import { isVisibleUnder, visibilityRule, visibleTo } from '../records/record.visibility';
import { SearchEngine } from './search.engine';
import { searchRecords } from './search.service';
import type { SearchParams } from './search.types';

// A small deterministic pseudo-random generator, so a failure can be replayed.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe(`the record index answers exactly what SQL answers (${TEST_DIALECT})`, () => {
  let tdb: TestDatabase;
  let store: Store;
  let engine: SearchEngine;
  const actors: Record<string, Actor> = {};
  const insts: string[] = [];
  const words = ['silk', 'road', 'mural', 'bronze', 'scroll', 'temple', 'caravan', 'minaret', 'sutra', 'jade'];
  const materials = ['paper', 'silk', 'bronze', 'wood', 'clay'];

  beforeAll(async () => {
    tdb = await createTestDatabase();
    store = { db: tdb.handle.db, dialect: tdb.handle.dialect };
    engine = new SearchEngine(store);
    for (const [country, kind] of [['CN', 'museum'], ['UZ', 'museum'], ['FR', 'library']] as const) {
      insts.push((await newInstitution(store, { country, kind })).id);
    }
    actors.public = PUBLIC;
    actors.admin = SYSTEM_ADMIN;
    actors.curator = (await newUser(store, { role: 'curator', institutionId: insts[0] })).actor;
    actors.member = (await newUser(store, { role: 'member', institutionId: insts[1] })).actor;
    const r = rng(42);
    const pick = <T,>(a: readonly T[]) => a[Math.floor(r() * a.length)];
    const inputs = Array.from({ length: 300 }, (_, i) => {
      const y = Math.floor(r() * 2400) - 500;
      const vis = r();
      return {
        institutionId: pick(insts),
        kind: pick(['object', 'manuscript', 'site'] as const),
        title: { en: [`${pick(words)} ${pick(words)} ${i}`] },
        description: { en: [Array.from({ length: 8 }, () => pick(words)).join(' ')] },
        ...(r() < 0.8 ? { date: { display: `${Math.abs(y)}${y < 0 ? ' BCE' : ''}` } } : {}),
        materials: r() < 0.7 ? [{ label: { en: [pick(materials)] } }, { label: { en: [pick(materials)] } }] : undefined,
        places: r() < 0.5 ? [{ name: { en: ['somewhere'] }, lat: r() * 120 - 60, lon: r() * 340 - 170 }] : undefined,
        rights: r() < 0.5 ? 'http://creativecommons.org/publicdomain/zero/1.0/' : null,
        visibility: vis < 0.75 ? 'public' : vis < 0.88 ? 'members' : 'private',
        embargoUntil: r() < 0.1 ? new Date(Date.now() + (r() < 0.5 ? -1 : 1) * 86400_000).toISOString() : null,
        source: { kind: 'import' as const, system: 'test', identifier: `rec-${i}` },
      };
    });
    const res = await saveRecordsBulk(store, SYSTEM_ADMIN, inputs);
    expect(res.rejected).toEqual([]);
  });
  afterAll(() => tdb?.destroy());

  const paramSets: SearchParams[] = [
    {},
    { q: 'silk' },
    { q: 'silk road' },
    { q: 'mura', prefix: true },
    { q: '"silk road"' },
    { q: 'jade', country: ['CN', 'UZ'] },
    { material: ['silk'], sort: 'date' },
    { yearFrom: -300, yearTo: 300, sort: '-date' },
    { bbox: [-20, -10, 60, 50], kind: ['object'] },
    { rights: ['open'], century: ['5', '-2', '12'] },
    { q: 'temple', sort: 'newest', offset: 3, limit: 5 },
    { institution: [], q: 'caravan', sort: 'date', limit: 100 },
    { sort: 'title', material: ['paper'], offset: 5 },
    { q: 'silk', sort: 'title', limit: 50 },
  ];

  it('gives the same totals, facet counts and pages for every actor', async () => {
    for (const [name, actor] of Object.entries(actors)) {
      for (const p of paramSets) {
        const a = await searchRecords(store, actor, p);
        const b = await engine.search(actor, p);
        const what = `${name} ${JSON.stringify(p)}`;
        expect(b.total, what).toBe(a.total);
        expect(b.facets, what).toEqual(a.facets);
        expect(b.items.map((i) => i.id), what).toEqual(a.items.map((i) => i.id));
      }
    }
  });

  it('follows edits and deletions at once', async () => {
    const before = await engine.search(PUBLIC, { q: 'bronze' });
    const victim = before.items[0];
    const current = await getRecord(store, SYSTEM_ADMIN, victim.id);
    await updateRecord(store, SYSTEM_ADMIN, victim.id, { institutionId: current.institutionId, kind: current.kind, title: { en: ['renamed zebra'] } }, current.version);
    expect((await engine.search(PUBLIC, { q: 'zebra' })).items.map((i) => i.id)).toEqual([victim.id]);
    await deleteRecord(store, SYSTEM_ADMIN, victim.id);
    expect((await engine.search(PUBLIC, { q: 'zebra' })).total).toBe(0);
    for (const p of paramSets) {
      expect((await engine.search(PUBLIC, p)).total).toBe((await searchRecords(store, PUBLIC, p)).total);
    }
  });

  it('shows an embargoed record once its embargo ends, with no write in between', async () => {
    const inst = insts[2];
    await saveRecordsBulk(store, SYSTEM_ADMIN, [
      { institutionId: inst, kind: 'object', title: { en: ['quokka statue'] }, embargoUntil: new Date(Date.now() + 1500).toISOString() },
    ]);
    expect((await engine.search(PUBLIC, { q: 'quokka' })).total).toBe(0);
    expect((await engine.search(PUBLIC, {})).facets.institution?.find((f) => f.value === inst)?.count).toBeDefined();
    const before = (await engine.search(PUBLIC, {})).total;
    await new Promise((r) => setTimeout(r, 1600));
    expect((await engine.search(PUBLIC, { q: 'quokka' })).total).toBe(1);
    expect((await engine.search(PUBLIC, {})).total).toBe(before + 1);
  });

  it('applies the same visibility rule in memory as in SQL', async () => {
    const rows = await store.db.selectFrom('record').selectAll().execute();
    for (const actor of Object.values(actors)) {
      const sqlVisible = new Set((await store.db.selectFrom('record').select('seq').where(visibleTo(actor)).execute()).map((r) => r.seq));
      const rule = visibilityRule(actor);
      for (const r of rows) {
        const inMemory = isVisibleUnder(rule, { deleted: r.deleted_at !== null, visibility: r.visibility, embargoUntil: r.embargo_until, institutionId: r.institution_id });
        expect(inMemory, `${r.id} ${r.visibility} ${r.embargo_until}`).toBe(sqlVisible.has(r.seq));
      }
    }
  });
});
