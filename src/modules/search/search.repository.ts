import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/schema';
import type { FtsClause } from '../../db/dialect/dialect';
import type { Actor } from '../accounts/actor';
import { visibleTo } from '../records/record.visibility';
import type { Store } from '../records/record.store';
import type { RecordRow } from '../records/record.table';
import type { FacetName, SearchParams } from './search.types';

type Base = SelectQueryBuilder<Database & { m: { seq: number; score: number } }, 'record' | 'm', object>;
type BrowseBase = SelectQueryBuilder<Database, 'record', object>;

const COLUMN_FACETS: Partial<Record<FacetName, 'institution_id' | 'country' | 'kind' | 'rights_open' | 'has_media'>> = {
  institution: 'institution_id',
  country: 'country',
  kind: 'kind',
  rights: 'rights_open',
  hasImages: 'has_media',
};
const FACET_LIMIT = 50;

/** All SQL of search: matching, filtering by visibility and facets, ordering, counting. */
export const searchRepository = {
  /** The filtered set of visible records (with full-text matches when there are clauses), as a reusable query. */
  base(store: Store, actor: Actor, clauses: FtsClause[], p: SearchParams): Base | BrowseBase {
    const { db, dialect } = store;
    let q: any = clauses.length
      ? db.selectFrom(sql<{ seq: number; score: number }>`(${dialect.matchQuery(clauses)})`.as('m')).innerJoin('record', 'record.seq', 'm.seq')
      : db.selectFrom('record');
    q = q.where(visibleTo(actor));
    if (p.institution?.length) q = q.where('record.institution_id', 'in', p.institution);
    if (p.country?.length) q = q.where('record.country', 'in', p.country);
    if (p.kind?.length) q = q.where('record.kind', 'in', p.kind);
    if (p.rights?.length === 1) q = q.where('record.rights_open', '=', p.rights[0] === 'open' ? 1 : 0);
    if (p.hasImages !== undefined) q = q.where('record.has_media', '=', p.hasImages ? 1 : 0);
    if (p.yearFrom !== undefined) q = q.where('record.year_to', '>=', p.yearFrom);
    if (p.yearTo !== undefined) q = q.where('record.year_from', '<=', p.yearTo);
    if (p.bbox) {
      const [w, s, e, n] = p.bbox;
      q = q.where('record.lat', '>=', s).where('record.lat', '<=', n);
      // A box may cross the antimeridian (west > east).
      q = w <= e ? q.where('record.lon', '>=', w).where('record.lon', '<=', e) : q.where((eb: any) => eb.or([eb('record.lon', '>=', w), eb('record.lon', '<=', e)]));
    }
    for (const facet of ['century', 'material', 'language'] as const) {
      const values = p[facet];
      if (values?.length) {
        q = q.where('record.seq', 'in', db.selectFrom('record_facet').select('record_facet.seq').where('record_facet.facet', '=', facet).where('record_facet.value', 'in', values));
      }
    }
    return q;
  },

  async count(base: Base | BrowseBase): Promise<number> {
    const r = await (base as any).select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirst();
    return Number(r?.n ?? 0);
  },

  async page(base: Base | BrowseBase, hasText: boolean, p: SearchParams): Promise<(RecordRow & { score: number | null })[]> {
    let q: any = (base as any).selectAll('record').select(hasText ? sql<number>`m.score`.as('score') : sql<null>`NULL`.as('score'));
    const sort = p.sort ?? 'relevance';
    if (sort === 'relevance' && hasText) q = q.orderBy('m.score', 'desc');
    else if (sort === 'date') q = q.orderBy(sql`record.year_from IS NULL`).orderBy('record.year_from', 'asc');
    else if (sort === '-date') q = q.orderBy(sql`record.year_to IS NULL`).orderBy('record.year_to', 'desc');
    else if (sort === 'title') q = q.orderBy('record.title_sort', 'asc');
    else q = q.orderBy('record.seq', 'desc'); // newest, and browsing without words
    return q.orderBy('record.seq', 'asc').limit(p.limit ?? 20).offset(p.offset ?? 0).execute();
  },

  /** The coordinates of every matching record that has them (the reference path of the map of results). */
  async points(base: Base | BrowseBase): Promise<{ lat: number; lon: number }[]> {
    const rows = await (base as any).select(['record.lat as lat', 'record.lon as lon']).where('record.lat', 'is not', null).where('record.lon', 'is not', null).execute();
    return rows.map((r: any) => ({ lat: Number(r.lat), lon: Number(r.lon) }));
  },

  async facet(store: Store, base: Base | BrowseBase, facet: FacetName): Promise<{ value: string; count: number }[]> {
    const column = COLUMN_FACETS[facet];
    if (column) {
      const rows = await (base as any)
        .select([sql.ref(`record.${column}`).as('value'), (eb: any) => eb.fn.countAll().as('count')])
        .groupBy(`record.${column}`)
        .orderBy('count', 'desc')
        .orderBy('value')
        .limit(FACET_LIMIT)
        .execute();
      return rows.map((r: any) => ({ value: String(r.value), count: Number(r.count) }));
    }
    const seqs = (base as any).select('record.seq');
    const rows = await store.db
      .selectFrom('record_facet')
      .select(['record_facet.value as value', (eb) => eb.fn.countAll().as('count')])
      .where('record_facet.facet', '=', facet)
      .where('record_facet.seq', 'in', seqs)
      .groupBy('record_facet.value')
      .orderBy('count', 'desc')
      .orderBy('value')
      .limit(FACET_LIMIT)
      .execute();
    return rows.map((r) => ({ value: String(r.value), count: Number(r.count) }));
  },
};
