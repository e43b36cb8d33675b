import { formatNumber, type MessageKey } from '../../shared/i18n/i18n';
import { SORTS, type SearchResult } from '../search/search.types';
import type { PageContext } from './context';
import { Layout } from './layout';
import { RecordList, type InstitutionIndex } from './components';
import { ActiveFilters, FacetPanel } from './facets';
import type { Loosening } from './search.loosen';
import { RecordGrid, ResultsMap, ResultsTimeline, ViewSwitch } from './search.views';
import { AllResultsMap } from './search.map';
import { BatchForm, type BatchFormErrors } from './search.batch';
import { DEFAULT_LIMIT, LIST_FACETS, hasFilters, searchHref, type SearchState } from './search.state';
import { ExportLinks, searchExportQuery } from '../exports/export.links';

export interface SearchPageData {
  state: SearchState;
  /** Null when the search could not run (a 400 page with the form to fix it). */
  result: SearchResult | null;
  institutions: InstitutionIndex;
  /** When nothing was found: looser searches that would find something. */
  loosenings?: Loosening[];
  /** The grid view's thumbnails: image ids by record id. */
  images?: Map<string, string>;
  /** For staff: the listed records they may edit, and the batch form sent back with errors. */
  batch?: { editable: Set<string>; back: string; errors?: BatchFormErrors; values?: Record<string, string | undefined>; selected?: Set<string> };
}

const SORT_KEYS: Record<(typeof SORTS)[number], MessageKey> = {
  relevance: 'sort.relevance',
  newest: 'sort.newest',
  date: 'sort.date',
  '-date': 'sort.dateDesc',
  title: 'sort.title',
};

/** The search page: a GET form, active filters, facets, results and pages; the URL is the whole state. */
export function SearchPage({ ctx, data }: { ctx: PageContext; data: SearchPageData }) {
  const { t } = ctx;
  const { state, result } = data;
  const title = state.q ? t('search.titleQuery', { q: state.q }) : t('search.title');
  return (
    <Layout ctx={ctx} title={title} section="search">
      <div class="wrap">
        <div class="page-heading">
          <h1>{t('search.heading')}</h1>
        </div>
        <SearchForm ctx={ctx} state={state} />
        {result ? null : (
          <p class="notice notice-error" role="alert">
            {t('search.badQuery')}
          </p>
        )}
        {result ? <ActiveFilters ctx={ctx} state={state} facets={result.facets} institutions={data.institutions} /> : null}
        {result ? (
          <div class="search-layout">
            <section class="results" aria-labelledby="results-title">
              <h2 id="results-title" class="results-count">
                {t('search.results', { count: result.total })}
              </h2>
              {Object.values(result.facets).some((v) => v?.length) ? (
                <p class="jump-to-facets">
                  <a href="#facets-title">{t('search.refine')}</a>
                </p>
              ) : null}
              {result.items.length ? (
                <>
                  <p class="results-range">
                    {t('search.showing', { from: state.offset + 1, to: state.offset + result.items.length, total: result.total })}
                  </p>
                  <ViewSwitch ctx={ctx} state={state} />
                  {state.view === 'map' ? <AllResultsMap ctx={ctx} state={state} total={result.total} cells={result.geo ?? []} /> : <ResultsTimeline ctx={ctx} state={state} facets={result.facets} />}
                  {!state.view ? <ResultsMap ctx={ctx} hits={result.items} /> : null}
                  {/* Results are a form: ticking records and submitting opens them side by side. */}
                  <form action="/compare" method="get" class="compare-form">
                    {state.view === 'grid' ? (
                      <RecordGrid ctx={ctx} hits={result.items} institutions={data.institutions} images={data.images ?? new Map()} batch={data.batch} compare />
                    ) : (
                      <RecordList ctx={ctx} hits={result.items} institutions={data.institutions} headingLevel={3} compare batch={data.batch} />
                    )}
                    {result.items.length > 1 ? (
                      <p>
                        <button type="submit" class="button-secondary">
                          {t('compare.submit')}
                        </button>
                      </p>
                    ) : null}
                  </form>
                  {data.batch ? <BatchForm ctx={ctx} back={data.batch.back} errors={data.batch.errors} values={data.batch.values} /> : null}
                </>
              ) : (
                <NothingFound ctx={ctx} state={state} total={result.total} loosenings={data.loosenings} />
              )}
              <Pagination ctx={ctx} state={state} total={result.total} />
              {result.total ? <ExportLinks ctx={ctx} path="/api/v1/search/export" query={searchExportQuery({ ...state, view: undefined })} label="export.searchResults" /> : null}
            </section>
            <FacetPanel ctx={ctx} state={state} facets={result.facets} institutions={data.institutions} />
          </div>
        ) : null}
      </div>
    </Layout>
  );
}

