import { formatNumber } from '../../shared/i18n/i18n';
import type { GeoCell } from '../search/search.types';
import { assetUrl } from './assets';
import type { PageContext } from './context';
import { searchHref, type SearchState } from './search.state';
import { MAP_HEIGHT, MAP_WIDTH, mapPoint } from './world-map';

// The world view shows latitudes 84° N to 58° S, as the members' map does.
const WORLD = { x: 0, y: ((90 - 84) / 180) * MAP_HEIGHT, w: MAP_WIDTH, h: ((84 + 58) / 180) * MAP_HEIGHT };

/**
 * The map of all results with a place: the search service bins every matching record into cells
 * (so a million records cost one pass on the server and a few hundred circles here). Each circle
 * says how many records it stands for and links to the same search within its cell, so a visitor
 * zooms in by following links; it works without JavaScript and offline.
 */
export function AllResultsMap({ ctx, state, total, cells }: { ctx: PageContext; state: SearchState; total: number; cells: GeoCell[] }) {
  const { t, lang } = ctx;
  const placed = cells.reduce((n, c) => n + c.count, 0);
  const world = state.bbox ? (
    <p class="map-zoom-out">
      <a href={searchHref({ ...state, bbox: undefined, offset: 0 })}>{t('views.mapWorld')}</a>
    </p>
  ) : null;
  if (!placed) {
    return (
      <section class="all-results-map" aria-label={t('views.map')}>
        <p class="notice">{t('views.mapNone')}</p>
        {world}
      </section>
    );
  }
  const box = viewBox(state.bbox);
  const scale = box.w / MAP_WIDTH;
  const max = Math.max(...cells.map((c) => c.count));
  const label = t('views.mapAll', { count: placed });
  return (
    <section class="all-results-map" aria-labelledby="all-results-map-label">
      <figure class="world-map">
        <svg viewBox={`${r2(box.x)} ${r2(box.y)} ${r2(box.w)} ${r2(box.h)}`} role="group" aria-labelledby="all-results-map-label" xmlns="http://www.w3.org/2000/svg">
          <title id="all-results-map-label">{label}</title>
          <image href={assetUrl('world.svg')} x="0" y="0" width={MAP_WIDTH} height={MAP_HEIGHT} aria-hidden="true" />
          {/* Smallest last, so small circles stay clickable above big ones. */}
          {[...cells].sort((a, b) => b.count - a.count).map((c) => {
            const { x, y } = mapPoint(c.lat, c.lon);
            const radius = scale * (8 + 16 * Math.sqrt(c.count / max));
            const text = compact(lang, c.count);
            return (
              <a href={searchHref({ ...state, bbox: c.bbox, offset: 0 })} aria-label={t('views.mapCell', { count: c.count })}>
                <circle class="map-cluster" cx={x} cy={y} r={r2(radius)} />
                <text class="map-cluster-count" x={x} y={y} font-size={r2(radius * (text.length > 3 ? 0.6 : 0.8))} text-anchor="middle" dominant-baseline="central" aria-hidden="true">
                  {text}
                </text>
              </a>
            );
          })}
        </svg>
        <figcaption class="map-note">
          {label}. {t('views.mapHint')} {t('map.note')}
        </figcaption>
      </figure>
      {total > placed ? <p class="map-unplaced">{t('views.mapUnplaced', { count: total - placed })}</p> : null}
      {world}
    </section>
  );
}

/** The part of the map to show: the searched box with a margin, at the map's 2:1 shape, or the world. */
export function viewBox(bbox: SearchState['bbox']): { x: number; y: number; w: number; h: number } {
  if (!bbox || bbox[0] > bbox[2]) return WORLD;
  const a = mapPoint(bbox[3], bbox[0]);
  const b = mapPoint(bbox[1], bbox[2]);
  let w = Math.max(b.x - a.x, 2) * 1.1;
  let h = Math.max(b.y - a.y, 1) * 1.1;
  if (w < h * 2) w = h * 2;
  else h = w / 2;
  w = Math.min(w, WORLD.w);
  h = Math.min(h, WORLD.h);
  const cx = (a.x + b.x) / 2;
  const cy = (a.y + b.y) / 2;
  return { x: clamp(cx - w / 2, 0, MAP_WIDTH - w), y: clamp(cy - h / 2, 0, MAP_HEIGHT - h), w, h };
}

/** A count short enough for a circle: 950, 1.2K, 34K, 1.2M in the visitor's language. */
function compact(lang: string, n: number): string {
  return n < 1000 ? formatNumber(lang, n) : new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}

function r2(x: number): number {
  return Math.round(x * 100) / 100;
}
