import type { RecordDoc } from '../records/record.normalize';

/** The grid, in degrees, to which a sensitive site's coordinates are generalised for everyone but its staff. */
export const GENERALISED_PRECISION = 0.1;

/** An exact point of a record's place, by the place's position in the record's `places`. */
export interface ExactPlace {
  index: number;
  lat: number;
  lon: number;
}

/** A coordinate moved to the centre-nearest point of the generalising grid (about 11 km at 0.1°). */
export function generalise(value: number): number {
  const steps = 1 / GENERALISED_PRECISION;
  const out = Math.round(value * steps) / steps;
  return Object.is(out, -0) ? 0 : out;
}

/**
 * Splits a record document into what may be public and what must stay with its staff: every
 * place's coordinates generalised, and the exact ones. Incoming coordinates that are merely the
 * generalised form of the exact ones already held (an edit of the public document, a revert, a
 * re-save) keep the exact ones; other coordinates are new exact values.
 */
export function splitSensitive<D extends Pick<RecordDoc, 'places'>>(doc: D, held: ExactPlace[]): { doc: D; exact: ExactPlace[] } {
  if (!doc.places?.length) return { doc, exact: [] };
  const byIndex = new Map(held.map((h) => [h.index, h]));
  const exact: ExactPlace[] = [];
  const places = doc.places.map((p, index) => {
    if (p.lat === undefined || p.lon === undefined) return p;
    const before = byIndex.get(index);
    const keep = before && generalise(before.lat) === p.lat && generalise(before.lon) === p.lon;
    const point = keep ? before : { index, lat: p.lat, lon: p.lon };
    exact.push(point);
    return { ...p, lat: generalise(point.lat), lon: generalise(point.lon) };
  });
  return { doc: { ...doc, places }, exact };
}

/** The document with the exact coordinates put back (for the site's staff, or when the flag is lifted). */
export function withExact<D extends Pick<RecordDoc, 'places'>>(doc: D, exact: ExactPlace[]): D {
  if (!doc.places?.length || !exact.length) return doc;
  const byIndex = new Map(exact.map((h) => [h.index, h]));
  return {
    ...doc,
    places: doc.places.map((p, index) => {
      const e = byIndex.get(index);
      return e && p.lat !== undefined && p.lon !== undefined ? { ...p, lat: e.lat, lon: e.lon } : p;
    }),
  };
}
