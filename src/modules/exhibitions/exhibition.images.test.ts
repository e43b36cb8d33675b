import { describe, expect, it } from 'vitest';
import { iiifSrcset, regionSize } from './exhibition.images';

describe('exhibition images', () => {
  it('measures pixel, percentage and square regions, clipped to the image', () => {
    expect(regionSize(null, 4000, 3000)).toEqual({ w: 4000, h: 3000 });
    expect(regionSize('100,200,800,600', 4000, 3000)).toEqual({ w: 800, h: 600 });
    expect(regionSize('3900,0,800,600', 4000, 3000)).toEqual({ w: 100, h: 600 });
    expect(regionSize('pct:50,50,25,10', 4000, 3000)).toEqual({ w: 1000, h: 300 });
    expect(regionSize('square', 4000, 3000)).toEqual({ w: 3000, h: 3000 });
  });

  it('offers IIIF sizes no wider than the region, never upscaling', () => {
    const big = iiifSrcset('/iiif/3/m-1', null, 5000);
    expect(big.srcset).toBe(['320', '640', '960', '1280', '1920'].map((w) => `/iiif/3/m-1/full/${w},/0/default.jpg ${w}w`).join(', '));
    expect(big.src).toBe('/iiif/3/m-1/full/640,/0/default.jpg');
    const small = iiifSrcset('/iiif/3/m-1', '10,10,500,400', 500);
    expect(small.srcset).toBe('/iiif/3/m-1/10,10,500,400/320,/0/default.jpg 320w, /iiif/3/m-1/10,10,500,400/500,/0/default.jpg 500w');
    expect(small.src).toBe('/iiif/3/m-1/10,10,500,400/500,/0/default.jpg');
  });
});
