import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newInstitution, newRecord, newUser } from '../../../../test/helpers/factories';
import { anonymousForm, postForm, signInBrowser, type BrowserSession } from '../../../../test/helpers/browser-session';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app';
import { TEST_DIALECT } from '../../../../test/helpers/test-database';
import { runJobNow } from '../../jobs/job.runner';
import { harvestJobHandlers } from './harvest.job';
import { startOaiTestServer, type OaiTestServer } from './oai.test-server';

const quiet = { info() {}, warn() {}, error() {} };

describe(`the harvest pages (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let server: OaiTestServer;
  let instA: string;
  let curatorA: BrowserSession;
  let curatorB: BrowserSession;
  let memberA: BrowserSession;
  const page = (url: string, who?: BrowserSession) => t.app.inject({ url, ...(who ? { headers: { cookie: who.cookie } } : {}) });
  const add = (who: BrowserSession, fields: Record<string, string>) => postForm(t.app, '/harvest?lang=en', { _csrf: who.csrf, institution: instA, metadataPrefix: 'oai_dc', sets: '', scheduleHours: '', ...fields }, who.cookie);
  const sourceIds = async () => (await t.store.db.selectFrom('harvest_source').select('id').where('institution_id', '=', instA).orderBy('created_at').execute()).map((r) => r.id);

  beforeAll(async () => {
    t = await buildTestApp({ HERITAGE_HARVEST_ALLOW_PRIVATE: 'true' });
    server = await startOaiTestServer();
    instA = (await newInstitution(t.store, { name: { en: ['Library of the Silk Road'] } })).id;
    const instB = (await newInstitution(t.store)).id;
    curatorA = await signInBrowser(t.app, (await newUser(t.store, { role: 'curator', institutionId: instA })).email);
    curatorB = await signInBrowser(t.app, (await newUser(t.store, { role: 'curator', institutionId: instB })).email);
    memberA = await signInBrowser(t.app, (await newUser(t.store, { role: 'member', institutionId: instA })).email);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('adds a source after asking the repository Identify and ListMetadataFormats, and refuses one that does not answer or lacks the format', async () => {
    const empty = await page('/harvest?lang=en', curatorA);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('No sources yet.');
    expect(empty.body).toContain('<form class="form-card" method="post" action="/harvest">');
    expect(empty.body).toContain(`<option value="${instA}" selected="">Library of the Silk Road</option>`);

    expect((await postForm(t.app, '/harvest', { _csrf: 'forged', institution: instA, baseUrl: server.baseUrl }, curatorA.cookie)).statusCode).toBe(403);

    const before = server.requests.length;
    const added = await add(curatorA, { baseUrl: server.baseUrl, scheduleHours: '24', sets: 'theses, articles' });
    expect(added.statusCode, added.body.slice(0, 500)).toBe(303);
    expect(added.headers.location).toBe('/harvest?done=added');
    expect(server.requests.slice(before).map((q) => q.get('verb'))).toEqual(['Identify', 'ListMetadataFormats']);
    const listed = await page('/harvest?done=added&lang=en', curatorA);
    expect(listed.body).toContain('The repository answered and the source has been added.');
    expect(listed.body).toContain(`>${server.baseUrl}</a>`);
    expect(listed.body).toContain('theses, articles');
    expect(listed.body).toMatch(/name="scheduleHours" min="1" max="8784" value="24"/);

    const notOffered = await add(curatorA, { baseUrl: server.baseUrl, metadataPrefix: 'marcxml' });
    expect(notOffered.statusCode).toBe(400);
    expect(notOffered.body).toMatch(/metadataPrefix: .* does not offer &quot;marcxml&quot;; it offers epicur, xMetaDissPlus, oai_dc, mods, swepub_mods/);
    // The refused form is shown again as it was filled in.
    expect(notOffered.body).toContain(`value="${server.baseUrl}"`);

    server.override((q) => (q.get('verb') === 'Identify' ? { status: 200, body: '<html><body>Not OAI</body></html>', headers: { 'content-type': 'text/html' } } : undefined));
    const notOai = await add(curatorA, { baseUrl: `${server.baseUrl}/wrong` });
    server.override(null);
    expect(notOai.statusCode).toBe(400);
    expect(notOai.body).toContain('baseUrl: ');
    const badSchedule = await add(curatorA, { baseUrl: server.baseUrl, scheduleHours: '1.5' });
    expect(badSchedule.statusCode).toBe(400);
    expect(badSchedule.body).toContain('scheduleHours: &quot;1.5&quot; is not a whole number of hours');
    expect(await sourceIds()).toHaveLength(1);
  });

  it('runs a source now with a live status, shows its history, changes its schedule and deletes it', async () => {
    const [id] = await sourceIds();
    const run = await postForm(t.app, `/harvest/${id}/run`, { _csrf: curatorA.csrf }, curatorA.cookie);
    expect(run.statusCode).toBe(303);
    expect(run.headers.location).toBe(`/harvest/${id}?done=started`);
    const running = await page(`/harvest/${id}?done=started&lang=en`, curatorA);
    expect(running.body).toContain('The harvest has started');
    const jobId = /<span data-job="([^"]+)">/.exec(running.body)?.[1];
    expect(jobId).toMatch(/^job-/);
    expect(running.body).toMatch(/islands\/job-status\.js/);
    expect(running.body).toMatch(/<button type="submit" disabled="">Harvest now<\/button>/);
    const twice = await postForm(t.app, `/harvest/${id}/run?lang=en`, { _csrf: curatorA.csrf }, curatorA.cookie);
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain(jobId!);

    // Sets were given: the recorded repository knows none of them, so narrow the source to the whole repository first.
    await t.store.db.updateTable('harvest_source').set({ sets: '[]' }).where('id', '=', id).execute();
    expect((await runJobNow(t.store, harvestJobHandlers({ harvestAllowPrivate: true }), jobId!, undefined, { logger: quiet })).status).toBe('succeeded');
    const history = await page(`/harvest/${id}?lang=en`, curatorA);
    expect(history.body).not.toContain('data-job=');
    expect(history.body).toContain('History of harvests');
    const [apiRun] = (await t.app.inject({ url: `/api/v1/harvest/sources/${id}/runs`, headers: { cookie: curatorA.cookie } })).json().items;
    const c = apiRun.counts;
    expect(c.read).toBe(8);
    const counts = `${c.read} read: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.deleted} deleted, ${c.rejected} rejected`;
    expect(history.body).toContain(`<td>finished</td><td>${counts}</td>`);
    expect(history.body).toContain(`/api/v1/imports/${jobId}/report.csv`);
    const list = await page('/harvest?lang=en', curatorA);
    expect(list.body).toContain('<td>2013-02-27</td>');
    expect(list.body).toContain(`finished · ${counts}`);

    expect((await postForm(t.app, `/harvest/${id}/schedule`, { _csrf: curatorA.csrf, scheduleHours: '6' }, curatorA.cookie)).headers.location).toBe('/harvest?done=schedule');
    expect((await t.app.inject({ url: `/api/v1/harvest/sources/${id}`, headers: { cookie: curatorA.cookie } })).json()).toMatchObject({ scheduleHours: 6 });
    expect((await postForm(t.app, `/harvest/${id}/schedule`, { _csrf: curatorA.csrf, scheduleHours: '' }, curatorA.cookie)).statusCode).toBe(303);
    expect((await page(`/harvest/${id}?lang=en`, curatorA)).body).toContain('<dd>only when asked</dd>');

    const deleted = await postForm(t.app, `/harvest/${id}/delete`, { _csrf: curatorA.csrf }, curatorA.cookie);
    expect(deleted.headers.location).toBe('/harvest?done=deleted');
    expect((await page(`/harvest/${id}`, curatorA)).statusCode).toBe(404);
    expect(await sourceIds()).toEqual([]);
  });

  it('shows sources only to those who manage them; others get 404, members cannot add, the public must sign in', async () => {
    expect((await add(curatorA, { baseUrl: `${server.baseUrl}/kept` })).statusCode).toBe(303);
    const [id] = await sourceIds();
    expect((await page('/harvest', curatorB)).body).not.toContain(`${server.baseUrl}/kept`);
    expect((await page(`/harvest/${id}`, curatorB)).statusCode).toBe(404);
    for (const action of ['run', 'schedule', 'delete']) {
      expect((await postForm(t.app, `/harvest/${id}/${action}`, { _csrf: curatorB.csrf, scheduleHours: '1' }, curatorB.cookie)).statusCode, action).toBe(404);
      expect((await postForm(t.app, `/harvest/${id}/${action}`, { _csrf: memberA.csrf, scheduleHours: '1' }, memberA.cookie)).statusCode, action).toBe(404);
    }
    const before = server.requests.length;
    expect((await add(curatorB, { baseUrl: `${server.baseUrl}/theirs` })).statusCode).toBe(403);
    expect((await add(memberA, { baseUrl: `${server.baseUrl}/theirs` })).statusCode).toBe(403);
    // Refused before the endpoint is contacted.
    expect(server.requests.length).toBe(before);
    expect((await page('/harvest?lang=en', memberA)).body).toContain('You are not a curator of any institution, so you cannot harvest.');

    for (const url of ['/harvest', `/harvest/${id}`]) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location, url).toMatch(/^\/login/);
    }
    const anon = await anonymousForm(t.app);
    expect((await postForm(t.app, `/harvest/${id}/delete`, { _csrf: anon.csrf }, anon.cookie)).statusCode).toBe(303);
    expect(await sourceIds()).toEqual([id]);
  });

  it('is reached from the dashboard of curators, whose menu links to it, and not from members’ menus', async () => {
    expect((await page('/account?lang=en', curatorA)).body).toContain('<a href="/dashboard">Dashboard</a>');
    expect((await page('/dashboard?lang=en', curatorA)).body).toContain('<a href="/imports">Imports and harvesting</a>');
    expect((await page('/account?lang=en', memberA)).body).not.toContain('href="/dashboard"');
  });

  it('registers a member node by its change stream, and lets it go with the records it brought', async () => {
    const port = 40000 + Math.floor(Math.random() * 20000);
    const node = await buildTestApp({ HERITAGE_PUBLIC_URL: `http://127.0.0.1:${port}` });
    await node.app.listen({ port, host: '127.0.0.1' });
    try {
      await newRecord(node.store, { institutionId: (await newInstitution(node.store)).id, title: { en: ['Copied from the node'] } });
      expect((await add(curatorA, { baseUrl: server.baseUrl, metadataPrefix: 'iiif-discovery' })).statusCode).toBe(400);
      const added = await add(curatorA, { baseUrl: `http://127.0.0.1:${port}`, metadataPrefix: 'iiif-discovery' });
      expect(added.statusCode, added.body.slice(0, 500)).toBe(303);
      const source = () => t.store.db.selectFrom('harvest_source').selectAll().where('institution_id', '=', instA).where('protocol', '=', 'iiif-discovery').executeTakeFirstOrThrow();
      const row = await source();
      expect((await page('/harvest?lang=en', curatorA)).body).toContain('A member node (IIIF Change Discovery)');
      expect((await postForm(t.app, `/harvest/${row.id}/run`, { _csrf: curatorA.csrf }, curatorA.cookie)).statusCode).toBe(303);
      const done = await runJobNow(t.store, harvestJobHandlers({ harvestAllowPrivate: true }, { maxAttempts: 1 }), (await source()).last_job_id!, undefined, { logger: quiet, retryBaseMs: 0 });
      expect(done.status, done.error ?? '').toBe('succeeded');
      const live = async () => (await t.store.db.selectFrom('record').select(['source_key']).where('institution_id', '=', instA).where('deleted_at', 'is', null).execute()).filter((r) => r.source_key?.startsWith(`ext:http://127.0.0.1:${port}/:`));
      expect(await live()).toHaveLength(1);
      const others = (await t.store.db.selectFrom('record').select('id').where('institution_id', '=', instA).where('deleted_at', 'is', null).execute()).length - 1;
      const gone = await postForm(t.app, `/harvest/${row.id}/delete`, { _csrf: curatorA.csrf, purge: '1' }, curatorA.cookie);
      expect(gone.headers.location).toBe('/harvest?done=purged');
      expect(await live()).toHaveLength(0);
      // Records from elsewhere stay.
      expect(await t.store.db.selectFrom('record').select('id').where('institution_id', '=', instA).where('deleted_at', 'is', null).execute()).toHaveLength(others);
    } finally {
      await node.close();
    }
  });

});

describe(`the harvest page without HERITAGE_HARVEST_ALLOW_PRIVATE (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let server: OaiTestServer;
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('refuses a loopback or private address without contacting it', async () => {
    t = await buildTestApp();
    server = await startOaiTestServer();
    const inst = (await newInstitution(t.store)).id;
    const curator = await signInBrowser(t.app, (await newUser(t.store, { role: 'curator', institutionId: inst })).email);
    for (const baseUrl of [server.baseUrl, 'http://10.1.2.3/oai', 'http://[::1]/oai']) {
      const res = await postForm(t.app, '/harvest?lang=en', { _csrf: curator.csrf, institution: inst, baseUrl, metadataPrefix: 'oai_dc' }, curator.cookie);
      expect(res.statusCode, baseUrl).toBe(400);
      expect(res.body, baseUrl).toMatch(/loopback or private address/);
    }
    expect(server.requests).toEqual([]);
  });
});

