import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPyramid } from './iiif-derivative';
import type { ImageRequest, SourceImage } from './iiif-image.types';
import { DEFAULT_LIMITS } from './iiif-info';
import { parseImageRequest } from './iiif-request';
import { chooseLevel, readPyramidLevels, renderImage, storedTile } from './iiif-render';
import { readStoredTiles } from './iiif-tiff-tiles';
import { BLUE, GREEN, RED, TEST_IMAGE, YELLOW, lyingPng, near, pixels, quadrants, tempDir, truncatedJpeg } from './iiif-test-images';

let dir: string;
let testPng: SourceImage;
let testTiff: SourceImage;
let quads: SourceImage;
let source: Awaited<ReturnType<typeof pixels>>;

beforeAll(async () => {
  dir = await tempDir();
  testPng = { path: TEST_IMAGE, width: 1000, height: 1000 };
  testTiff = { path: path.join(dir, 'test.tif'), ...(await buildPyramid(TEST_IMAGE, path.join(dir, 'test.tif'))) };
  const q = path.join(dir, 'quadrants.tif');
  quads = { path: q, ...(await buildPyramid(await quadrants(path.join(dir, 'quadrants.png'), 3000, 2000), q)) };
  source = await pixels(TEST_IMAGE);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

function request(src: SourceImage, url: string): ImageRequest {
  const [region, size, rotation, last] = url.split('/');
  const [quality, format] = last.split('.');
  return parseImageRequest({ region, size, rotation, quality, format }, src, DEFAULT_LIMITS);
}

async function render(src: SourceImage, url: string) {
  const out = await renderImage(src, request(src, url));
  return { ...out, image: await pixels(out.body) };
}

/** The centre of square (col, row) of the test image's 10×10 grid, as the source PNG has it. */
const square = (col: number, row: number) => source.at(col * 100 + 50, row * 100 + 50);

describe('renderImage: regions and sizes', () => {
  it('returns the test image unchanged at full/max in png, every square its colour', async () => {
    const { image } = await render(testPng, 'full/max/0/default.png');
    expect([image.width, image.height]).toEqual([1000, 1000]);
    for (let row = 0; row < 10; row++) for (let col = 0; col < 10; col++) expect(image.at(col * 100 + 50, row * 100 + 50)).toEqual(square(col, row));
  });
  it('extracts a pixel region, so that a square lands where its offset says', async () => {
    const { image } = await render(testPng, '250,350,300,200/max/0/default.png');
    expect([image.width, image.height]).toEqual([300, 200]);
    expect(image.at(0, 0)).toEqual(source.at(250, 350));
    expect(image.at(100, 100)).toEqual(square(3, 4));
    expect(image.at(299, 199)).toEqual(source.at(549, 549));
  });
  it('extracts percentage and square regions', async () => {
    const pct = await render(testPng, 'pct:20,30,10,10/max/0/default.png');
    expect([pct.image.width, pct.image.height]).toEqual([100, 100]);
    expect(pct.image.at(50, 50)).toEqual(square(2, 3));
    const sq = await render(quads, 'square/200,/0/default.png');
    expect([sq.image.width, sq.image.height]).toEqual([200, 200]);
    expect(near(sq.image.at(20, 20), RED)).toBe(true);
    expect(near(sq.image.at(180, 180), YELLOW)).toBe(true);
  });
  it('crops a region reaching beyond the image', async () => {
    const { image } = await render(testPng, '900,900,500,500/max/0/default.png');
    expect([image.width, image.height]).toEqual([100, 100]);
    expect(image.at(50, 50)).toEqual(square(9, 9));
  });
  it('scales to every size form, keeping the colours of the squares', async () => {
    const cases: [string, number, number][] = [
      ['max', 1000, 1000], ['500,', 500, 500], [',250', 250, 250], ['pct:30', 300, 300],
      ['400,200', 400, 200], ['!400,200', 200, 200], ['^1500,', 1500, 1500], ['^!2000,1200', 1200, 1200],
    ];
    for (const [size, w, h] of cases) {
      const { image } = await render(testPng, `full/${size}/0/default.png`);
      expect([image.width, image.height], size).toEqual([w, h]);
      expect(near(image.at(Math.round(w * 0.35), Math.round(h * 0.45)), square(3, 4), 2), size).toBe(true);
    }
  });
  it('reads the same colours from the pyramid as from the PNG (JPEG tiles, within 8 levels)', async () => {
    for (const url of ['full/max/0/default.png', '512,0,488,512/max/0/default.png', 'full/250,/0/default.png']) {
      const a = (await render(testPng, url)).image;
      const b = (await render(testTiff, url)).image;
      expect([b.width, b.height]).toEqual([a.width, a.height]);
      for (const [x, y] of [[0.05, 0.05], [0.45, 0.55], [0.95, 0.95]]) {
        const px = Math.floor(a.width * x);
        const py = Math.floor(a.height * y);
        expect(near(b.at(px, py), a.at(px, py)), `${url} at ${px},${py}`).toBe(true);
      }
    }
  });
});

describe('renderImage: the pyramid', () => {
  it('finds the levels libvips wrote, each half the one before', async () => {
    expect(await readPyramidLevels(quads.path)).toMatchObject([
      { page: 0, factor: 1, width: 3000, height: 2000 },
      { page: 1, factor: 2, width: 1500, height: 1000 },
      { page: 2, factor: 4, width: 750, height: 500 },
      { page: 3, factor: 8, width: 375, height: 250 },
    ]);
    expect(await readPyramidLevels(TEST_IMAGE)).toEqual([{ page: 0, factor: 1, width: 1000, height: 1000, stored: null }]);
  });
  it('reads a tile from the smallest level that still has the pixels asked for', async () => {
    const levels = await readPyramidLevels(quads.path);
    const pick = (url: string) => chooseLevel(levels, request(quads, url));
    expect(pick('0,0,512,512/512,/0/default.jpg')).toEqual({ level: levels[0], area: { left: 0, top: 0, width: 512, height: 512 } });
    expect(pick('2048,0,952,2000/238,500/0/default.jpg')).toEqual({ level: levels[2], area: { left: 512, top: 0, width: 238, height: 500 } });
    expect(pick('full/375,250/0/default.jpg').level).toBe(levels[3]);
    expect(pick('full/376,/0/default.jpg').level).toBe(levels[3]);
    expect(pick('full/400,/0/default.jpg').level).toBe(levels[2]);
    expect(pick('full/^4000,/0/default.jpg').level).toBe(levels[0]);
  });
  it('serves a tile at scale factor 4 with the right colours', async () => {
    const { image } = await render(quads, '2048,0,952,2000/238,500/0/default.jpg');
    expect([image.width, image.height]).toEqual([238, 500]);
    expect(near(image.at(100, 100), GREEN, 12)).toBe(true);
    expect(near(image.at(100, 400), YELLOW, 12)).toBe(true);
  });
});

describe('renderImage: stored tiles', () => {
  it('finds the JPEG tiles of every level of a pyramid, and none in other files', async () => {
    const pages = await readStoredTiles(quads.path);
    expect(pages.map((p) => p && [p.width, p.height, p.tileWidth, p.offsets.length, p.tables !== null])).toEqual([
      [3000, 2000, 512, 24, true],
      [1500, 1000, 512, 6, true],
      [750, 500, 512, 2, true],
      [375, 250, 512, 1, true],
    ]);
    expect(await readStoredTiles(TEST_IMAGE)).toEqual([]);
    const alpha = path.join(dir, 'alpha.png');
    await sharp({ create: { width: 600, height: 600, channels: 4, background: { r: 9, g: 9, b: 9, alpha: 0.5 } } }).png().toFile(alpha);
    await buildPyramid(alpha, path.join(dir, 'alpha.tif'));
    expect(await readStoredTiles(path.join(dir, 'alpha.tif'))).toEqual([null, null]);
  });
  it('sends a whole stored tile as it is: a valid JPEG with the pixels a render gives', async () => {
    const url = '1024,0,1024,1024/512,512/0/default.jpg';
    const levels = await readPyramidLevels(quads.path);
    const { level, area } = chooseLevel(levels, request(quads, url));
    const stored = await storedTile(quads.path, level, area, request(quads, url));
    expect(stored).not.toBeNull();
    const out = await renderImage(quads, request(quads, url));
    expect(out.body.equals(stored!)).toBe(true);
    expect([out.contentType, out.stored]).toEqual(['image/jpeg', true]);
    const fresh = await renderImage(quads, request(quads, url), { reuseStoredTiles: false });
    expect(fresh.stored).toBe(false);
    expect((await sharp(fresh.body).metadata()).width).toBe(512);
    const meta = await sharp(out.body).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 512, 512]);
    const sent = await pixels(out.body);
    const rendered = (await render(quads, url.replace('.jpg', '.png'))).image;
    let diff = 0;
    for (let i = 0; i < sent.data.length; i++) diff += Math.abs(sent.data[i] - rendered.data[i]);
    expect(diff / sent.data.length).toBeLessThan(2);
    expect(near(sent.at(100, 100), RED, 12) && near(sent.at(400, 100), GREEN, 12) && near(sent.at(100, 400), RED, 12)).toBe(true);
  });
  it('renders instead whenever the answer is not exactly one stored tile', async () => {
    const levels = await readPyramidLevels(quads.path);
    for (const url of ['2560,0,440,512/440,512/0/default.jpg', '0,0,512,512/512,512/0/gray.jpg', '0,0,512,512/512,512/90/default.jpg', '0,0,512,512/512,512/!0/default.jpg', '0,0,512,512/512,512/0/default.png', '0,0,512,512/256,256/0/default.jpg', '256,0,512,512/512,512/0/default.jpg']) {
      const req = request(quads, url);
      const { level, area } = chooseLevel(levels, req);
      expect(await storedTile(quads.path, level, area, req), url).toBeNull();
    }
  });
});