function SearchForm({ ctx, state }: { ctx: PageContext; state: SearchState }) {
  const { t } = ctx;
  // Relevance is the default; without words the service orders it by title.
  const sort = state.sort ?? 'relevance';
  const human = (y: number | undefined) => (y === undefined ? { value: '', era: 'ce' } : y >= 1 ? { value: String(y), era: 'ce' } : { value: String(1 - y), era: 'bce' });
  const from = human(state.yearFrom);
  const to = human(state.yearTo);
  return (
    <form class="search-form" action="/search" method="get" role="search">
      <div class="field field-q">
        <label for="q">{t('search.queryLabel')}</label>
        <input id="q" type="search" name="q" value={state.q ?? ''} data-typeahead="" />
      </div>
      <div class="field field-sort">
        <label for="sort">{t('search.sortLabel')}</label>
        <select id="sort" name="sort">
          {SORTS.map((s) => (
            <option value={s} selected={s === sort}>
              {t(SORT_KEYS[s])}
            </option>
          ))}
        </select>
      </div>
      <fieldset class="field-years">
        <legend>{t('search.yearRange')}</legend>
        <YearInput ctx={ctx} name="yearFrom" eraName="eraFrom" label={t('search.yearFrom')} eraLabel={t('search.eraFrom')} value={from.value} era={from.era} />
        <YearInput ctx={ctx} name="yearTo" eraName="eraTo" label={t('search.yearTo')} eraLabel={t('search.eraTo')} value={to.value} era={to.era} />
      </fieldset>
      {LIST_FACETS.flatMap((f) => (state[f] ?? []).map((v) => <input type="hidden" name={f} value={v} />))}
      {state.hasImages !== undefined ? <input type="hidden" name="hasImages" value={String(state.hasImages)} /> : null}
      {state.bbox ? <input type="hidden" name="bbox" value={state.bbox.join(',')} /> : null}
      <div class="field field-limit">
        <label for="limit">{t('search.limitLabel')}</label>
        <select id="limit" name="limit">
          {[...new Set([DEFAULT_LIMIT, 50, 100, state.limit])].sort((a, b) => a - b).map((n) => (
            <option value={String(n)} selected={n === state.limit}>
              {formatNumber(ctx.lang, n)}
            </option>
          ))}
        </select>
      </div>
      <div class="field field-submit">
        <button type="submit">{t('search.submit')}</button>
      </div>
    </form>
  );
}

function YearInput(props: { ctx: PageContext; name: string; eraName: string; label: string; eraLabel: string; value: string; era: string }) {
  const { t } = props.ctx;
  return (
    <div class="year-input">
      <div class="field">
        <label for={props.name}>{props.label}</label>
        <input id={props.name} name={props.name} type="number" inputmode="numeric" min="1" max="9999999" step="1" value={props.value} />
      </div>
      <div class="field">
        <label for={props.eraName} class="visually-hidden">
          {props.eraLabel}
        </label>
        <select id={props.eraName} name={props.eraName} class="era-select">
          <option value="ce" selected={props.era === 'ce'}>
            {t('era.ce')}
          </option>
          <option value="bce" selected={props.era === 'bce'}>
            {t('era.bce')}
          </option>
        </select>
      </div>
    </div>
  );
}

function NothingFound({ ctx, state, total, loosenings }: { ctx: PageContext; state: SearchState; total: number; loosenings?: Loosening[] }) {
  const { t } = ctx;
  if (total > 0) return null; // past the last page: the pagination below leads back
  return (
    <div class="nothing-found">
      <p class="nothing-title">{t('search.nothing')}</p>
      {loosenings?.length ? (
        <>
          <p>{t('search.loosen')}</p>
          <ul class="loosenings">
            {loosenings.map((l) => (
              <li>
                <a href={l.href}>{t('search.without', { what: l.without, count: l.count })}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {hasFilters(state) ? (
        <p>
          {t('search.nothingWithFilters')} <a href={searchHref({ q: state.q, sort: state.sort, offset: 0, limit: state.limit })}>{t('search.removeAll')}</a>
        </p>
      ) : (
        <p>{t('search.nothingNoFilters')}</p>
      )}
    </div>
  );
}

function Pagination({ ctx, state, total }: { ctx: PageContext; state: SearchState; total: number }) {
  const { t, lang } = ctx;
  const pages = Math.ceil(total / state.limit);
  if (pages <= 1 && state.offset === 0) return null;
  const page = Math.floor(state.offset / state.limit) + 1;
  const prevOffset = Math.max(0, Math.min(state.offset - state.limit, (pages - 1) * state.limit));
  const hasPrev = state.offset > 0;
  const hasNext = state.offset + state.limit < total;
  return (
    <nav class="pagination" aria-label={t('search.pagination')}>
      {hasPrev ? (
        <a class="page-prev" rel="prev" href={searchHref({ ...state, offset: prevOffset })}>
          {t('search.prev')}
        </a>
      ) : (
        <span class="page-prev is-disabled">{t('search.prev')}</span>
      )}
      <span class="page-status">{t('search.page', { page: formatNumber(lang, page), pages: formatNumber(lang, Math.max(pages, 1)) })}</span>
      {hasNext ? (
        <a class="page-next" rel="next" href={searchHref({ ...state, offset: state.offset + state.limit })}>
          {t('search.next')}
        </a>
      ) : (
        <span class="page-next is-disabled">{t('search.next')}</span>
      )}
    </nav>
  );
}
