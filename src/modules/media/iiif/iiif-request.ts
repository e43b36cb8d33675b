import { IiifError, type IiifFormat, type IiifQuality, type ImageLimits, type ImageRequest } from './iiif-image.types';

type Region = ImageRequest['region'];
type Size = ImageRequest['size'];

const QUALITIES: readonly string[] = ['default', 'color', 'gray', 'bitonal'] satisfies IiifQuality[];
const FORMATS: readonly string[] = ['jpg', 'png', 'webp'] satisfies IiifFormat[];
// Formats the specification names that this service does not produce: still a 400 (spec 4.5).
const KNOWN_FORMATS = ['tif', 'gif', 'jp2', 'pdf'];
const INT = /^\d+$/;
// Spec 4.7: only decimal digits and "." (no sign, no exponent).
const FLOAT = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const MAX_PARAM_LENGTH = 64;

/**
 * Parses and validates the image request parameters of the IIIF Image API 3.0 against the image's
 * size and the service's limits, before any decoding; throws IiifError (400) on any bad value.
 */
export function parseImageRequest(
  params: { region: string; size: string; rotation: string; quality: string; format: string },
  image: { width: number; height: number },
  limits: ImageLimits,
): ImageRequest {
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string' || value.length > MAX_PARAM_LENGTH) bad(`${name} is too long`);
  }
  const { region, full } = parseRegion(params.region, image);
  const { size, canonical: sizeCanonical } = parseSize(params.size, region, limits);
  const { mirror, rotation, canonical: rotationCanonical } = parseRotation(params.rotation);
  const quality = parseQuality(params.quality);
  const format = parseFormat(params.format);
  const regionCanonical = full ? 'full' : `${region.x},${region.y},${region.w},${region.h}`;
  return {
    region,
    size,
    mirror,
    rotation,
    quality,
    format,
    canonical: `${regionCanonical}/${sizeCanonical}/${rotationCanonical}/${quality}.${format}`,
  };
}

