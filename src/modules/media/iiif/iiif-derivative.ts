import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { DEFAULT_TILE_SIZE } from './iiif-info';

/** Sources above this many pixels are refused unless the caller passes its own limit (about 16,383²). */
export const DEFAULT_INPUT_PIXELS = 268_402_689;

const PROGRESS_INTERVAL_MS = 250;
// Bytes per full-resolution pixel of a finished pyramid (all levels, JPEG quality 85) for a grainy
// photograph: only to estimate progress while libvips writes, since sharp reports none.
const ESTIMATED_BYTES_PER_PIXEL = 0.35;
// At 90 and above libvips stores RGB JPEG tiles without chroma subsampling: about three times the
// bytes and twice the decoding time per tile, for no visible gain at this quality.
const JPEG_QUALITY = 85;

/**
 * Builds the image service's derivative: an upright (EXIF orientation applied), 8-bit sRGB or gray,
 * tiled (512 px) pyramidal TIFF, JPEG-compressed (YCbCr, quality 85; deflate when the source has alpha), each
 * level half the one before. Refuses sources above `limitInputPixels` from their header, before decoding.
 * Writes a temporary file beside `output` and renames it. libvips caches decoded files by name: give a
 * new version of an image a new output path rather than rebuilding over a file that is being served.
 * `onProgress` gets 0, estimates while writing (at most 95), then 100.
 */
export async function buildPyramid(
  input: string,
  output: string,
  opts: { onProgress?: (percent: number) => void; limitInputPixels?: number } = {},
): Promise<{ width: number; height: number }> {
  const limitInputPixels = opts.limitInputPixels ?? DEFAULT_INPUT_PIXELS;
  const meta = await sharp(input, { limitInputPixels }).metadata();
  if (!meta.width || !meta.height) throw new Error('the image has no dimensions');
  if (meta.width * meta.height > limitInputPixels) {
    throw new Error(`the image is ${meta.width}×${meta.height}, above the limit of ${limitInputPixels} pixels`);
  }
  const gray = meta.channels !== undefined && meta.channels <= 2 && meta.space !== 'cmyk';
  const temp = path.join(path.dirname(output), `.${path.basename(output)}.${process.pid}.${Date.now()}.tmp`);
  opts.onProgress?.(0);
  const estimate = meta.width * meta.height * ESTIMATED_BYTES_PER_PIXEL * (gray ? 0.5 : 1);
  let reported = 0;
  const timer = opts.onProgress
    ? setInterval(() => {
        fs.stat(temp)
          .then((s) => {
            const percent = Math.min(95, Math.floor((100 * s.size) / estimate));
            if (percent > reported && reported < 100) opts.onProgress!((reported = percent));
          })
          .catch(() => {});
      }, PROGRESS_INTERVAL_MS)
    : null;
  // libtiff refuses to read back a tile much larger than the whole image (icons, seals, small
  // scans): such images get one tile of their own size, rounded up to the 16 px JPEG blocks.
  const side = Math.max(meta.width ?? DEFAULT_TILE_SIZE, meta.height ?? DEFAULT_TILE_SIZE);
  const tile = side >= DEFAULT_TILE_SIZE ? DEFAULT_TILE_SIZE : Math.max(16, Math.ceil(side / 16) * 16);
  try {
    await sharp(input, { limitInputPixels, sequentialRead: true })
      .autoOrient()
      .toColourspace(gray ? 'b-w' : 'srgb')
      .tiff({
        tile: true,
        pyramid: true,
        tileWidth: tile,
        tileHeight: tile,
        ...(meta.hasAlpha ? { compression: 'deflate', predictor: 'horizontal' } : { compression: 'jpeg', quality: JPEG_QUALITY }),
      })
      .toFile(temp);
    const written = await sharp(temp).metadata();
    await fs.rename(temp, output);
    reported = 100;
    opts.onProgress?.(100);
    return { width: written.width!, height: written.height! };
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  } finally {
    if (timer) clearInterval(timer);
  }
}
