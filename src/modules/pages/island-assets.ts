import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { islands, type Island, type IslandName } from '../../islands/bundle';

const OSD_IMAGES = path.join(path.dirname(createRequire(import.meta.url).resolve('openseadragon')), 'images');
const ICON = /^[a-z_]+\.png$/;
let bundled: Map<IslandName, Island> | null = null;

/** The URL of a client island's script, versioned by its hash (the islands are bundled when the app starts). */
export function islandUrl(name: IslandName): string {
  const island = bundled?.get(name);
  return island ? `/assets/islands/${name}.js?v=${island.hash}` : `/assets/islands/${name}.js`;
}

/** Where the viewer finds its button icons (OpenSeadragon's own, from node_modules). */
export const VIEWER_ICONS = '/assets/openseadragon/';

/** Serves the bundled islands and the viewer's icons; both immutable once versioned. */
export const islandRoutes: FastifyPluginAsync = async (app) => {
  bundled = await islands();

  app.get<{ Params: { name: string }; Querystring: { v?: string } }>('/assets/islands/:name', async (request, reply) => {
    const island = bundled!.get(request.params.name.replace(/\.js$/, '') as IslandName);
    if (!island || !request.params.name.endsWith('.js')) return reply.callNotFound();
    const etag = `"${island.hash}"`;
    reply.header('etag', etag).header('cache-control', request.query.v === island.hash ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(island.body);
  });

  app.get<{ Params: { name: string } }>('/assets/openseadragon/:name', async (request, reply) => {
    // Only plain icon names: the parameter never becomes a path outside the icon folder.
    if (!ICON.test(request.params.name)) return reply.callNotFound();
    const file = path.join(OSD_IMAGES, request.params.name);
    if (!fs.existsSync(file)) return reply.callNotFound();
    return reply.header('cache-control', 'public, max-age=604800').type('image/png').send(fs.createReadStream(file));
  });
};
