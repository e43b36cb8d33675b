import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newUser } from '../../../test/helpers/factories';
import { signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { runJobNow } from '../jobs/job.runner';
import { importJobHandlers } from './import.job';
import { csvCell } from './import.report';
import { jsonl, sampleRecord } from './import.test-support';

const quiet = { info() {}, warn() {}, error() {} };

describe(`the imports API and page (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let instA: string;
  let curatorA: { token: string; email: string };
  let curatorB: { token: string; email: string };
  let readOnly: { token: string };
  let browserA: BrowserSession;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const runJob = (id: string) => runJobNow(t.store, importJobHandlers({ dataDir: t.database.dataDir }), id, undefined, { logger: quiet });
  const post = (token: string, body: string, query = `format=jsonl&institution=${instA}`) =>
    t.app.inject({ method: 'POST', url: `/api/v1/imports?${query}`, headers: { ...bearer(token), 'content-type': 'application/x-ndjson' }, payload: body });

  beforeAll(async () => {
    t = await buildTestApp();
    instA = (await newInstitution(t.store)).id;
    const instB = (await newInstitution(t.store)).id;
    curatorA = await newUser(t.store, { role: 'curator', institutionId: instA, scopes: ['read', 'import'] });
    curatorB = await newUser(t.store, { role: 'curator', institutionId: instB });
    readOnly = await newUser(t.store, { role: 'curator', institutionId: instA, scopes: ['read', 'write'] });
    browserA = await signInBrowser(t.app, curatorA.email);
  });
  afterAll(() => t.close());

  it('starts an import from a raw body (202 with the job), runs it, and lists it', async () => {
    const res = await post(curatorA.token, jsonl([sampleRecord(1), sampleRecord(2)]));
    expect(res.statusCode, res.body).toBe(202);
    const job = res.json();
    expect(job).toMatchObject({ kind: 'import', status: 'queued', institutionId: instA, links: { report: { csv: `/api/v1/imports/${job.id}/report.csv` } } });
    expect(res.headers.location).toBe(`/api/v1/jobs/${job.id}`);
    expect(await runJob(job.id)).toMatchObject({ status: 'succeeded', result: { created: 2 } });
    const list = await t.app.inject({ url: '/api/v1/imports', headers: bearer(curatorA.token) });
    expect(list.json().items.map((j: { id: string }) => j.id)).toContain(job.id);
    expect((await t.app.inject({ url: '/api/v1/imports', headers: bearer(curatorB.token) })).json().items).toEqual([]);
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/imports'].post.tags).toEqual(['imports']);
    for (const path of ['/api/v1/imports', '/api/v1/imports/{id}/report.csv', '/api/v1/imports/{id}/report.json']) expect(doc.paths[path]?.get, path).toBeDefined();
  });

  it('needs the import scope and the right to edit the institution', async () => {
    expect((await post(readOnly.token, jsonl([sampleRecord(3)]))).statusCode).toBe(403);
    expect((await post(curatorB.token, jsonl([sampleRecord(3)]))).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/imports?format=jsonl&institution=${instA}`, payload: 'x' })).statusCode).toBe(401);
    const bad = await post(curatorA.token, 'x', `format=nope&institution=${instA}`);
    expect(bad.statusCode).toBe(400);
  });

  it('serves the report as CSV with formulas neutralised, and as JSON, to those who may see the job only', async () => {
    const body = jsonl([sampleRecord(10), { ...sampleRecord(11), id: '=HYPERLINK("http://evil")' }, { ...sampleRecord(12), id: ' @SUM(A1)' }, '{"oops"']);
    const job = (await post(curatorA.token, body)).json();
    await runJob(job.id);
    const csv = await t.app.inject({ url: `/api/v1/imports/${job.id}/report.csv`, headers: bearer(curatorA.token) });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('kind,record,line,identifier,field,message');
    expect(lines.some((l) => l.startsWith(`rejected,2,2,"'=HYPERLINK(""http://evil"")",/id,`))).toBe(true);
    expect(lines.some((l) => l.startsWith("rejected,3,3,' @SUM(A1),/id,"))).toBe(true);
    expect(lines.some((l) => l.startsWith('rejected,4,4,,/,is not valid JSON'))).toBe(true);
    expect(csv.body).not.toMatch(/(^|,)[=+@-]/m);

    const json = await t.app.inject({ url: `/api/v1/imports/${job.id}/report.json`, headers: bearer(curatorA.token) });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ job: { id: job.id, status: 'succeeded', result: { created: 1, rejected: 3 } }, items: [{ kind: 'rejected', record: 2, line: 2, identifier: '=HYPERLINK("http://evil")' }, {}, {}] });

    for (const url of [`/api/v1/imports/${job.id}/report.csv`, `/api/v1/imports/${job.id}/report.json`]) {
      expect((await t.app.inject({ url, headers: bearer(curatorB.token) })).statusCode).toBe(404);
      expect((await t.app.inject({ url })).statusCode).toBe(401);
    }
  });

  it('takes a multipart upload on the API', async () => {
    const form = new FormData();
    form.append('format', 'jsonl');
    form.append('institution', instA);
    form.append('dryRun', 'true');
    form.append('file', new Blob([jsonl([sampleRecord(20)])], { type: 'application/x-ndjson' }), 'catalogue.jsonl');
    const encoded = new Response(form);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...bearer(curatorA.token), 'content-type': encoded.headers.get('content-type')! }, payload: Buffer.from(await encoded.arrayBuffer()) });
    expect(res.statusCode, res.body).toBe(202);
    expect(await runJob(res.json().id)).toMatchObject({ status: 'succeeded', result: { dryRun: true, created: 1 } });
  });

  it('offers the imports page with its form, and starts an import from it', async () => {
    const page = await t.app.inject({ url: '/imports?lang=en', headers: { cookie: browserA.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="/imports?_csrf=${encodeURIComponent(browserA.csrf)}"`);
    expect(page.body).toContain(`<option value="${instA}"`);
    expect(page.body).toContain('value="jsonl"');
    expect(page.body).toMatch(/\/api\/v1\/imports\/job-[^/]+\/report\.csv/);
    const form = new FormData();
    form.append('institution', instA);
    form.append('format', 'jsonl');
    form.append('file', new Blob([jsonl([sampleRecord(30)])]), 'c.jsonl');
    const encoded = new Response(form);
    const payload = Buffer.from(await encoded.clone().arrayBuffer());
    const refused = await t.app.inject({ method: 'POST', url: '/imports', headers: { cookie: browserA.cookie, 'content-type': encoded.headers.get('content-type')! }, payload });
    expect(refused.statusCode).toBe(403);
    const res = await t.app.inject({ method: 'POST', url: `/imports?_csrf=${encodeURIComponent(browserA.csrf)}`, headers: { cookie: browserA.cookie, 'content-type': encoded.headers.get('content-type')! }, payload });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    const after = await t.app.inject({ url: '/imports?lang=en&done=started', headers: { cookie: browserA.cookie } });
    expect(after.body).toContain('The import has started');
    expect(after.body).toMatch(/<span data-job="job-[^"]+">0<\/span>/);
    expect(after.body).toMatch(/islands\/job-status\.js/);
    expect((await t.app.inject({ url: '/imports' })).statusCode).toBe(303);
  });

  it('neutralises formula triggers in CSV cells, also after spaces', () => {
    expect(['=1+2', '+1', '-1', '@A1', '\tx', '\rx', '  =x', 'ok', '1-2'].map(csvCell)).toEqual(["'=1+2", "'+1", "'-1", "'@A1", "'\tx", `"'\rx"`, "'  =x", 'ok', '1-2']);
    expect(csvCell(-5)).toBe('-5');
  });
});
