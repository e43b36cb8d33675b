import type { SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../accounts/actor';
import type { Store } from '../records/record.store';
import type { RecordRow } from '../records/record.table';
import { visibleTo } from '../records/record.visibility';
import { withVisibleRelations } from '../records/record.relations';
import { parseQuery } from '../search/query-parser';
import { searchRepository } from '../search/search.repository';
import { checkParams } from '../search/search.service';
import type { SearchParams } from '../search/search.types';

/** Rows read per query: enough to keep round trips few, few enough to keep memory flat. */
export const PAGE_SIZE = 500;

/** Pages of records in `seq` order; each call starts a fresh pass (CSV makes two: languages, then rows). */
export type RecordPages = () => AsyncGenerator<RecordRow[]>;

/** The records visible to the actor (optionally of one institution), by keyset pagination on `seq`. */
export function visibleRecordPages(store: Store, actor: Actor, opts: { institutionId?: string } = {}): RecordPages {
  return async function* () {
    let after = 0;
    for (;;) {
      // The clock is read per page: an embargo that ends during a long export is honoured from then on.
      let q = store.db.selectFrom('record').selectAll().where(visibleTo(actor)).where('seq', '>', after);
      if (opts.institutionId) q = q.where('institution_id', '=', opts.institutionId);
      const rows = await q.orderBy('seq').limit(PAGE_SIZE).execute();
      if (!rows.length) return;
      yield await withVisibleRelations(store, actor, rows);
      after = rows[rows.length - 1].seq;
    }
  };
}

/**
 * Every record matching a search (the parameters `/api/v1/search` takes; order, offset and limit
 * are ignored), visible to the actor, in `seq` order. Words are matched once into a compact list
 * of seqs (4 bytes a match); filters and visibility are then applied a page of seqs at a time,
 * so there is no deep offset and memory stays flat.
 */
export function searchRecordPages(store: Store, actor: Actor, params: SearchParams): RecordPages {
  const p = checkParams({ ...params, offset: undefined, limit: undefined });
  const { clauses } = parseQuery(p.q ?? '', { prefixLast: p.prefix });
  const nothing = !!(p.q ?? '').trim() && !clauses.length;
  return async function* () {
    if (nothing) return;
    // Without clauses the base query is the plain filtered record table.
    const filtered = () => searchRepository.base(store, actor, [], p) as SelectQueryBuilder<Database, 'record', object>;
    if (!clauses.length) {
      let after = 0;
      for (;;) {
        const rows = await filtered().selectAll('record').where('record.seq', '>', after).orderBy('record.seq').limit(PAGE_SIZE).execute();
        if (!rows.length) return;
        yield await withVisibleRelations(store, actor, rows);
        after = rows[rows.length - 1].seq;
      }
    }
    const matches = await store.dialect.matchSeqs(store.db, clauses);
    for (let i = 0; i < matches.length; i += PAGE_SIZE) {
      const seqs = Array.from(matches.subarray(i, i + PAGE_SIZE));
      const rows = await filtered().selectAll('record').where('record.seq', 'in', seqs).orderBy('record.seq').execute();
      if (rows.length) yield await withVisibleRelations(store, actor, rows);
    }
  };
}
