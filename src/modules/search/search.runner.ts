import type { Actor } from '../accounts/actor';
import type { Store } from '../records/record.store';
import { SearchEngine } from './search.engine';
import { searchWorkerPool } from './search.pool';
import type { SearchParams, SearchResult } from './search.types';

/** Runs searches: inline on the event loop (PostgreSQL, tests) or on worker threads (SQLite). */
export interface SearchRunner {
  search(actor: Actor, params: SearchParams): Promise<SearchResult>;
  close(): Promise<void>;
}

/** A runner that searches through the given store on the calling thread, with the in-memory record index. */
export function inlineSearchRunner(store: Store): SearchRunner {
  const engine = new SearchEngine(store);
  return {
    search: (actor, params) => engine.search(actor, params),
    close: async () => {},
  };
}

/**
 * The runner the server uses: on SQLite with `searchWorkers > 0`, a pool of worker threads with
 * their own read connections (better-sqlite3 is synchronous); otherwise inline.
 */
export async function createSearchRunner(deps: { store: Store; workers: number; sqliteFile?: string }): Promise<SearchRunner> {
  if (deps.store.dialect.name === 'sqlite' && deps.workers > 0 && deps.sqliteFile && deps.sqliteFile !== ':memory:') {
    return searchWorkerPool(deps.sqliteFile, deps.workers);
  }
  return inlineSearchRunner(deps.store);
}
