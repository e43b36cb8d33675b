import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { loadConfig } from '../../config/config';
import { deleteRecord, getRecord, updateRecord } from '../records/record.service';
import type { RecordInput } from '../records/record.schema';
import { installErrorHandler } from '../../shared/error-handler';
import { changeDiscoveryRoutes } from './change-discovery.routes';
import type { Activity } from './change-discovery';

const PUBLIC_URL = 'https://node.example.org';
type Page = { id: string; type: string; startIndex: number; partOf: { id: string }; prev?: { id: string; type: string }; next?: { id: string; type: string }; orderedItems: Activity[] };

describe('IIIF Change Discovery 1.0', () => {
  let t: TestApp;
  let small: FastifyInstance;
  const ids: Record<string, string> = {};
  const get = async (url: string, app = small) => {
    const res = await app.inject({ method: 'GET', url: url.replace(PUBLIC_URL, '') });
    return { status: res.statusCode, type: res.headers['content-type'], body: res.json() };
  };
  const edit = async (id: string, change: Partial<RecordInput>) => {
    const r = await getRecord(t.store, SYSTEM_ADMIN, id);
    const { country: _c, hasMedia: _h, version, createdAt: _ca, updatedAt: _u, deletedAt: _d, ...input } = r;
    return updateRecord(t.store, SYSTEM_ADMIN, id, { ...(input as RecordInput), ...change }, version);
  };
  /** Every activity, read the way the spec tells consumers to: from the last page backwards. */
  const readBackwards = async () => {
    const collection = (await get('/iiif/discovery/changes')).body as { last: { id: string }; totalItems: number };
    const items: Activity[] = [];
    let url: string | undefined = collection.last.id;
    while (url) {
      const page = (await get(url)).body as Page;
      items.unshift(...page.orderedItems);
      url = page.prev?.id;
    }
    return { items, total: collection.totalItems };
  };

  beforeAll(async () => {
    t = await buildTestApp({ HERITAGE_PUBLIC_URL: PUBLIC_URL });
    small = Fastify();
    installErrorHandler(small, () => null);
    await small.register(changeDiscoveryRoutes, { store: t.store, config: loadConfig({ HERITAGE_DEMO: 'off', HERITAGE_PUBLIC_URL: PUBLIC_URL }), discoveryPageSize: 2 });
    await small.ready();
    const inst = await newInstitution(t.store);
    const mk = async (key: string, o: Partial<RecordInput> = {}) => (ids[key] = (await newRecord(t.store, { institutionId: inst.id, title: { en: [key] }, ...o })).id);
    await mk('a');
    await mk('b');
    await mk('c');
    await mk('members', { visibility: 'members' });
    await mk('private', { visibility: 'private' });
    await mk('embargoed', { embargoUntil: '2999-01-01T00:00:00.000Z' });
    await mk('gone');
    await mk('hidden');
    await mk('neverPublic', { visibility: 'private' });
    await edit(ids.b, { title: { en: ['b, edited'] } });
    await deleteRecord(t.store, SYSTEM_ADMIN, ids.gone);
    await edit(ids.hidden, { visibility: 'members' });
    await deleteRecord(t.store, SYSTEM_ADMIN, ids.neverPublic);
  });
  afterAll(async () => {
    await small?.close();
    await t?.close();
  });

  it('publishes an Ordered Collection with first and last pages, through the whole application', async () => {
    const res = await get('/iiif/discovery/changes', t.app);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/ld\+json; ?profile="http:\/\/iiif.io\/api\/discovery\/1\/context.json"/);
    expect(res.body).toEqual({
      '@context': 'http://iiif.io/api/discovery/1/context.json',
      id: `${PUBLIC_URL}/iiif/discovery/changes`,
      type: 'OrderedCollection',
      totalItems: 5,
      first: { id: `${PUBLIC_URL}/iiif/discovery/changes/page/0`, type: 'OrderedCollectionPage' },
      last: { id: `${PUBLIC_URL}/iiif/discovery/changes/page/0`, type: 'OrderedCollectionPage' },
    });
  });

  it('lists one activity per record the public knows of, oldest first, with Create, Update and Delete', async () => {
    const { items, total } = await readBackwards();
    expect(items).toHaveLength(total);
    const byTitle = (key: string) => items.find((i) => i.object.canonical === `${PUBLIC_URL}/records/${ids[key]}`);
    expect(byTitle('a')?.type).toBe('Create');
    expect(byTitle('b')?.type).toBe('Update');
    expect(byTitle('gone')?.type).toBe('Delete');
    expect(byTitle('hidden')?.type).toBe('Delete');
    expect(byTitle('gone')?.object.seeAlso).toBeUndefined();
    for (const key of ['members', 'private', 'embargoed', 'neverPublic']) expect(byTitle(key), key).toBeUndefined();
    const times = items.map((i) => i.endTime);
    expect([...times].sort()).toEqual(times);
    for (const i of items) expect(i.endTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // The last activities are the most recent changes: the deletion and the hiding.
    expect(items.slice(-2).map((i) => i.type)).toEqual(['Delete', 'Delete']);
  });

  it('points each live activity at the record JSON a hub copies and at its Linked Art', async () => {
    const { items } = await readBackwards();
    const a = items.find((i) => i.object.canonical.endsWith(`/records/${ids.a}`))!;
    expect(a.object).toEqual({
      id: `${PUBLIC_URL}/linked-art/object/${ids.a}`,
      type: 'HumanMadeObject',
      canonical: `${PUBLIC_URL}/records/${ids.a}`,
      seeAlso: [
        { id: `${PUBLIC_URL}/api/v1/records/${ids.a}`, type: 'Dataset', format: 'application/json', profile: 'https://heritage-commons.org/profiles/record/v1' },
        { id: `${PUBLIC_URL}/linked-art/object/${ids.a}`, type: 'Dataset', format: 'application/ld+json', profile: 'https://linked.art/ns/v1/linked-art.json' },
      ],
    });
    const json = await t.app.inject({ method: 'GET', url: `/api/v1/records/${ids.a}` });
    expect(json.json().title).toEqual({ en: ['a'] });
  });

  it('links pages with prev and next, startIndex and partOf, and answers 404 past the last page', async () => {
    const collection = (await get('/iiif/discovery/changes')).body as { last: { id: string }; first: { id: string } };
    expect(collection.last.id).toBe(`${PUBLIC_URL}/iiif/discovery/changes/page/2`);
    const first = (await get(collection.first.id)).body as Page;
    expect(first.prev).toBeUndefined();
    expect(first.next).toEqual({ id: `${PUBLIC_URL}/iiif/discovery/changes/page/1`, type: 'OrderedCollectionPage' });
    expect(first.startIndex).toBe(0);
    expect(first.partOf.id).toBe(`${PUBLIC_URL}/iiif/discovery/changes`);
    const last = (await get(collection.last.id)).body as Page;
    expect(last.next).toBeUndefined();
    expect(last.startIndex).toBe(4);
    expect(last.orderedItems).toHaveLength(1);
    // Reading forwards gives the same list as reading backwards.
    const forwards: Activity[] = [];
    let url: string | undefined = collection.first.id;
    while (url) {
      const page = (await get(url)).body as Page;
      forwards.push(...page.orderedItems);
      url = page.next?.id;
    }
    expect(forwards).toEqual((await readBackwards()).items);
    const missing = await get('/iiif/discovery/changes/page/3');
    expect(missing.status).toBe(404);
    expect((await get('/iiif/discovery/changes/page/-1')).status).toBe(400);
    expect((await get('/iiif/discovery/changes/page/x')).status).toBe(400);
  });

  it('moves a record to the end of the stream when it changes again', async () => {
    await edit(ids.a, { title: { en: ['a, edited'] } });
    const { items } = await readBackwards();
    expect(items.at(-1)?.object.canonical).toBe(`${PUBLIC_URL}/records/${ids.a}`);
    expect(items.at(-1)?.type).toBe('Update');
    expect(items.filter((i) => i.object.canonical.endsWith(`/records/${ids.a}`))).toHaveLength(1);
  });
});
