import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newInstitution, newRecord, SYSTEM_ADMIN } from '../../../../test/helpers/factories';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app';
import { TEST_DIALECT } from '../../../../test/helpers/test-database';
import { runJobNow } from '../../jobs/job.runner';
import { deleteRecord, getRecord, updateRecord } from '../../records/record.service';
import type { HeritageRecord, RecordInput } from '../../records/record.schema';
import { PUBLIC } from '../../accounts/actor';
import { harvestJobHandlers, type HarvestResult } from './harvest.job';
import { harvestRepository } from './harvest.repository';
import { deleteSource, enqueueHarvest, listRuns, registerSource } from './harvest.service';

const quiet = { info() {}, warn() {}, error() {} };
/** What a hub's copy may differ in from the node's record: where it is held, and bookkeeping. */
const LOCAL = ['institutionId', 'country', 'source', 'iiifManifests', 'version', 'createdAt', 'updatedAt', 'deletedAt', 'hasMedia'] as const;
const described = (r: HeritageRecord) => Object.fromEntries(Object.entries(r).filter(([k]) => !(LOCAL as readonly string[]).includes(k)));

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe(`A hub syncing a node through IIIF Change Discovery (${TEST_DIALECT})`, () => {
  let node: TestApp;
  let hub: TestApp;
  let nodeUrl = '';
  let nodeInst = '';
  let hubInst = '';
  let sourceId = '';
  const ids: Record<string, string> = {};

  const sync = async () => {
    const row = (await harvestRepository.findSource(hub.store.db, sourceId))!;
    const job = await enqueueHarvest(hub.store, SYSTEM_ADMIN, row, { trusted: true });
    const done = await runJobNow(hub.store, harvestJobHandlers({ harvestAllowPrivate: false }, { maxAttempts: 2, baseDelayMs: 1 }), job.id, undefined, { logger: quiet, retryBaseMs: 0 });
    expect(done.status, done.error ?? '').toBe('succeeded');
    return done.result as HarvestResult;
  };
  const edit = async (id: string, change: Partial<RecordInput>) => {
    const r = await getRecord(node.store, SYSTEM_ADMIN, id);
    const { country: _c, hasMedia: _h, version, createdAt: _ca, updatedAt: _u, deletedAt: _d, ...input } = r;
    return updateRecord(node.store, SYSTEM_ADMIN, id, { ...(input as RecordInput), ...change }, version);
  };
  /** The node's public records and the hub's copies, by id. */
  const both = async () => {
    const nodeRows = await node.store.db.selectFrom('record').select('id').where('institution_id', '=', nodeInst).execute();
    const visible: HeritageRecord[] = [];
    for (const { id } of nodeRows) visible.push(...(await getRecord(node.store, PUBLIC, id).then((r) => [r], () => [])));
    const hubRows = await hub.store.db.selectFrom('record').select('id').where('institution_id', '=', hubInst).where('deleted_at', 'is', null).execute();
    const copies = await Promise.all(hubRows.map(({ id }) => getRecord(hub.store, PUBLIC, id)));
    return { visible: visible.sort((a, b) => a.id.localeCompare(b.id)), copies: copies.sort((a, b) => a.id.localeCompare(b.id)) };
  };

  beforeAll(async () => {
    const port = await freePort();
    nodeUrl = `http://127.0.0.1:${port}`;
    node = await buildTestApp({ HERITAGE_PUBLIC_URL: nodeUrl });
    await node.app.listen({ port, host: '127.0.0.1' });
    hub = await buildTestApp({ HERITAGE_PUBLIC_URL: 'https://hub.example.org' });
    nodeInst = (await newInstitution(node.store, { name: { en: ['Node museum'] } })).id;
    hubInst = (await newInstitution(hub.store, { name: { en: ['Node museum'] } })).id;
    const mk = async (key: string, o: Partial<RecordInput> = {}) => (ids[key] = (await newRecord(node.store, { institutionId: nodeInst, title: { en: [key] }, ...o })).id);
    await mk('rich', {
      kind: 'manuscript',
      title: { en: ['Diamond Sutra'], zh: ['金刚经'] },
      description: { en: ['Printed scroll'], fr: ['Rouleau imprimé'] },
      agents: [{ name: { en: ['Wang Jie'] }, role: 'patron' }],
      date: { display: '868' },
      places: [{ name: { en: ['Dunhuang'] }, lat: 40.04, lon: 94.8, country: 'CN' }],
      subjects: [{ label: { en: ['Buddhism'] }, uri: 'http://vocab.getty.edu/aat/300073705' }],
      identifiers: [{ type: 'shelfmark', value: 'Or.8210/P.2' }],
      languages: ['zh'],
      rights: 'http://rightsstatements.org/vocab/NoC-NC/1.0/',
    });
    await mk('plain');
    await mk('toDelete');
    await mk('toHide');
    await mk('toEmbargo');
    await mk('members', { visibility: 'members' });
    await mk('private', { visibility: 'private' });
    await mk('embargoed', { embargoUntil: '2999-01-01T00:00:00.000Z' });
    await newRecord(node.store, { institutionId: nodeInst, title: { en: ['related'] }, relations: [{ type: 'partOf', target: ids.rich }] }).then((r) => (ids.related = r.id));
    const source = await registerSource(hub.store, SYSTEM_ADMIN, { config: { harvestAllowPrivate: false }, trusted: true }, { institutionId: hubInst, protocol: 'iiif-discovery', baseUrl: nodeUrl });
    sourceId = source.id;
    expect(source.protocol).toBe('iiif-discovery');
  });
  afterAll(async () => {
    await node?.close();
    await hub?.close();
  });

  it('copies exactly the public records of the node, with identical descriptions and a link back', async () => {
    const r = await sync();
    expect(r).toMatchObject({ created: 6, rejected: 0, deleted: 0 });
    const { visible, copies } = await both();
    expect(copies.map((c) => c.id)).toEqual(visible.map((v) => v.id));
    expect(copies.map(described)).toEqual(visible.map(described));
    const rich = copies.find((c) => c.id === ids.rich)!;
    expect(rich.institutionId).toBe(hubInst);
    expect(rich.source).toEqual({ kind: 'harvest', system: `${nodeUrl}/`, identifier: `${nodeUrl}/records/${ids.rich}`, url: `${nodeUrl}/records/${ids.rich}` });
    for (const hidden of ['members', 'private', 'embargoed']) expect(copies.find((c) => c.id === ids[hidden])).toBeUndefined();
    expect((await listRuns(hub.store, SYSTEM_ADMIN, sourceId))[0]).toMatchObject({ status: 'succeeded', counts: { created: 6 } });
  });

  it('reads only what changed since the last sync, and makes deleted, hidden and re-embargoed records vanish', async () => {
    await edit(ids.plain, { title: { en: ['plain, edited'] }, description: { en: ['now described'] } });
    await deleteRecord(node.store, SYSTEM_ADMIN, ids.toDelete);
    await edit(ids.toHide, { visibility: 'private' });
    await edit(ids.toEmbargo, { embargoUntil: '2999-01-01T00:00:00.000Z' });
    await edit(ids.private, { title: { en: ['private, edited'] } });
    const r = await sync();
    // Changes at the instant the last sync ended are read again (the window is inclusive): they are unchanged.
    expect(r).toMatchObject({ created: 0, updated: 1, deleted: 3, rejected: 0 });
    expect(r.read - r.unchanged).toBe(4);
    expect(r.read).toBeLessThan(8);
    const { visible, copies } = await both();
    expect(copies.map(described)).toEqual(visible.map(described));
    expect(copies.find((c) => c.id === ids.plain)?.title).toEqual({ en: ['plain, edited'] });
    for (const gone of ['toDelete', 'toHide', 'toEmbargo']) expect(copies.find((c) => c.id === ids[gone]), gone).toBeUndefined();
  });

  it('brings a record back when the node publishes it again, and changes nothing when nothing changed', async () => {
    await edit(ids.toHide, { visibility: 'public' });
    expect(await sync()).toMatchObject({ rejected: 0 });
    const { visible, copies } = await both();
    expect(copies.map((c) => c.id)).toContain(ids.toHide);
    expect(copies.map(described)).toEqual(visible.map(described));
    const again = await sync();
    expect(again).toMatchObject({ created: 0, updated: 0, deleted: 0 });
  });

  it('lets a member node go with all its records, and only them', async () => {
    const local = await newRecord(hub.store, { institutionId: hubInst, title: { en: ['catalogued at the hub'] } });
    const before = (await both()).copies.length;
    expect(before).toBeGreaterThan(1);
    expect(await deleteSource(hub.store, SYSTEM_ADMIN, sourceId, { purge: true })).toEqual({ trashed: before - 1 });
    const left = await hub.store.db.selectFrom('record').select('id').where('institution_id', '=', hubInst).where('deleted_at', 'is', null).execute();
    expect(left.map((r) => r.id)).toEqual([local.id]);
    expect(await harvestRepository.findSource(hub.store.db, sourceId)).toBeUndefined();
  });
});

