import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeritage } from '../../../test/helpers/cli';
import { newInstitution, newRecord, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers/test-database';
import { deleteRecord, updateRecord } from '../records/record.service';

const FUTURE = new Date(Date.now() + 365 * 86400_000).toISOString();

describe(`heritage export and heritage load (${TEST_DIALECT})`, { timeout: 180_000 }, () => {
  let a: TestDatabase;
  let b: TestDatabase;
  let inst: string;
  let target: string;
  const ids: Record<string, string> = {};
  const argsOf = (d: TestDatabase) => ['--data', d.dataDir, ...(d.databaseUrl ? ['--database-url', d.databaseUrl] : [])];
  const exportA = (extra: string[]) => runHeritage(['export', ...extra, ...argsOf(a)]);

  beforeAll(async () => {
    a = await createTestDatabase();
    b = await createTestDatabase();
    const store = { db: a.handle.db, dialect: a.handle.dialect };
    inst = (await newInstitution(store)).id;
    target = (await newInstitution(store, { name: { en: ['Re-import target'] } })).id;
    const base = { institutionId: inst };
    ids.public = (await newRecord(store, { ...base, title: { en: ['Bronze mirror, "TLV" type'], zh: ['博局纹铜镜'] }, places: [{ name: { en: ['Luoyang'] }, lat: 34.62, lon: 112.45 }], date: { display: '1st century' } })).id;
    ids.members = (await newRecord(store, { ...base, visibility: 'members' })).id;
    ids.private = (await newRecord(store, { ...base, visibility: 'private' })).id;
    ids.embargoed = (await newRecord(store, { ...base, embargoUntil: FUTURE })).id;
    ids.deleted = (await newRecord(store, base)).id;
    await deleteRecord(store, SYSTEM_ADMIN, ids.deleted);
    await updateRecord(store, SYSTEM_ADMIN, ids.private, { ...base, kind: 'object', title: { en: ['Edited'] }, visibility: 'private' }, 1);
  });
  afterAll(async () => {
    await a?.destroy();
    await b?.destroy();
  });

  it('writes JSON Lines, CSV and GeoJSON of what the public sees to standard output', async () => {
    const jsonl = await exportA(['--format', 'jsonl']);
    expect(jsonl.code).toBe(0);
    expect(jsonl.out.trimEnd().split('\n').map((l) => JSON.parse(l).id)).toEqual([ids.public]);
    const csv = await exportA(['--format', 'csv', '--institution', inst]);
    expect(csv.code).toBe(0);
    const rows = parse(csv.out, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toEqual([expect.objectContaining({ id: ids.public, 'title (en)': 'Bronze mirror, "TLV" type', 'title (zh)': '博局纹铜镜', date: '1st century' })]);
    const geo = await exportA(['--format', 'geojson']);
    expect(geo.code).toBe(0);
    expect(JSON.parse(geo.out).features.map((f: { id: string; geometry: unknown }) => [f.id, f.geometry])).toEqual([[ids.public, { type: 'Point', coordinates: [112.45, 34.62] }]]);
  });

  it('with --all, writes every record that is not deleted', async () => {
    const r = await exportA(['--format', 'jsonl', '--all']);
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n').map((l) => JSON.parse(l).id).sort()).toEqual([ids.public, ids.members, ids.private, ids.embargoed].sort());
  });

  it('writes a CSV that `heritage import` reads back', async () => {
    const csv = await exportA(['--format', 'csv', '--all', '--institution', inst]);
    const file = path.join(a.dataDir, 'export.csv');
    fs.writeFileSync(file, csv.out);
    const imported = await runHeritage(['import', file, '--format', 'csv', '--institution', target, ...argsOf(a)]);
    expect(imported.err).not.toMatch(/error|failed|rejected/i);
    expect(imported.out).toMatch(/Imported 4 records: 4 created/);
    const back = await a.handle.db.selectFrom('record').select(['metadata', 'visibility', 'lat']).where('institution_id', '=', target).execute();
    const mirror = back.map((r) => ({ ...r, doc: JSON.parse(r.metadata) })).find((r) => r.doc.title.zh);
    expect(mirror?.doc.title).toEqual({ en: ['Bronze mirror, "TLV" type'], zh: ['博局纹铜镜'] });
    expect(mirror?.lat).toBe(34.62);
    expect(back.map((r) => r.visibility).sort()).toEqual(['members', 'private', 'public', 'public']);
  });

  it('dumps an institution and loads it into a fresh instance, from a file or standard input, twice without change', async () => {
    const dump = await exportA(['--format', 'dump', '--institution', inst]);
    expect(dump.code).toBe(0);
    const file = path.join(b.dataDir, 'dump.jsonl');
    fs.writeFileSync(file, dump.out);
    const first = await runHeritage(['load', file, ...argsOf(b)]);
    expect(first.err).toMatch(/^Checking: \d+\/\d+\nLoading: 10\/10\n$/);
    expect(first.code).toBe(0);
    expect(first.out).toBe(`Loaded ${file}: institutions 1 created, 0 updated, 0 unchanged; records 5 created, 0 updated, 0 unchanged; versions 2 added, 0 unchanged; images 0 added, 0 unchanged.\n`);
    const again = await runHeritage(['load', '-', ...argsOf(b)], { input: dump.out });
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/records 0 created, 0 updated, 5 unchanged; versions 0 added, 2 unchanged/);
    const dumpB = await runHeritage(['export', '--format', 'dump', '--institution', inst, ...argsOf(b)]);
    const body = (s: string) => s.slice(s.indexOf('\n'));
    expect(body(dumpB.out)).toBe(body(dump.out));
  });

  it('refuses a truncated dump and a bad format with a clear message and a non-zero exit', async () => {
    const dump = await exportA(['--format', 'dump', '--institution', inst]);
    const truncated = dump.out.split('\n').slice(0, 4).join('\n');
    const r = await runHeritage(['load', '-', ...argsOf(b)], { input: truncated });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/The dump ends at line 4 without its final "end" line: it is truncated; nothing was loaded/);
    const bad = await exportA(['--format', 'xlsx']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--format must be one of csv, jsonl, geojson, dump/);
    expect((await runHeritage(['load', path.join(b.dataDir, 'nope.jsonl'), ...argsOf(b)])).err).toMatch(/No file/);
  });
});
