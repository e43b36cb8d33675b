import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { sharedData } from '../../../../test/helpers/shared-data';

/** Images for the IIIF tests: the IIIF validator's test image and images generated with sharp. */

/** The IIIF conformance test image: 1000×1000, a 10×10 grid of coloured squares. */
export const TEST_IMAGE = sharedData('iiif-test-image', '67352ccc-d1b0-11e1-89ae-279075081939.png');

export const RED = [255, 0, 0];
export const GREEN = [0, 255, 0];
export const BLUE = [0, 0, 255];
export const YELLOW = [255, 255, 0];

/** A fresh temporary directory. */
export function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'iiif-test-'));
}

/** A PNG of `width`×`height` in four quadrants: red top left, green top right, blue bottom left, yellow bottom right. */
export async function quadrants(file: string, width: number, height: number): Promise<string> {
  const w = Math.floor(width / 2);
  const h = Math.floor(height / 2);
  const block = (rgb: number[], bw: number, bh: number) => ({ create: { width: bw, height: bh, channels: 3 as const, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } });
  await sharp(block(RED, width, height))
    .composite([
      { input: block(GREEN, width - w, h), left: w, top: 0 },
      { input: block(BLUE, w, height - h), left: 0, top: h },
      { input: block(YELLOW, width - w, height - h), left: w, top: h },
    ])
    .removeAlpha()
    .png()
    .toFile(file);
  return file;
}

/** A valid 1×1 PNG whose header declares `width`×`height`: a decompression bomb's header. */
export async function lyingPng(file: string, width: number, height: number): Promise<string> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer();
  // IHDR starts at byte 8: length (4), "IHDR" (4), width (4), height (4), 5 more bytes, CRC (4).
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeInt32BE(crc32(png.subarray(12, 29)), 29);
  await fs.writeFile(file, png);
  return file;
}

/** A JPEG cut off after half of its bytes. */
export async function truncatedJpeg(file: string): Promise<string> {
  const jpeg = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).jpeg().toBuffer();
  await fs.writeFile(file, jpeg.subarray(0, jpeg.length >> 1));
  return file;
}

/** Decodes an image to raw pixels with a pixel reader. */
export async function pixels(body: Buffer | string) {
  const { data, info } = await sharp(body).raw().toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    channels: info.channels,
    data,
    at(x: number, y: number): number[] {
      const i = (y * info.width + x) * info.channels;
      return Array.from(data.subarray(i, i + info.channels));
    },
  };
}

/** True when two colours differ by at most `tolerance` in every channel compared. */
export function near(actual: number[], expected: number[], tolerance = 8): boolean {
  return expected.every((v, i) => Math.abs(actual[i] - v) <= tolerance);
}

function crc32(bytes: Uint8Array): number {
  let crc = -1;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ -1) | 0;
}
