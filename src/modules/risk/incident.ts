import edtf from 'edtf';
import type { FieldProblem } from '../../shared/errors';

export const INCIDENT_KINDS = ['earthquake', 'flood', 'fire', 'storm', 'landslide', 'conflict', 'looting', 'theft', 'other'] as const;
/** From the first report to closure, in order. */
export const INCIDENT_STATUSES = ['reported', 'verified', 'responding', 'recovering', 'closed'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** An incident's affected area: a point or a polygon (GeoJSON, WGS 84, [lon, lat]). */
export type IncidentArea = { type: 'Point'; coordinates: [number, number] } | { type: 'Polygon'; coordinates: [number, number][][] };

export interface Box {
  minLat: number;
  minLon: number;
  maxLat: number;
  maxLon: number;
}

/** The ISO date range of an EDTF date ("2026-11-03", "2026-11", "2026-11-03/2026-11-05", "2026-11-03/.."); null when it is not EDTF. */
export function incidentDates(text: string): { from: string; to: string } | null {
  try {
    const d = edtf(text.trim()) as { min: number; max: number };
    if (!Number.isFinite(d.min)) return null;
    return { from: new Date(d.min).toISOString().slice(0, 10), to: Number.isFinite(d.max) ? new Date(d.max).toISOString().slice(0, 10) : '9999-12-31' };
  } catch {
    return null;
  }
}

/** Checks a GeoJSON Point or Polygon (closed rings of valid [lon, lat] positions), listing what is wrong. */
export function validateArea(area: unknown, field = '/area'): { area: IncidentArea | null; problems: FieldProblem[] } {
  if (area === null || area === undefined) return { area: null, problems: [] };
  const fail = (message: string) => ({ area: null, problems: [{ field, message }] });
  if (typeof area !== 'object') return fail('must be a GeoJSON Point or Polygon');
  const g = area as { type?: unknown; coordinates?: unknown };
  if (g.type === 'Point') {
    if (!isPosition(g.coordinates)) return fail('a Point needs [longitude, latitude] within range');
    return { area: { type: 'Point', coordinates: [g.coordinates[0], g.coordinates[1]] }, problems: [] };
  }
  if (g.type === 'Polygon') {
    const rings = g.coordinates;
    if (!Array.isArray(rings) || !rings.length || rings.length > 20) return fail('a Polygon needs 1 to 20 linear rings');
    for (const ring of rings) {
      if (!Array.isArray(ring) || ring.length < 4 || ring.length > 5000 || !ring.every(isPosition)) return fail('each ring needs 4 to 5000 [longitude, latitude] positions within range');
      const [a, b] = [ring[0], ring[ring.length - 1]];
      if (a[0] !== b[0] || a[1] !== b[1]) return fail('each ring must end where it starts');
    }
    return { area: { type: 'Polygon', coordinates: (rings as number[][][]).map((r) => r.map((p) => [p[0], p[1]] as [number, number])) }, problems: [] };
  }
  return fail('must be a GeoJSON Point or Polygon');
}

/** The bounding box of an area. */
export function areaBox(area: IncidentArea): Box {
  const points = area.type === 'Point' ? [area.coordinates] : area.coordinates.flat();
  const lats = points.map((p) => p[1]);
  const lons = points.map((p) => p[0]);
  return { minLat: Math.min(...lats), minLon: Math.min(...lons), maxLat: Math.max(...lats), maxLon: Math.max(...lons) };
}

/** A point to pin an area on a map: the point itself, or the centre of the polygon's box. */
export function areaCentre(area: IncidentArea): { lat: number; lon: number } {
  if (area.type === 'Point') return { lat: area.coordinates[1], lon: area.coordinates[0] };
  const b = areaBox(area);
  return { lat: (b.minLat + b.maxLat) / 2, lon: (b.minLon + b.maxLon) / 2 };
}

/** Reads an area typed in a form: "lat, lon" for a point, or GeoJSON text. */
export function parseAreaText(text: string): { area: IncidentArea | null; problems: FieldProblem[] } {
  const s = text.trim();
  if (!s) return { area: null, problems: [] };
  const point = /^(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)$/.exec(s);
  if (point) return validateArea({ type: 'Point', coordinates: [Number(point[2]), Number(point[1])] });
  try {
    return validateArea(JSON.parse(s));
  } catch {
    return { area: null, problems: [{ field: '/area', message: 'must be "latitude, longitude" or a GeoJSON Point or Polygon' }] };
  }
}

function isPosition(p: unknown): p is [number, number] {
  return Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;
}
