import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPyramid } from './iiif-derivative';
import { DEFAULT_LIMITS, buildInfoJson, pyramidScaleFactors } from './iiif-info';
import { parseImageRequest } from './iiif-request';
import { readPyramidLevels } from './iiif-render';
import { tempDir } from './iiif-test-images';

const ID = 'https://heritage.example.org/iiif/3/img-1';

describe('buildInfoJson', () => {
  it('writes the required properties of a level 2 ImageService3, @context first', () => {
    const info = buildInfoJson({ id: `${ID}/`, width: 6000, height: 4000, limits: DEFAULT_LIMITS });
    expect(Object.keys(info)[0]).toBe('@context');
    expect(info).toMatchObject({
      '@context': 'http://iiif.io/api/image/3/context.json',
      id: ID,
      type: 'ImageService3',
      protocol: 'http://iiif.io/api/image',
      profile: 'level2',
      width: 6000,
      height: 4000,
      maxWidth: 10_000,
      maxHeight: 10_000,
      maxArea: 25_000_000,
      extraFormats: ['png', 'webp'],
      extraQualities: ['color', 'gray', 'bitonal'],
    });
    expect(info).not.toHaveProperty('rights');
  });
  it('gives 512 px tiles at the scale factors of the spec example and the level sizes within the limits', () => {
    const info = buildInfoJson({ id: ID, width: 6000, height: 4000, limits: DEFAULT_LIMITS });
    expect(info.tiles).toEqual([{ width: 512, height: 512, scaleFactors: [1, 2, 4, 8, 16] }]);
    expect(info.sizes).toEqual([
      { width: 375, height: 250 },
      { width: 750, height: 500 },
      { width: 1500, height: 1000 },
      { width: 3000, height: 2000 },
      { width: 6000, height: 4000 },
    ]);
    const big = buildInfoJson({ id: ID, width: 12_000, height: 8400, limits: DEFAULT_LIMITS });
    expect(big.tiles[0].scaleFactors).toEqual([1, 2, 4, 8, 16, 32]);
    expect(big.sizes.at(-1)).toEqual({ width: 3000, height: 2100 }); // 6000×4200 is above maxArea
    expect(big.sizes.every((s) => s.width * s.height <= DEFAULT_LIMITS.maxArea)).toBe(true);
  });
  it('declares upscaling, mirroring and arbitrary rotation, plus what the HTTP layer adds', () => {
    const info = buildInfoJson({ id: ID, width: 100, height: 100, limits: DEFAULT_LIMITS, extraFeatures: ['canonicalLinkHeader', 'mirroring'] });
    expect(info.extraFeatures).toEqual(expect.arrayContaining(['sizeUpscaling', 'mirroring', 'rotationArbitrary', 'regionByPct', 'canonicalLinkHeader']));
    expect(new Set(info.extraFeatures).size).toBe(info.extraFeatures.length);
    expect(info.tiles).toEqual([{ width: 512, height: 512, scaleFactors: [1] }]);
  });
  it('carries a rights URI when there is one', () => {
    const rights = 'http://creativecommons.org/licenses/by/4.0/';
    expect(buildInfoJson({ id: ID, width: 10, height: 10, limits: DEFAULT_LIMITS, rights }).rights).toBe(rights);
    expect(buildInfoJson({ id: ID, width: 10, height: 10, limits: DEFAULT_LIMITS, rights: null })).not.toHaveProperty('rights');
  });
  it('keeps tiles within limits smaller than a tile', () => {
    const info = buildInfoJson({ id: ID, width: 5000, height: 5000, limits: { maxWidth: 400, maxHeight: 400, maxArea: 160_000 } });
    expect(info.tiles[0].width).toBe(400);
    expect(info.sizes.every((s) => s.width <= 400 && s.height <= 400)).toBe(true);
  });
});

describe('info.json against a real pyramid', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('names the levels buildPyramid writes, for odd sizes too', async () => {
    for (const [w, h] of [[3000, 2000], [1025, 700], [1023, 333], [2049, 4097], [512, 100]]) {
      const src = path.join(dir, `${w}x${h}.png`);
      await sharp({ create: { width: w, height: h, channels: 3, background: '#6a8' } }).png().toFile(src);
      const tif = path.join(dir, `${w}x${h}.tif`);
      await buildPyramid(src, tif);
      const levels = await readPyramidLevels(tif);
      expect(levels.map((l) => l.factor), `${w}×${h}`).toEqual(pyramidScaleFactors(w, h));
      const info = buildInfoJson({ id: ID, width: w, height: h, limits: DEFAULT_LIMITS });
      expect(info.sizes, `${w}×${h}`).toEqual(levels.map((l) => ({ width: l.width, height: l.height })).reverse());
    }
  });
  it('describes only tiles and sizes that the service accepts (implementation notes, section 3)', () => {
    const [width, height] = [12_000, 8400];
    const info = buildInfoJson({ id: ID, width, height, limits: DEFAULT_LIMITS });
    const image = { width, height };
    let requests = 0;
    for (const { width: tw, height: th, scaleFactors } of info.tiles) {
      for (const s of scaleFactors) {
        for (let n = 0; n * tw * s < width; n++) {
          for (let m = 0; m * th * s < height; m++) {
            const xr = n * tw * s;
            const yr = m * th * s;
            const wr = Math.min(tw * s, width - xr);
            const hr = Math.min(th * s, height - yr);
            const ws = xr + tw * s > width ? Math.floor((width - xr + s - 1) / s) : tw;
            const hs = yr + th * s > height ? Math.floor((height - yr + s - 1) / s) : th;
            const req = parseImageRequest({ region: `${xr},${yr},${wr},${hr}`, size: `${ws},${hs}`, rotation: '0', quality: 'default', format: 'jpg' }, image, DEFAULT_LIMITS);
            expect(req.size).toEqual({ w: ws, h: hs });
            requests++;
          }
        }
      }
    }
    for (const s of info.sizes) {
      const req = parseImageRequest({ region: 'full', size: `${s.width},${s.height}`, rotation: '0', quality: 'default', format: 'jpg' }, image, DEFAULT_LIMITS);
      expect(req.size).toEqual({ w: s.width, h: s.height });
    }
    expect(requests).toBeGreaterThan(500);
  });
});
