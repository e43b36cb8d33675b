import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../../config/config';
import type { ModuleOptions } from '../../shared/request-context';
import { createImageCache } from './iiif/iiif-cache';
import { mediaJobHandlers } from './media.derivatives';
import { iiifRoutes } from './media.iiif.routes';
import { mediaRoutes } from './media.routes';
import { localMediaStore, type MediaStore } from './media.storage';
import { mediaUploadRoutes } from './media.upload.routes';
import { mediaPageRoutes } from './media.page-routes';

/** The configured media store: local disk under `<dataDir>/media`. */
export function mediaStoreFor(config: Pick<Config, 'dataDir'>): MediaStore {
  return localMediaStore(path.join(config.dataDir, 'media'));
}

/** The job handlers of the media module for this configuration (pass them to the job runner). */
export function mediaJobHandlersFor(config: Pick<Config, 'dataDir' | 'maxImagePixels'>) {
  return mediaJobHandlers({ files: mediaStoreFor(config), config });
}

/** The media module: the media API, uploads, the IIIF Image API, thumbnails and the image editor pages. */
export const mediaModule: FastifyPluginAsync<ModuleOptions> = async (app, { store, config }) => {
  const deps = { store, files: mediaStoreFor(config), config };
  const cache = createImageCache({ dir: path.join(config.dataDir, 'cache', 'iiif'), maxBytes: config.iiifCacheBytes });
  await app.register(mediaRoutes, { deps });
  await app.register(mediaUploadRoutes, { deps });
  await app.register(iiifRoutes, { deps, cache });
  await app.register(mediaPageRoutes, { deps });
};
