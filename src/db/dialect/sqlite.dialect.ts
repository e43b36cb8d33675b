import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import type { DialectAdapter, FtsClause, FtsDocument } from './dialect';
import { insertRows } from './bulk-insert';
import { parseIdList } from './id-list';

// Title weighted ten times the rest (bm25 column weights follow the column order).
const TITLE_WEIGHT = 10.0;
const BODY_WEIGHT = 1.0;

// A bulk write's page cache (KiB, negative as the pragma takes it): a larger cache only keeps
// pages written earlier (256 MiB of them in a million-record import, against a budget of 500 MB
// for the whole process), as memory-mapped reads keep the pages of the file they touch. Neither
// made the writes faster; 32 MiB wrote 300,000 CSV rows as fast as 64 MiB.
const BULK_CACHE_SIZE = -32768;
// A bulk write's checkpoint interval (pages of the write-ahead log): the default 1,000 copies the
// log into the database file every few batches, and a page an import touches again (an index's
// or the full-text index's) is then copied again each time; 16,384 pages (64 MiB of log) copy
// it once.
const BULK_WAL_AUTOCHECKPOINT = 16384;
// FTS5 merges its index segments as it goes, by default whenever 4 of one level exist; during a
// bulk write 16 (its maximum) halves the full-text index's cost per record (52 → 34 µs on the
// writing thread at 300,000 rows). Queries then read a few more segments until later writes,
// merging at 4 again, fold them in.
const BULK_FTS_AUTOMERGE = 16;
const FTS_AUTOMERGE = 4;
const bulkWriters = new WeakMap<Kysely<Database>, { count: number; cacheSize: number; mmapSize: number; walAutocheckpoint: number }>();

/** A cache_size value in bytes (negative: KiB; positive: pages of about 4 KiB). */
function cacheBytes(size: number): number {
  return size < 0 ? -size * 1024 : size * 4096;
}

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
    await insertRows(db, 'record_fts', ['rowid', 'title', 'body'], docs.map((d) => [d.seq, d.title, d.body]), { maxParams: this.maxBoundParams });
  },

  async beginBulkWrite(db) {
    // One setting per connection: the first bulk writer changes it, the last one out restores it.
    let state = bulkWriters.get(db);
    if (!state) {
      const cache = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(db);
      const mmap = await sql<{ mmap_size: number }>`PRAGMA mmap_size`.execute(db);
      const wal = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(db);
      state = {
        count: 0,
        cacheSize: Number(cache.rows[0]?.cache_size ?? BULK_CACHE_SIZE),
        mmapSize: Number(mmap.rows[0]?.mmap_size ?? 0),
        walAutocheckpoint: Number(wal.rows[0]?.wal_autocheckpoint ?? 1000),
      };
      bulkWriters.set(db, state);
      if (cacheBytes(state.cacheSize) > cacheBytes(BULK_CACHE_SIZE)) await sql.raw(`PRAGMA cache_size = ${BULK_CACHE_SIZE}`).execute(db);
      if (state.mmapSize > 0) await sql.raw('PRAGMA mmap_size = 0').execute(db);
      if (state.walAutocheckpoint < BULK_WAL_AUTOCHECKPOINT) await sql.raw(`PRAGMA wal_autocheckpoint = ${BULK_WAL_AUTOCHECKPOINT}`).execute(db);
      await sql`INSERT INTO record_fts(record_fts, rank) VALUES ('automerge', ${sql.lit(BULK_FTS_AUTOMERGE)})`.execute(db);
    }
    state.count++;
    const held = state;
    let done = false;
    return async () => {
      if (done) return;
      done = true;
      if (--held.count > 0) return;
      bulkWriters.delete(db);
      await sql.raw(`PRAGMA cache_size = ${Math.trunc(held.cacheSize)}`).execute(db);
      await sql.raw(`PRAGMA mmap_size = ${Math.trunc(held.mmapSize)}`).execute(db);
      await sql.raw(`PRAGMA wal_autocheckpoint = ${Math.trunc(held.walAutocheckpoint)}`).execute(db);
      await sql`INSERT INTO record_fts(record_fts, rank) VALUES ('automerge', ${sql.lit(FTS_AUTOMERGE)})`.execute(db);
    };
  },

  async bulkTransaction() {
    // The connection's settings (beginBulkWrite) hold for every transaction on it.
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
