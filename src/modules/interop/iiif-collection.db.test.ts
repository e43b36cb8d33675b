import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { PUBLIC, type Actor } from '../accounts/actor';
import { bearer, jpeg, runMediaJobs } from '../media/media.test-support';
import type { Collection, ManifestRef } from './iiif-collection';
import { getInstitutionCollection } from './iiif-presentation.service';
import { presentationValidator } from './iiif-schema.test-support';

const LD = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"';
const BASE = 'http://localhost:3000';

describe(`IIIF Presentation API: Collections (${TEST_DIALECT})`, () => {
  const validate = presentationValidator();
  let t: TestApp;
  let instC: string;
  let instD: string;
  let curatorC: { token: string };
  let curatorD: { token: string; actor: Actor };
  let memberD: { token: string };
  const open: string[] = [];
  let privateRecord: string;
  let privateImageOnly: string;
  let membersRecord: string;

  beforeAll(async () => {
    t = await buildTestApp();
    instC = (await newInstitution(t.store, { name: { en: ['Library of Rare Books'], fr: ['Bibliothèque des livres rares'] }, description: { en: ['Rare books and manuscripts.'] } })).id;
    instD = (await newInstitution(t.store, { name: { en: ['Museum of the Oasis'] }, country: 'UZ' })).id;
    curatorC = await newUser(t.store, { role: 'curator', institutionId: instC });
    curatorD = await newUser(t.store, { role: 'curator', institutionId: instD });
    memberD = await newUser(t.store, { role: 'member', institutionId: instD });
    const withImage = async (overrides: Parameters<typeof newRecord>[1], query = '') => {
      const id = (await newRecord(t.store, overrides)).id;
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/records/${id}/media?${query}`, headers: { ...bearer(curatorC.token), 'content-type': 'image/jpeg' }, payload: await jpeg(320, 240) });
      expect(res.statusCode, res.body).toBe(201);
      return id;
    };
    // Interleaved, so hidden and imageless records fall inside the parts, not only after them.
    open.push(await withImage({ institutionId: instC, title: { en: ['Record 1'] } }));
    await newRecord(t.store, { institutionId: instC, title: { en: ['No image'] } });
    open.push(await withImage({ institutionId: instC, title: { en: ['Record 2'], fr: ['Notice 2'] } }));
    privateRecord = await withImage({ institutionId: instC, visibility: 'private' });
    open.push(await withImage({ institutionId: instC, title: { en: ['Record 3'] } }));
    privateImageOnly = await withImage({ institutionId: instC }, 'visibility=private');
    open.push(await withImage({ institutionId: instC, title: { en: ['Record 4'] } }));
    membersRecord = await withImage({ institutionId: instC, visibility: 'members' });
    open.push(await withImage({ institutionId: instC, title: { en: ['Record 5'] } }));
    await runMediaJobs(t.store, t.database.dataDir);
  });
  afterAll(() => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
  const manifestIds = (c: Collection) => c.items.filter((i) => i.type === 'Manifest').map((i) => i.id.split('/').pop());
  const nextPart = (c: Collection) => c.items.find((i) => i.type === 'Collection');

  it('lists every institution in the Collection of the whole library', async () => {
    const res = await get('/iiif/collection/top');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(LD);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const top = res.json();
    expect(validate(top)).toEqual([]);
    expect(top).toMatchObject({ '@context': 'http://iiif.io/api/presentation/3/context.json', id: `${BASE}/iiif/collection/top`, type: 'Collection' });
    expect(top.items).toEqual(
      expect.arrayContaining([
        { id: `${BASE}/iiif/collection/institution/${instC}`, type: 'Collection', label: { en: ['Library of Rare Books'], fr: ['Bibliothèque des livres rares'] } },
        { id: `${BASE}/iiif/collection/institution/${instD}`, type: 'Collection', label: { en: ['Museum of the Oasis'] } },
      ]),
    );
    expect((await get('/iiif/collection/top', { 'if-none-match': res.headers.etag as string })).statusCode).toBe(304);
  });

  it('lists the records with images each reader may see, as Manifests with label and thumbnail', async () => {
    const read = async (headers: Record<string, string> = {}) => {
      const res = await get(`/iiif/collection/institution/${instC}`, headers);
      expect(res.statusCode, res.body).toBe(200);
      expect(validate(res.json())).toEqual([]);
      return res.json() as Collection;
    };
    const pub = await read();
    expect(pub).toMatchObject({ id: `${BASE}/iiif/collection/institution/${instC}`, label: { en: ['Library of Rare Books'] }, summary: { en: ['Rare books and manuscripts.'] } });
    expect(manifestIds(pub)).toEqual(open);
    expect(nextPart(pub)).toBeUndefined();
    expect(pub.items[1]).toMatchObject({ id: `${BASE}/iiif/manifest/${open[1]}`, type: 'Manifest', label: { en: ['Record 2'], fr: ['Notice 2'] } });
    expect(pub.items[1]).toHaveProperty('thumbnail.0.type', 'Image');
    expect(pub.thumbnail).toEqual((pub.items[0] as ManifestRef).thumbnail);
    const body = JSON.stringify(pub);
    for (const hidden of [privateRecord, privateImageOnly, membersRecord]) expect(body).not.toContain(hidden);
    expect(manifestIds(await read(bearer(memberD.token)))).toEqual([...open.slice(0, 4), membersRecord, open[4]]);
    expect(manifestIds(await read(bearer(curatorD.token)))).toEqual([...open.slice(0, 4), membersRecord, open[4]]);
    expect(manifestIds(await read(bearer(curatorC.token)))).toEqual([open[0], open[1], privateRecord, open[2], privateImageOnly, open[3], membersRecord, open[4]]);
  });

  it('splits a large Collection into a chain of parts, each dereferenceable, that together list every Manifest once', async () => {
    const paging = { pageSize: 2, scanLimit: 100 };
    const parts: Collection[] = [await getInstitutionCollection(t.store, PUBLIC, { institutionId: instC, publicUrl: BASE, paging })];
    for (let ref = nextPart(parts[0]); ref; ref = nextPart(parts[parts.length - 1])) {
      const part = ref.id.split('/').pop()!;
      parts.push(await getInstitutionCollection(t.store, PUBLIC, { institutionId: instC, part, publicUrl: BASE, paging }));
      expect(parts[parts.length - 1].id).toBe(ref.id);
      expect(parts.length).toBeLessThan(10);
    }
    for (const p of parts) expect(validate(p)).toEqual([]);
    expect(parts.map(manifestIds)).toEqual([open.slice(0, 2), open.slice(2, 4), open.slice(4)]);
    expect(parts[1]).toMatchObject({ label: { en: ['Library of Rare Books (2)'] }, partOf: [{ id: `${BASE}/iiif/collection/institution/${instC}`, type: 'Collection' }] });
    // The server's own part URL answers the same records onwards (its default part size is larger).
    const second = await get(nextPart(parts[0])!.id.replace(BASE, ''));
    expect(second.statusCode, second.body).toBe(200);
    expect(validate(second.json())).toEqual([]);
    expect(second.json().id).toBe(nextPart(parts[0])!.id);
    expect(manifestIds(second.json())).toEqual(open.slice(2));
  });

  it('bounds the records one request looks at, continuing in the next part', async () => {
    const first = await getInstitutionCollection(t.store, PUBLIC, { institutionId: instC, publicUrl: BASE, paging: { pageSize: 10, scanLimit: 2 } });
    expect(manifestIds(first)).toEqual([open[0]]);
    expect(nextPart(first)).toBeDefined();
    const signedIn = await getInstitutionCollection(t.store, curatorD.actor, { institutionId: instC, publicUrl: BASE, paging: { pageSize: 3, scanLimit: 100 } });
    expect(manifestIds(signedIn)).toEqual(open.slice(0, 3));
  });

  it('answers 404 for an unknown institution or part, and an empty Collection for one without images', async () => {
    expect((await get('/iiif/collection/institution/no-such-institution')).json().error.code).toBe('INSTITUTION_NOT_FOUND');
    expect((await get(`/iiif/collection/institution/${instC}/2.not*a*cursor`)).statusCode).toBe(404);
    expect((await get(`/iiif/collection/institution/${instC}/1.czE`)).statusCode).toBe(404);
    const empty = await get(`/iiif/collection/institution/${instD}`);
    expect(empty.statusCode).toBe(200);
    expect(validate(empty.json())).toEqual([]);
    expect(empty.json().items).toEqual([]);
  });
});
