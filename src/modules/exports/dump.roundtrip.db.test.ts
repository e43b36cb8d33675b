import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newInstitution, newRecord, newUser, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { sharedData } from '../../../test/helpers/shared-data';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { loadConfig } from '../../config/config';
import { mediaStoreFor } from '../media/media.module';
import { normalizeFields } from '../media/media.schema';
import { bearer, runMediaJobs } from '../media/media.test-support';
import { uploadMedia } from '../media/media.upload';
import { deleteRecord, updateRecord } from '../records/record.service';
import { loadDump } from './dump.loader';
import { flagSensitive } from '../risk/sensitive-location.service';

const PNG = sharedData('iiif-test-image', '67352ccc-d1b0-11e1-89ae-279075081939.png');
const FUTURE = new Date(Date.now() + 365 * 86400_000).toISOString();

describe(`a dump loads back into a fresh instance identically (${TEST_DIALECT})`, () => {
  let a: TestApp;
  let b: TestApp;
  let instId: string;
  let edited: string;
  let withImage: string;
  let dumpA: string;
  const ids: string[] = [];

  const filesOf = (t: TestApp) => mediaStoreFor({ dataDir: t.database.dataDir });
  const load = (t: TestApp, text: string) => loadDump({ store: t.store, files: filesOf(t) }, SYSTEM_ADMIN, () => Readable.from([text]), { batchSize: 2 });
  const dumpOf = async (t: TestApp) => {
    const admin = await newUser(t.store, { admin: true });
    const res = await t.app.inject({ url: `/api/v1/exports/dump?institution=${instId}`, headers: bearer(admin.token) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson');
    return res.body;
  };
  const withoutCreationTime = (dump: string) => dump.replace(/^(\{"type":"heritage-dump","version":2,"createdAt":")[^"]+"/, '$1…"');
  const count = async (t: TestApp, table: 'record' | 'record_version' | 'media' | 'institution') =>
    Number((await t.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    a = await buildTestApp();
    b = await buildTestApp();
    const store = a.store;
    instId = (await newInstitution(store, { name: { en: ['Dunhuang Academy'], zh: ['敦煌研究院'] }, country: 'CN' })).id;
    const base = { institutionId: instId };
    ids.push((await newRecord(store, { ...base, title: { zh: ['金刚经'], en: ['Diamond Sutra'] }, places: [{ name: { en: ['Dunhuang'] }, lat: 40.14, lon: 94.66 }], date: { display: '868' } })).id);
    ids.push((await newRecord(store, { ...base, visibility: 'members' })).id);
    ids.push((await newRecord(store, { ...base, visibility: 'private' })).id);
    ids.push((await newRecord(store, { ...base, embargoUntil: FUTURE })).id);
    const gone = await newRecord(store, base);
    await deleteRecord(store, SYSTEM_ADMIN, gone.id);
    ids.push(gone.id);
    const e = await newRecord(store, { ...base, title: { en: ['First title'] } });
    await updateRecord(store, SYSTEM_ADMIN, e.id, { ...base, kind: 'object', title: { en: ['Second title'] } }, 1);
    await updateRecord(store, SYSTEM_ADMIN, e.id, { ...base, kind: 'manuscript', title: { en: ['Third title'], ar: ['العنوان الثالث'] } }, 2);
    edited = e.id;
    ids.push(edited);
    withImage = ids[0];
    const config = loadConfig({}, { data: a.database.dataDir });
    await uploadMedia({ store, files: filesOf(a), config }, SYSTEM_ADMIN, withImage, fs.createReadStream(PNG), normalizeFields({ id: 'img-1', label: 'Folio 1', filename: 'folio.png' }));
    await runMediaJobs(store, a.database.dataDir);
    dumpA = await dumpOf(a);
  }, 120_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('holds every record of every visibility, the versions, the image bytes, and a checksum', () => {
    const lines = dumpA.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'heritage-dump', version: 2, institution: instId });
    expect(lines.filter((l) => l.type === 'record').map((l) => l.id)).toEqual(ids);
    expect(lines.find((l) => l.id === ids[4])).toMatchObject({ deletedAt: expect.any(String), changeAction: 'delete', version: 2 });
    expect(lines.filter((l) => l.type === 'version' && l.recordId === edited).map((l) => [l.version, l.snapshot.title.en[0]])).toEqual([
      [1, 'First title'],
      [2, 'Second title'],
    ]);
    const data = Buffer.concat(lines.filter((l) => l.type === 'media-data').map((l) => Buffer.from(l.data, 'base64')));
    expect(data.equals(fs.readFileSync(PNG))).toBe(true);
    expect(lines[lines.length - 1]).toMatchObject({ type: 'end', counts: { institutions: 1, records: 6, versions: 3, media: 1, sensitiveLocations: 0 }, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('refuses a truncated or altered dump before writing anything', async () => {
    const lines = dumpA.trimEnd().split('\n');
    const truncated = `${lines.slice(0, -1).join('\n')}\n`;
    await expect(load(b, truncated)).rejects.toThrow(/ends at line \d+ without its final "end" line: it is truncated; nothing was loaded/);
    const cut = `${lines.slice(0, 5).join('\n')}\n${lines[5].slice(0, 40)}\n`;
    await expect(load(b, cut)).rejects.toThrow(/Line 6 of the dump: is not JSON/);
    const altered = dumpA.replace('Second title', 'Altered title');
    await expect(load(b, altered)).rejects.toThrow(/SHA-256 of the dump .* is not the one its last line records/);
    const lineOf = (id: string) => lines.findIndex((l) => l.startsWith(`{"type":"record","id":"${id}"`));
    const badKind = lines.map((l, i) => (i === lineOf(edited) ? l.replace('"kind":"manuscript"', '"kind":"spaceship"') : l)).join('\n');
    await expect(load(b, badKind)).rejects.toThrow(new RegExp(`Line ${lineOf(edited) + 1} of the dump: record "${edited}": /kind`));
    const orphan = lines.filter((l) => !l.startsWith('{"type":"record"') || lineOf(withImage) !== lines.indexOf(l)).join('\n');
    await expect(load(b, orphan)).rejects.toThrow(/Line \d+ of the dump: image "img-1" does not follow its record/);
    expect(await count(b, 'record')).toBe(0);
    expect(await count(b, 'institution')).toBe(0);
    expect(fs.existsSync(path.join(b.database.dataDir, 'media')) ? fs.readdirSync(path.join(b.database.dataDir, 'media')).filter((f) => f !== '.tmp') : []).toEqual([]);
  });

  it('loads into a fresh instance, and a dump of it is byte-identical apart from its creation time', async () => {
    const r = await load(b, dumpA);
    expect(r).toMatchObject({ institutions: { created: 1 }, records: { created: 6, updated: 0, unchanged: 0 }, versions: { added: 3 }, media: { added: 1 } });
    expect(r.mediaJobs).toHaveLength(1);
    expect(withoutCreationTime(await dumpOf(b))).toBe(withoutCreationTime(dumpA));
  });

  it('keeps records, versions and image bytes: the API of B answers as the API of A', async () => {
    const adminA = await newUser(a.store, { admin: true });
    const adminB = await newUser(b.store, { admin: true });
    for (const id of ids.filter((x) => x !== ids[4])) {
      const ra = await a.app.inject({ url: `/api/v1/records/${id}`, headers: bearer(adminA.token) });
      const rb = await b.app.inject({ url: `/api/v1/records/${id}`, headers: bearer(adminB.token) });
      expect(rb.statusCode).toBe(200);
      expect(rb.body).toBe(ra.body);
    }
    const va = await a.app.inject({ url: `/api/v1/records/${edited}/versions`, headers: bearer(adminA.token) });
    const vb = await b.app.inject({ url: `/api/v1/records/${edited}/versions`, headers: bearer(adminB.token) });
    expect(vb.json()).toEqual(va.json());
    expect(vb.json().items).toHaveLength(3);
    // Every stored column is equal but the instance-local seq: identity, audit fields, the public trace feeds use.
    const rows = async (t: TestApp) => (await t.store.db.selectFrom('record').selectAll().orderBy('seq').execute()).map(({ seq: _seq, ...r }) => r);
    expect(await rows(b)).toEqual(await rows(a));
    const versions = async (t: TestApp) => (await t.store.db.selectFrom('record_version').selectAll().orderBy('record_id').orderBy('version').execute()).map(({ id: _id, ...v }) => v);
    expect(await versions(b)).toEqual(await versions(a));
    // The deleted record stays deleted, and hidden.
    expect((await b.app.inject({ url: `/api/v1/records/${ids[4]}`, headers: bearer(adminB.token) })).statusCode).toBe(404);
    // The public sees in B what it sees in A: only the public record, also through search.
    const sa = await a.app.inject({ url: `/api/v1/search?q=${encodeURIComponent('金刚经')}` });
    const sb = await b.app.inject({ url: `/api/v1/search?q=${encodeURIComponent('金刚经')}` });
    expect(sb.json().items.map((i: { id: string }) => i.id)).toEqual([withImage]);
    expect(sb.json().total).toBe(sa.json().total);
    expect((await b.app.inject({ url: '/api/v1/search?q=Third' })).json().total).toBe(1);
    // The image's original is stored byte for byte, and its derivatives are built by the queued job.
    const row = (await b.store.db.selectFrom('media').selectAll().where('id', '=', 'img-1').executeTakeFirstOrThrow());
    expect(fs.readFileSync(path.join(b.database.dataDir, 'media', row.storage_key)).equals(fs.readFileSync(PNG))).toBe(true);
    expect(row.status).toBe('pending');
    await runMediaJobs(b.store, b.database.dataDir);
    const info = await b.app.inject({ url: '/iiif/3/img-1/info.json' });
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ width: row.width, height: row.height });
  }, 60_000);

  it('loading twice changes nothing', async () => {
    const before = await Promise.all((['record', 'record_version', 'media', 'institution'] as const).map((t) => count(b, t)));
    const jobs = await b.store.db.selectFrom('job').select('id').execute();
    const recordsBefore = await b.store.db.selectFrom('record').selectAll().orderBy('seq').execute();
    const r = await load(b, dumpA);
    expect(r).toMatchObject({ institutions: { created: 0, updated: 0, unchanged: 1 }, records: { created: 0, updated: 0, unchanged: 6 }, versions: { added: 0, unchanged: 3 }, media: { added: 0, unchanged: 1 }, mediaJobs: [] });
    expect(await Promise.all((['record', 'record_version', 'media', 'institution'] as const).map((t) => count(b, t)))).toEqual(before);
    expect(await b.store.db.selectFrom('job').select('id').execute()).toEqual(jobs);
    expect(await b.store.db.selectFrom('record').selectAll().orderBy('seq').execute()).toEqual(recordsBefore);
  }, 60_000);

  it('keeps a record edited here after the dump was made', async () => {
    const adminB = await newUser(b.store, { admin: true });
    const put = await b.app.inject({
      method: 'PUT',
      url: `/api/v1/records/${edited}`,
      headers: { ...bearer(adminB.token), 'if-match': '"3"' },
      payload: { institutionId: instId, kind: 'manuscript', title: { en: ['Fourth title, edited in B'] } },
    });
    expect(put.statusCode).toBe(200);
    const r = await load(b, dumpA);
    expect(r.records).toEqual({ created: 0, updated: 0, unchanged: 5, keptNewer: 1 });
    expect((await b.app.inject({ url: `/api/v1/records/${edited}` })).json()).toMatchObject({ version: 4, title: { en: ['Fourth title, edited in B'] } });
  }, 60_000);

  it('carries a sensitive site’s exact coordinates on a line of their own, and loads them back behind the flag', async () => {
    const inst = (await newInstitution(a.store, { country: 'MM' })).id;
    const site = await newRecord(a.store, { institutionId: inst, kind: 'site', title: { en: ['Stupa at risk of looting'] }, places: [{ name: { en: ['Bagan'] }, lat: 21.17213, lon: 94.86017 }] });
    await flagSensitive(a.store, SYSTEM_ADMIN, site.id, { reason: 'looting' });
    const admin = await newUser(a.store, { admin: true });
    const dump = (await a.app.inject({ url: `/api/v1/exports/dump?institution=${inst}`, headers: bearer(admin.token) })).body;
    const lines = dump.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.find((l) => l.type === 'record').doc.places[0]).toMatchObject({ lat: 21.2, lon: 94.9 });
    expect(lines.find((l) => l.type === 'sensitive-location')).toMatchObject({ recordId: site.id, institutionId: inst, exactPlaces: [{ index: 0, lat: 21.17213, lon: 94.86017 }], reason: 'looting' });
    expect(lines[lines.length - 1].counts).toMatchObject({ records: 1, sensitiveLocations: 1 });

    await load(b, dump);
    const adminB = await newUser(b.store, { admin: true });
    expect((await b.app.inject({ url: `/api/v1/records/${site.id}` })).json().places[0]).toMatchObject({ lat: 21.2, lon: 94.9 });
    expect((await b.app.inject({ url: `/api/v1/records/${site.id}`, headers: bearer(adminB.token) })).json().places[0]).toMatchObject({ lat: 21.17213, lon: 94.86017 });
    // A dump of B says the same.
    expect(withoutCreationTime((await b.app.inject({ url: `/api/v1/exports/dump?institution=${inst}`, headers: bearer(adminB.token) })).body)).toBe(withoutCreationTime(dump));
  }, 60_000);
});
