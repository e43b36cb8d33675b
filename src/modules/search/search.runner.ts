import type { Actor } from '../accounts/actor';
import type { Store } from '../records/record.store';
import { searchRecords } from './search.service';
import type { SearchParams, SearchResult } from './search.types';

/** Runs searches: inline on the event loop (PostgreSQL, tests) or on worker threads (SQLite). */
export interface SearchRunner {
  search(actor: Actor, params: SearchParams): Promise<SearchResult>;
  close(): Promise<void>;
}

/** A runner that queries through the given store on the calling thread. */
export function inlineSearchRunner(store: Store): SearchRunner {
  return {
    search: (actor, params) => searchRecords(store, actor, params),
    close: async () => {},
  };
}
