import { createHash } from 'node:crypto';
import fs from 'node:fs';
import sharp from 'sharp';
import { pyramidScaleFactors } from '../src/modules/media/iiif/iiif-info';
import { mulberry32 } from './generate';

/** The IIIF benchmark's image: 100.8 megapixels, generated from a seed. */
export const IIIF_IMAGE = { width: 12_000, height: 8_400 } as const;
/** The tile size requested, that of the pyramid. */
export const IIIF_TILE = 512;

/**
 * Writes a deterministic photograph-like JPEG (quality 92) of IIIF_IMAGE's size: a smooth colour field
 * (seeded value noise, bilinear between knots 192 px apart) with seeded fine grain, so that tiles at
 * full resolution carry detail the way a scan does. Answers the file's SHA-256: the same for the same
 * seed and libvips.
 */
export async function generateIiifImage(file: string, seed: number): Promise<string> {
  const { width, height } = IIIF_IMAGE;
  const rand = mulberry32(seed);
  const step = 192;
  const gw = Math.ceil(width / step) + 2;
  const gh = Math.ceil(height / step) + 2;
  const knots = Float32Array.from({ length: gw * gh * 3 }, () => 30 + rand() * 195);
  // A grain tile of a size prime to the 512 px tiles, so that neighbouring tiles differ.
  const grain = 1021;
  const noise = Float32Array.from({ length: grain * grain }, () => (rand() + rand() + rand() - 1.5) * 36);
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const iy = Math.floor(y / step);
    const fy = y / step - iy;
    const row = (y % grain) * grain;
    for (let x = 0; x < width; x++) {
      const ix = Math.floor(x / step);
      const fx = x / step - ix;
      const g = noise[row + (x % grain)];
      const k00 = (iy * gw + ix) * 3;
      const k10 = k00 + 3;
      const k01 = k00 + gw * 3;
      const k11 = k01 + 3;
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const top = knots[k00 + c] + (knots[k10 + c] - knots[k00 + c]) * fx;
        const bottom = knots[k01 + c] + (knots[k11 + c] - knots[k01 + c]) * fx;
        pixels[o + c] = Math.max(0, Math.min(255, top + (bottom - top) * fy + g));
      }
    }
  }
  await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).toFile(file);
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** A IIIF tile request (region and size) of the image, at scale factor `sf`. */
export interface TileUrl {
  sf: number;
  path: string;
}

/**
 * Every 512 px tile of the image at every scale factor of its info.json, computed as the Image API's
 * implementation notes do, in a seeded random order: a viewer's requests without its locality.
 */
export function tileUrls(seed: number): TileUrl[] {
  const { width, height } = IIIF_IMAGE;
  const tiles: TileUrl[] = [];
  for (const sf of pyramidScaleFactors(width, height, IIIF_TILE)) {
    const span = IIIF_TILE * sf;
    for (let y = 0; y < height; y += span) {
      for (let x = 0; x < width; x += span) {
        const w = Math.min(span, width - x);
        const h = Math.min(span, height - y);
        const ws = Math.ceil(w / sf);
        const hs = Math.ceil(h / sf);
        tiles.push({ sf, path: `${x},${y},${w},${h}/${ws},${hs}/0/default.jpg` });
      }
    }
  }
  const rand = mulberry32(seed);
  for (let i = tiles.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [tiles[i], tiles[j]] = [tiles[j], tiles[i]];
  }
  return tiles;
}
