import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { PUBLIC } from '../accounts/actor';
import { visibleTo } from '../records/record.visibility';
import { inPublicFeed } from '../records/record.public-feed';

type RecordEb = ExpressionBuilder<Database, 'record'>;

/** What one OAI-PMH list or GetRecord reads of a record, as the public sees it. */
export interface OaiRow {
  seq: number;
  id: string;
  institution_id: string;
  kind: string;
  /** The datestamp: the record's latest change as the public sees it (`record.public_at`). */
  updated_at: string;
  /** Set when the record is gone for the public (deleted, hidden or put back under embargo). */
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

/** The header columns: the datestamp is the record's public change time, deletion as the public sees it at `now`. */
function headerColumns(now: string) {
  return (eb: RecordEb) =>
    [
      'record.seq',
      'record.id',
      'record.institution_id',
      'record.kind',
      eb.ref('record.public_at').as('updated_at'),
      eb.case().when(visibleTo(PUBLIC, now)(eb)).then(sql<string | null>`NULL`).else(eb.ref('record.public_at')).end().as('deleted_at'),
    ] as const;
}

/** What OAI-PMH may show: the public feed of records (see `inPublicFeed`). */
export const oaiVisible = inPublicFeed;

/** All SQL of the OAI-PMH provider. */
export const oaiRepository = {
  /** A page of records in (updated_at, seq) order after a keyset position. */
  async page(db: Db, f: OaiFilter, opts: { now: string; after?: [string, number]; limit: number; withMetadata: boolean }): Promise<OaiRow[]> {
    let q = db.selectFrom('record').select(headerColumns(opts.now)).where(matching(f, opts.now));
    if (opts.withMetadata) q = q.select('metadata');
    const after = opts.after;
    // The redundant `>=` lets both databases range-scan the (public_at, seq) index.
    if (after) q = q.where('record.public_at', '>=', after[0]).where((eb) => eb.or([eb('record.public_at', '>', after[0]), eb('record.seq', '>', after[1])]));
    return q.orderBy('record.public_at').orderBy('record.seq').limit(opts.limit).execute();
  },

  /** How many records a list request selects in all. */
  async count(db: Db, f: OaiFilter, now: string): Promise<number> {
    const r = await db.selectFrom('record').select((eb) => eb.fn.countAll<number>().as('n')).where(matching(f, now)).executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** One record OAI-PMH may show, with its document. */
  async find(db: Db, id: string, now: string): Promise<OaiRow | undefined> {
    return db.selectFrom('record').select(headerColumns(now)).select('metadata').where('id', '=', id).where(oaiVisible(now)).executeTakeFirst();
  },

  /** The datestamp of the oldest change OAI-PMH may show, or null when it shows nothing. */
  async earliest(db: Db, now: string): Promise<string | null> {
    const r = await db.selectFrom('record').select('public_at').where(oaiVisible(now)).orderBy('public_at').orderBy('seq').limit(1).executeTakeFirst();
    return r?.public_at ?? null;
  },

  /** Of some record ids, those the public may see now. */
  async publicIds(db: Db, ids: string[], now: string): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = await db.selectFrom('record').select('id').where('id', 'in', ids.slice(i, i + 1000)).where(visibleTo(PUBLIC, now)).execute();
      for (const r of rows) out.push(r.id);
    }
    return out;
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
    if (f.fromIso !== undefined) parts.push(eb('record.public_at', '>=', f.fromIso));
    if (f.untilIso !== undefined) parts.push(eb('record.public_at', '<', f.untilIso));
    return eb.and(parts);
  };
}
