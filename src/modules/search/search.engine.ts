import type { FtsClause } from '../../db/dialect/dialect';
import type { Actor } from '../accounts/actor';
import { visibilityRule, visibilityScope, visibleTo } from '../records/record.visibility';
import type { Store } from '../records/record.store';
import type { RecordRow } from '../records/record.table';
import { ByteLruCache } from './match-cache';
import { parseQuery } from './query-parser';
import { countFacets, filterRecords } from './record-index.query';
import { RecordIndexSync } from './record-index.sync';
import { checkParams, emptyResult, facetLabels, labelFacets, toHit } from './search.service';
import { GeoBinner } from './search.geo';
import { FACETS, type FacetName, type GeoCell, type SearchParams, type SearchResult } from './search.types';

// Up to this many matches, rank them all by BM25; past it, rank only the title matches (bounded ranking).
const FULL_RANK_MAX = 25_000;
const RANKED_KEEP = 1_000;

/**
 * The search used by the server: full-text matching in the database, then visibility, filters,
 * facet counts and ordering on the in-memory record index. Match sets and rankings are cached
 * until the catalogue changes. Answers exactly what the SQL-only `searchRecords` answers (a
 * test holds them to it); that simpler path stays as the reference implementation.
 */
export class SearchEngine {
  private readonly sync: RecordIndexSync;
  private readonly matches = new ByteLruCache<Uint32Array>(128 * 1024 * 1024);
  private readonly rankings = new ByteLruCache<{ seq: number; score: number }[]>(32 * 1024 * 1024);
  private readonly results = new ByteLruCache<{ hits: Uint32Array; expires: number; counts: Map<FacetName, { value: string; count: number }[]>; geo: Map<number, GeoCell[]> }>(64 * 1024 * 1024);
  private stamp = new Uint32Array(0);
  private titleRank: Uint32Array | null = null;
  private stampId = 0;

  constructor(private readonly store: Store) {
    this.sync = new RecordIndexSync(store);
  }

  /** Loads the index now rather than at the first search. */
  async warm(): Promise<void> {
    await this.refresh();
  }

  async search(actor: Actor, params: SearchParams): Promise<SearchResult> {
    const p = checkParams(params);
    const { clauses, highlightTokens } = parseQuery(p.q ?? '', { prefixLast: p.prefix });
    if ((p.q ?? '').trim() && !clauses.length) return emptyResult(p);
    await this.refresh();
    const index = this.sync.index;

    const candidates = clauses.length ? await this.matchSet(clauses) : null;
    const { hits, counts: countOf, geo } = this.filtered(actor, clauses, p, candidates);
    const wanted = p.facets ?? [...FACETS];
    const counts = wanted.map(countOf);

    const offset = p.offset ?? 0;
    const limit = p.limit ?? 20;
    let page: { seq: number; score: number | null }[];
    if (!limit) page = [];
    else if (clauses.length && (p.sort ?? 'relevance') === 'relevance') page = await this.rankedPage(clauses, hits, offset, limit, candidates!.length);
    else if (p.sort === 'date' || p.sort === '-date') page = datePage(index.yearFrom, index.yearTo, hits, offset, limit, p.sort === '-date');
    else if (p.sort === 'title') page = rankPage(await this.titleRanks(), hits, offset, limit);
    else page = Array.from(hits.subarray(Math.max(0, hits.length - offset - limit), Math.max(0, hits.length - offset)).reverse(), (seq) => ({ seq, score: null }));

    const rows = await this.loadRows(actor, page.map((x) => x.seq));
    const lang = p.lang ?? 'en';
    const prefixes = clauses.filter((c): c is { kind: 'prefix'; token: string } => c.kind === 'prefix').map((c) => c.token);
    const items = page
      .map((x) => rows.get(x.seq) && toHit({ ...rows.get(x.seq)!, score: x.score }, clauses.length ? highlightTokens : null, prefixes, lang))
      .filter((x) => !!x);
    const labels = await facetLabels(this.store, wanted, counts, lang);
    const result: SearchResult = { total: hits.length, items, facets: labelFacets(wanted, counts, labels), offset, limit };
    if (p.geoCell) result.geo = geo(p.geoCell);
    return result;
  }

  /** Each record's position in title order, read from the database (its collation) once per catalogue version. */
  private async titleRanks(): Promise<Uint32Array> {
    if (!this.titleRank) {
      const order = await this.store.dialect.seqsByTitle(this.store.db);
      const rank = new Uint32Array(this.sync.index.capacity + 1).fill(0xffffffff);
      order.forEach((seq, i) => {
        if (seq < rank.length) rank[seq] = i;
      });
      this.titleRank = rank;
    }
    return this.titleRank;
  }

  private async refresh(): Promise<void> {
    if (await this.sync.refresh()) {
      this.titleRank = null;
      this.matches.clear();
      this.rankings.clear();
      this.results.clear();
    }
  }

