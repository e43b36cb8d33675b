import type { GeoCell } from './search.types';

/** Cell sizes (degrees) a map of results may ask for, coarse to fine. */
export const GEO_CELL_SIZES = [20, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01] as const;
/** The most cells an answer lists (the densest ones). */
export const MAX_GEO_CELLS = 2000;

/**
 * Bins points into a grid of square cells `size` degrees wide, anchored at 180° W / 90° S, summing
 * counts and positions so each cell can be drawn at the mean of its points. Memory is per cell,
 * not per point, so a million points cost one pass.
 */
export class GeoBinner {
  private readonly cells = new Map<number, { n: number; lat: number; lon: number }>();
  private readonly cols: number;
  private readonly rows: number;

  constructor(readonly size: number) {
    this.cols = Math.ceil(360 / size);
    this.rows = Math.ceil(180 / size);
  }

  add(lat: number, lon: number): void {
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return;
    // The north pole and the antimeridian's east side belong to the last row and column.
    const row = Math.min(Math.floor((lat + 90) / this.size), this.rows - 1);
    const col = Math.min(Math.floor((lon + 180) / this.size), this.cols - 1);
    const key = row * this.cols + col;
    const c = this.cells.get(key);
    if (c) {
      c.n++;
      c.lat += lat;
      c.lon += lon;
    } else this.cells.set(key, { n: 1, lat, lon });
  }

  /** The cells with points, most points first (ties south-west first), at most MAX_GEO_CELLS. */
  result(): GeoCell[] {
    const out: (GeoCell & { key: number })[] = [];
    for (const [key, c] of this.cells) {
      const row = Math.floor(key / this.cols);
      const col = key % this.cols;
      const west = round(col * this.size - 180);
      const south = round(row * this.size - 90);
      out.push({
        key,
        count: c.n,
        lat: round(c.lat / c.n),
        lon: round(c.lon / c.n),
        bbox: [west, south, Math.min(180, round(west + this.size)), Math.min(90, round(south + this.size))],
      });
    }
    out.sort((a, b) => b.count - a.count || a.key - b.key);
    return out.slice(0, MAX_GEO_CELLS).map(({ key: _key, ...cell }) => cell);
  }
}

/** True when a cell size is one the service accepts. */
export function isGeoCellSize(size: number): boolean {
  return (GEO_CELL_SIZES as readonly number[]).includes(size);
}

// Six decimals (about 10 cm) keep float noise such as 0.30000000000000004 out of URLs.
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
