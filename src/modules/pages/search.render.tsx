import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import { can } from '../accounts/policy';
import type { SearchRunner } from '../search/search.runner';
import type { SearchResult } from '../search/search.types';
import type { Store } from '../records/record.store';
import { pageContext } from './context';
import { allInstitutions, indexInstitutions } from './pages.data';
import type { BatchFormErrors } from './search.batch';
import { firstImages } from './search.images';
import { loosenings } from './search.loosen';
import { SearchPage, type SearchPageData } from './search.page';
import { searchHref, toParams, type SearchState } from './search.state';
import { sendPage } from './send-page';

/** A batch form sent back with what is wrong, and what was chosen, so nothing is typed twice. */
export interface BatchRetry {
  errors: BatchFormErrors;
  values: { visibility?: string; rights?: string; subject?: string; subjectLang?: string };
  selected: string[];
}

/**
 * Renders the search page of a state: the results in the chosen view (list, grid with images, or
 * the map of all results), looser searches when nothing is found, and for staff the batch edit
 * form with a box on each result they may edit.
 */
export async function renderSearch(deps: { store: Store; search: SearchRunner }, request: FastifyRequest, reply: FastifyReply, state: SearchState, retry?: BatchRetry) {
  const ctx = pageContext(request, reply);
  const actor = request.actor;
  const institutions = indexInstitutions(await allInstitutions(deps.store, ctx.lang));
  let result: SearchResult | null = null;
  try {
    result = await deps.search.search(actor, toParams(state, ctx.lang));
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
  }
  const looser = result && result.total === 0 && state.offset === 0 ? await loosenings(deps.search, actor, ctx, state, result, institutions) : [];
  const hits = result?.items ?? [];
  const images = state.view === 'grid' ? await firstImages(deps.store, actor, hits.filter((h) => h.hasMedia).map((h) => h.id)) : new Map<string, string>();
  const editable = ctx.user ? new Set(hits.filter((h) => can(actor, 'edit', { institutionId: h.institutionId })).map((h) => h.id)) : new Set<string>();
  const data: SearchPageData = {
    state,
    result,
    institutions,
    loosenings: looser,
    images,
    batch: editable.size ? { editable, back: searchHref(state), ...(retry ? { errors: retry.errors, values: retry.values, selected: new Set(retry.selected) } : {}) } : undefined,
  };
  return sendPage(reply, <SearchPage ctx={ctx} data={data} />, retry ? 400 : result ? 200 : 400);
}
