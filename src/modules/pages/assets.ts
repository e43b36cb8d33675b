import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';

interface Asset {
  body: Buffer;
  type: string;
  hash: string;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const dir = new URL('./assets/', import.meta.url);

/** The files of `assets/`, read once: they are few and small. */
const assets: Map<string, Asset> = new Map(
  fs
    .readdirSync(dir)
    .filter((name) => TYPES[extension(name)])
    .map((name) => {
      const body = fs.readFileSync(new URL(name, dir));
      return [name, { body, type: TYPES[extension(name)], hash: createHash('sha256').update(body).digest('hex').slice(0, 12) }];
    }),
);

/** The URL of an asset with its content hash, so it can be cached for good and still change on deploy. */
export function assetUrl(name: string): string {
  const a = assets.get(name);
  return a ? `/assets/${name}?v=${a.hash}` : `/assets/${name}`;
}

/** Serves `/assets/:name`: immutable for a year when asked with the current hash, an hour otherwise; 304 on a matching ETag. */
export const assetRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { name: string }; Querystring: { v?: string } }>('/assets/:name', async (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) return reply.callNotFound();
    const etag = `"${asset.hash}"`;
    reply
      .header('etag', etag)
      .header('cache-control', request.query.v === asset.hash ? 'public, max-age=31536000, immutable' : 'public, max-age=3600')
      .type(asset.type);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.send(asset.body);
  });
};

function extension(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? '' : name.slice(i).toLowerCase();
}
