import type { ImageLimits } from './iiif-image.types';

/** Limits of the image service: larger responses are refused (400) before anything is decoded. */
export const DEFAULT_LIMITS: ImageLimits = Object.freeze({ maxWidth: 10_000, maxHeight: 10_000, maxArea: 25_000_000 });

/** The tile size of the pyramids built by `buildPyramid`, and so of info.json. */
export const DEFAULT_TILE_SIZE = 512;

/** The image request features implemented by `parseImageRequest` and `renderImage` (spec 5.7). */
export const IMAGE_FEATURES = [
  'mirroring',
  'regionByPct',
  'regionByPx',
  'regionSquare',
  'rotationArbitrary',
  'rotationBy90s',
  'sizeByConfinedWh',
  'sizeByH',
  'sizeByPct',
  'sizeByW',
  'sizeByWh',
  'sizeUpscaling',
] as const;

/** An image information document (spec 5) as buildInfoJson writes it. */
export interface InfoJson {
  '@context': string;
  id: string;
  type: 'ImageService3';
  protocol: 'http://iiif.io/api/image';
  profile: 'level2';
  width: number;
  height: number;
  maxWidth: number;
  maxHeight: number;
  maxArea: number;
  tiles: { width: number; height: number; scaleFactors: number[] }[];
  sizes: { width: number; height: number }[];
  extraFormats: string[];
  extraQualities: string[];
  extraFeatures: string[];
  rights?: string;
}

/**
 * The image information document (IIIF Image API 3.0, section 5) of one image: level 2, its limits,
 * 512 px tiles at the scale factors of its pyramid and the pyramid's level sizes that fit the limits.
 * `extraFeatures` adds what the HTTP layer provides (e.g. `canonicalLinkHeader`, `profileLinkHeader`).
 */
export function buildInfoJson(opts: {
  id: string;
  width: number;
  height: number;
  limits: ImageLimits;
  tileSize?: number;
  rights?: string | null;
  extraFeatures?: string[];
}): InfoJson {
  const { width, height, limits } = opts;
  const tileSize = Math.min(opts.tileSize ?? DEFAULT_TILE_SIZE, limits.maxWidth, limits.maxHeight, Math.floor(Math.sqrt(limits.maxArea)));
  const scaleFactors = pyramidScaleFactors(width, height, tileSize);
  const sizes = scaleFactors
    .map((sf) => levelSize(width, height, sf))
    .filter((s) => s.width <= limits.maxWidth && s.height <= limits.maxHeight && s.width * s.height <= limits.maxArea)
    .reverse();
  const info: InfoJson = {
    '@context': 'http://iiif.io/api/image/3/context.json',
    id: opts.id.replace(/\/+$/, ''),
    type: 'ImageService3',
    protocol: 'http://iiif.io/api/image',
    profile: 'level2',
    width,
    height,
    maxWidth: limits.maxWidth,
    maxHeight: limits.maxHeight,
    maxArea: limits.maxArea,
    tiles: [{ width: tileSize, height: tileSize, scaleFactors }],
    sizes,
    extraFormats: ['png', 'webp'],
    extraQualities: ['color', 'gray', 'bitonal'],
    extraFeatures: [...new Set([...IMAGE_FEATURES, ...(opts.extraFeatures ?? [])])],
  };
  if (opts.rights) info.rights = opts.rights;
  return info;
}

/**
 * Scale factors 1, 2, 4, … up to the first whose level fits in one tile: the levels of a libvips
 * pyramid, which halves (rounding down) until a level fits within a tile.
 */
export function pyramidScaleFactors(width: number, height: number, tileSize = DEFAULT_TILE_SIZE): number[] {
  const factors = [1];
  for (let level = levelSize(width, height, 1); level.width > tileSize || level.height > tileSize; ) {
    const sf = factors[factors.length - 1] * 2;
    factors.push(sf);
    level = levelSize(width, height, sf);
  }
  return factors;
}

/** The size of the pyramid level at scale factor `sf` (libvips rounds each halving down). */
export function levelSize(width: number, height: number, sf: number): { width: number; height: number } {
  return { width: Math.max(1, Math.floor(width / sf)), height: Math.max(1, Math.floor(height / sf)) };
}
