import { countryName } from '../../shared/country';
import { firstText } from '../../shared/lang-map';
import { formatNumber, type MessageKey } from '../../shared/i18n/i18n';
import { FACETS, type FacetName, type FacetValue, type SearchResult } from '../search/search.types';
import type { PageContext } from './context';
import type { InstitutionIndex } from './components';
import { centuryLabel, kindLabel, languageName, yearLabel } from './format';
import { LIST_FACETS, hasFilters, isActive, searchHref, toggleFilter, withoutFilters, type SearchState } from './search.state';

/** How many values of a facet show before the rest fold under "Show more". */
const VISIBLE_VALUES = 8;

/** The name of a facet in the UI language. */
export function facetName(ctx: PageContext, facet: FacetName): string {
  return ctx.t(`facet.${facet}` as MessageKey);
}

/** The label of a facet value in the UI language (the service's label where it has the better one). */
export function facetValueLabel(ctx: PageContext, facet: FacetName, value: string, institutions: InstitutionIndex, serviceLabel?: string): string {
  switch (facet) {
    case 'institution': {
      const inst = institutions.get(value);
      return inst ? firstText(inst.name, ctx.lang, value) : (serviceLabel ?? value);
    }
    case 'country':
      return countryName(value, ctx.lang);
    case 'kind':
      return kindLabel(ctx.lang, value);
    case 'century':
      return centuryLabel(ctx.lang, value);
    case 'language':
      return languageName(ctx.lang, value);
    case 'rights':
      return value === 'open' ? ctx.t('facetValue.open') : value === 'restricted' ? ctx.t('facetValue.restricted') : value;
    case 'hasImages':
      return value === 'true' ? ctx.t('facetValue.withImages') : ctx.t('facetValue.withoutImages');
    default:
      return serviceLabel ?? value;
  }
}

/** The facets as lists of links with counts; each link adds its filter, or removes it when active. */
export function FacetPanel(props: { ctx: PageContext; state: SearchState; facets: SearchResult['facets']; institutions: InstitutionIndex }) {
  const { ctx } = props;
  const shown = FACETS.filter((f) => (props.facets[f]?.length ?? 0) > 0);
  if (!shown.length) return null;
  return (
    <aside class="facets" aria-labelledby="facets-title">
      <h2 id="facets-title">{ctx.t('search.refine')}</h2>
      {shown.map((facet) => {
        const values = props.facets[facet]!;
        const visible = values.slice(0, VISIBLE_VALUES);
        const rest = values.slice(VISIBLE_VALUES);
        return (
          <section class="facet" aria-labelledby={`facet-${facet}`}>
            <h3 id={`facet-${facet}`}>{facetName(ctx, facet)}</h3>
            <FacetValues {...props} facet={facet} values={visible} />
            {rest.length ? (
              <details class="facet-more" open={rest.some((v) => isActive(props.state, facet, v.value)) || undefined}>
                <summary>{ctx.t('search.more', { count: rest.length })}</summary>
                <FacetValues {...props} facet={facet} values={rest} />
              </details>
            ) : null}
          </section>
        );
      })}
    </aside>
  );
}

function FacetValues(props: { ctx: PageContext; state: SearchState; institutions: InstitutionIndex; facet: FacetName; values: FacetValue[] }) {
  const { ctx, state, facet } = props;
  return (
    <ul class="facet-values" role="list">
      {props.values.map((v) => {
        const label = facetValueLabel(ctx, facet, v.value, props.institutions, v.label);
        const active = isActive(state, facet, v.value);
        const href = searchHref(toggleFilter(state, facet, v.value));
        return (
          <li>
            <a class={active ? 'facet-value is-active' : 'facet-value'} href={href} aria-current={active ? 'true' : undefined}>
              {active ? <span class="visually-hidden">{ctx.t('search.removeFilter', { filter: label })}</span> : null}
              <span class="facet-label" aria-hidden={active ? 'true' : undefined}>
                {label}
              </span>
              <span class="count">{formatNumber(ctx.lang, v.count)}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/** Each active filter with the search state that drops it (for the chips, and for loosening an empty search). */
export function filterRemovals(ctx: PageContext, state: SearchState, facets: SearchResult['facets'], institutions: InstitutionIndex): { text: string; state: SearchState }[] {
  const out: { text: string; state: SearchState }[] = [];
  for (const facet of LIST_FACETS) {
    for (const value of state[facet] ?? []) {
      const service = facets[facet]?.find((v) => v.value === value)?.label;
      const text = ctx.t('search.filterValue', { facet: facetName(ctx, facet), value: facetValueLabel(ctx, facet, value, institutions, service) });
      out.push({ text, state: toggleFilter(state, facet, value) });
    }
  }
  if (state.hasImages !== undefined) {
    const value = String(state.hasImages);
    out.push({ text: facetValueLabel(ctx, 'hasImages', value, institutions), state: toggleFilter(state, 'hasImages', value) });
  }
  if (state.yearFrom !== undefined) out.push({ text: ctx.t('search.filterFrom', { year: yearLabel(ctx.lang, state.yearFrom) }), state: { ...state, yearFrom: undefined, offset: 0 } });
  if (state.yearTo !== undefined) out.push({ text: ctx.t('search.filterTo', { year: yearLabel(ctx.lang, state.yearTo) }), state: { ...state, yearTo: undefined, offset: 0 } });
  return out;
}

/** The active filters, each with a link that removes it, and a link that removes them all. */
export function ActiveFilters(props: { ctx: PageContext; state: SearchState; facets: SearchResult['facets']; institutions: InstitutionIndex }) {
  const { ctx, state } = props;
  if (!hasFilters(state)) return null;
  const chips = filterRemovals(ctx, state, props.facets, props.institutions).map((r) => ({ text: r.text, href: searchHref(r.state) }));
  return (
    <section class="active-filters" aria-labelledby="active-filters-title">
      <h2 id="active-filters-title" class="visually-hidden">
        {ctx.t('search.activeFilters')}
      </h2>
      <ul role="list">
        {chips.map((c) => (
          <li>
            <a class="chip" href={c.href}>
              <span class="visually-hidden">{ctx.t('search.removeFilter', { filter: c.text })}</span>
              <span aria-hidden="true">{c.text}</span>
              <span class="chip-x" aria-hidden="true">
                ×
              </span>
            </a>
          </li>
        ))}
        <li>
          <a class="chip chip-clear" href={searchHref(withoutFilters(state))}>
            {ctx.t('search.removeAll')}
          </a>
        </li>
      </ul>
    </section>
  );
}
