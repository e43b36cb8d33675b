import { describe, expect, it } from 'vitest';
import { areaBox, areaCentre, incidentDates, parseAreaText, validateArea } from './incident';

describe('incidents', () => {
  it('reads EDTF dates into ISO ranges, open ends included', () => {
    expect(incidentDates('2026-11-03')).toEqual({ from: '2026-11-03', to: '2026-11-03' });
    expect(incidentDates('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(incidentDates('2026-11-03/2026-11-05')).toEqual({ from: '2026-11-03', to: '2026-11-05' });
    expect(incidentDates('2026-11-03/..')).toEqual({ from: '2026-11-03', to: '9999-12-31' });
    expect(incidentDates('last Tuesday')).toBeNull();
  });

  it('accepts a point or a closed polygon and refuses anything else, saying why', () => {
    expect(validateArea({ type: 'Point', coordinates: [85.3, 27.7] }).problems).toEqual([]);
    const square = { type: 'Polygon', coordinates: [[[85, 27], [86, 27], [86, 28], [85, 28], [85, 27]]] };
    expect(validateArea(square).problems).toEqual([]);
    expect(areaBox(validateArea(square).area!)).toEqual({ minLat: 27, minLon: 85, maxLat: 28, maxLon: 86 });
    expect(areaCentre(validateArea(square).area!)).toEqual({ lat: 27.5, lon: 85.5 });
    expect(validateArea({ type: 'Polygon', coordinates: [[[85, 27], [86, 27], [86, 28], [85, 28]]] }).problems[0].message).toBe('each ring must end where it starts');
    expect(validateArea({ type: 'Point', coordinates: [200, 27] }).problems[0].field).toBe('/area');
    expect(validateArea({ type: 'LineString', coordinates: [] }).problems[0].message).toBe('must be a GeoJSON Point or Polygon');
  });

  it('reads "lat, lon" typed in a form as a point', () => {
    expect(parseAreaText('27.7, 85.3').area).toEqual({ type: 'Point', coordinates: [85.3, 27.7] });
    expect(parseAreaText('somewhere').problems[0].field).toBe('/area');
    expect(parseAreaText('').area).toBeNull();
  });
});
