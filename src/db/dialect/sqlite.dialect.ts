import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import type { DialectAdapter, FtsClause, FtsDocument } from './dialect';
import { parseIdList } from './id-list';

// Title weighted ten times the rest (bm25 column weights follow the column order).
const TITLE_WEIGHT = 10.0;
const BODY_WEIGHT = 1.0;

/** SQLite: an FTS5 contentless index over pre-segmented, folded tokens. */
export const sqliteDialect: DialectAdapter = {
  name: 'sqlite',
  maxBoundParams: 32766,
  supportsForUpdate: false,

  async createFullTextIndex(db) {
    await sql`CREATE VIRTUAL TABLE record_fts USING fts5(
      title, body, content='', contentless_delete=1,
      tokenize='unicode61 remove_diacritics 0'
    )`.execute(db);
  },

  async indexDocuments(db, docs, opts) {
    if (!docs.length) return;
    if (!opts?.fresh) await this.removeDocuments(db, docs.map((d) => d.seq));
    // Three values a row; stay far below the parameter limit.
    for (let i = 0; i < docs.length; i += 2000) {
      const chunk = docs.slice(i, i + 2000);
      await sql`INSERT INTO record_fts (rowid, title, body) VALUES ${sql.join(
        chunk.map((d) => sql`(${d.seq}, ${d.title}, ${d.body})`),
      )}`.execute(db);
    }
  },

  async removeDocuments(db, seqs) {
    for (let i = 0; i < seqs.length; i += 5000) {
      const chunk = seqs.slice(i, i + 5000);
      await sql`DELETE FROM record_fts WHERE rowid IN (${sql.join(chunk)})`.execute(db);
    }
  },

  matchQuery(clauses) {
    return sql<{ seq: number; score: number }>`SELECT rowid AS seq, -bm25(record_fts, ${sql.lit(TITLE_WEIGHT)}, ${sql.lit(BODY_WEIGHT)}) AS score FROM record_fts WHERE record_fts MATCH ${toFts5Query(clauses)}`;
  },

  async matchSeqs(db, clauses) {
    const r = await sql<{ ids: string | null }>`SELECT group_concat(rowid) AS ids FROM record_fts WHERE record_fts MATCH ${toFts5Query(clauses)}`.execute(db);
    return parseIdList(r.rows[0]?.ids ?? '');
  },

  async rankSeqs(db, clauses, { limit, titleOnly }) {
    const expr = titleOnly ? `{title} : (${toFts5Query(clauses)})` : toFts5Query(clauses);
    const r = await sql<{ seq: number; score: number }>`SELECT rowid AS seq, -bm25(record_fts, ${sql.lit(TITLE_WEIGHT)}, ${sql.lit(BODY_WEIGHT)}) AS score
      FROM record_fts WHERE record_fts MATCH ${expr} ORDER BY bm25(record_fts, ${sql.lit(TITLE_WEIGHT)}, ${sql.lit(BODY_WEIGHT)}), rowid LIMIT ${limit}`.execute(db);
    return r.rows;
  },

  async seqsByTitle(db) {
    // group_concat keeps the order of an ordered subquery (the title_sort index is read in order).
    const r = await sql<{ ids: string | null }>`SELECT group_concat(seq) AS ids FROM (SELECT seq FROM record ORDER BY title_sort, seq)`.execute(db);
    return parseIdList(r.rows[0]?.ids ?? '');
  },

  async analyze(db) {
    await sql`PRAGMA optimize=0x10002`.execute(db);
  },

  async databaseSize(db) {
    const r = await sql<{ size: number }>`SELECT page_count * page_size AS size FROM pragma_page_count(), pragma_page_size()`.execute(db);
    return Number(r.rows[0]?.size ?? 0);
  },
};

/** Compiles clauses to an FTS5 MATCH expression; every token is quoted, so no user text is syntax. */
export function toFts5Query(clauses: FtsClause[]): string {
  return clauses
    .map((c) => {
      if (c.kind === 'term') return quote(c.token);
      if (c.kind === 'prefix') return `${quote(c.token)}*`;
      return quote(c.tokens.join(' '));
    })
    .join(' AND ');
}

function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

export type { FtsDocument };
