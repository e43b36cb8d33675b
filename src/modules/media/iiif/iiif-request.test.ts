import { describe, expect, it } from 'vitest';
import { IiifError, type ImageLimits } from './iiif-image.types';
import { DEFAULT_LIMITS } from './iiif-info';
import { formatDecimal, parseImageRequest } from './iiif-request';

// The specification's examples use a 300×200 image.
const SPEC_IMAGE = { width: 300, height: 200 };

function req(path: string, image = SPEC_IMAGE, limits: ImageLimits = DEFAULT_LIMITS) {
  const [region, size, rotation, last] = path.split('/');
  const dot = last.lastIndexOf('.');
  return parseImageRequest({ region, size, rotation, quality: last.slice(0, dot), format: last.slice(dot + 1) }, image, limits);
}

function status(path: string, image = SPEC_IMAGE, limits: ImageLimits = DEFAULT_LIMITS): number | 'ok' {
  try {
    req(path, image, limits);
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(IiifError);
    return (e as IiifError).status;
  }
}

describe('parseImageRequest: region', () => {
  it('reads full, square, pixels and percentages as the specification examples do', () => {
    expect(req('full/max/0/default.jpg').region).toEqual({ x: 0, y: 0, w: 300, h: 200 });
    expect(req('square/max/0/default.jpg').region).toEqual({ x: 50, y: 0, w: 200, h: 200 });
    expect(req('125,15,120,140/max/0/default.jpg').region).toEqual({ x: 125, y: 15, w: 120, h: 140 });
    expect(req('pct:41.6,7.5,40,70/max/0/default.jpg').region).toEqual({ x: 125, y: 15, w: 120, h: 140 });
  });
  it('crops a region reaching beyond the image at its edges (175×185 in the spec)', () => {
    expect(req('125,15,200,200/max/0/default.jpg').size).toEqual({ w: 175, h: 185 });
    expect(req('pct:41.6,7.5,66.6,100/max/0/default.jpg').size).toEqual({ w: 175, h: 185 });
  });
  it('refuses with 400 a region entirely outside, of zero size, or of bad syntax', () => {
    for (const region of ['300,0,10,10', '0,200,10,10', 'pct:100,0,10,10', '0,0,0,10', 'pct:0,0,50,0', '1,2,3', '-1,0,10,10', '1.5,0,10,10', 'pct:a,0,1,1', 'pct:+1,0,1,1', 'pct:1e1,0,1,1', 'FULL', '']) {
      expect(status(`${region}/max/0/default.jpg`), region).toBe(400);
    }
  });
  it('takes decimal percentages', () => {
    expect(req('pct:0.5,0.5,99.5,99.5/max/0/default.jpg', { width: 1000, height: 1000 }).region).toEqual({ x: 5, y: 5, w: 995, h: 995 });
  });
});

describe('parseImageRequest: size', () => {
  const sizeOf = (size: string, limits?: ImageLimits) => req(`full/${size}/0/default.jpg`, SPEC_IMAGE, limits).size;
  it('reads every form of the specification with its example results', () => {
    expect(sizeOf('max')).toEqual({ w: 300, h: 200 });
    expect(sizeOf('150,')).toEqual({ w: 150, h: 100 });
    expect(sizeOf(',150')).toEqual({ w: 225, h: 150 });
    expect(sizeOf('pct:50')).toEqual({ w: 150, h: 100 });
    expect(sizeOf('pct:33.3')).toEqual({ w: 100, h: 67 });
    expect(sizeOf('225,100')).toEqual({ w: 225, h: 100 });
    expect(sizeOf('!225,100')).toEqual({ w: 150, h: 100 });
  });
  it('upscales only with ^', () => {
    expect(sizeOf('^360,')).toEqual({ w: 360, h: 240 });
    expect(sizeOf('^,240')).toEqual({ w: 360, h: 240 });
    expect(sizeOf('^pct:120')).toEqual({ w: 360, h: 240 });
    expect(sizeOf('^360,360')).toEqual({ w: 360, h: 360 });
    expect(sizeOf('^!360,360')).toEqual({ w: 360, h: 240 });
    for (const size of ['301,', ',201', 'pct:120', '360,360', '301,200']) expect(status(`full/${size}/0/default.jpg`), size).toBe(400);
  });
  it('confines !w,h to the region unless ^ is given', () => {
    expect(sizeOf('!1000,1000')).toEqual({ w: 300, h: 200 });
    expect(sizeOf('^!1000,1000')).toEqual({ w: 1000, h: 667 });
  });
  it('applies maxWidth, maxHeight and maxArea to max and ^max, and refuses other sizes beyond them', () => {
    const limits = { maxWidth: 200, maxHeight: 200, maxArea: 1_000_000 };
    expect(sizeOf('max', limits)).toEqual({ w: 200, h: 133 });
    expect(sizeOf('^max', { maxWidth: 360, maxHeight: 360, maxArea: 1_000_000 })).toEqual({ w: 360, h: 240 });
    expect(sizeOf('^max', { maxWidth: 10_000, maxHeight: 10_000, maxArea: 60_000 })).toEqual({ w: 300, h: 200 });
    expect(sizeOf('^!1000,1000', limits)).toEqual({ w: 200, h: 133 });
    expect(status('full/250,/0/default.jpg', SPEC_IMAGE, limits)).toBe(400);
    expect(status('full/pct:50/0/default.jpg', SPEC_IMAGE, { maxWidth: 1000, maxHeight: 1000, maxArea: 10_000 })).toBe(400);
  });
  it('refuses 100,000 px with 400, with or without ^, but confines !w,h to the limits', () => {
    for (const size of ['100000,', '^100000,', ',100000', '^,100000', '^100000,100000', '^pct:100000', '99999999999999999999999,']) {
      expect(status(`full/${size}/0/default.jpg`), size).toBe(400);
    }
    expect(sizeOf('!100000,100000')).toEqual({ w: 300, h: 200 });
    const confined = sizeOf('^!100000,100000');
    expect(confined.w * confined.h).toBeLessThanOrEqual(DEFAULT_LIMITS.maxArea);
    expect(confined.w * confined.h).toBeGreaterThan(DEFAULT_LIMITS.maxArea * 0.99);
  });
  it('refuses malformed and zero sizes with 400', () => {
    for (const size of ['full', ',', '0,', ',0', '0,0', 'pct:0', 'pct:-5', 'pct:', '!100,', '!,100', '^', '^^max', 'max,', '10.5,', '^ 10,', '1,2,3']) {
      expect(status(`full/${size}/0/default.jpg`), size).toBe(400);
    }
  });
});

