import fs from 'node:fs/promises';
import sharp from 'sharp';
import { FORMAT_CONTENT_TYPE, type ImageRequest, type SourceImage } from './iiif-image.types';
import { readStoredTile, readStoredTiles, type StoredTiles } from './iiif-tiff-tiles';

/** One resolution of a source: page `page` of the file, `factor` times smaller than the full image. */
export interface PyramidLevel {
  page: number;
  factor: number;
  width: number;
  height: number;
  /** Its JPEG tiles, when they can be sent as they are stored. */
  stored: StoredTiles | null;
}

const JPEG_QUALITY = 80;
const WHITE = { r: 255, g: 255, b: 255, alpha: 1 };
const TRANSPARENT = { r: 0, g: 0, b: 0, alpha: 0 };
// Output within 1% (and 1 px) of a level's extent is taken from that level: the last tile of a level is
// often half a pixel larger in IIIF's rounding than in the pyramid's, and reading the next larger level
// for it would cost four times the decoding.
const LEVEL_TOLERANCE = 0.01;

/**
 * Renders a validated request from a source with sharp: reads only the tiles of the smallest pyramid
 * level that still has the resolution asked for, never more pixels than that level declares, then
 * scales, mirrors, rotates (clockwise; a larger canvas for other angles than multiples of 90, white for
 * jpg, transparent for png and webp), applies the quality and encodes. A request for exactly one whole
 * stored tile, as a plain jpg, gets the stored JPEG tile itself, neither decoded nor encoded again
 * (unless `reuseStoredTiles` is false).
 */
export async function renderImage(
  source: SourceImage,
  req: ImageRequest,
  opts: { reuseStoredTiles?: boolean } = {},
): Promise<{ body: Buffer; contentType: string; /** True when the body is a stored tile. */ stored: boolean }> {
  const levels = await readPyramidLevels(source.path);
  if (levels[0].width !== source.width || levels[0].height !== source.height) {
    throw new Error(`image file is ${levels[0].width}×${levels[0].height}, not the ${source.width}×${source.height} recorded for it`);
  }
  const { level, area } = chooseLevel(levels, req);
  const stored = opts.reuseStoredTiles === false ? null : await storedTile(source.path, level, area, req);
  if (stored) return { body: stored, contentType: FORMAT_CONTENT_TYPE.jpg, stored: true };
  let image = sharp(source.path, { page: level.page, limitInputPixels: level.width * level.height }).extract(area);
  if (area.width !== req.size.w || area.height !== req.size.h) {
    image = image.resize(req.size.w, req.size.h, { fit: 'fill' });
  }
  if (req.mirror) image = image.flop();
  const angle = req.rotation % 360;
  if (angle !== 0) {
    image = angle % 90 === 0 ? image.rotate(angle) : image.rotate(angle, { background: req.format === 'jpg' ? WHITE : TRANSPARENT });
  }
  if (req.format === 'jpg') image = image.flatten({ background: WHITE });
  if (req.quality === 'gray') image = image.grayscale();
  else if (req.quality === 'bitonal') image = image.threshold(128);
  // Huffman optimisation saves about 12% of the bytes but doubles the encoding time of a tile.
  if (req.format === 'jpg') image = image.jpeg({ quality: JPEG_QUALITY, optimiseCoding: false });
  else if (req.format === 'png') image = image.png({ compressionLevel: 6 });
  else image = image.webp({ quality: JPEG_QUALITY, effort: 2 });
  return { body: await image.toBuffer(), contentType: FORMAT_CONTENT_TYPE[req.format], stored: false };
}

/** The smallest level whose pixels cover the requested size, and the area of the region on it. */
export function chooseLevel(levels: PyramidLevel[], req: Pick<ImageRequest, 'region' | 'size'>): { level: PyramidLevel; area: Area } {
  const covers = (extent: number, wanted: number) => extent >= wanted || (extent >= wanted - 1 && extent >= wanted * (1 - LEVEL_TOLERANCE));
  for (let i = levels.length - 1; i >= 0; i--) {
    const area = areaOn(levels[i], req.region);
    if (i === 0 || (covers(area.width, req.size.w) && covers(area.height, req.size.h))) return { level: levels[i], area };
  }
  throw new Error('a source has at least one level');
}

const levelCache = new Map<string, { stamp: string; levels: PyramidLevel[] }>();
const LEVEL_CACHE_ENTRIES = 512;

/**
 * The levels of an image file: every page of a TIFF pyramid built by libvips (each half of the one
 * before, rounded down), else the image alone. Read from the headers once per file version.
 */
export async function readPyramidLevels(path: string): Promise<PyramidLevel[]> {
  const stat = await fs.stat(path);
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const cached = levelCache.get(path);
  if (cached?.stamp === stamp) return cached.levels;
  // Headers only: the size is checked against the recorded one before any pixel is decoded.
  const first = await sharp(path, { limitInputPixels: false }).metadata();
  if (!first.width || !first.height) throw new Error('image file without dimensions');
  const stored = first.format === 'tiff' ? await readStoredTiles(path).catch(() => []) : [];
  const storedOf = (page: number, width: number, height: number) => {
    const s = stored[page];
    return s && s.width === width && s.height === height ? s : null;
  };
  const levels: PyramidLevel[] = [{ page: 0, factor: 1, width: first.width, height: first.height, stored: storedOf(0, first.width, first.height) }];
  for (let page = 1; first.format === 'tiff' && page < (first.pages ?? 1); page++) {
    const m = await sharp(path, { page }).metadata();
    const prev = levels[levels.length - 1];
    if (m.width !== Math.floor(prev.width / 2) || m.height !== Math.floor(prev.height / 2)) break;
    levels.push({ page, factor: prev.factor * 2, width: m.width, height: m.height, stored: storedOf(page, m.width, m.height) });
  }
  if (levelCache.size >= LEVEL_CACHE_ENTRIES) levelCache.delete(levelCache.keys().next().value!);
  levelCache.set(path, { stamp, levels });
  return levels;
}

/**
 * The stored tile that is the whole answer, if there is one: a jpg in the default or color quality,
 * neither mirrored nor rotated, of exactly one whole tile of a level at that level's resolution.
 */
export async function storedTile(path: string, level: PyramidLevel, area: Area, req: ImageRequest): Promise<Buffer | null> {
  const s = level.stored;
  if (!s || req.format !== 'jpg' || (req.quality !== 'default' && req.quality !== 'color') || req.mirror || req.rotation % 360 !== 0) return null;
  if (area.width !== req.size.w || area.height !== req.size.h || area.width !== s.tileWidth || area.height !== s.tileHeight) return null;
  if (area.left % s.tileWidth !== 0 || area.top % s.tileHeight !== 0) return null;
  return readStoredTile(path, s, area.left / s.tileWidth, area.top / s.tileHeight);
}

type Area = { left: number; top: number; width: number; height: number };

function areaOn(level: PyramidLevel, region: ImageRequest['region']): Area {
  const left = Math.min(level.width - 1, Math.floor(region.x / level.factor));
  const top = Math.min(level.height - 1, Math.floor(region.y / level.factor));
  const right = Math.max(left + 1, Math.min(level.width, Math.ceil((region.x + region.w) / level.factor)));
  const bottom = Math.max(top + 1, Math.min(level.height, Math.ceil((region.y + region.h) / level.factor)));
  return { left, top, width: right - left, height: bottom - top };
}
