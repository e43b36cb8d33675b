import fsp from 'node:fs/promises';
import type { Config } from '../../config/config';
import { nowIso } from '../../shared/ids';
import type { JobContext, JobHandler } from '../jobs/job.types';
import { buildPyramid } from './iiif/iiif-derivative';
import { DEFAULT_LIMITS } from './iiif/iiif-info';
import { renderImage } from './iiif/iiif-render';
import { parseImageRequest } from './iiif/iiif-request';
import { mediaRepository as repo } from './media.repository';
import type { MediaStore } from './media.storage';

/** The kind of the job that builds an image's derivatives. */
export const DERIVATIVES_JOB = 'media.derivatives';

/** Widths of the JPEG thumbnails pages show. */
export const THUMB_WIDTHS = [200, 800] as const;

/** The store key of the tiled pyramidal TIFF the IIIF service reads. */
export const pyramidKey = (key: string): string => `${key}.pyramid.tif`;

/** The store key of a thumbnail. */
export const thumbKey = (key: string, width: number): string => `${key}.thumb-${width}.jpg`;

/** Every derivative key of an original, for deletion. */
export function derivativeKeys(key: string): string[] {
  return [pyramidKey(key), ...THUMB_WIDTHS.map((w) => thumbKey(key, w))];
}

interface Checkpoint {
  done: string[];
  dims?: { width: number; height: number };
}

/** The job handlers of this module, for a job runner (the server's, or the CLI's `runJobNow`). */
export function mediaJobHandlers(deps: { files: MediaStore; config: Pick<Config, 'maxImagePixels'> }): Record<string, JobHandler> {
  return { [DERIVATIVES_JOB]: (ctx, payload: { mediaId: string }) => buildDerivatives(deps, ctx, payload.mediaId) };
}

/**
 * Builds the pyramid, then each thumbnail, saving a checkpoint after each step so a resumed job
 * skips what is done. A failure marks the image failed with a message saying why, and fails the job.
 */
async function buildDerivatives(deps: { files: MediaStore; config: Pick<Config, 'maxImagePixels'> }, ctx: JobContext, mediaId: string) {
  const { files } = deps;
  const row = await repo.find(ctx.store.db, mediaId);
  if (!row) return { skipped: 'the image was deleted before its derivatives were built' };
  if (!files.path) throw new Error('Derivatives need a media store with local files');
  const key = row.storage_key;
  const saved = (ctx.checkpoint as Checkpoint | null) ?? { done: [] };
  const done = new Set(saved.done);
  let dims = saved.dims ?? { width: row.width, height: row.height };
  const total = 100;
  try {
    if (!done.has('pyramid') || !(await files.exists(pyramidKey(key)))) {
      await ctx.progress(0, total, 'Building the tiled pyramid');
      await files.putFile(pyramidKey(key), async (tmp) => {
        dims = await buildPyramid(files.path!(key), tmp, {
          limitInputPixels: deps.config.maxImagePixels,
          onProgress: (percent) => void ctx.progress(Math.floor(percent * 0.8), total),
        });
      });
      done.add('pyramid');
      await ctx.saveCheckpoint({ done: [...done], dims } satisfies Checkpoint);
    }
    for (const [i, width] of THUMB_WIDTHS.entries()) {
      ctx.signal.throwIfAborted();
      const step = `thumb-${width}`;
      if (done.has(step) && (await files.exists(thumbKey(key, width)))) continue;
      await ctx.progress(80 + i * 10, total, `Making the ${width} px thumbnail`);
      const size = `${Math.min(width, dims.width)},`;
      const request = parseImageRequest({ region: 'full', size, rotation: '0', quality: 'default', format: 'jpg' }, dims, DEFAULT_LIMITS);
      const { body } = await renderImage({ path: files.path(pyramidKey(key)), ...dims }, request);
      await files.putFile(thumbKey(key, width), (tmp) => fsp.writeFile(tmp, body));
      done.add(step);
      await ctx.saveCheckpoint({ done: [...done], dims } satisfies Checkpoint);
    }
  } catch (e) {
    // A stopping runner or a cancel is not the image's fault: it stays pending and the job resumes or ends.
    if (ctx.signal.aborted) throw e;
    if (!(await repo.find(ctx.store.db, mediaId))) return deleted(files, key);
    const message = failureMessage(e);
    await repo.update(ctx.store.db, mediaId, { status: 'failed', error: message, updated_at: nowIso() });
    throw new Error(message);
  }
  await ctx.progress(total, total, 'Ready');
  await repo.update(ctx.store.db, mediaId, { status: 'ready', error: null, width: dims.width, height: dims.height, updated_at: nowIso() });
  if (!(await repo.find(ctx.store.db, mediaId))) return deleted(files, key);
  await repo.refreshRecordFlag(ctx.store.db, row.record_id);
  return { width: dims.width, height: dims.height, derivatives: derivativeKeys(key).length };
}

// The image was deleted while its derivatives were built: nothing may be left of it.
async function deleted(files: MediaStore, key: string) {
  await Promise.all(derivativeKeys(key).map((k) => files.delete(k)));
  return { skipped: 'the image was deleted while its derivatives were built' };
}

function failureMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  if (/premature end|truncat|unexpected end|end of (file|stream)|read error|short read|corrupt|invalid|bad (huffman|marker)/i.test(raw)) {
    return `The image file is damaged or incomplete (${raw.trim()}); upload it again`;
  }
  if (/pixel limit/i.test(raw)) return `The image has more pixels than this server decodes (HERITAGE_MAX_IMAGE_PIXELS): ${raw.trim()}`;
  return `The image could not be processed: ${raw.trim()}`;
}
