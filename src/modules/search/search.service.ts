import { AppError } from '../../shared/errors';
import { countryName } from '../../shared/country';
import { firstText } from '../../shared/lang-map';
import type { Actor } from '../accounts/actor';
import type { Store } from '../records/record.store';
import type { RecordDoc } from '../records/record.normalize';
import { parseQuery } from './query-parser';
import { searchRepository as repo } from './search.repository';
import { makeSnippet } from './search.snippet';
import { GEO_CELL_SIZES, GeoBinner, isGeoCellSize } from './search.geo';
import { FACETS, type FacetName, type SearchHit, type SearchParams, type SearchResult } from './search.types';
import type { RecordRow } from '../records/record.table';

const MAX_LIMIT = 100;
const MAX_OFFSET = 10_000;

/**
 * Searches the records the actor may see: full text in every language, filters, facets with
 * counts, an order and a page. Counts and facets are computed over visible records only.
 */
export async function searchRecords(store: Store, actor: Actor, params: SearchParams): Promise<SearchResult> {
  const p = checkParams(params);
  const { clauses, highlightTokens } = parseQuery(p.q ?? '', { prefixLast: p.prefix });
  const hasText = clauses.length > 0;
  if ((p.q ?? '').trim() && !hasText) {
    return emptyResult(p);
  }
  const base = repo.base(store, actor, clauses, p);
  const wanted = p.facets ?? [...FACETS];
  const [total, rows, points, ...facetRows] = await Promise.all([
    repo.count(base),
    repo.page(base, hasText, p),
    p.geoCell ? repo.points(base) : Promise.resolve([]),
    ...wanted.map((f) => repo.facet(store, base, f)),
  ]);
  const lang = p.lang ?? 'en';
  const labels = await facetLabels(store, wanted, facetRows, lang);
  const prefixes = clauses.filter((c) => c.kind === 'prefix').map((c) => (c as { token: string }).token);
  const items = rows.map((row) => toHit(row, hasText ? highlightTokens : null, prefixes, lang));
  const facets = labelFacets(wanted, facetRows, labels);
  const result: SearchResult = { total, items, facets, offset: p.offset ?? 0, limit: p.limit ?? 20 };
  if (p.geoCell) {
    const bins = new GeoBinner(p.geoCell);
    for (const pt of points) bins.add(pt.lat, pt.lon);
    result.geo = bins.result();
  }
  return result;
}

/** A search hit from a stored row; a snippet around the matched words when there were any. */
export function toHit(row: RecordRow & { score?: number | null }, highlightTokens: string[] | null, prefixes: string[], lang: string): SearchHit {
  const doc = JSON.parse(row.metadata) as RecordDoc;
  return {
    id: row.id,
    title: doc.title,
    institutionId: row.institution_id,
    country: row.country,
    kind: row.kind,
    date: doc.date?.display ?? null,
    yearFrom: row.year_from,
    yearTo: row.year_to,
    lat: row.lat,
    lon: row.lon,
    rights: row.rights_uri,
    hasMedia: row.has_media === 1,
    snippet: highlightTokens ? makeSnippet([doc.description, doc.title, doc.inscriptions, doc.notes], highlightTokens, prefixes, lang) : null,
    score: row.score === null || row.score === undefined ? null : Number(row.score),
  };
}

/** Facet counts with API values (rights: open/restricted; hasImages: true/false) and labels in a language. */
export function labelFacets(wanted: FacetName[], rows: { value: string; count: number }[][], labels: (f: FacetName, v: string) => string): SearchResult['facets'] {
  const facets: SearchResult['facets'] = {};
  wanted.forEach((f, i) => {
    facets[f] = rows[i].map((v) => {
      const value = f === 'rights' ? (v.value === '1' ? 'open' : 'restricted') : f === 'hasImages' ? String(v.value === '1') : v.value;
      return { value, count: v.count, label: labels(f, value) };
    });
  });
  return facets;
}

/** An empty answer (a query of only punctuation or symbols cannot match anything). */
export function emptyResult(p: SearchParams): SearchResult {
  return { total: 0, items: [], facets: Object.fromEntries((p.facets ?? FACETS).map((f) => [f, []])), offset: p.offset ?? 0, limit: p.limit ?? 20, ...(p.geoCell ? { geo: [] } : {}) };
}

/** Checks the ranges of search parameters; throws BAD_QUERY naming each bad one. */
export function checkParams(p: SearchParams): SearchParams {
  const problems = [];
  if (p.limit !== undefined && (p.limit < 0 || p.limit > MAX_LIMIT)) problems.push({ field: 'limit', message: `must be from 0 to ${MAX_LIMIT}` });
  if (p.offset !== undefined && (p.offset < 0 || p.offset > MAX_OFFSET)) problems.push({ field: 'offset', message: `must be from 0 to ${MAX_OFFSET}; narrow the search to go deeper` });
  if (p.yearFrom !== undefined && p.yearTo !== undefined && p.yearFrom > p.yearTo) problems.push({ field: 'yearFrom', message: 'must not be after yearTo' });
  if (p.bbox && (p.bbox.length !== 4 || p.bbox.some((x) => !Number.isFinite(x)) || Math.abs(p.bbox[1]) > 90 || Math.abs(p.bbox[3]) > 90 || p.bbox[1] > p.bbox[3])) {
    problems.push({ field: 'bbox', message: 'must be west,south,east,north in degrees' });
  }
  if (p.geoCell !== undefined && !isGeoCellSize(p.geoCell)) problems.push({ field: 'geoCell', message: `must be one of ${GEO_CELL_SIZES.join(', ')}` });
  if (problems.length) throw new AppError('BAD_QUERY', `Invalid search: ${problems.map((x) => `${x.field} ${x.message}`).join('; ')}`, { problems });
  return p;
}

/** Labels facet values in a language (institution names, country and language names). */
export async function facetLabels(store: Store, facets: FacetName[], rows: { value: string }[][], lang: string) {
  const institutionIds = rows[facets.indexOf('institution')]?.map((r) => r.value) ?? [];
  const names = new Map<string, string>();
  if (institutionIds.length) {
    const insts = await store.db.selectFrom('institution').select(['id', 'name']).where('id', 'in', institutionIds).execute();
    for (const i of insts) names.set(i.id, firstText(JSON.parse(i.name), lang, i.id));
  }
  const languageNames = safeDisplayNames(lang, 'language');
  return (facet: FacetName, value: string): string => {
    switch (facet) {
      case 'institution':
        return names.get(value) ?? value;
      case 'country':
        return countryName(value, lang);
      case 'language':
        return languageNames?.of(value) ?? value;
      default:
        return value;
    }
  };
}

function safeDisplayNames(lang: string, type: 'language'): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([lang, 'en'], { type, fallback: 'code' });
  } catch {
    return null;
  }
}
