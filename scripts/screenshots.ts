/**
 * Screenshots of the main pages for the README and the user guide, taken from the running demo:
 *
 *   npm run screenshots [-- --out DIR]
 *
 * Starts the server on a temporary data directory (SQLite, the demo alliance loaded into the empty
 * database, jobs running as in production), adds a curator and one image made here (so the viewer
 * has something to zoom), drives Debian's Chromium over the pages and writes PNGs to
 * docs/screenshots/ (or --out). Everything temporary is removed at the end. Re-run it whenever the
 * pages change, so the pictures stay current.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { loadConfig } from '../src/config/config';
import { startServer } from '../src/server';
import { createToken, createUser } from '../src/modules/accounts/account.service';
import { launchChromium } from '../test/helpers/chromium';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VIEWPORT = { width: 1280, height: 800 };
const PASSWORD = 'screenshots only, thrown away';

/** One screenshot: the file it goes to, and how to bring the page to the state it shows. */
interface Shot {
  file: string;
  what: string;
  take(page: Page): Promise<void>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: path.join(REPO, 'docs', 'screenshots') } } });
  const out = path.resolve(values.out!);
  fs.mkdirSync(out, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-screenshots-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, HERITAGE_DEMO: 'auto', LOG_LEVEL: 'warn', HERITAGE_PUBLIC_URL: base };
  delete env.DATABASE_URL;
  const config = loadConfig(env, { data: dataDir, port });
  step(`starting the demo on ${base} (data in ${dataDir})`);
  const server = await startServer(config);
  const browser = await launchChromium();
  try {
    const db = server.database.db;
    // A public manuscript or book of the demo (any public record otherwise): its institution's curator, and an image on it.
    const pick = (kinds: string[]) => db.selectFrom('record').select(['id', 'institution_id']).where('kind', 'in', kinds).where('deleted_at', 'is', null).where('visibility', '=', 'public').where('embargo_until', 'is', null).orderBy('seq').executeTakeFirst();
    const record = (await pick(['manuscript', 'rare-book'])) ?? (await pick(['object', 'archival-unit', 'site', 'audiovisual']));
    if (!record) throw new Error('the demo has no public record: is the demo dataset in demo/?');
    const email = 'curator@screenshots.invalid';
    await createUser(db, { email, password: PASSWORD, institutionId: record.institution_id, role: 'curator' });
    const { token } = await createToken(db, { email, scopes: ['read', 'write', 'import'] });
    // Smaller images on a few more records of the same institution, so the grid view has thumbnails to show.
    const others = await db.selectFrom('record').select('id').where('institution_id', '=', record.institution_id).where('id', '!=', record.id).where('visibility', '=', 'public').where('embargo_until', 'is', null).where('deleted_at', 'is', null).orderBy('seq').limit(7).execute();
    step(`adding images to ${others.length + 1} records`);
    const uploaded: string[] = [];
    for (const [i, id] of [record.id, ...others.map((o) => o.id)].entries()) {
      const upload = await fetch(`${base}/api/v1/records/${id}/media?label=Folio%201`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' }, body: await folioImage(i, i === 0 ? 3000 : 1200) });
      if (upload.status !== 201) throw new Error(`the image upload answered ${upload.status}: ${await upload.text()}`);
      uploaded.push(((await upload.json()) as { id: string }).id);
    }
    for (const id of uploaded) await until(`the tiles of image ${id}`, async () => (await fetch(`${base}/iiif/3/${id}/info.json`)).status === 200);

    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const shots: Shot[] = [
      { file: 'home.png', what: 'the home page', take: (p) => open(p, `${base}/?lang=en`) },
      { file: 'search-grid.png', what: 'search results as a grid', take: (p) => open(p, `${base}/search?hasImages=true&view=grid&lang=en`, '.view-switch') },
      { file: 'search-map.png', what: 'the map of all results', take: (p) => open(p, `${base}/search?view=map&lang=en`, '.view-switch') },
      { file: 'countries.png', what: 'holdings by country', take: (p) => open(p, `${base}/countries?lang=en`) },
      {
        file: 'record-viewer.png',
        what: 'a record with the deep-zoom viewer',
        take: async (p) => {
          await open(p, `${base}/records/${record.id}?lang=en`);
          await p.locator('[data-viewer-ready="true"] .viewer-stage canvas').first().waitFor({ timeout: 30_000 });
          await p.locator('.viewer-stage').first().scrollIntoViewIfNeeded();
          await p.waitForTimeout(1500);
        },
      },
      { file: 'record-arabic.png', what: 'the same record in Arabic (right to left)', take: (p) => open(p, `${base}/records/${record.id}?lang=ar`) },
      {
        file: 'dashboard.png',
        what: 'a curator’s dashboard',
        take: async (p) => {
          await open(p, `${base}/login?lang=en&next=%2Fdashboard`);
          await p.locator('#login-email').fill(email);
          await p.locator('#login-password').fill(PASSWORD);
          await p.locator('form.form-card button[type="submit"]').click();
          await p.waitForURL(/\/dashboard/);
          await p.waitForLoadState('networkidle');
        },
      },
      {
        file: 'import-progress.png',
        what: 'an import followed live',
        take: async (p) => {
          await open(p, `${base}/imports?lang=en`);
          const rows = ['Title,Date,Inventory number,Rights', ...Array.from({ length: 30_000 }, (_, i) => `Votive banner ${i + 1},${700 + (i % 300)},SC-${i + 1},https://creativecommons.org/publicdomain/zero/1.0/`)];
          await p.getByLabel('Format').selectOption('csv');
          await p.locator('#import-dry-run').uncheck();
          await p.getByLabel('File', { exact: true }).setInputFiles({ name: 'banners.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
          await p.getByRole('button', { name: 'Start' }).click();
          await p.waitForURL(/done=started/);
          // Wait for the live status to show a percentage (the island updates it every two seconds).
          await until('the import progress', async () => /%/.test((await p.locator('[data-job]').first().textContent().catch(() => '')) ?? ''), 60_000);
          await p.locator('.data-table').first().evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'center' }));
        },
      },
    ];
    for (const shot of shots) {
      step(`${shot.file}: ${shot.what}`);
      await shot.take(page);
      await page.screenshot({ path: path.join(out, shot.file) });
    }
    await context.close();
    step(`wrote ${shots.length} screenshots to ${path.relative(process.cwd(), out) || out}`);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Opens a page and waits until it has settled (images and islands loaded), optionally scrolling to a part of it. */
async function open(page: Page, url: string, scrollTo?: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  // Scrolled so the part shown starts near the top of the picture.
  if (scrollTo) await page.locator(scrollTo).first().evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'start' }));
}