describe('renderImage: mirroring and rotation', () => {
  // Quadrants of 300×200: red top left, green top right, blue bottom left, yellow bottom right.
  const corners = async (url: string) => {
    const { image } = await render(quads, url);
    const c = (fx: number, fy: number) => image.at(Math.floor(image.width * fx), Math.floor(image.height * fy));
    return { size: [image.width, image.height], tl: c(0.1, 0.1), tr: c(0.9, 0.1), bl: c(0.1, 0.9), br: c(0.9, 0.9) };
  };
  it('rotates clockwise by 90, 180 and 270', async () => {
    const r90 = await corners('full/300,/90/default.png');
    expect(r90.size).toEqual([200, 300]);
    expect([near(r90.tl, BLUE), near(r90.tr, RED), near(r90.bl, YELLOW), near(r90.br, GREEN)]).toEqual([true, true, true, true]);
    const r180 = await corners('full/300,/180/default.png');
    expect([near(r180.tl, YELLOW), near(r180.br, RED)]).toEqual([true, true]);
    const r270 = await corners('full/300,/270/default.png');
    expect(r270.size).toEqual([200, 300]);
    expect([near(r270.tl, GREEN), near(r270.bl, RED)]).toEqual([true, true]);
  });
  it('mirrors before rotating', async () => {
    const m0 = await corners('full/300,/!0/default.png');
    expect([near(m0.tl, GREEN), near(m0.tr, RED), near(m0.bl, YELLOW), near(m0.br, BLUE)]).toEqual([true, true, true, true]);
    // Mirrored, red is top right; then 90° clockwise takes top right to bottom right.
    const m90 = await corners('full/300,/!90/default.png');
    expect(m90.size).toEqual([200, 300]);
    expect([near(m90.br, RED), near(m90.tl, YELLOW)]).toEqual([true, true]);
  });
  it('grows the canvas for other angles: transparent corners in png, white in jpg', async () => {
    const png = await render(quads, 'full/300,/45/default.png');
    const side = Math.round((300 + 200) * Math.SQRT1_2);
    expect(Math.abs(png.image.width - side)).toBeLessThanOrEqual(2);
    expect(Math.abs(png.image.height - side)).toBeLessThanOrEqual(2);
    expect(png.image.channels).toBe(4);
    expect(png.image.at(2, 2)[3]).toBe(0);
    expect(near(png.image.at(Math.floor(png.image.width / 2), Math.floor(png.image.height / 2) + 10), [...YELLOW, 255], 40)).toBe(true);
    const jpg = await render(quads, 'full/300,/22.5/default.jpg');
    expect(near(jpg.image.at(1, 1), [255, 255, 255], 4)).toBe(true);
    // Clockwise: the red quadrant's left edge now leans right at the top.
    expect(near(jpg.image.at(Math.floor(jpg.image.width * 0.3), Math.floor(jpg.image.height * 0.3)), RED, 12)).toBe(true);
  });
});

