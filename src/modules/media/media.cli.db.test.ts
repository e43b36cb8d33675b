import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newInstitution, newRecord } from '../../../test/helpers/factories';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../../test/helpers/test-database';
import { pyramidKey, thumbKey } from './media.derivatives';
import { mediaRepository } from './media.repository';
import { jpeg } from './media.test-support';
import { runHeritage } from '../../../test/helpers/cli';


describe(`heritage media add (${TEST_DIALECT})`, () => {
  let tdb: TestDatabase;
  let args: string[];
  let recordId: string;
  let image: string;
  const run = (extra: string[]) => runHeritage(['media', 'add', ...extra, ...args]);

  beforeAll(async () => {
    tdb = await createTestDatabase();
    const store = { db: tdb.handle.db, dialect: tdb.handle.dialect };
    recordId = (await newRecord(store, { institutionId: (await newInstitution(store)).id })).id;
    // The media live under the data folder whichever database holds the rows.
    args = ['--data', tdb.dataDir, ...(tdb.databaseUrl ? ['--database-url', tdb.databaseUrl] : [])];
    image = path.join(tdb.dataDir, 'folio 1.jpg');
    fs.writeFileSync(image, await jpeg(900, 600));
  });
  afterAll(() => tdb?.destroy());

  it('stores the image, builds its derivatives, and prints its id and IIIF URL', async () => {
    const r = await run([image, '--record', recordId, '--id', 'cli-folio-1', '--label', 'Folio 1 recto', '--rights', 'http://creativecommons.org/licenses/by/4.0/']);
    expect(r.err).not.toMatch(/Error|failed/);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Added image cli-folio-1 (900×600) to record ${recordId}.`);
    expect(r.out).toContain('http://localhost:3000/iiif/3/cli-folio-1/info.json');
    const row = (await mediaRepository.find(tdb.handle.db, 'cli-folio-1'))!;
    expect(row).toMatchObject({ status: 'ready', original_name: 'folio 1.jpg', rights: 'http://creativecommons.org/licenses/by/4.0/', label: JSON.stringify({ none: ['Folio 1 recto'] }) });
    for (const key of [row.storage_key, pyramidKey(row.storage_key), thumbKey(row.storage_key, 200)]) expect(fs.existsSync(path.join(tdb.dataDir, 'media', key))).toBe(true);
  });

  it('exits non-zero with a clear message for a missing file, a file that is not an image, an unknown record, a taken id', async () => {
    const missing = await run([path.join(tdb.dataDir, 'nope.jpg'), '--record', recordId]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No file ".*nope\.jpg"/);
    const text = path.join(tdb.dataDir, 'notes.txt');
    fs.writeFileSync(text, 'not an image at all\n');
    const notImage = await run([text, '--record', recordId]);
    expect(notImage.code).toBe(1);
    expect(notImage.err).toMatch(/not a JPEG, PNG, TIFF or WebP image: it looks like text/);
    const unknown = await run([image, '--record', 'no-such-record']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/No record "no-such-record"/);
    const taken = await run([image, '--record', recordId, '--id', 'cli-folio-1']);
    expect(taken.code).toBe(1);
    expect(taken.err).toMatch(/exists already/);
  }, 180_000);
});
