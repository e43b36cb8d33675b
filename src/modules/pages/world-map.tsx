import { assetUrl } from './assets';

/** The box of the world map (scripts/build-world-map.ts draws world.svg in it): plate carrée, 1 px = 0.36°. */
export const MAP_WIDTH = 1000;
export const MAP_HEIGHT = 500;
// The map shows latitudes 84° N to 58° S (Antarctica is not drawn).
const TOP = 84;
const BOTTOM = -58;

/** Where a point falls on the world map. */
export function mapPoint(lat: number, lon: number): { x: number; y: number } {
  return { x: Math.round(((lon + 180) / 360) * MAP_WIDTH * 10) / 10, y: Math.round(((90 - lat) / 180) * MAP_HEIGHT * 10) / 10 };
}

export interface MapPin {
  lat: number;
  lon: number;
  label: string;
  href?: string;
}

/**
 * A world map with pins, drawn on the server: the outlines are a bundled image, the pins links
 * with their names, so it works without JavaScript and offline. The pins' names are also in the
 * list the page shows beside the map; the map itself is labelled for screen readers.
 */
export function WorldMap({ pins, label, id, note }: { pins: MapPin[]; label: string; id: string; note: string }) {
  const top = ((90 - TOP) / 180) * MAP_HEIGHT;
  const height = ((TOP - BOTTOM) / 180) * MAP_HEIGHT;
  return (
    <figure class="world-map">
      <svg viewBox={`0 ${top} ${MAP_WIDTH} ${height}`} role="group" aria-labelledby={`${id}-label`} xmlns="http://www.w3.org/2000/svg">
        <title id={`${id}-label`}>{label}</title>
        <image href={assetUrl('world.svg')} x="0" y="0" width={MAP_WIDTH} height={MAP_HEIGHT} aria-hidden="true" />
        {pins
          .filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon))
          .map((p) => {
            const { x, y } = mapPoint(p.lat, p.lon);
            const pin = (
              <circle class="map-pin" cx={x} cy={y} r="6">
                <title>{p.label}</title>
              </circle>
            );
            return p.href ? (
              <a href={p.href} aria-label={p.label}>
                {pin}
              </a>
            ) : (
              pin
            );
          })}
      </svg>
      <figcaption class="map-note">{note}</figcaption>
    </figure>
  );
}