describe('parseImageRequest: rotation, quality and format', () => {
  it('reads rotations from 0 to 360 with optional mirroring', () => {
    expect(req('full/max/0/default.jpg')).toMatchObject({ rotation: 0, mirror: false });
    expect(req('full/max/22.5/default.jpg')).toMatchObject({ rotation: 22.5, mirror: false });
    expect(req('full/max/!180/default.jpg')).toMatchObject({ rotation: 180, mirror: true });
    expect(req('full/max/360/default.jpg')).toMatchObject({ rotation: 360 });
  });
  it('refuses with 400 rotations out of range or not numbers', () => {
    for (const rotation of ['361', '360.5', 'abc', '-90', '+90', '1e2', '!', '!!90', '90!', '']) expect(status(`full/max/${rotation}/default.jpg`), rotation).toBe(400);
  });
  it('refuses with 400 an unknown quality and any format other than jpg, png and webp', () => {
    expect(status('full/max/0/foo.jpg')).toBe(400);
    expect(status('full/max/0/Default.jpg')).toBe(400);
    for (const format of ['gif', 'tif', 'jp2', 'pdf', 'bmp', 'JPG', 'jpeg']) expect(status(`full/max/0/default.${format}`), format).toBe(400);
    for (const quality of ['default', 'color', 'gray', 'bitonal']) expect(req(`full/max/0/${quality}.png`).quality).toBe(quality);
    for (const format of ['jpg', 'png', 'webp']) expect(req(`full/max/0/default.${format}`).format).toBe(format);
  });
  it('refuses over-long parameters', () => {
    expect(status(`${'1'.repeat(100)},0,1,1/max/0/default.jpg`)).toBe(400);
  });
});

describe('parseImageRequest: canonical form (spec 4.8)', () => {
  const canonical = (path: string, image = SPEC_IMAGE) => req(path, image).canonical;
  it('writes full for the whole image and x,y,w,h otherwise, after cropping', () => {
    expect(canonical('0,0,300,200/max/0/default.jpg')).toBe('full/max/0/default.jpg');
    expect(canonical('0,0,500,500/max/0/default.jpg')).toBe('full/max/0/default.jpg');
    expect(canonical('pct:0,0,100,100/max/0/default.jpg')).toBe('full/max/0/default.jpg');
    expect(canonical('square/max/0/default.jpg')).toBe('50,0,200,200/max/0/default.jpg');
    expect(canonical('square/max/0/default.jpg', { width: 500, height: 500 })).toBe('full/max/0/default.jpg');
    expect(canonical('pct:41.6,7.5,66.6,100/max/0/default.jpg')).toBe('125,15,175,185/max/0/default.jpg');
  });
  it('writes max for the unscaled region, w,h otherwise, and ^ only when upscaling', () => {
    expect(canonical('full/300,/0/default.jpg')).toBe('full/max/0/default.jpg');
    expect(canonical('full/!300,300/0/default.jpg')).toBe('full/max/0/default.jpg');
    expect(canonical('full/150,/0/default.jpg')).toBe('full/150,100/0/default.jpg');
    expect(canonical('full/pct:50/0/default.jpg')).toBe('full/150,100/0/default.jpg');
    expect(canonical('full/^150,/0/default.jpg')).toBe('full/150,100/0/default.jpg');
    expect(canonical('full/^360,/0/default.jpg')).toBe('full/^360,240/0/default.jpg');
    expect(canonical('full/^max/0/default.jpg')).toBe('full/^max/0/default.jpg');
  });
  it('writes rotations as integers when whole and decimals without trailing zeros', () => {
    expect(canonical('full/max/090/gray.png')).toBe('full/max/90/gray.png');
    expect(canonical('full/max/22.50/default.webp')).toBe('full/max/22.5/default.webp');
    expect(canonical('full/max/!.5/bitonal.jpg')).toBe('full/max/!0.5/bitonal.jpg');
    expect(canonical('full/max/!0/color.jpg')).toBe('full/max/!0/color.jpg');
    expect(formatDecimal(1 / 3)).toBe('0.333333');
  });
});
