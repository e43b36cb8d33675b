import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesSince, collectionUrl, newestChange, recordFromNode, type ReadActivity } from './discovery.client';

/** A node that answers whatever the test puts at a path. */
describe('IIIF Change Discovery client', () => {
  let server: http.Server;
  let base = '';
  const routes = new Map<string, { status?: number; body: unknown }>();
  const policy = { allowPrivate: true, maxAttempts: 1, baseDelayMs: 1 };
  const signal = new AbortController().signal;
  const page = (n: number, items: unknown[], prev?: string) => ({ type: 'OrderedCollectionPage', id: `${base}/iiif/discovery/changes/page/${n}`, orderedItems: items, ...(prev ? { prev: { id: prev, type: 'OrderedCollectionPage' } } : {}) });
  const act = (type: string, id: string, endTime: string) => ({ type, endTime, object: { id: `${base}/iiif/manifest/${id}`, type: 'Manifest', canonical: `${base}/records/${id}` } });
  const collect = async (it: AsyncIterable<ReadActivity>) => {
    const out: ReadActivity[] = [];
    for await (const a of it) out.push(a);
    return out;
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const r = routes.get(req.url ?? '');
      res.writeHead(r?.status ?? (r ? 200 : 404), { 'content-type': 'application/json' });
      res.end(r === undefined ? '{}' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('finds the collection from a node base URL or takes the collection URL as given', () => {
    expect(collectionUrl('https://node.example.org/').toString()).toBe('https://node.example.org/iiif/discovery/changes');
    expect(collectionUrl('https://node.example.org/heritage').toString()).toBe('https://node.example.org/heritage/iiif/discovery/changes');
    expect(collectionUrl('https://node.example.org/iiif/discovery/changes').toString()).toBe('https://node.example.org/iiif/discovery/changes');
  });

  it('reads newest first, keeps each object’s newest activity, and stops at the first one older than the last sync', async () => {
    routes.set('/iiif/discovery/changes', { body: { type: 'OrderedCollection', last: { id: `${base}/iiif/discovery/changes/page/1` } } });
    routes.set('/iiif/discovery/changes/page/0', { body: page(0, [act('Create', 'old', '2020-01-01T00:00:00Z'), act('Create', 'a', '2024-01-01T00:00:00Z'), act('Create', 'b', '2024-02-01T00:00:00Z')]) });
    routes.set('/iiif/discovery/changes/page/1', {
      body: page(1, [act('Update', 'c', '2024-03-01T00:00:00Z'), { type: 'Update', endTime: 'not a time', object: { id: 'x' } }, { junk: true }, act('Delete', 'a', '2024-04-01T00:00:00Z')], `${base}/iiif/discovery/changes/page/0`),
    });
    const { newest, last } = await newestChange(collectionUrl(base), policy, signal);
    expect(newest).toBe('2024-04-01T00:00:00.000Z');
    const read = await collect(activitiesSince(last, { since: '2023-01-01T00:00:00Z', upper: newest, below: null }, policy, signal));
    expect(read.map((a) => [a.type, a.identifier.split('/').pop()])).toEqual([['Delete', 'a'], ['Update', 'c'], ['Create', 'b']]);
    // A resumed sync reads only below the oldest change it committed.
    const rest = await collect(activitiesSince(last, { since: '2023-01-01T00:00:00Z', upper: newest, below: '2024-02-15T00:00:00.000Z' }, policy, signal));
    expect(rest.map((a) => a.identifier.split('/').pop())).toEqual(['b']);
  });

  it('refuses what is not a change stream, and never follows a page to another origin', async () => {
    routes.set('/bad/iiif/discovery/changes', { body: 'not json' });
    await expect(newestChange(collectionUrl(`${base}/bad`), policy, signal)).rejects.toThrow(/did not answer JSON/);
    routes.set('/odd/iiif/discovery/changes', { body: { type: 'Collection' } });
    await expect(newestChange(collectionUrl(`${base}/odd`), policy, signal)).rejects.toThrow(/not a IIIF Change Discovery Ordered Collection/);
    routes.set('/iiif/discovery/changes/page/9', { body: page(9, [act('Update', 'z', '2024-05-01T00:00:00Z')], 'https://elsewhere.example.org/page/8') });
    const walk = collect(activitiesSince(new URL(`${base}/iiif/discovery/changes/page/9`), { since: null, upper: null, below: null }, policy, signal));
    await expect(walk).rejects.toThrow(/is not the origin of the stream/);
  });

  it('copies a node record as a public record of the hub, keeping the description and linking back', () => {
    const a: ReadActivity = { type: 'Update', objectId: 'https://node.example.org/iiif/manifest/r1', objectType: 'Manifest', identifier: 'https://node.example.org/records/r1', endTime: '2024-01-01T00:00:00.000Z' };
    const copy = recordFromNode(
      { id: 'r1', institutionId: 'node-museum', kind: 'object', title: { en: ['Bowl'] }, date: { display: '15th century', edtf: '14XX', yearFrom: 1400, yearTo: 1499 }, visibility: 'public', embargoUntil: null, rights: null, country: 'CN', hasMedia: true, version: 3, createdAt: 'x', updatedAt: 'y', deletedAt: null, unknownField: 1 },
      a,
      { institutionId: 'hub-member', system: 'https://node.example.org/' },
    );
    expect(copy).toEqual({
      id: 'r1',
      institutionId: 'hub-member',
      kind: 'object',
      title: { en: ['Bowl'] },
      date: { display: '15th century', edtf: '14XX' },
      visibility: 'public',
      embargoUntil: null,
      rights: null,
      iiifManifests: ['https://node.example.org/iiif/manifest/r1'],
      source: { kind: 'harvest', system: 'https://node.example.org/', identifier: 'https://node.example.org/records/r1', url: 'https://node.example.org/records/r1' },
    });
  });
});
