import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { MAP_HEIGHT, MAP_WIDTH, mapPoint, WorldMap } from './world-map';

describe('world map', () => {
  it('places points by plate carrée on the box world.svg is drawn in', () => {
    expect(mapPoint(0, 0)).toEqual({ x: MAP_WIDTH / 2, y: MAP_HEIGHT / 2 });
    expect(mapPoint(90, -180)).toEqual({ x: 0, y: 0 });
    expect(mapPoint(40.04, 94.8)).toEqual({ x: 763.3, y: 138.8 });
    const svg = fs.readFileSync(new URL('./assets/world.svg', import.meta.url), 'utf8');
    expect(svg).toContain(`viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}"`);
    // China (ISO 3166-1 numeric 156) is drawn, with no duplicate ids.
    expect(svg).toContain('id="c156"');
    const ids = [...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws each pin as a named link, skips points without coordinates, and labels the map', () => {
    const html = String(
      <WorldMap
        id="m"
        label="Map of the member institutions"
        note="Outlines: Natural Earth."
        pins={[
          { lat: 40.04, lon: 94.8, label: 'Dunhuang Academy', href: '/institutions/dunhuang' },
          { lat: Number.NaN, lon: 1, label: 'Nowhere' },
        ]}
      />,
    );
    expect(html).toContain('aria-labelledby="m-label"');
    expect(html).toContain('<title id="m-label">Map of the member institutions</title>');
    expect(html).toContain('<a href="/institutions/dunhuang" aria-label="Dunhuang Academy"><circle class="map-pin" cx="763.3" cy="138.8" r="6"><title>Dunhuang Academy</title></circle></a>');
    expect(html).not.toContain('Nowhere');
    expect(html).toMatch(/<image href="\/assets\/world\.svg\?v=[0-9a-f]{12}"/);
  });
});
