import { pickLang } from '../../shared/lang-map';
import { formatNumber } from '../../shared/i18n/i18n';
import type { SearchHit, SearchResult } from '../search/search.types';
import type { PageContext } from './context';
import { centuryLabel } from './format';
import { isActive, searchHref, toggleFilter, type SearchState } from './search.state';
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
