import { pickLang } from '../../shared/lang-map';
import { formatNumber, type MessageKey } from '../../shared/i18n/i18n';
import type { SearchHit, SearchResult } from '../search/search.types';
import type { PageContext } from './context';
import { BatchCheck, LangText, type BatchSelection, type InstitutionIndex } from './components';
import { centuryLabel, kindLabel, yearRangeLabel } from './format';
import { isActive, searchHref, toggleFilter, VIEWS, type SearchState } from './search.state';
import { WorldMap } from './world-map';

/**
 * The results by century, oldest first, as a bar chart of links: each bar filters the search to
 * its century. Plain HTML (a list of links with counts), so it reads without styles or script.
 */
export function ResultsTimeline({ ctx, state, facets }: { ctx: PageContext; state: SearchState; facets: SearchResult['facets'] }) {
  const centuries = (facets.century ?? []).filter((v) => /^-?\d{1,3}$/.test(v.value) && v.value !== '0').sort((a, b) => Number(a.value) - Number(b.value));
  if (centuries.length < 2) return null;
  const max = Math.max(...centuries.map((c) => c.count));
  const share = (n: number) => Math.max(3, Math.round((n / max) * 100));
  return (
    <section class="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title" class="timeline-title">
        {ctx.t('search.timeline')}
      </h2>
      <ol class="timeline-bars" role="list">
        {centuries.map((c) => {
          const active = isActive(state, 'century', c.value);
          const label = centuryLabel(ctx.lang, c.value);
          return (
            <li>
              <a href={searchHref(toggleFilter(state, 'century', c.value))} class={active ? 'is-active' : undefined} aria-current={active ? 'true' : undefined} title={label}>
                {/* Drawn with SVG attributes: the Content-Security-Policy allows no inline styles. */}
                <svg class="timeline-bar" viewBox="0 0 10 100" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  <rect x="0" y={100 - share(c.count)} width="10" height={share(c.count)} />
                </svg>
                <span class="timeline-label">{label}</span> <span class="timeline-count">{formatNumber(ctx.lang, c.count)}</span>
              </a>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The results of this page that have coordinates, on the offline world map (each pin opens its record). */
export function ResultsMap({ ctx, hits }: { ctx: PageContext; hits: SearchHit[] }) {
  const located = hits.filter((h) => h.lat !== null && h.lon !== null);
  if (!located.length) return null;
  return (
    <details class="results-map">
      <summary>{ctx.t('search.mapOfPage', { count: located.length })}</summary>
      <WorldMap
        id="results-map"
        label={ctx.t('search.mapOfPage', { count: located.length })}
        note={ctx.t('map.note')}
        pins={located.map((h) => ({ lat: h.lat!, lon: h.lon!, label: pickLang(h.title, ctx.lang)?.values[0] ?? h.id, href: `/records/${encodeURIComponent(h.id)}` }))}
      />
    </details>
  );
}

const VIEW_KEYS: Record<(typeof VIEWS)[number], MessageKey> = { list: 'views.list', grid: 'views.grid', map: 'views.map' };
/** Widths (px) of the grid's thumbnails the IIIF image server is asked for; the browser picks one by the slot and its pixel density. */
export const GRID_WIDTHS = [200, 400, 600] as const;

/** Links to the list, grid and map views of the same search (the view is part of the shareable URL). */
export function ViewSwitch({ ctx, state }: { ctx: PageContext; state: SearchState }) {
  const current = state.view ?? 'list';
  return (
    <nav class="view-switch" aria-label={ctx.t('views.label')}>
      <ul role="list">
        {VIEWS.map((v) => (
          <li>
            <a href={searchHref({ ...state, view: v === 'list' ? undefined : v })} class={v === current ? 'is-active' : undefined} aria-current={v === current ? 'page' : undefined}>
              {ctx.t(VIEW_KEYS[v])}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The grid view: each result as a tile with its first image from the IIIF image server, sized by
 * `srcset` and loaded lazily; results without an image say so. `images` maps record ids to image ids.
 */
export function RecordGrid(props: { ctx: PageContext; hits: SearchHit[]; institutions: InstitutionIndex; images: Map<string, string>; batch?: BatchSelection; compare?: boolean; headingLevel?: 2 | 3 }) {
  const { ctx } = props;
  return (
    <ol class="record-grid" role="list">
      {props.hits.map((hit) => {
        const image = props.images.get(hit.id);
        const href = `/records/${encodeURIComponent(hit.id)}`;
        const inst = props.institutions.get(hit.institutionId);
        const date = hit.date ?? yearRangeLabel(ctx.lang, hit.yearFrom, hit.yearTo);
        const name = pickLang(hit.title, ctx.lang)?.values[0] ?? hit.id;
        const iiif = image ? `/iiif/3/${encodeURIComponent(image)}/full` : null;
        const title = <LangText ctx={ctx} map={hit.title} fallback={ctx.t('record.untitled')} />;
        return (
          <li class="grid-tile">
            <a href={href} class="grid-image" tabindex={-1} aria-hidden="true">
              {iiif ? (
                <img
                  src={`${iiif}/${GRID_WIDTHS[1]},/0/default.jpg`}
                  srcset={GRID_WIDTHS.map((w) => `${iiif}/${w},/0/default.jpg ${w}w`).join(', ')}
                  sizes="(min-width: 60rem) 14rem, (min-width: 36rem) 30vw, 45vw"
                  alt=""
                  loading="lazy"
                  decoding="async"
                />
              ) : (
                <span class="grid-no-image">{ctx.t('views.noImage')}</span>
              )}
            </a>
            {props.headingLevel === 2 ? (
              <h2 class="grid-title">
                <a href={href}>{title}</a>
              </h2>
            ) : (
              <h3 class="grid-title">
                <a href={href}>{title}</a>
              </h3>
            )}
            <p class="grid-meta">
              <span>{kindLabel(ctx.lang, hit.kind)}</span>
              {date ? <span>{date}</span> : null}
              {inst ? <LangText ctx={ctx} map={inst.name} fallback={inst.id} /> : null}
            </p>
            {props.compare ? (
              <p class="compare-check">
                <input type="checkbox" id={`compare-${hit.id}`} name="records" value={hit.id} />
                <label for={`compare-${hit.id}`}>
                  {ctx.t('compare.select')}
                  <span class="visually-hidden">: {name}</span>
                </label>
              </p>
            ) : null}
            {props.batch?.editable.has(hit.id) ? <BatchCheck ctx={ctx} hit={hit} checked={!!props.batch.selected?.has(hit.id)} /> : null}
          </li>
        );
      })}
    </ol>
  );
}
