import type { LangMap } from '../../shared/lang-map';

export const FACETS = ['institution', 'country', 'kind', 'century', 'material', 'language', 'rights', 'hasImages'] as const;
export type FacetName = (typeof FACETS)[number];
export const SORTS = ['relevance', 'date', '-date', 'title', 'newest'] as const;
export type SortOrder = (typeof SORTS)[number];

/** What a search asks: text, filters, order, page. */
export interface SearchParams {
  q?: string;
  /** Treat the last word as a prefix (type-ahead). */
  prefix?: boolean;
  institution?: string[];
  country?: string[];
  kind?: string[];
  century?: string[];
  material?: string[];
  language?: string[];
  rights?: ('open' | 'restricted')[];
  hasImages?: boolean;
  /** Year range (astronomical years: 0 = 1 BCE, -199 = 200 BCE); a record matches when its range overlaps. */
  yearFrom?: number;
  yearTo?: number;
  /** Map bounding box: west, south, east, north. */
  bbox?: [number, number, number, number];
  sort?: SortOrder;
  offset?: number;
  limit?: number;
  /** Facets to count; all when absent, none when empty. */
  facets?: FacetName[];
  /** Language of labels and snippets. */
  lang?: string;
  /** Also bin every matching record with coordinates into cells of this many degrees (the map of all results). */
  geoCell?: number;
}

/** Matching records with coordinates in one cell of the map grid: how many, where they centre, the cell's box. */
export interface GeoCell {
  count: number;
  /** Mean position of the records in the cell (where the map draws them). */
  lat: number;
  lon: number;
  /** The cell: west, south, east, north. */
  bbox: [number, number, number, number];
}

export interface FacetValue {
  value: string;
  count: number;
  label: string;
}

export interface SearchHit {
  id: string;
  title: LangMap;
  institutionId: string;
  country: string;
  kind: string;
  date: string | null;
  yearFrom: number | null;
  yearTo: number | null;
  lat: number | null;
  lon: number | null;
  rights: string | null;
  hasMedia: boolean;
  /** HTML-escaped text around the first match, matched words in <mark>. */
  snippet: string | null;
  score: number | null;
}

export interface SearchResult {
  total: number;
  items: SearchHit[];
  facets: Partial<Record<FacetName, FacetValue[]>>;
  offset: number;
  limit: number;
  /** With `geoCell`: the matching records with coordinates, binned (cells with records only, most first). */
  geo?: GeoCell[];
}
