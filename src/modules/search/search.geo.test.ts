import { describe, expect, it } from 'vitest';
import { GeoBinner, isGeoCellSize, MAX_GEO_CELLS } from './search.geo';

describe('binning points for the map of results', () => {
  it('counts points per cell, draws each cell at the mean of its points, densest first', () => {
    const bins = new GeoBinner(10);
    for (const [lat, lon] of [[40.1, 94.6], [40.3, 94.8], [41, 95], [51.5, -0.1]]) bins.add(lat, lon);
    expect(bins.result()).toEqual([
      { count: 3, lat: 40.466667, lon: 94.8, bbox: [90, 40, 100, 50] },
      { count: 1, lat: 51.5, lon: -0.1, bbox: [-10, 50, 0, 60] },
    ]);
  });

  it('puts the edges of the world in cells that stay inside it, and ignores impossible points', () => {
    const bins = new GeoBinner(20);
    bins.add(90, 180);
    bins.add(-90, -180);
    bins.add(NaN, 10);
    bins.add(91, 0);
    const cells = bins.result();
    expect(cells.map((c) => c.bbox)).toEqual([
      [-180, -90, -160, -70],
      [160, 70, 180, 90],
    ]);
  });

  it('keeps float noise out of cell boxes and accepts only the listed sizes', () => {
    const bins = new GeoBinner(0.1);
    bins.add(0.35, 0.35);
    expect(bins.result()[0].bbox).toEqual([0.3, 0.3, 0.4, 0.4]);
    expect(isGeoCellSize(0.1)).toBe(true);
    expect(isGeoCellSize(3)).toBe(false);
  });

  it('lists at most the densest cells', () => {
    const bins = new GeoBinner(0.01);
    for (let i = 0; i < MAX_GEO_CELLS + 10; i++) bins.add(i * 0.01 - 79.995, 0.005);
    bins.add(-79.995, 0.005);
    expect(bins.result()).toHaveLength(MAX_GEO_CELLS);
    expect(bins.result()[0].count).toBe(2);
  });
});
