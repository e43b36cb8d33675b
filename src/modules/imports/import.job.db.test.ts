import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newInstitution, newUser, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers/test-database';
import { cancelJob } from '../jobs/job.service';
import type { Store } from '../records/record.store';
import { writeItems } from './import-writer';
import { importRepository } from './import.repository';
import { stagingDir } from './import.staging';
import { importNow, jsonl, sampleRecord } from './import.test-support';
import type { ReadItem } from './import.types';

describe(`import jobs (${TEST_DIALECT})`, () => {
  let tdb: TestDatabase;
  let store: Store;
  const count = async (table: 'record' | 'record_version' | 'record_facet' | 'audit_event', inst?: string) => {
    let q = store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (inst && table === 'record') q = (q as any).where('institution_id', '=', inst);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const records = (inst: string) => store.db.selectFrom('record').selectAll().where('institution_id', '=', inst).orderBy('id').execute();
  const report = (jobId: string) => importRepository.listProblems(store.db, jobId, 0, 1000);
  const run = (inst: string, input: string | Buffer, extra: { dryRun?: boolean; batchSize?: number } = {}, onProgress?: Parameters<typeof importNow>[5]) =>
    importNow(store, tdb.dataDir, SYSTEM_ADMIN, input, { format: 'jsonl', institutionId: inst, sourceName: 'catalogue', ...extra }, onProgress);

  beforeAll(async () => {
    tdb = await createTestDatabase();
    store = { db: tdb.handle.db, dialect: tdb.handle.dialect };
  });
  afterAll(() => tdb?.destroy());

  it('imports JSON Lines into the import’s institution, whatever the lines say, with their fields and source', async () => {
    const a = await newInstitution(store);
    const b = await newInstitution(store);
    const lines = [sampleRecord(1, { institutionId: b.id, date: { display: '4th century' } }), sampleRecord(2), sampleRecord(3, { title: { zh: ['铜镜'] } })];
    const job = await run(a.id, jsonl(lines));
    expect(job).toMatchObject({ status: 'succeeded', result: { created: 3, updated: 0, unchanged: 0, rejected: 0, warnings: 0, read: 3, dryRun: false } });
    const rows = await records(a.id);
    expect(rows.map((r) => r.id)).toEqual(['rec-1', 'rec-2', 'rec-3']);
    expect(rows.map((r) => r.source_key)).toEqual(['ext:catalogue:rec-1', 'ext:catalogue:rec-2', 'ext:catalogue:rec-3']);
    expect(JSON.parse(rows[0].metadata)).toMatchObject({ institutionId: a.id, title: { en: ['Bronze mirror 1'] }, date: { display: '4th century' } });
    expect(rows[0].year_from).toBe(301);
    expect(JSON.parse(rows[2].metadata).title).toEqual({ zh: ['铜镜'] });
    expect(await count('record', b.id)).toBe(0);
    expect(fs.readdirSync(stagingDir(tdb.dataDir))).toEqual([]); // the staged file is removed once imported
  });

  it('updates on re-import instead of duplicating: identical records are unchanged, changed ones updated', async () => {
    const a = await newInstitution(store);
    const lines = [1, 2, 3, 4].map((n) => sampleRecord(n + 100));
    await run(a.id, jsonl(lines));
    const again = await run(a.id, jsonl(lines));
    expect(again.result).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: 0 });
    const changed = [sampleRecord(101, { title: { en: ['Bronze mirror, restored'] } }), ...lines.slice(1)];
    const third = await run(a.id, jsonl(changed));
    expect(third.result).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    const rows = await records(a.id);
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.id === 'rec-101')).toMatchObject({ version: 2, title_sort: expect.stringMatching(/restored/) });

    // Without ids, records are matched by source and identifier (their inventory number here), never by chance.
    const b = await newInstitution(store);
    const noIds = [1, 2].map((n) => ({ ...sampleRecord(n), id: undefined, identifiers: [{ type: 'inventory', value: `INV-${n}` }] }));
    await run(b.id, jsonl(noIds));
    expect((await run(b.id, jsonl(noIds))).result).toMatchObject({ created: 0, unchanged: 2 });
    expect((await records(b.id)).map((r) => r.source_key).sort()).toEqual(['ext:catalogue:INV-1', 'ext:catalogue:INV-2']);
    // Another source name is another source: its records are new ones.
    expect((await importNow(store, tdb.dataDir, SYSTEM_ADMIN, jsonl(noIds), { format: 'jsonl', institutionId: b.id, sourceName: 'other' })).result).toMatchObject({ created: 2 });
  });

  it('predicts a real run in a dry run and writes no record, version, facet or audit event', async () => {
    const a = await newInstitution(store);
    await run(a.id, jsonl([sampleRecord(201), sampleRecord(202)]));
    const next = jsonl([sampleRecord(201), sampleRecord(202, { title: { en: ['Changed'] } }), sampleRecord(203), '{"broken', sampleRecord(204, { kind: 'spaceship' }), sampleRecord(203)]);
    const before = await Promise.all(['record', 'record_version', 'record_facet', 'audit_event'].map((t) => count(t as 'record')));
    const dry = await run(a.id, next, { dryRun: true, batchSize: 2 });
    expect(dry.result).toMatchObject({ dryRun: true, created: 1, updated: 1, unchanged: 2, rejected: 2, read: 6 });
    const after = await Promise.all(['record', 'record_version', 'record_facet', 'audit_event'].map((t) => count(t as 'record')));
    // The audit log gains only the import's own start event.
    expect(after).toEqual([before[0], before[1], before[2], before[3] + 1]);
    expect((await report(dry.id)).filter((r) => r.kind === 'rejected').map((r) => r.line)).toEqual([4, 5]);
    const real = await run(a.id, next, { batchSize: 2 });
    const { dryRun: _d, report: _r, ...realCounts } = real.result as Record<string, unknown>;
    const { dryRun: _d2, report: _r2, ...dryCounts } = dry.result as Record<string, unknown>;
    expect(realCounts).toEqual(dryCounts);
  });

  it('rejects a bad line with its line number and reason while the rest imports, and reports warnings', async () => {
    const a = await newInstitution(store);
    const input = jsonl([sampleRecord(301), '', '{"id": "rec-302", "kind": "object", ', sampleRecord(303, { title: {} }), sampleRecord(304, { rights: undefined, date: { display: 'when the moon was full' } })]);
    const job = await run(a.id, input);
    expect(job).toMatchObject({ status: 'succeeded', result: { created: 2, rejected: 2, warnings: 2, read: 4 } });
    const rows = await report(job.id);
    expect(rows.map((r) => [r.kind, r.record_index, r.line, r.identifier, r.field])).toEqual([
      ['rejected', 2, 3, null, '/'],
      ['rejected', 3, 4, 'rec-303', '/title'],
      ['warning', 4, 5, 'rec-304', '/rights'],
      ['warning', 4, 5, 'rec-304', '/date'],
    ]);
    expect(rows[0].message).toMatch(/is not valid JSON/);
  });

  it('stops at bytes that are not UTF-8 with their position, keeping the batches committed before and nothing of the partial one', async () => {
    const a = await newInstitution(store);
    const good = jsonl([1, 2, 3, 4, 5].map((n) => sampleRecord(400 + n)));
    const bad = Buffer.concat([Buffer.from(good), Buffer.from('{"id":"rec-406","kind":"object","title":{"en":["caf'), Buffer.from([0xe9]), Buffer.from('"]}}\n')]);
    const job = await run(a.id, bad, { batchSize: 2 });
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^line 6, column 52: the input is not UTF-8 \(byte 0xe9 at byte offset \d+\)/);
    expect((await records(a.id)).map((r) => r.id)).toEqual(['rec-401', 'rec-402', 'rec-403', 'rec-404']);
    const rows = await report(job.id);
    expect(rows.at(-1)).toMatchObject({ kind: 'fatal', line: 6, message: job.error });
    expect(fs.readdirSync(stagingDir(tdb.dataDir))).toEqual([]);
  });

  it('stops cleanly between batches when cancelled: whole batches only, status cancelled', async () => {
    const a = await newInstitution(store);
    const input = jsonl(Array.from({ length: 300 }, (_, i) => sampleRecord(1000 + i)));
    let asked = false;
    const messages: string[] = [];
    const job = await run(a.id, input, { batchSize: 10 }, (p, jobId) => {
      messages.push(p.message ?? '');
      if (!asked && p.done >= 10) {
        asked = true;
        void cancelJob(store, SYSTEM_ADMIN, jobId);
      }
    });
    expect(job.status).toBe('cancelled');
    // Progress says records done, the rate and the time left (the total estimated from the bytes read).
    expect(messages).toContainEqual(expect.stringMatching(/^10 records · [\d,]+ records\/s · about \d+ (s|min) left$/));
    const n = (await records(a.id)).length;
    expect(n).toBeGreaterThanOrEqual(10);
    expect(n).toBeLessThan(300);
    expect(n % 10).toBe(0);
    expect(JSON.parse((await store.db.selectFrom('job').select('checkpoint').where('id', '=', job.id).executeTakeFirstOrThrow()).checkpoint!)).toMatchObject({ committed: n });
  });

  it('writes nothing of a batch whose writer is aborted, and resumes after its last committed batch', async () => {
    const a = await newInstitution(store);
    const items = async function* (): AsyncGenerator<ReadItem> {
      for (let n = 1; n <= 7; n++) yield { kind: 'record', position: { record: n, line: n }, record: { ...sampleRecord(500 + n), institutionId: a.id } as never, warnings: [] };
    };
    const stop = new AbortController();
    let saved: unknown = null;
    const first = writeItems(store, SYSTEM_ADMIN, items(), {
      institutionId: a.id,
      dryRun: false,
      batchSize: 3,
      signal: stop.signal,
      checkpoint: async (state) => void (saved = state),
      onBatch: () => stop.abort(new Error('stop')),
    });
    await expect(first).rejects.toThrow('stop');
    expect((await records(a.id)).length).toBe(3);
    const rest = await writeItems(store, SYSTEM_ADMIN, items(), { institutionId: a.id, dryRun: false, batchSize: 3, resume: saved as never });
    expect(rest).toMatchObject({ created: 7, read: 7 });
    expect((await records(a.id)).map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `rec-${500 + n}`));
  });

  it('refuses an import by a curator of another institution before reading the file', async () => {
    const a = await newInstitution(store);
    const b = await newInstitution(store);
    const curatorB = await newUser(store, { role: 'curator', institutionId: b.id });
    await expect(importNow(store, tdb.dataDir, curatorB.actor, jsonl([sampleRecord(1)]), { format: 'jsonl', institutionId: a.id })).rejects.toThrow(/may not import records into/);
    expect(fs.readdirSync(path.join(tdb.dataDir, 'imports')).length).toBe(0);
  });
});
