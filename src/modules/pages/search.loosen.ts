import type { SearchRunner } from '../search/search.runner';
import type { Actor } from '../accounts/actor';
import type { SearchResult } from '../search/search.types';
import type { InstitutionIndex } from './components';
import type { PageContext } from './context';
import { filterRemovals } from './facets';
import { searchHref, toParams, type SearchState } from './search.state';

/** A looser search that would find something: what it leaves out, where it is, how many it finds. */
export interface Loosening {
  without: string;
  href: string;
  count: number;
}

// An empty page asks at most this many looser searches (each a count, no facets).
const MAX_TRIED = 8;
const MAX_SHOWN = 4;

/** The words of a query, a quoted phrase counting as one. */
export function queryWords(q: string | undefined): string[] {
  return [...(q ?? '').matchAll(/"[^"]*"|\S+/g)].map((m) => m[0]).filter((w) => w !== '""');
}

/** Each search that drops one filter or (of two to six words) one word. */
export function looserStates(ctx: PageContext, state: SearchState, facets: SearchResult['facets'], institutions: InstitutionIndex): { without: string; state: SearchState }[] {
  const out = filterRemovals(ctx, state, facets, institutions).map((r) => ({ without: r.text, state: r.state }));
  const words = queryWords(state.q);
  if (words.length >= 2 && words.length <= 6) {
    words.forEach((w, i) => out.push({ without: w, state: { ...state, offset: 0, q: words.filter((_, j) => j !== i).join(' ') } }));
  }
  return out;
}

/**
 * For a search that found nothing: the looser searches that would find something, most results
 * first, each counted as the visitor would see it (the visibility rule applies as always).
 */
export async function loosenings(search: SearchRunner, actor: Actor, ctx: PageContext, state: SearchState, result: SearchResult, institutions: InstitutionIndex): Promise<Loosening[]> {
  if (result.total > 0) return [];
  const tried = looserStates(ctx, state, result.facets, institutions).slice(0, MAX_TRIED);
  const counted = await Promise.all(
    tried.map(async (c) => {
      const r = await search.search(actor, { ...toParams(c.state, ctx.lang), limit: 1, offset: 0, facets: [] }).catch(() => null);
      return { without: c.without, href: searchHref(c.state), count: r?.total ?? 0 };
    }),
  );
  return counted.filter((c) => c.count > 0).sort((a, b) => b.count - a.count).slice(0, MAX_SHOWN);
}