  /**
   * The hits (visible, filtered) and their facet counts, cached per visibility scope until the
   * catalogue changes or an embargo that holds a record back ends, so repeated browsing and
   * paging cost nothing; facets are counted only when asked.
   */
  private filtered(actor: Actor, clauses: FtsClause[], p: SearchParams, candidates: Uint32Array | null) {
    const { q: _q, prefix: _prefix, offset: _o, limit: _l, sort: _s, lang: _lang, facets: _f, ...filters } = p;
    const key = JSON.stringify([visibilityScope(actor), clauses, filters]);
    const now = Date.now();
    let entry = this.results.get(key);
    if (!entry || entry.expires <= now) {
      const { hits, nextChange } = filterRecords(this.sync.index, visibilityRule(actor, now), p, candidates);
      entry = { hits, expires: nextChange, counts: new Map(), geo: new Map() };
      this.results.set(key, entry, hits.byteLength + key.length * 2 + 4096);
    }
    const e = entry;
    return {
      hits: e.hits,
      counts: (f: FacetName) => {
        let c = e.counts.get(f);
        if (!c) {
          c = countFacets(this.sync.index, e.hits, f);
          e.counts.set(f, c);
        }
        return c;
      },
      /** The hits with coordinates binned into cells of `size` degrees (one pass over the hits, then cached). */
      geo: (size: number) => {
        let cells = e.geo.get(size);
        if (!cells) {
          const { lat, lon } = this.sync.index;
          const bins = new GeoBinner(size);
          for (let i = 0; i < e.hits.length; i++) {
            const la = lat[e.hits[i]];
            if (la === la) bins.add(la, lon[e.hits[i]]);
          }
          cells = bins.result();
          e.geo.set(size, cells);
        }
        return cells;
      },
    };
  }

  private async matchSet(clauses: FtsClause[]): Promise<Uint32Array> {
    const key = JSON.stringify(clauses);
    let set = this.matches.get(key);
    if (!set) {
      set = await this.store.dialect.matchSeqs(this.store.db, clauses);
      this.matches.set(key, set, set.byteLength + key.length * 2);
    }
    return set;
  }

  /** The page in relevance order: BM25 over all matches, or over title matches when there are very many. */
  private async rankedPage(clauses: FtsClause[], hits: Uint32Array, offset: number, limit: number, matchCount: number) {
    const titleOnly = matchCount > FULL_RANK_MAX;
    const need = Math.max(RANKED_KEEP, offset + limit);
    const key = `${titleOnly ? 't' : 'a'}:${need}:${JSON.stringify(clauses)}`;
    let ranked = this.rankings.get(key);
    if (!ranked) {
      ranked = await this.store.dialect.rankSeqs(this.store.db, clauses, { limit: need, titleOnly });
      this.rankings.set(key, ranked, ranked.length * 16 + key.length * 2);
    }
    // Keep ranked matches that passed visibility and filters, then the other passing matches in seq order.
    const mark = this.marker(hits);
    const out: { seq: number; score: number | null }[] = [];
    const taken = new Set<number>();
    let skipped = 0;
    for (const r of ranked) {
      if (out.length >= limit) break;
      if (mark[r.seq] !== this.stampId) continue;
      taken.add(r.seq);
      if (skipped++ < offset) continue;
      out.push({ seq: r.seq, score: r.score });
    }
    for (let i = 0; i < hits.length && out.length < limit; i++) {
      if (taken.has(hits[i])) continue;
      if (skipped++ < offset) continue;
      out.push({ seq: hits[i], score: null });
    }
    return out;
  }

  private marker(hits: Uint32Array): Uint32Array {
    const cap = this.sync.index.capacity;
    if (this.stamp.length < cap) this.stamp = new Uint32Array(cap);
    this.stampId = (this.stampId + 1) >>> 0 || 1;
    for (let i = 0; i < hits.length; i++) this.stamp[hits[i]] = this.stampId;
    return this.stamp;
  }

  /** Reads the page's rows, applying the visibility rule once more in SQL (defence in depth). */
  private async loadRows(actor: Actor, seqs: number[]): Promise<Map<number, RecordRow>> {
    if (!seqs.length) return new Map();
    const rows = await this.store.db.selectFrom('record').selectAll().where('seq', 'in', seqs).where(visibleTo(actor)).execute();
    return new Map(rows.map((r) => [r.seq, r]));
  }
}

/** The page ordered by year: oldest first (or newest first), records without a date last, ties by seq. */
function datePage(yearFrom: Int32Array, yearTo: Int32Array, hits: Uint32Array, offset: number, limit: number, desc: boolean) {
  const NO = -2147483648;
  return topByKey(hits, offset, limit, (s) => {
    const y = desc ? yearTo[s] : yearFrom[s];
    if (y === NO) return Number.POSITIVE_INFINITY;
    return desc ? -y : y;
  });
}

/** The page ordered by a precomputed rank (smaller first). */
function rankPage(rank: Uint32Array, hits: Uint32Array, offset: number, limit: number) {
  return topByKey(hits, offset, limit, (s) => (s < rank.length ? rank[s] : Number.POSITIVE_INFINITY));
}

/** The page of hits ordered by a key (smaller first, ties by seq), by bounded selection instead of a full sort. */
function topByKey(hits: Uint32Array, offset: number, limit: number, key: (seq: number) => number) {
  const want = offset + limit;
  // A bounded selection: keep the best `want` in a sorted buffer (hits are in seq order, so ties stay by seq).
  const best: { seq: number; k: number }[] = [];
  for (let i = 0; i < hits.length; i++) {
    const s = hits[i];
    const k = key(s);
    if (best.length === want && k >= best[best.length - 1].k) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (best[mid].k <= k) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, { seq: s, k });
    if (best.length > want) best.pop();
  }
  return best.slice(offset).map((b) => ({ seq: b.seq, score: null }));
}