/** A positive decimal as the specification writes it: an integer when whole, else without trailing zeros. */
export function formatDecimal(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

/** The largest size with the region's aspect ratio within the limits; larger than the region only when `upscale`. */
export function maxSize(region: { w: number; h: number }, limits: ImageLimits, upscale: boolean): Size {
  return fit(region, { w: limits.maxWidth, h: limits.maxHeight }, limits.maxArea, upscale);
}

function parseRegion(text: string, image: { width: number; height: number }): { region: Region; full: boolean } {
  const W = image.width;
  const H = image.height;
  let x: number, y: number, w: number, h: number;
  if (text === 'full') {
    [x, y, w, h] = [0, 0, W, H];
  } else if (text === 'square') {
    const side = Math.min(W, H);
    [x, y, w, h] = [Math.floor((W - side) / 2), Math.floor((H - side) / 2), side, side];
  } else if (text.startsWith('pct:')) {
    const p = text.slice(4).split(',');
    if (p.length !== 4 || !p.every((v) => FLOAT.test(v))) bad(`region "${text}" is not pct:x,y,w,h`);
    const [px, py, pw, ph] = p.map(Number);
    x = Math.round((px * W) / 100);
    y = Math.round((py * H) / 100);
    // A region that is not zero in percent never rounds to zero pixels.
    w = pw > 0 ? Math.max(1, Math.round((pw * W) / 100)) : 0;
    h = ph > 0 ? Math.max(1, Math.round((ph * H) / 100)) : 0;
  } else {
    const p = text.split(',');
    if (p.length !== 4 || !p.every((v) => INT.test(v))) bad(`region "${text}" is not full, square, x,y,w,h or pct:x,y,w,h`);
    [x, y, w, h] = p.map(Number);
  }
  if (w === 0 || h === 0) bad(`region "${text}" has a width or height of zero`);
  if (x >= W || y >= H) bad(`region "${text}" lies outside the image (${W}×${H})`);
  // Spec 4.1: a region extending beyond the image is cropped at its edges.
  w = Math.min(w, W - x);
  h = Math.min(h, H - y);
  return { region: { x, y, w, h }, full: x === 0 && y === 0 && w === W && h === H };
}

const SIZE = /^(\^)?(?:(max)|pct:([^,]+)|(!)?(\d*),(\d*))$/;

function parseSize(text: string, region: Region, limits: ImageLimits): { size: Size; canonical: string } {
  const m = SIZE.exec(text);
  if (!m) bad(`size "${text}" is not max, w,, ,h, pct:n, w,h or !w,h (each optionally prefixed with ^)`);
  const [, caret, max, pct, bang, ws, hs] = m;
  const up = caret === '^';
  const rw = region.w;
  const rh = region.h;
  let size: Size;
  if (max) {
    size = maxSize(region, limits, up);
  } else if (pct !== undefined) {
    if (!FLOAT.test(pct)) bad(`size "${text}": the percentage must be a number`);
    const n = Number(pct);
    if (n === 0) bad(`size "${text}" is zero`);
    if (n > 100 && !up) bad(`size "${text}" is larger than the region: use ^pct:${pct} to upscale`);
    size = { w: Math.max(1, Math.round((rw * n) / 100)), h: Math.max(1, Math.round((rh * n) / 100)) };
  } else {
    if (ws === '' && hs === '') bad(`size "${text}" gives neither a width nor a height`);
    if (bang && (ws === '' || hs === '')) bad(`size "${text}" needs both a width and a height`);
    const w = ws === '' ? null : Number(ws);
    const h = hs === '' ? null : Number(hs);
    if (w === 0 || h === 0) bad(`size "${text}" is zero`);
    if ((w !== null && !Number.isSafeInteger(w)) || (h !== null && !Number.isSafeInteger(h))) bad(`size "${text}" is too large`);
    if (bang) {
      size = fit(region, { w: Math.min(w!, limits.maxWidth), h: Math.min(h!, limits.maxHeight) }, limits.maxArea, up);
    } else if (w !== null && h !== null) {
      size = { w, h };
    } else if (w !== null) {
      size = { w, h: Math.max(1, Math.round((rh * w) / rw)) };
    } else {
      size = { w: Math.max(1, Math.round((rw * h!) / rh)), h: h! };
    }
    if (!up && (size.w > rw || size.h > rh)) bad(`size "${text}" is larger than the region (${rw}×${rh}): use ^ to upscale`);
  }
  if (size.w > limits.maxWidth || size.h > limits.maxHeight || size.w * size.h > limits.maxArea) {
    bad(`size ${size.w}×${size.h} is beyond the limits (maxWidth ${limits.maxWidth}, maxHeight ${limits.maxHeight}, maxArea ${limits.maxArea})`);
  }
  const upscaled = size.w > rw || size.h > rh;
  const same = (a: Size, b: Size) => a.w === b.w && a.h === b.h;
  // One canonical form per distinct output, so equal images share one cache entry.
  const canonical = same(size, maxSize(region, limits, false))
    ? 'max'
    : upscaled && same(size, maxSize(region, limits, true))
      ? '^max'
      : `${upscaled ? '^' : ''}${size.w},${size.h}`;
  return { size, canonical };
}

function parseRotation(text: string): { mirror: boolean; rotation: number; canonical: string } {
  const mirror = text.startsWith('!');
  const value = mirror ? text.slice(1) : text;
  if (!FLOAT.test(value)) bad(`rotation "${text}" is not a number of degrees, optionally prefixed with !`);
  const degrees = Number(value);
  if (degrees > 360) bad(`rotation "${text}" is beyond 360 degrees`);
  const canonical = formatDecimal(degrees);
  return { mirror, rotation: Number(canonical), canonical: `${mirror ? '!' : ''}${canonical}` };
}

function parseQuality(text: string): IiifQuality {
  if (!QUALITIES.includes(text)) bad(`quality "${text}" is not one of ${QUALITIES.join(', ')}`);
  return text as IiifQuality;
}

function parseFormat(text: string): IiifFormat {
  if (KNOWN_FORMATS.includes(text)) bad(`format "${text}" is not available here; use one of ${FORMATS.join(', ')}`);
  if (!FORMATS.includes(text)) bad(`format "${text}" is not one of ${FORMATS.join(', ')}`);
  return text as IiifFormat;
}

/** Scales `src` as large as possible within `box` and `maxArea`, keeping its aspect ratio; never above `src` unless `upscale`. */
function fit(src: { w: number; h: number }, box: { w: number; h: number }, maxArea: number, upscale: boolean): Size {
  let scale = Math.min(box.w / src.w, box.h / src.h, Math.sqrt(maxArea / (src.w * src.h)));
  if (!upscale) scale = Math.min(scale, 1);
  if (scale === 1) return { w: src.w, h: src.h };
  const within = (s: Size) => s.w <= box.w && s.h <= box.h && s.w * s.h <= maxArea && (upscale || (s.w <= src.w && s.h <= src.h));
  const rounded = { w: Math.max(1, Math.round(src.w * scale)), h: Math.max(1, Math.round(src.h * scale)) };
  if (within(rounded)) return rounded;
  return { w: Math.max(1, Math.floor(src.w * scale)), h: Math.max(1, Math.floor(src.h * scale)) };
}

function bad(message: string): never {
  throw new IiifError(400, message);
}
