import { sql } from 'kysely';
import type { DialectAdapter, FtsClause } from './dialect';
import { parseIdList } from './id-list';

/** A bulk write's GIN pending-list limit (kB) and work memory (see bulkTransaction). */
const BULK_GIN_PENDING_KB = 65536;
const BULK_WORK_MEM = '64MB';

/**
 * PostgreSQL: a tsvector per record built from our own tokens (never PostgreSQL's parser,
 * which drops CJK text under the C locale), so both databases match the same documents.
 */
export const postgresDialect: DialectAdapter = {
  name: 'postgres',
  maxBoundParams: 65535,
  supportsForUpdate: true,

  async createFullTextIndex(db) {
    await sql`CREATE TABLE record_search (seq integer PRIMARY KEY, doc tsvector NOT NULL)`.execute(db);
    await sql`CREATE INDEX record_search_doc ON record_search USING gin (doc)`.execute(db);
  },

  async indexDocuments(db, docs) {
    for (let i = 0; i < docs.length; i += 2000) {
      const chunk = docs.slice(i, i + 2000);
      await sql`INSERT INTO record_search (seq, doc) VALUES ${sql.join(
        chunk.map((d) => sql`(${d.seq}, ${toTsvector(split(d.title), split(d.body))}::tsvector)`),
      )} ON CONFLICT (seq) DO UPDATE SET doc = excluded.doc`.execute(db);
    }
  },

  async beginBulkWrite(db) {
    let done = false;
    return async () => {
      if (done) return;
      done = true;
      // A bulk write leaves up to BULK_GIN_PENDING_KB of unsorted entries that every search would
      // scan: fold them into the index now rather than at some later writer's insert.
      await sql`SELECT gin_clean_pending_list('record_search_doc'::regclass)`.execute(db);
    };
  },

  async bulkTransaction(trx) {
    // The GIN index takes new entries into a pending list and folds them in when it outgrows
    // gin_pending_list_limit (4 MB by default): a sweep every few hundred records. Sweeps of 64 MB,
    // sorted in 64 MB of work_mem, cost 100 µs a record instead of 170 (100,000 records' index).
    await sql.raw(`SET LOCAL gin_pending_list_limit = ${BULK_GIN_PENDING_KB}`).execute(trx);
    await sql.raw(`SET LOCAL work_mem = '${BULK_WORK_MEM}'`).execute(trx);
    // A batch's commit need not wait for its WAL to reach the disk: a crash of the server loses at
    // most the last batches, whose job checkpoint commits with them, so the import resumes before them.
    await sql`SET LOCAL synchronous_commit = off`.execute(trx);
  },

  async removeDocuments(db, seqs) {
    for (let i = 0; i < seqs.length; i += 10000) {
      const chunk = seqs.slice(i, i + 10000);
      await sql`DELETE FROM record_search WHERE seq IN (${sql.join(chunk)})`.execute(db);
    }
  },

  matchQuery(clauses) {
    // Weights {D, C, B, A}: titles are A, everything else B.
    return sql<{ seq: number; score: number }>`SELECT seq, ts_rank('{0.1, 0.2, 0.1, 1.0}', doc, q.query) AS score FROM record_search, (SELECT ${toTsquery(clauses)}::tsquery AS query) q WHERE doc @@ q.query`;
  },

  async matchSeqs(db, clauses) {
    const r = await sql<{ ids: string | null }>`SELECT string_agg(seq::text, ',' ORDER BY seq) AS ids FROM record_search WHERE doc @@ ${toTsquery(clauses)}::tsquery`.execute(db);
    return parseIdList(r.rows[0]?.ids ?? '');
  },

  async rankSeqs(db, clauses, { limit, titleOnly }) {
    const r = await sql<{ seq: number; score: number }>`SELECT seq, ts_rank('{0.1, 0.2, 0.1, 1.0}', doc, q.query) AS score
      FROM record_search, (SELECT ${toTsquery(clauses, titleOnly ? 'A' : '')}::tsquery AS query) q
      WHERE doc @@ q.query ORDER BY score DESC, seq LIMIT ${limit}`.execute(db);
    return r.rows.map((x) => ({ seq: x.seq, score: Number(x.score) }));
  },

  async seqsByTitle(db) {
    const r = await sql<{ ids: string | null }>`SELECT string_agg(seq::text, ',' ORDER BY title_sort, seq) AS ids FROM record`.execute(db);
    return parseIdList(r.rows[0]?.ids ?? '');
  },

  async analyze(db) {
    await sql`ANALYZE record, record_facet, record_search`.execute(db);
  },

  async databaseSize(db) {
    const r = await sql<{ size: string }>`SELECT pg_database_size(current_database()) AS size`.execute(db);
    return Number(r.rows[0]?.size ?? 0);
  },
};

// tsvector positions stop at 16383; later tokens share the last position.
const MAX_POS = 16383;

/**
 * Builds tsvector input text: quoted lexemes with positions (at most 256 each), titles weighted
 * A, the rest B, each lexeme where it first occurs. Built as one string per lexeme, on the
 * writing thread of every import: the version with a list of position strings per lexeme cost
 * it 100 µs a record.
 */
export function toTsvector(title: string[], body: string[]): string {
  const slot = new Map<string, number>();
  const texts: string[] = [];
  const counts: number[] = [];
  let pos = 0;
  const add = (token: string, weight: string) => {
    if (pos < MAX_POS) pos++;
    const i = slot.get(token);
    if (i === undefined) {
      slot.set(token, texts.length);
      texts.push(`${lexeme(token)}:${pos}${weight}`);
      counts.push(1);
    } else if (counts[i] < 256) {
      texts[i] += `,${pos}${weight}`;
      counts[i]++;
    }
  };
  for (const t of title) add(t, 'A');
  if (pos < MAX_POS) pos++; // keep phrases from running across the title/body boundary
  for (const t of body) add(t, 'B');
  return texts.join(' ');
}

/** Compiles clauses to tsquery input text; every token is a quoted lexeme. */
export function toTsquery(clauses: FtsClause[], weight: '' | 'A' = ''): string {
  return clauses
    .map((c) => {
      if (c.kind === 'term') return `${lexeme(c.token)}${weight ? `:${weight}` : ''}`;
      if (c.kind === 'prefix') return `${lexeme(c.token)}:*${weight}`;
      return `(${c.tokens.map((t) => `${lexeme(t)}${weight ? `:${weight}` : ''}`).join(' <-> ')})`;
    })
    .join(' & ');
}

function split(tokens: string): string[] {
  return tokens ? tokens.split(' ') : [];
}

function lexeme(token: string): string {
  return NEEDS_ESCAPE.test(token) ? `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${token}'`;
}

const NEEDS_ESCAPE = /['\\]/;

export type { FtsClause };
