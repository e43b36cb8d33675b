import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from '../schema';

export type DialectName = 'sqlite' | 'postgres';

/** One clause of a parsed full-text query; all clauses must match. */
export type FtsClause =
  | { kind: 'term'; token: string }
  | { kind: 'prefix'; token: string }
  | { kind: 'phrase'; tokens: string[] };

/** A document as the full-text index stores it: already folded, segmented tokens. */
export interface FtsDocument {
  seq: number;
  /** Tokens joined by single spaces (one string moves between threads far cheaper than a hundred). */
  title: string;
  body: string;
}

/**
 * Everything that differs between SQLite and PostgreSQL lives behind this interface:
 * the full-text index, and the capabilities the rest of the code asks about instead of sniffing.
 */
export interface DialectAdapter {
  readonly name: DialectName;
  /** Bound parameters one statement may carry. */
  readonly maxBoundParams: number;
  readonly supportsForUpdate: boolean;
  /** Creates the full-text index tables (called from the migrations). */
  createFullTextIndex(db: Kysely<any>): Promise<void>;
  /** Replaces the indexed text of these documents (`fresh`: they are not in the index yet). */
  indexDocuments(db: Kysely<Database>, docs: FtsDocument[], opts?: { fresh?: boolean }): Promise<void>;
  /** Removes documents from the index. */
  removeDocuments(db: Kysely<Database>, seqs: number[]): Promise<void>;
  /**
   * A subquery answering `seq, score` (higher is better) for every indexed document
   * matching all clauses.
   */
  matchQuery(clauses: FtsClause[]): RawBuilder<{ seq: number; score: number }>;
  /** The seqs of every indexed document matching all clauses, ascending, in a compact array. */
  matchSeqs(db: Kysely<Database>, clauses: FtsClause[]): Promise<Uint32Array>;
  /**
   * The best-ranked matches, best first (ties by seq). `titleOnly` ranks only documents whose
   * title matches, which bounds the work for terms that occur in a large share of the records.
   */
  rankSeqs(db: Kysely<Database>, clauses: FtsClause[], opts: { limit: number; titleOnly?: boolean }): Promise<{ seq: number; score: number }[]>;
  /** Every record's seq in title order (the database's collation, ties by seq), compactly. */
  seqsByTitle(db: Kysely<Database>): Promise<Uint32Array>;
  /**
   * Settings for a long bulk write (an import) on this database, until the function it answers
   * is called: SQLite keeps a smaller page cache, so memory stays bounded whatever the input size.
   */
  beginBulkWrite(db: Kysely<Database>): Promise<() => Promise<void>>;
  /**
   * Settings for one transaction of a bulk write, called first inside it (they end with it):
   * PostgreSQL folds the full-text index's pending entries in larger, rarer sweeps.
   */
  bulkTransaction(trx: Kysely<Database>): Promise<void>;
  /** Refreshes the planner's statistics (after bulk loads, so queries keep using their indexes). */
  analyze(db: Kysely<Database>): Promise<void>;
  /** Size of the database in bytes. */
  databaseSize(db: Kysely<Database>): Promise<number>;
}
