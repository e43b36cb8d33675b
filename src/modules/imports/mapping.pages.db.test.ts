import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newUser } from '../../../test/helpers/factories';
import { postForm, signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { runJobNow } from '../jobs/job.runner';
import { importJobHandlers } from './import.job';

const quiet = { info() {}, warn() {}, error() {} };
const SAMPLE = '\uFEFFInventory number;Title;Title (zh);Artist;Date;Colour\nA-1;Bowl;碗;Anonymous;Tang dynasty;blue\nA-2;"Jar; lidded";有盖罐;Unknown;1700;white\n';

/** The fields a browser would post from the form whose action is `action`: hidden and text inputs, the selected options. */
function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`<form method="post" action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input [^>]*?name="([^"]+)"[^>]*?value="([^"]*)"/g)) fields[decode(m[1])] = decode(m[2]);
  for (const m of form.matchAll(/<select [^>]*?name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected=""/.exec(m[2]) ?? /<option value="([^"]*)"/.exec(m[2]);
    fields[decode(m[1])] = decode(selected?.[1] ?? '');
  }
  return fields;
}

describe(`the mapping editor pages (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let instA: string;
  let curatorA: BrowserSession;
  let curatorB: BrowserSession;
  let memberA: BrowserSession;

  const upload = async (url: string, who: BrowserSession, parts: Record<string, string | Blob>, csrf = who.csrf) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(parts)) form.append(k, v);
    const encoded = new Response(form);
    return t.app.inject({ method: 'POST', url: `${url}${url.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(csrf)}`, headers: { cookie: who.cookie, 'content-type': encoded.headers.get('content-type')! }, payload: Buffer.from(await encoded.arrayBuffer()) });
  };

  beforeAll(async () => {
    t = await buildTestApp();
    instA = (await newInstitution(t.store, { name: { en: ['Museum of the Silk Road'] } })).id;
    const instB = (await newInstitution(t.store)).id;
    curatorA = await signInBrowser(t.app, (await newUser(t.store, { role: 'curator', institutionId: instA })).email);
    curatorB = await signInBrowser(t.app, (await newUser(t.store, { role: 'curator', institutionId: instB })).email);
    memberA = await signInBrowser(t.app, (await newUser(t.store, { role: 'member', institutionId: instA })).email);
  });
  afterAll(() => t?.close());

  it('reads a sample, suggests a target for every column, saves the mapping and uses it from the imports form', async () => {
    const list = await t.app.inject({ url: '/imports/mappings?lang=en', headers: { cookie: curatorA.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('No saved mappings yet.');
    const start = await t.app.inject({ url: '/imports/mappings/new?lang=en', headers: { cookie: curatorA.cookie } });
    expect(start.body).toContain(`action="/imports/mappings/new?_csrf=${encodeURIComponent(curatorA.csrf)}"`);
    expect(start.body).toContain(`<option value="${instA}" selected="">Museum of the Silk Road</option>`);

    expect((await upload('/imports/mappings/new', curatorA, { institution: instA, sample: new Blob([SAMPLE]) }, 'forged')).statusCode).toBe(403);
    const editor = await upload('/imports/mappings/new', curatorA, { institution: instA, sample: new Blob([SAMPLE]), pasted: '' });
    expect(editor.statusCode, editor.body.slice(0, 500)).toBe(200);
    const fields = formFields(editor.body, '/imports/mappings');
    expect(fields).toMatchObject({ institution: instA, c0: 'Inventory number', t0: 'identifier.inventory', c1: 'Title', t1: 'title', c2: 'Title (zh)', t2: 'title.zh', t3: 'agent.artist', t4: 'date', c5: 'Colour', t5: 'ignore', identifierColumn: 'Inventory number' });
    // The byte-order mark is dropped, the semicolon found, a quoted delimiter kept in its cell.
    expect(editor.body).toContain('<li dir="auto">Jar; lidded</li>');
    expect(editor.body).toContain('<li dir="auto">有盖罐</li>');
    expect(editor.body).toMatch(/<label for="t2" dir="auto">Title \(zh\)<\/label>/);
    expect(editor.body).toContain('<legend>Columns and what they fill</legend>');

    const refused = await postForm(t.app, '/imports/mappings?lang=en', { ...fields, name: 'Silk Road museum export', t1: 'ignore', t2: 'ignore' }, curatorA.cookie);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('/columns: no column maps to title');
    // The refused form comes back as it was sent, samples included.
    expect(formFields(refused.body, '/imports/mappings')).toMatchObject({ name: 'Silk Road museum export', t1: 'ignore', t4: 'date' });
    expect(refused.body).toContain('<li dir="auto">Tang dynasty</li>');

    expect((await postForm(t.app, '/imports/mappings', { ...fields, _csrf: 'forged', name: 'Forged' }, curatorA.cookie)).statusCode).toBe(403);
    const saved = await postForm(t.app, '/imports/mappings', { ...fields, name: 'Silk Road museum export', t1: 'title.en', 'default.rights': 'https://creativecommons.org/publicdomain/zero/1.0/' }, curatorA.cookie);
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303);
    const id = /\/imports\/mappings\/([^?]+)\?done=saved/.exec(saved.headers.location as string)![1];
    const shown = await t.app.inject({ url: `/imports/mappings/${id}?done=saved&lang=en`, headers: { cookie: curatorA.cookie } });
    expect(shown.body).toContain('The mapping has been saved.');
    expect(formFields(shown.body, `/imports/mappings/${id}`)).toMatchObject({ name: 'Silk Road museum export', t1: 'title.en', t2: 'title.zh', 'default.rights': 'https://creativecommons.org/publicdomain/zero/1.0/' });

    const importsPage = await t.app.inject({ url: '/imports?lang=en', headers: { cookie: curatorA.cookie } });
    expect(importsPage.body).toContain(`<option value="${id}">Silk Road museum export</option>`);
    expect(importsPage.body).toContain('href="/harvest"');
    const started = await upload('/imports', curatorA, { institution: instA, format: 'csv', savedMapping: id, file: new Blob([SAMPLE]) });
    expect(started.statusCode, started.body.slice(0, 300)).toBe(303);
    const job = await t.store.db.selectFrom('job').select('id').where('kind', '=', 'import').where('institution_id', '=', instA).executeTakeFirstOrThrow();
    expect(await runJobNow(t.store, importJobHandlers({ dataDir: t.database.dataDir }), job.id, undefined, { logger: quiet })).toMatchObject({ status: 'succeeded', result: { created: 2, rejected: 0 } });
    const docs = (await t.app.inject({ url: `/api/v1/records?institution=${instA}`, headers: { cookie: curatorA.cookie } })).json().items as { title: Record<string, string[]>; rights: string }[];
    expect(docs.map((d) => d.title).sort((a, b) => a.en[0].localeCompare(b.en[0]))).toEqual([{ en: ['Bowl'], zh: ['碗'] }, { en: ['Jar; lidded'], zh: ['有盖罐'] }]);
    expect(docs[0].rights).toBe('https://creativecommons.org/publicdomain/zero/1.0/');
  });

  it('edits a mapping, re-reads its columns from a pasted TSV sample, and deletes it', async () => {
    const sample = 'Inventory number\tTitle\tDate\nB-1\tCup\t1800\n';
    const editor = await upload('/imports/mappings/new', curatorA, { institution: instA, pasted: sample });
    expect(editor.statusCode).toBe(200);
    const saved = await postForm(t.app, '/imports/mappings', { ...formFields(editor.body, '/imports/mappings'), name: 'Cups' }, curatorA.cookie);
    const id = /\/imports\/mappings\/([^?]+)/.exec(saved.headers.location as string)![1];

    const page = await t.app.inject({ url: `/imports/mappings/${id}?lang=en`, headers: { cookie: curatorA.cookie } });
    const changed = await postForm(t.app, `/imports/mappings/${id}`, { ...formFields(page.body, `/imports/mappings/${id}`), t2: 'date.edtf', delimiter: 'tab' }, curatorA.cookie);
    expect(changed.statusCode).toBe(303);
    const api = await t.app.inject({ url: `/api/v1/imports/mappings/${id}`, headers: { cookie: curatorA.cookie } });
    expect(api.json().mapping).toEqual({ delimiter: '\t', columns: { 'Inventory number': 'identifier.inventory', Title: 'title', Date: 'date.edtf' }, identifierColumn: 'Inventory number' });

    const reread = await upload(`/imports/mappings/${id}/sample`, curatorA, { pasted: 'Inventory number\tTitle\tDate\tTitre (fr)\nB-2\tSaucer\t1810\tSoucoupe\n' });
    expect(reread.statusCode).toBe(200);
    // Known columns keep their saved targets; a new one gets a suggestion.
    expect(formFields(reread.body, `/imports/mappings/${id}`)).toMatchObject({ t2: 'date.edtf', c3: 'Titre (fr)', t3: 'title.fr' });

    const deleted = await postForm(t.app, `/imports/mappings/${id}/delete`, { _csrf: curatorA.csrf }, curatorA.cookie);
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe('/imports/mappings?done=deleted');
    expect((await t.app.inject({ url: `/imports/mappings/${id}`, headers: { cookie: curatorA.cookie } })).statusCode).toBe(404);
  });

  it('says what is wrong with a sample it cannot read', async () => {
    const empty = await upload('/imports/mappings/new?lang=en', curatorA, { institution: instA, pasted: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('sample: is empty');
    const latin1 = await upload('/imports/mappings/new', curatorA, { institution: instA, sample: new Blob([Buffer.from([0x54, 0x69, 0x74, 0x72, 0x65, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a])]) });
    expect(latin1.statusCode).toBe(400);
    expect(latin1.body).toContain('is not UTF-8');
  });

  it('keeps mappings to their institution: 404 to another curator, refused to members, sign-in for the public', async () => {
    const editor = await upload('/imports/mappings/new', curatorA, { institution: instA, pasted: 'Title\nX\n' });
    const saved = await postForm(t.app, '/imports/mappings', { ...formFields(editor.body, '/imports/mappings'), name: 'A only' }, curatorA.cookie);
    const id = /\/imports\/mappings\/([^?]+)/.exec(saved.headers.location as string)![1];

    expect((await t.app.inject({ url: `/imports/mappings/${id}`, headers: { cookie: curatorB.cookie } })).statusCode).toBe(404);
    expect((await postForm(t.app, `/imports/mappings/${id}`, { _csrf: curatorB.csrf, name: 'Taken over', c0: 'Title', t0: 'title' }, curatorB.cookie)).statusCode).toBe(404);
    expect((await postForm(t.app, `/imports/mappings/${id}/delete`, { _csrf: curatorB.csrf }, curatorB.cookie)).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/imports/mappings', headers: { cookie: curatorB.cookie } })).body).not.toContain('A only');
    expect((await upload('/imports/mappings/new', curatorB, { institution: instA, pasted: 'Title\nX\n' })).statusCode).toBe(403);
    expect((await postForm(t.app, '/imports/mappings', { _csrf: curatorB.csrf, institution: instA, name: 'Sneaky', c0: 'Title', t0: 'title' }, curatorB.cookie)).statusCode).toBe(403);

    expect((await t.app.inject({ url: '/imports/mappings/new?lang=en', headers: { cookie: memberA.cookie } })).body).toContain('You are not a curator of any institution');
    expect((await t.app.inject({ url: `/imports/mappings/${id}`, headers: { cookie: memberA.cookie } })).statusCode).toBe(404);
    expect((await postForm(t.app, '/imports/mappings', { _csrf: memberA.csrf, institution: instA, name: 'Member', c0: 'Title', t0: 'title' }, memberA.cookie)).statusCode).toBe(403);

    for (const url of ['/imports/mappings', '/imports/mappings/new', `/imports/mappings/${id}`]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location, url).toMatch(/^\/login/);
    }
    const count = await t.store.db.selectFrom('import_mapping').select((eb) => eb.fn.countAll<number>().as('n')).where('name', 'in', ['Taken over', 'Sneaky', 'Member']).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
