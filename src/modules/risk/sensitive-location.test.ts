import { describe, expect, it } from 'vitest';
import { generalise, splitSensitive, withExact } from './sensitive-location';

const doc = (points: Array<[number, number] | null>) => ({
  places: points.map((p, i) => (p ? { name: { en: [`P${i}`] }, lat: p[0], lon: p[1] } : { name: { en: [`P${i}`] } })),
});

describe('sensitive locations', () => {
  it('generalises a coordinate to the 0.1° grid, without negative zero', () => {
    expect(generalise(34.1234)).toBe(34.1);
    expect(generalise(-71.5481)).toBe(-71.5);
    expect(generalise(108.96)).toBe(109);
    expect(Object.is(generalise(-0.04), 0)).toBe(true);
  });

  it('keeps only generalised coordinates in the document and returns the exact ones by place', () => {
    const { doc: out, exact } = splitSensitive(doc([[34.1234, 108.9876], null, [35.55, 109.01]]), []);
    expect(out.places.map((p) => [p.lat, p.lon])).toEqual([[34.1, 109], [undefined, undefined], [35.6, 109]]);
    expect(exact).toEqual([{ index: 0, lat: 34.1234, lon: 108.9876 }, { index: 2, lat: 35.55, lon: 109.01 }]);
    expect(JSON.stringify(out)).not.toContain('34.1234');
  });

  it('keeps the exact point when the document comes back with its generalised form, and takes a new point as exact', () => {
    const held = [{ index: 0, lat: 34.1234, lon: 108.9876 }];
    expect(splitSensitive(doc([[34.1, 109]]), held).exact).toEqual(held);
    expect(splitSensitive(doc([[34.2, 109]]), held).exact).toEqual([{ index: 0, lat: 34.2, lon: 109 }]);
    expect(splitSensitive(doc([[34.1234, 108.9876]]), held).exact).toEqual(held);
  });

  it('puts the exact coordinates back for staff', () => {
    const { doc: out, exact } = splitSensitive(doc([[34.1234, 108.9876]]), []);
    expect(withExact(out, exact).places[0]).toMatchObject({ lat: 34.1234, lon: 108.9876 });
  });
});
