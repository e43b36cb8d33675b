import Fastify from 'fastify';
import { createImageCache } from '../src/modules/media/iiif/iiif-cache';
import { IiifError, type SourceImage } from '../src/modules/media/iiif/iiif-image.types';
import { DEFAULT_LIMITS, buildInfoJson } from '../src/modules/media/iiif/iiif-info';
import { parseImageRequest } from '../src/modules/media/iiif/iiif-request';
import { renderImage } from '../src/modules/media/iiif/iiif-render';

// The minimal IIIF image server of the benchmark, in its own process (forked by bench/iiif.ts) so that
// the load generator does not share its event loop: parseImageRequest, then the cache, else renderImage.
// Reads its setup from IIIF_BENCH_SETUP and sends its port to the parent.

/** What bench/iiif.ts tells the server to serve. */
export interface IiifServerSetup {
  /** The pyramidal TIFF and its size. */
  source: SourceImage;
  cacheDir: string;
  cacheBytes: number;
  /** Send whole stored JPEG tiles as they are (renderImage's default), or render every tile. */
  reuseStoredTiles: boolean;
}

const setup = JSON.parse(process.env.IIIF_BENCH_SETUP ?? 'null') as IiifServerSetup | null;
if (!setup || !process.send) throw new Error('bench/iiif-server.ts is forked by bench/iiif.ts');

const cache = createImageCache({ dir: setup.cacheDir, maxBytes: setup.cacheBytes });
const app = Fastify({ logger: false });
const counts = { cached: 0, stored: 0, rendered: 0 };

app.get<{ Params: { id: string } }>('/iiif/3/:id/info.json', async (request, reply) => {
  if (request.params.id !== 'bench') return reply.code(404).send('not found');
  const base = `http://${request.headers.host}/iiif/3/bench`;
  return reply.type('application/ld+json').send(buildInfoJson({ id: base, width: setup.source.width, height: setup.source.height, limits: DEFAULT_LIMITS }));
});

app.get<{ Params: { id: string; region: string; size: string; rotation: string; file: string } }>('/iiif/3/:id/:region/:size/:rotation/:file', async (request, reply) => {
  const { id, region, size, rotation, file } = request.params;
  if (id !== 'bench') return reply.code(404).send('not found');
  const dot = file.lastIndexOf('.');
  try {
    const req = parseImageRequest({ region, size, rotation, quality: file.slice(0, dot), format: dot < 0 ? '' : file.slice(dot + 1) }, setup.source, DEFAULT_LIMITS);
    const key = `${id}/${req.canonical}`;
    const cached = await cache.get(key);
    const type = req.format === 'jpg' ? 'image/jpeg' : `image/${req.format}`;
    if (cached) {
      counts.cached++;
      return reply.type(type).send(cached);
    }
    const { body, contentType, stored } = await renderImage(setup.source, req, { reuseStoredTiles: setup.reuseStoredTiles });
    counts[stored ? 'stored' : 'rendered']++;
    // Answer first; the cache write must not delay the response.
    cache.put(key, body).catch((e) => process.stderr.write(`iiif bench cache: ${(e as Error).message}\n`));
    return reply.type(contentType).send(body);
  } catch (e) {
    if (e instanceof IiifError) return reply.code(e.status).type('text/plain').send(e.message);
    throw e;
  }
});

app.get('/counts', async () => ({ ...counts, cacheBytes: cache.size() }));

await app.listen({ host: '127.0.0.1', port: 0 });
process.send({ port: (app.server.address() as { port: number }).port });
process.on('disconnect', () => void app.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
