import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import sharp from 'sharp';

/** The sizes a browser or an operating system picks from (pixels, square). */
const SIZES = [16, 32, 48];

/**
 * An ICO file holding PNG images (the form Windows Vista and every current browser read): a
 * 6-byte header, a 16-byte directory entry per image, then the images. Widths of 256 are
 * written as 0, as the format wants; ours are smaller.
 */
export function icoOf(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt8(0, at + 2); // no palette
    header.writeUInt8(0, at + 3); // reserved
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

let icon: Promise<{ body: Buffer; etag: string }> | undefined;

/** The site's logo (assets/logo.svg) drawn by sharp at each size, once per process. */
function favicon(): Promise<{ body: Buffer; etag: string }> {
  icon ??= (async () => {
    const svg = fs.readFileSync(new URL('./assets/logo.svg', import.meta.url));
    const images = await Promise.all(SIZES.map(async (size) => ({ size, png: await sharp(svg, { density: 72 * (size / 64) * 4 }).resize(size, size).png().toBuffer() })));
    const body = icoOf(images);
    return { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 12)}"` };
  })();
  return icon;
}

/**
 * `/favicon.ico`: pages declare the SVG logo as their icon, but browsers still ask for this
 * path (for a JSON or XML document opened directly, for bookmarks), as do feed readers and
 * harvesters' dashboards. Answering it keeps those requests from showing up as 404s.
 */
export const faviconRoutes: FastifyPluginAsync = async (app) => {
  app.get('/favicon.ico', async (request, reply) => {
    const { body, etag } = await favicon();
    reply.header('etag', etag).header('cache-control', 'public, max-age=86400').type('image/x-icon');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.send(body);
  });
};
