import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { loadConfig } from '../../config/config';
import { createJobRunner } from '../jobs/job.runner';
import type { Store } from '../records/record.store';
import { mediaJobHandlersFor } from './media.module';

/** A JPEG of this size with varied content (so tiles and thumbnails differ). */
export async function jpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#8a5a2b', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 70 })
    .toBuffer();
}

/** A PNG of this size. */
export async function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#2b5a8a' } }).png().toBuffer();
}

/** A tiny PNG whose header declares `width` × `height` pixels: a decompression bomb. */
export function bombPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(4096))), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * An uncompressed RGB TIFF generated while it is read (never held in memory), with its directory
 * after the pixels as some scanners write it; `bytes` is its length.
 */
export function tiffStream(width: number, height: number): { stream: Readable; bytes: number } {
  const rowsPerStrip = 16;
  const strips = Math.ceil(height / rowsPerStrip);
  const stripBytes = width * 3 * rowsPerStrip;
  const pixels = width * height * 3;
  const entries = 10;
  const ifdAt = 8 + pixels;
  const extraAt = ifdAt + 2 + entries * 12 + 4;
  const head = Buffer.alloc(8);
  head.write('II*\0', 0, 'latin1');
  head.writeUInt32LE(ifdAt, 4);
  const tags: [number, number, number, number][] = [
    [256, 4, 1, width],
    [257, 4, 1, height],
    [258, 3, 3, extraAt],
    [259, 3, 1, 1],
    [262, 3, 1, 2],
    [273, 4, strips, extraAt + 6],
    [277, 3, 1, 3],
    [278, 4, 1, rowsPerStrip],
    [279, 4, strips, extraAt + 6 + strips * 4],
    [284, 3, 1, 1],
  ];
  const tail = Buffer.alloc(2 + entries * 12 + 4 + 6 + strips * 8);
  tail.writeUInt16LE(entries, 0);
  tags.forEach(([tag, type, count, value], i) => {
    const at = 2 + i * 12;
    tail.writeUInt16LE(tag, at);
    tail.writeUInt16LE(type, at + 2);
    tail.writeUInt32LE(count, at + 4);
    if (type === 3 && count === 1) tail.writeUInt16LE(value, at + 8);
    else tail.writeUInt32LE(value, at + 8);
  });
  let at = extraAt - ifdAt;
  for (const v of [8, 8, 8]) at = tail.writeUInt16LE(v, at);
  for (let i = 0; i < strips; i++) at = tail.writeUInt32LE(8 + i * stripBytes, at);
  for (let i = 0; i < strips; i++) at = tail.writeUInt32LE(Math.min(stripBytes, pixels - i * stripBytes), at);
  const block = Buffer.alloc(width * 3 * 64);
  for (let i = 0; i < block.length; i++) block[i] = (i * 7) & 0xff;
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent === 0) this.push(head);
      if (sent >= pixels) {
        if (sent === pixels) this.push(tail);
        sent = pixels + 1;
        return void this.push(null);
      }
      const n = Math.min(block.length, pixels - sent);
      sent += n;
      this.push(n === block.length ? block : block.subarray(0, n));
    },
  });
  return { stream, bytes: 8 + pixels + tail.length };
}

/** Runs every queued job with the media handlers until none is left, as the server's runner would. */
export async function runMediaJobs(store: Store, dataDir: string): Promise<void> {
  const config = loadConfig({}, { data: dataDir });
  const quiet = { info() {}, warn() {}, error() {} };
  await createJobRunner({ store, handlers: mediaJobHandlersFor(config), leaseMs: 30_000, logger: quiet }).runUntilIdle();
}

/** The files in the media store (temporary files excluded). */
export function storedFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'media');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => !f.startsWith('.tmp') && fs.statSync(path.join(root, f)).isFile());
}

/** Authorization header of a token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const b of buf) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
