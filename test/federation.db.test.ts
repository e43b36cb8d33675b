import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeritage } from './helpers/cli';

const BIN = path.resolve(__dirname, '../bin/heritage.js');
/** The hub always runs on PostgreSQL: TEST_DATABASE_URL when it is one, else the machine's default server. */
const PG_ADMIN = /^postgres/.test(process.env.TEST_DATABASE_URL ?? '') ? process.env.TEST_DATABASE_URL! : (process.env.TEST_DATABASE_URL_PG ?? 'postgres://postgres@127.0.0.1:5432/test');

type Json = Record<string, unknown>;
/** What a hub's copy may differ in from the node's record: where it is held, and bookkeeping. */
const LOCAL = new Set(['institutionId', 'country', 'source', 'iiifManifests', 'version', 'createdAt', 'updatedAt', 'deletedAt', 'hasMedia']);
const described = (r: Json) => Object.fromEntries(Object.entries(r).filter(([k]) => !LOCAL.has(k)));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** A `heritage serve` process of its own, with an alliance admin and an API token. */
class Instance {
  child?: ChildProcess;
  log = '';
  token = '';
  constructor(
    readonly name: string,
    readonly port: number,
    readonly dbArgs: string[],
  ) {}
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  async start(env: NodeJS.ProcessEnv) {
    expect((await runHeritage(['migrate', ...this.dbArgs])).code).toBe(0);
    const user = await runHeritage(['user', 'create', '--email', `admin@${this.name}.example.org`, '--admin', ...this.dbArgs], { input: 'a long enough password\n' });
    expect(user.code, user.err).toBe(0);
    const token = await runHeritage(['token', 'create', '--email', `admin@${this.name}.example.org`, '--scopes', 'read,write,import', ...this.dbArgs]);
    this.token = token.out.trim();
    this.child = spawn(process.execPath, [BIN, 'serve', '--port', String(this.port), '--host', '127.0.0.1', ...this.dbArgs], {
      env: { ...process.env, LOG_LEVEL: 'warn', HERITAGE_DEMO: 'off', HERITAGE_PUBLIC_URL: this.url, HERITAGE_SEARCH_WORKERS: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => (this.log += d));
    this.child.stderr!.on('data', (d) => (this.log += d));
    for (let i = 0; i < 240; i++) {
      if (await fetch(`${this.url}/healthz`).then((r) => r.ok, () => false)) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${this.name} did not start:\n${this.log}`);
  }
  async api(method: string, url: string, body?: unknown, headers: Record<string, string> = {}, anonymous = false): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${this.url}${url}`, {
      method,
      headers: { ...(anonymous ? {} : { authorization: `Bearer ${this.token}` }), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
  }
  async stop() {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child!.on('exit', r));
    this.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    this.child.kill('SIGKILL');
  }
}

describe('federation: a hub on PostgreSQL syncing a member node on SQLite, each its own server', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-federation-'));
  const hubDb = `hc_fed_${randomBytes(5).toString('hex')}`;
  const hubUrl = new URL(PG_ADMIN);
  hubUrl.pathname = `/${hubDb}`;
  let node: Instance;
  let hub: Instance;
  let nodeInst = '';
  let hubInst = '';
  let sourceId = '';
  const ids: Record<string, string> = {};

  /** Every record of an institution an instance shows to the public, by id. */
  const publicRecords = async (i: Instance, institution: string) => {
    const out: Json[] = [];
    let cursor: string | null = null;
    do {
      const page = await i.api('GET', `/api/v1/records?institution=${institution}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, {}, true);
      expect(page.status).toBe(200);
      out.push(...(page.body.items as Json[]));
      cursor = page.body.next as string | null;
    } while (cursor);
    return out.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  };
  const sync = async () => {
    const run = await hub.api('POST', `/api/v1/harvest/sources/${sourceId}/run`);
    expect(run.status, JSON.stringify(run.body)).toBe(202);
    const jobId = (run.body as { id: string }).id;
    for (let i = 0; i < 240; i++) {
      const job = (await hub.api('GET', `/api/v1/jobs/${jobId}`)).body as { status: string; error?: string; result?: Json };
      if (job.status === 'succeeded') return job.result!;
      if (['failed', 'cancelled'].includes(job.status)) throw new Error(`sync ${job.status}: ${job.error}\n${hub.log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('the sync did not finish');
  };
  const edit = async (id: string, change: Json) => {
    const current = (await node.api('GET', `/api/v1/records/${id}`)).body;
    const { country: _c, hasMedia: _h, version, createdAt: _ca, updatedAt: _u, deletedAt: _d, ...input } = current;
    const date = input.date as { display: string; edtf?: string } | undefined;
    const res = await node.api('PUT', `/api/v1/records/${id}`, { ...input, ...(date ? { date: { display: date.display, ...(date.edtf ? { edtf: date.edtf } : {}) } } : {}), ...change }, { 'if-match': `"${version}"` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${hubDb}`);
    await admin.end();
    node = new Instance('node', await freePort(), ['--data', path.join(dataDir, 'node')]);
    hub = new Instance('hub', await freePort(), ['--database-url', hubUrl.toString(), '--data', path.join(dataDir, 'hub')]);
    // The hub reaches its member on 127.0.0.1, which only an instance configured for it may.
    await Promise.all([node.start({}), hub.start({ HERITAGE_HARVEST_ALLOW_PRIVATE: 'true' })]);

    const inst = { name: { en: ['Dunhuang Academy'], zh: ['敦煌研究院'] }, country: 'CN', kind: 'museum' };
    const made = await Promise.all([node.api('POST', '/api/v1/institutions', inst), hub.api('POST', '/api/v1/institutions', inst)]);
    for (const m of made) expect(m.status, JSON.stringify(m.body)).toBe(201);
    [nodeInst, hubInst] = made.map((m) => (m.body as { id: string }).id);
    const mk = async (key: string, o: Json = {}) => {
      const res = await node.api('POST', '/api/v1/records', { institutionId: nodeInst, kind: 'object', title: { en: [key] }, ...o });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[key] = (res.body as { id: string }).id;
    };
    await mk('sutra', {
      kind: 'manuscript',
      title: { en: ['Diamond Sutra'], zh: ['金刚经'] },
      description: { en: ['The earliest dated printed book'], ar: ['أقدم كتاب مطبوع مؤرخ'] },
      agents: [{ name: { en: ['Wang Jie'] }, role: 'patron' }],
      date: { display: '868' },
      places: [{ name: { en: ['Mogao Caves'] }, lat: 40.04, lon: 94.8, country: 'CN' }],
      subjects: [{ label: { en: ['Buddhism'] }, uri: 'http://vocab.getty.edu/aat/300073705' }],
      identifiers: [{ type: 'shelfmark', value: 'Or.8210/P.2' }],
      rights: 'http://rightsstatements.org/vocab/NoC-NC/1.0/',
    });
    for (const k of ['mural', 'banner', 'toDelete', 'toHide']) await mk(k);
    await mk('membersOnly', { visibility: 'members' });
    await mk('private', { visibility: 'private' });
    await mk('embargoed', { embargoUntil: '2999-01-01T00:00:00Z' });
    const source = await hub.api('POST', '/api/v1/harvest/sources', { institutionId: hubInst, protocol: 'iiif-discovery', baseUrl: node.url });
    expect(source.status, JSON.stringify(source.body)).toBe(201);
    sourceId = (source.body as { id: string }).id;
  }, 180_000);

  afterAll(async () => {
    await Promise.all([node?.stop(), hub?.stop()]);
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${hubDb} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('holds exactly the node’s public records, with identical metadata and a link back to the node', async () => {
    const result = await sync();
    expect(result).toMatchObject({ created: 5, rejected: 0 });
    const onNode = await publicRecords(node, nodeInst);
    const onHub = await publicRecords(hub, hubInst);
    expect(onNode.map((r) => r.id)).toEqual(['sutra', 'mural', 'banner', 'toDelete', 'toHide'].map((k) => ids[k]).sort());
    expect(onHub.map(described)).toEqual(onNode.map(described));
    const sutra = onHub.find((r) => r.id === ids.sutra)!;
    expect(sutra.source).toMatchObject({ kind: 'harvest', url: `${node.url}/records/${ids.sutra}` });
    expect(sutra.institutionId).toBe(hubInst);
    // The hub's search finds the copies; its record page names the holding institution and links back.
    const search = await hub.api('GET', `/api/v1/search?q=${encodeURIComponent('金刚经')}`, undefined, {}, true);
    expect((search.body.items as Json[]).map((i) => i.id)).toContain(ids.sutra);
    const page = await (await fetch(`${hub.url}/records/${ids.sutra}`)).text();
    expect(page).toContain(`href="${node.url}/records/${ids.sutra}"`);
    expect(page).toContain('Dunhuang Academy');
    const status = await hub.api('GET', `/api/v1/harvest/sources/${sourceId}/runs`);
    expect((status.body.items as Json[])[0]).toMatchObject({ status: 'succeeded' });
  }, 120_000);

  it('follows edits, and makes records the node deletes, hides or embargoes vanish from the hub', async () => {
    await edit(ids.mural, { title: { en: ['Mural of the Western Paradise'], fr: ['Peinture murale du Paradis occidental'] } });
    expect((await node.api('DELETE', `/api/v1/records/${ids.toDelete}`)).status).toBe(200);
    await edit(ids.toHide, { visibility: 'members' });
    await edit(ids.banner, { embargoUntil: '2999-01-01T00:00:00Z' });
    const result = await sync();
    expect(result).toMatchObject({ updated: 1, deleted: 3, rejected: 0 });
    const onNode = await publicRecords(node, nodeInst);
    const onHub = await publicRecords(hub, hubInst);
    expect(onNode.map((r) => r.id)).toEqual([ids.sutra, ids.mural].sort());
    expect(onHub.map(described)).toEqual(onNode.map(described));
    for (const gone of ['toDelete', 'toHide', 'banner']) {
      expect((await hub.api('GET', `/api/v1/records/${ids[gone]}`, undefined, {}, true)).status, gone).toBe(404);
    }
    const search = await hub.api('GET', '/api/v1/search?q=toHide', undefined, {}, true);
    expect(search.body.total).toBe(0);
  }, 120_000);
});