describe('renderImage: qualities and formats', () => {
  it('renders gray with R = G = B, the squares keeping distinct shades', async () => {
    for (const format of ['png', 'jpg', 'webp']) {
      const { image } = await render(testPng, `full/200,/0/gray.${format}`);
      const shades = new Set<number>();
      for (let i = 0; i < 100; i++) {
        const px = image.at((i % 10) * 20 + 10, Math.floor(i / 10) * 20 + 10);
        if (px.length >= 3) expect(Math.max(px[0], px[1], px[2]) - Math.min(px[0], px[1], px[2]), format).toBeLessThanOrEqual(format === 'webp' ? 2 : 0);
        shades.add(px[0]);
      }
      expect(shades.size, format).toBeGreaterThan(30);
    }
  });
  it('renders bitonal with only black and white', async () => {
    const { image } = await render(testPng, 'full/300,/0/bitonal.png');
    const values = new Set(image.data);
    expect([...values].sort((a, b) => a - b)).toEqual([0, 255]);
    const jpg = await render(testPng, 'full/300,/0/bitonal.jpg');
    const extremes = jpg.image.data.filter((v) => v < 32 || v > 223).length;
    expect(extremes / jpg.image.data.length).toBeGreaterThan(0.97);
  });
  it('encodes jpg, png and webp with their magic bytes, media types and sizes', async () => {
    const magic = { jpg: [0xff, 0xd8, 0xff], png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], webp: [0x52, 0x49, 0x46, 0x46] } as const;
    for (const format of ['jpg', 'png', 'webp'] as const) {
      const out = await renderImage(quads, request(quads, `0,0,1000,800/250,/0/default.${format}`));
      expect([...out.body.subarray(0, magic[format].length)], format).toEqual([...magic[format]]);
      if (format === 'webp') expect(out.body.subarray(8, 12).toString('latin1')).toBe('WEBP');
      expect(out.contentType).toBe({ jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' }[format]);
      const meta = await sharp(out.body).metadata();
      expect([meta.format, meta.width, meta.height], format).toEqual([{ jpg: 'jpeg', png: 'png', webp: 'webp' }[format], 250, 200]);
    }
  });
});

describe('renderImage and buildPyramid: untrusted files', () => {
  it('refuses a decompression bomb from its header', async () => {
    const bomb = await lyingPng(path.join(dir, 'bomb.png'), 100_000, 100_000);
    await expect(buildPyramid(bomb, path.join(dir, 'bomb.tif'))).rejects.toThrow(/pixel/i);
    await expect(buildPyramid(bomb, path.join(dir, 'bomb.tif'), { limitInputPixels: 1_000_000 })).rejects.toThrow(/pixel/i);
    await expect(renderImage({ path: bomb, width: 1000, height: 1000 }, request(testPng, 'full/max/0/default.jpg'))).rejects.toThrow(/100000×100000/);
    await expect(fs.access(path.join(dir, 'bomb.tif'))).rejects.toThrow();
  });
  it('fails on a truncated JPEG instead of serving half an image', async () => {
    const cut = await truncatedJpeg(path.join(dir, 'cut.jpg'));
    await expect(buildPyramid(cut, path.join(dir, 'cut.tif'))).rejects.toThrow();
    await expect(renderImage({ path: cut, width: 600, height: 400 }, request({ path: cut, width: 600, height: 400 }, 'full/max/0/default.png'))).rejects.toThrow();
    expect((await fs.readdir(dir)).filter((f) => f.includes('cut.tif'))).toEqual([]);
  });
  it('stores the pyramid upright, with the EXIF orientation applied', async () => {
    const rotated = path.join(dir, 'exif6.jpg');
    // Orientation 6: the stored pixels are shown turned 90° clockwise.
    await sharp(await quadrants(path.join(dir, 'q-small.png'), 300, 200)).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toFile(rotated);
    const progress: number[] = [];
    const out = path.join(dir, 'exif6.tif');
    const built = await buildPyramid(rotated, out, { onProgress: (p) => progress.push(p) });
    expect(built).toEqual({ width: 200, height: 300 });
    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(100);
    const { image } = await render({ path: out, ...built }, 'full/max/0/default.png');
    expect(near(image.at(180, 20), RED, 12)).toBe(true);
    expect(near(image.at(20, 20), BLUE, 12)).toBe(true);
  });
});

describe('renderImage: small images', () => {
  it('builds and serves the pyramid of an image smaller than one tile (an icon, a seal)', async () => {
    for (const [w, h] of [
      [40, 40],
      [128, 64],
    ]) {
      const png = path.join(dir, `small-${w}.png`);
      await sharp({ create: { width: w, height: h, channels: 3, background: '#cc2200' } }).png().toFile(png);
      const tif = path.join(dir, `small-${w}.tif`);
      const src = { path: tif, ...(await buildPyramid(png, tif)) };
      expect(src).toMatchObject({ width: w, height: h });
      const out = await render(src, 'full/max/0/default.png');
      expect([out.image.width, out.image.height]).toEqual([w, h]);
      expect(near(out.image.at(w / 2, h / 2), [204, 34, 0], 12)).toBe(true);
    }
  });
});
