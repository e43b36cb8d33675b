import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import pg from 'pg';
import { openSqlite } from '../src/db/database';
import { recordBatches, recordId, recordText } from './generate';
import { latencies, note, progress, type Latencies } from './support';

/**
 * The raw limits our figures are compared with: the same generated rows written with
 * better-sqlite3 directly (prepared statements, one transaction per batch, the pragmas our
 * connections use), and naive full-text and facet queries timed without our code around them.
 */

export interface RawLoadResult {
  /** Records/s of plain rows of about 600 bytes, no full-text index. */
  plain: number;
  /** Records/s with an FTS5 index maintained inline (contentless, as ours). */
  inline: number;
  /** Records/s of plain rows plus an FTS5 index rebuilt after the load. */
  rebuild: number;
  rebuildSeconds: number;
}

/** Measures the three raw SQLite load rates in scratch files under `dir` (removed afterwards). */
export function rawSqliteLoad(opts: { records: number; batchSize: number; dir: string }): RawLoadResult {
  fs.mkdirSync(opts.dir, { recursive: true });
  const plainFile = path.join(opts.dir, 'raw-plain.sqlite');
  const inlineFile = path.join(opts.dir, 'raw-inline.sqlite');
  try {
    // (a) plain rows.
    const plainDb = openSqlite(plainFile);
    plainDb.exec('CREATE TABLE doc (id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL)');
    const insertPlain = plainDb.prepare('INSERT INTO doc (id, ext_id, title, body) VALUES (?, ?, ?, ?)');
    const writePlain = plainDb.transaction((rows: [number, string, string, string][]) => {
      for (const r of rows) insertPlain.run(r);
    });
    let plainMs = 0;
    let done = 0;
    const bar = progress('raw SQLite: plain rows', opts.records);
    for (const batch of recordBatches(opts.records, opts.batchSize)) {
      const rows = batch.map((r, k): [number, string, string, string] => {
        const t = recordText(r);
        return [done + k + 1, recordId(done + k), t.title, t.body];
      });
      const t0 = performance.now();
      writePlain(rows);
      plainMs += performance.now() - t0;
      done += rows.length;
      bar.update(done, (done / plainMs) * 1000);
    }
    bar.stop();

    // (c) the same rows, then an FTS5 index built in one pass.
    const t1 = performance.now();
    plainDb.exec(`CREATE VIRTUAL TABLE doc_fts USING fts5(title, body, content='doc', content_rowid='id', tokenize='unicode61 remove_diacritics 0')`);
    plainDb.exec(`INSERT INTO doc_fts (doc_fts) VALUES ('rebuild')`);
    const rebuildMs = performance.now() - t1;
    note(`raw SQLite: FTS5 rebuild took ${(rebuildMs / 1000).toFixed(1)} s`);

    // (b) rows and a contentless FTS5 index written together, reading the rows of (a).
    const inlineDb = openSqlite(inlineFile);
    inlineDb.exec('CREATE TABLE doc (id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL)');
    inlineDb.exec(`CREATE VIRTUAL TABLE doc_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`);
    const insertRow = inlineDb.prepare('INSERT INTO doc (id, ext_id, title, body) VALUES (?, ?, ?, ?)');
    const insertFts = inlineDb.prepare('INSERT INTO doc_fts (rowid, title, body) VALUES (?, ?, ?)');
    const writeInline = inlineDb.transaction((rows: [number, string, string, string][]) => {
      for (const r of rows) {
        insertRow.run(r);
        insertFts.run(r[0], r[2], r[3]);
      }
    });
    const readBatch = plainDb.prepare('SELECT id, ext_id, title, body FROM doc WHERE id > ? ORDER BY id LIMIT ?').raw(true);
    let inlineMs = 0;
    let last = 0;
    const bar2 = progress('raw SQLite: rows + FTS5 inline', opts.records);
    for (;;) {
      const rows = readBatch.all(last, opts.batchSize) as [number, string, string, string][];
      if (!rows.length) break;
      const t0 = performance.now();
      writeInline(rows);
      inlineMs += performance.now() - t0;
      last = rows[rows.length - 1][0];
      bar2.update(last, (last / inlineMs) * 1000);
    }
    bar2.stop();
    inlineDb.close();
    plainDb.close();
    return {
      plain: (opts.records / plainMs) * 1000,
      inline: (opts.records / inlineMs) * 1000,
      rebuild: (opts.records / (plainMs + rebuildMs)) * 1000,
      rebuildSeconds: rebuildMs / 1000,
    };
  } finally {
    for (const f of [plainFile, inlineFile]) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(f + suffix, { force: true });
  }
}

export interface RawSearchResult {
  /** Naive full-text ranking of a frequent term, LIMIT 20. */
  naiveRanking: Latencies;
  /** One GROUP BY count over the whole record table. */
  groupBy: Latencies;
  /** Matches of the ranked term, for scale. */
  matches: number;
}

/** Times a naive `ORDER BY bm25() LIMIT 20` and a whole-table GROUP BY on our SQLite database. */
export function rawSqliteSearch(file: string, term: string, reps: number): RawSearchResult {
  const db: SQLite.Database = openSqlite(file, true);
  try {
    const match = `"${term}"`;
    const rank = db.prepare('SELECT rowid, bm25(record_fts, 10.0, 1.0) AS s FROM record_fts WHERE record_fts MATCH ? ORDER BY s LIMIT 20');
    const group = db.prepare('SELECT country, count(*) AS n FROM record GROUP BY country');
    const matches = Number(db.prepare('SELECT count(*) FROM record_fts WHERE record_fts MATCH ?').pluck().get(match));
    return { naiveRanking: repeat(reps, () => rank.all(match)), groupBy: repeat(Math.ceil(reps / 2), () => group.all()), matches };
  } finally {
    db.close();
  }
}

/** The same two queries on PostgreSQL: naive `ORDER BY ts_rank() LIMIT 20` and a GROUP BY. */
export async function rawPostgresSearch(url: string, term: string, reps: number): Promise<RawSearchResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tsq = `'${term.replace(/'/g, "''")}'`;
    const rankSql = 'SELECT seq FROM record_search WHERE doc @@ $1::tsquery ORDER BY ts_rank(doc, $1::tsquery) DESC LIMIT 20';
    const groupSql = 'SELECT country, count(*) AS n FROM record GROUP BY country';
    const matches = Number((await client.query('SELECT count(*) AS n FROM record_search WHERE doc @@ $1::tsquery', [tsq])).rows[0].n);
    const naive = await repeatAsync(reps, () => client.query(rankSql, [tsq]));
    const groupBy = await repeatAsync(Math.ceil(reps / 2), () => client.query(groupSql));
    return { naiveRanking: naive, groupBy, matches };
  } finally {
    await client.end();
  }
}

function repeat(reps: number, work: () => unknown): Latencies {
  work();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    work();
    samples.push(performance.now() - t);
  }
  return latencies(samples);
}

async function repeatAsync(reps: number, work: () => Promise<unknown>): Promise<Latencies> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await work();
    samples.push(performance.now() - t);
  }
  return latencies(samples);
}
