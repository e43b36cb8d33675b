import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { PUBLIC } from '../accounts/actor';
import { visibleTo } from '../records/record.visibility';

type RecordEb = ExpressionBuilder<Database, 'record'>;

/** What one OAI-PMH list or GetRecord reads of a record. */
export interface OaiRow {
  seq: number;
  id: string;
  institution_id: string;
  kind: string;
  updated_at: string;
  deleted_at: string | null;
  /** The record document (JSON); absent when only headers are wanted. */
  metadata?: string;
}

/** The selection of a list request, already checked. */
export interface OaiFilter {
  /** Restricts to records of these kinds (the formats that only some kinds can be expressed in). */
  kinds?: readonly string[];
  institutionId?: string;
  kind?: string;
  fromIso?: string;
  untilIso?: string;
}

const HEADER_COLUMNS = ['seq', 'id', 'institution_id', 'kind', 'updated_at', 'deleted_at'] as const;

/**
 * What OAI-PMH may show: live records the public sees (the one visibility rule), and deleted records
 * whose last state the public could see (public and past any embargo), as persistent deletions.
 * A deleted record that was members-only, private or still embargoed never appears, not even as
 * deleted: its existence was never public.
 */
export function oaiVisible(now: string) {
  return (eb: RecordEb): Expression<SqlBool> =>
    eb.or([
      visibleTo(PUBLIC, now)(eb),
      eb.and([
        eb('record.deleted_at', 'is not', null),
        eb('record.visibility', '=', 'public'),
        eb.or([eb('record.embargo_until', 'is', null), eb('record.embargo_until', '<=', now)]),
      ]),
    ]);
}

/** All SQL of the OAI-PMH provider. */
export const oaiRepository = {
  /** A page of records in (updated_at, seq) order after a keyset position. */
  async page(db: Db, f: OaiFilter, opts: { now: string; after?: [string, number]; limit: number; withMetadata: boolean }): Promise<OaiRow[]> {
    let q = db.selectFrom('record').select(HEADER_COLUMNS).where(matching(f, opts.now));
    if (opts.withMetadata) q = q.select('metadata');
    const after = opts.after;
    // The redundant `>=` lets both databases range-scan the (updated_at, seq) index.
    if (after) q = q.where('updated_at', '>=', after[0]).where((eb) => eb.or([eb('updated_at', '>', after[0]), eb('seq', '>', after[1])]));
    return q.orderBy('updated_at').orderBy('seq').limit(opts.limit).execute();
  },

  /** How many records a list request selects in all. */
  async count(db: Db, f: OaiFilter, now: string): Promise<number> {
    const r = await db.selectFrom('record').select((eb) => eb.fn.countAll<number>().as('n')).where(matching(f, now)).executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** One record OAI-PMH may show, with its document. */
  async find(db: Db, id: string, now: string): Promise<OaiRow | undefined> {
    return db.selectFrom('record').select([...HEADER_COLUMNS, 'metadata']).where('id', '=', id).where(oaiVisible(now)).executeTakeFirst();
  },

  /** The datestamp of the oldest change OAI-PMH may show, or null when it shows nothing. */
  async earliest(db: Db, now: string): Promise<string | null> {
    const r = await db.selectFrom('record').select('updated_at').where(oaiVisible(now)).orderBy('updated_at').orderBy('seq').limit(1).executeTakeFirst();
    return r?.updated_at ?? null;
  },

  /** The member institutions (id and name document), in id order. */
  async institutions(db: Db): Promise<{ id: string; name: string }[]> {
    return db.selectFrom('institution').select(['id', 'name']).where('deleted_at', 'is', null).orderBy('id').execute();
  },

  /** Names (language-map JSON) of some institutions, by id. */
  async institutionNames(db: Db, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom('institution').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },
};

function matching(f: OaiFilter, now: string) {
  return (eb: RecordEb): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [oaiVisible(now)(eb)];
    if (f.kinds) parts.push(eb('record.kind', 'in', [...f.kinds]));
    if (f.institutionId !== undefined) parts.push(eb('record.institution_id', '=', f.institutionId));
    if (f.kind !== undefined) parts.push(eb('record.kind', '=', f.kind));
    if (f.fromIso !== undefined) parts.push(eb('record.updated_at', '>=', f.fromIso));
    if (f.untilIso !== undefined) parts.push(eb('record.updated_at', '<', f.untilIso));
    return eb.and(parts);
  };
}
