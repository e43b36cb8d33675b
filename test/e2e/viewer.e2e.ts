import http from 'node:http';
import net from 'node:net';
import { UI_LANGUAGES } from '../../src/shared/lang-map';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/test-app';
import { newInstitution, newRecord, newUser } from '../helpers/factories';
import { TEST_DIALECT } from '../helpers/test-database';
import { launchChromium, seriousViolations } from '../helpers/chromium';
import { jpeg, runMediaJobs } from '../../src/modules/media/media.test-support';

/** A port nobody listens on yet, so the public URL (IIIF ids) can name it before the server starts. */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe(`deep zoom and side-by-side comparison in Chromium (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let scroll: string;
  let fragment: string;
  let linked: string;
  let remote: http.Server;
  let remoteBase: string;

  beforeAll(async () => {
    browser = await launchChromium();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await buildTestApp({ HERITAGE_PUBLIC_URL: base });
    const library = await newInstitution(t.store, { name: { en: ['British Library'] }, country: 'GB', kind: 'library' });
    const academy = await newInstitution(t.store, { name: { en: ['Dunhuang Academy'] }, country: 'CN' });
    const curatorL = await newUser(t.store, { role: 'curator', institutionId: library.id });
    const curatorA = await newUser(t.store, { role: 'curator', institutionId: academy.id });
    scroll = (await newRecord(t.store, { institutionId: library.id, kind: 'manuscript', title: { en: ['Lotus Sutra scroll, part 1'] } })).id;
    fragment = (await newRecord(t.store, { institutionId: academy.id, kind: 'manuscript', title: { en: ['Lotus Sutra scroll, part 2'] }, relations: [{ type: 'fragmentOfSameWork', target: scroll }] })).id;
    for (const [record, token, size] of [
      [scroll, curatorL.token, [4000, 2600]],
      [fragment, curatorA.token, [3000, 2000]],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/records/${record}/media?label=Recto`, headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' }, payload: await jpeg(size[0], size[1]) });
      expect(res.statusCode, res.body).toBe(201);
    }
    await runMediaJobs(t.store, t.database.dataDir);
    await t.app.listen({ port, host: '127.0.0.1' });

    // Another IIIF server on another origin: it serves manifests (Presentation 2 and 3) and, as a
    // proxy of ours, an image service under its own origin.
    const mediaId = ((await (await fetch(`${base}/api/v1/records/${scroll}/media`)).json()) as { items: { id: string }[] }).items[0].id;
    const remotePort = await freePort();
    remoteBase = `http://127.0.0.1:${remotePort}`;
    const service = `${remoteBase}/iiif/3/${mediaId}`;
    const v2 = { '@context': 'http://iiif.io/api/presentation/2/context.json', '@type': 'sc:Manifest', '@id': `${remoteBase}/v2.json`, label: 'Remote scroll', sequences: [{ canvases: [{ label: 'f. 1', images: [{ resource: { '@id': `${service}/full/max/0/default.jpg`, service: { '@context': 'http://iiif.io/api/image/3/context.json', '@id': service, profile: 'level2' } } }] }] }] };
    const v3 = { '@context': 'http://iiif.io/api/presentation/3/context.json', type: 'Manifest', id: `${remoteBase}/v3.json`, label: { en: ['Remote scroll'] }, items: [{ id: `${remoteBase}/c1`, type: 'Canvas', width: 4000, height: 2600, items: [{ id: `${remoteBase}/p1`, type: 'AnnotationPage', items: [{ id: `${remoteBase}/a1`, type: 'Annotation', motivation: 'painting', target: `${remoteBase}/c1`, body: { id: `${service}/full/max/0/default.jpg`, type: 'Image', service: [{ id: service, type: 'ImageService3', profile: 'level2' }] } }] }] }] };
    remote = http.createServer(async (req, res) => {
      res.setHeader('access-control-allow-origin', '*');
      if (req.url === '/v2.json' || req.url === '/v3.json') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.url === '/v2.json' ? v2 : v3));
      const upstream = await fetch(`${base}${req.url}`);
      const body = Buffer.from(await upstream.arrayBuffer());
      const out = req.url?.endsWith('/info.json') ? Buffer.from(body.toString('utf8').replaceAll(base, remoteBase)) : body;
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' }).end(out);
    });
    await new Promise<void>((resolve) => remote.listen(remotePort, '127.0.0.1', resolve));
    linked = (await newRecord(t.store, { institutionId: academy.id, kind: 'manuscript', title: { en: ['A scroll held elsewhere'] }, iiifManifests: [`${remoteBase}/v2.json`, `${remoteBase}/v3.json`] })).id;
  });

  afterAll(async () => {
    remote?.close();
    await browser?.close();
    await t?.close();
  });

  it('shows a plain image without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/records/${scroll}?lang=en`);
    const img = page.locator('.viewer-fallback img');
    await img.waitFor();
    expect(await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(1200);
    await context.close();
  });

  it('opens a record, zooms in the viewer and loads IIIF tiles', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    const tiles: string[] = [];
    page.on('response', (r) => {
      if (/\/iiif\/3\/[^/]+\/\d+,\d+,\d+,\d+\//.test(r.url()) && r.status() === 200) tiles.push(r.url());
    });
    await page.goto(`${base}/records/${scroll}?lang=en`);
    await page.locator('[data-viewer-ready="true"] .viewer-stage canvas').first().waitFor();
    // Tiles arrive after the viewer has read info.json: wait for them, not for a load event.
    await expect.poll(() => tiles.length, { timeout: 15_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(1000);
    const before = tiles.length;
    const stage = page.locator('.viewer-stage').first();
    const box = (await stage.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(150);
    }
    // Zoomed in, the viewer asks for tiles of a finer level: regions it had not loaded before.
    await expect.poll(() => tiles.length, { timeout: 15_000 }).toBeGreaterThan(before);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('opens the compare view from a related record, with two viewers that zoom together', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/records/${scroll}?lang=en`);
    await page.getByRole('link', { name: /Compare side by side\W*Lotus Sutra scroll, part 2/ }).click();
    await page.waitForURL(/\/compare\?records=/);
    await page.locator('[data-viewer-ready="true"] canvas').nth(1).waitFor();
    expect(await page.locator('.compare-item').count()).toBe(2);
    const sync = page.getByLabel('Zoom and move all images together');
    expect(await sync.isChecked()).toBe(true);
    const blocks = page.locator('[data-viewer]');
    const zoomOf = async (i: number) => Number(await blocks.nth(i).getAttribute('data-zoom'));
    const zoomFirst = async () => {
      const box = (await page.locator('.viewer-stage').nth(0).boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      for (let i = 0; i < 4; i++) {
        await page.mouse.wheel(0, -400);
        await page.waitForTimeout(150);
      }
      await page.waitForTimeout(1200);
    };
    await zoomFirst();
    // The viewers animate: poll until the first has zoomed and the second has followed.
    await expect.poll(() => zoomOf(0), { timeout: 15_000 }).toBeGreaterThan(1.5);
    await expect.poll(async () => Math.abs((await zoomOf(1)) - (await zoomOf(0))), { timeout: 15_000 }).toBeLessThan(0.01);
    const [a, b] = [await zoomOf(0), await zoomOf(1)];
    await sync.uncheck();
    await zoomFirst();
    await expect.poll(() => zoomOf(0), { timeout: 15_000 }).toBeGreaterThan(a * 1.5);
    expect(await zoomOf(1)).toBeCloseTo(b, 2);
    await context.close();
  });

  it('shows the images of remote IIIF manifests (Presentation 2 and 3) without copying them', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    const remoteTiles: string[] = [];
    page.on('response', (r) => r.url().startsWith(`${remoteBase}/iiif/`) && r.status() === 200 && remoteTiles.push(r.url()));
    await page.goto(`${base}/records/${linked}?lang=en`);
    await page.locator('[data-viewer-ready="true"] canvas').first().waitFor();
    await expect.poll(() => remoteTiles.some((u) => u.endsWith('/info.json')), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => remoteTiles.some((u) => /\/\d+,\d+,\d+,\d+\//.test(u) || /\/full\//.test(u)), { timeout: 15_000 }).toBe(true);
    // Two manifests, one image each: the viewer pages through both.
    expect(await page.locator('.viewer-stage .openseadragon-container').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(`${base}/records/${linked}?lang=en`);
    expect(await plain.locator('.viewer-remote a').count()).toBe(2);
    await noJs.close();
  });

  it('follows an image being prepared live in the image editor, then shows it ready', async () => {
    const admin = await newUser(t.store, { admin: true });
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/records/${fragment}/media?label=Verso`, headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'image/jpeg' }, payload: await jpeg(800, 500) });
    expect(res.statusCode).toBe(201);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/login?lang=en&next=${encodeURIComponent(`/records/${fragment}/images`)}`);
    await page.locator('#login-email').fill(admin.email);
    await page.locator('#login-password').fill('correct horse battery');
    await page.locator('form.form-card button[type="submit"]').click();
    await page.waitForURL(/\/images$/);
    expect(await page.locator('[data-job]').count()).toBe(1);
    await runMediaJobs(t.store, t.database.dataDir);
    // The island sees the job finish and reloads the page: the image is ready, with no click.
    await page.locator('.image-editor-status', { hasText: '800×500 · ready' }).waitFor({ timeout: 15_000 });
    await context.close();
  });

  it('compares records chosen in search results', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/search?q=lotus&lang=en`);
    await page.getByLabel(/Compare\W*Lotus Sutra scroll, part 1/).check();
    await page.getByLabel(/Compare\W*Lotus Sutra scroll, part 2/).check();
    await page.getByRole('button', { name: 'Compare the selected records' }).click();
    await page.waitForURL(/\/compare\?records=/);
    expect(await page.locator('.compare-item .viewer-fallback img').count()).toBe(2);
    await context.close();
  });

  it('has no serious accessibility violations on a record with images and on the compare page', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const found: string[] = [];
    for (const lang of UI_LANGUAGES) {
      for (const url of [`/records/${scroll}`, `/compare?records=${scroll}&records=${fragment}`]) {
        await page.goto(`${base}${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
        await page.locator('[data-viewer-ready="true"]').first().waitFor();
        found.push(...(await seriousViolations(page, `${lang} ${url}`)));
      }
    }
    expect(found).toEqual([]);
    await context.close();
  }, 240_000);
});