const PAPERS = [['#efe0bf', '#c9ab78'], ['#e8d7b0', '#b8935a'], ['#f1e6cf', '#d2b98c'], ['#e4cfa4', '#a98552'], ['#efe4d0', '#c7b08a'], ['#eadbc0', '#bfa06e'], ['#f3e7c9', '#cdb07c'], ['#e6d2ae', '#b08c5c']];

/** A folio drawn here (ruled text, a red seal), `width` px wide at 3:2, so the demo's viewer and grid have images. */
async function folioImage(variant: number, width: number): Promise<Buffer> {
  const [light, dark] = PAPERS[variant % PAPERS.length];
  const lines = Array.from({ length: 26 }, (_, i) => {
    const y = 260 + i * 58;
    const words = Array.from({ length: 14 }, (_, j) => `<rect x="${300 + j * 170 + ((i * 37 + j * 53 + variant * 17) % 40)}" y="${y}" width="${90 + ((i * 13 + j * 29 + variant * 7) % 60)}" height="16" rx="6" fill="#3b2a1a" opacity="0.78"/>`);
    return words.join('');
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="2000">
    <defs><radialGradient id="g" cx="50%" cy="45%" r="75%"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${dark}"/></radialGradient></defs>
    <rect width="3000" height="2000" fill="url(#g)"/>
    <rect x="200" y="160" width="2600" height="1680" fill="none" stroke="#7a5a35" stroke-width="10"/>
    ${lines}
    <rect x="2380" y="1560" width="260" height="200" rx="18" fill="#a3261a" opacity="0.85"/>
    <circle cx="2510" cy="1660" r="60" fill="none" stroke="#f3d9c0" stroke-width="14"/>
  </svg>`;
  return sharp(Buffer.from(svg)).resize(width).jpeg({ quality: 85 }).toBuffer();
}

async function until(what: string, ready: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function step(text: string): void {
  process.stderr.write(`screenshots: ${text}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
