import { toSearchParams } from '../search/search.routes';
import { SORTS, type FacetName, type SearchParams } from '../search/search.types';
import { GEO_CELL_SIZES } from '../search/search.geo';

/** Facets a visitor filters by with a list of values (hasImages is a yes/no filter). */
export const LIST_FACETS = ['institution', 'country', 'kind', 'century', 'material', 'language', 'rights'] as const;
export type ListFacet = (typeof LIST_FACETS)[number];

/** How results are shown: a list (the default), a grid of images, or a map of all results with a place. */
export const VIEWS = ['list', 'grid', 'map'] as const;
export type SearchView = (typeof VIEWS)[number];

export const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const MAX_OFFSET = 10_000;
const MAX_YEAR = 9_999_999;

/** What the /search page shows, as its URL says: the same parameter names as `/api/v1/search`. */
export type SearchState = Omit<SearchParams, 'facets' | 'lang' | 'prefix' | 'geoCell'> & { offset: number; limit: number; view?: SearchView };

/**
 * Reads a /search query string leniently: junk is dropped rather than refused, so a human page
 * never answers a validation error. `redirect` is set when the form sent years with eras
 * (eraFrom/eraTo), which become astronomical years in a clean, shareable URL.
 */
export function parseSearchQuery(raw: Record<string, unknown>): { state: SearchState; redirect: string | null } {
  const era = (name: string) => (first(raw[name]) === 'bce' ? 'bce' : first(raw[name]) === 'ce' ? 'ce' : null);
  const eraFrom = era('eraFrom');
  const eraTo = era('eraTo');
  let yearFrom = intParam(raw.yearFrom, -MAX_YEAR, MAX_YEAR);
  let yearTo = intParam(raw.yearTo, -MAX_YEAR, MAX_YEAR);
  if (eraFrom === 'bce' && yearFrom !== undefined) yearFrom = 1 - Math.abs(yearFrom);
  if (eraTo === 'bce' && yearTo !== undefined) yearTo = 1 - Math.abs(yearTo);
  if (yearFrom !== undefined && yearTo !== undefined && yearFrom > yearTo) [yearFrom, yearTo] = [yearTo, yearFrom];

  const clean: Record<string, unknown> = {
    q: (first(raw.q) ?? '').trim().slice(0, 1000) || undefined,
    hasImages: boolParam(raw.hasImages),
    yearFrom,
    yearTo,
    bbox: bboxParam(raw.bbox),
    sort: SORTS.find((s) => s === first(raw.sort)),
    offset: intParam(raw.offset, 0, MAX_OFFSET, true),
    limit: intParam(raw.limit, 1, MAX_LIMIT, true),
  };
  for (const facet of LIST_FACETS) clean[facet] = listValues(raw[facet]);
  const p = toSearchParams(clean);
  const state: SearchState = {
    q: p.q,
    hasImages: p.hasImages,
    yearFrom: p.yearFrom,
    yearTo: p.yearTo,
    bbox: p.bbox,
    sort: p.sort,
    offset: p.offset ?? 0,
    limit: p.limit ?? DEFAULT_LIMIT,
    view: VIEWS.find((v) => v !== 'list' && v === first(raw.view)),
    ...Object.fromEntries(LIST_FACETS.map((f) => [f, p[f]?.length ? [...new Set(p[f])] : undefined])),
  };
  return { state, redirect: eraFrom || eraTo ? searchHref(state) : null };
}

/** The search parameters of a page state, asking for every facet in the visitor's language (and the map's cells in the map view). */
export function toParams(state: SearchState, lang: string): SearchParams {
  const { view, ...rest } = state;
  return view === 'map' ? { ...rest, lang, geoCell: mapCellSize(state.bbox) } : { ...rest, lang };
}

/** Cells of the map of all results: the finest size that still draws the shown area about 40 cells wide. */
export function mapCellSize(bbox: SearchState['bbox']): number {
  const width = !bbox ? 360 : bbox[0] <= bbox[2] ? bbox[2] - bbox[0] : 360 - bbox[0] + bbox[2];
  const height = bbox ? bbox[3] - bbox[1] : 180;
  const span = Math.max(width, height * 2, 0.0001);
  return [...GEO_CELL_SIZES].reverse().find((size) => span / size <= 40) ?? GEO_CELL_SIZES[0];
}

/** The /search URL of a state; parameters in a stable order, defaults (relevance, 20 a page, first page) left out. */
export function searchHref(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const facet of LIST_FACETS) for (const v of state[facet] ?? []) params.append(facet, v);
  if (state.hasImages !== undefined) params.set('hasImages', String(state.hasImages));
  if (state.yearFrom !== undefined) params.set('yearFrom', String(state.yearFrom));
  if (state.yearTo !== undefined) params.set('yearTo', String(state.yearTo));
  if (state.bbox) params.set('bbox', state.bbox.join(','));
  if (state.sort && state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.limit !== DEFAULT_LIMIT) params.set('limit', String(state.limit));
  if (state.offset) params.set('offset', String(state.offset));
  if (state.view && state.view !== 'list') params.set('view', state.view);
  const qs = params.toString();
  return qs ? `/search?${qs}` : '/search';
}

/** True when a facet value is one of the active filters. */
export function isActive(state: SearchState, facet: FacetName, value: string): boolean {
  if (facet === 'hasImages') return state.hasImages !== undefined && String(state.hasImages) === value;
  return (state[facet as ListFacet] as string[] | undefined)?.includes(value) ?? false;
}

/** The state with a facet value added or removed (back to the first page). */
export function toggleFilter(state: SearchState, facet: FacetName, value: string): SearchState {
  if (facet === 'hasImages') return { ...state, offset: 0, hasImages: isActive(state, facet, value) ? undefined : value === 'true' };
  const current = (state[facet as ListFacet] as string[] | undefined) ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...state, offset: 0, [facet]: next.length ? next : undefined };
}

/** True when any filter beyond the words is set. */
export function hasFilters(state: SearchState): boolean {
  return LIST_FACETS.some((f) => state[f]?.length) || state.hasImages !== undefined || state.yearFrom !== undefined || state.yearTo !== undefined || !!state.bbox;
}

/** The state without any filter (words and order kept). */
export function withoutFilters(state: SearchState): SearchState {
  return { q: state.q, sort: state.sort, offset: 0, limit: state.limit, view: state.view };
}

function first(v: unknown): string | undefined {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x : undefined;
}

function listValues(v: unknown): string | undefined {
  const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string').map((x) => x.slice(0, 200));
  return values.length ? values.slice(0, 50).join(',') : undefined;
}

function intParam(v: unknown, min: number, max: number, clamp = false): number | undefined {
  const s = first(v)?.trim();
  if (!s || !/^[-+]?\d{1,9}$/.test(s)) return undefined;
  const n = Number(s);
  if (clamp) return Math.min(max, Math.max(min, n));
  return n >= min && n <= max ? n : undefined;
}

function boolParam(v: unknown): boolean | undefined {
  const s = first(v);
  return s === 'true' || s === '1' ? true : s === 'false' || s === '0' ? false : undefined;
}

function bboxParam(v: unknown): string | undefined {
  const s = first(v);
  if (!s || !/^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$/.test(s)) return undefined;
  const [w, south, e, north] = s.split(',').map(Number);
  const ok = [w, south, e, north].every(Number.isFinite) && Math.abs(south) <= 90 && Math.abs(north) <= 90 && south <= north && Math.abs(w) <= 180 && Math.abs(e) <= 180;
  return ok ? s : undefined;
}
