import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/db/schema';
import { oaiRepository } from '../src/modules/interop/oai.repository';
import { feedColumns, inPublicFeed } from '../src/modules/records/record.public-feed';

/**
 * `node --import tsx bench/oai-explain.ts <file.sqlite | postgres://…> [--analyze]`: the query plans
 * of the OAI-PMH list queries (first page, a resumed page, the count, a selective `from`) and of
 * the Change Discovery pages (first, middle, last), on a kept benchmark database. SQLite is opened
 * read-only; `--analyze` runs EXPLAIN ANALYZE on PostgreSQL (and times each query on SQLite).
 */
async function main(): Promise<void> {
  const [target, flag] = process.argv.slice(2);
  if (!target) throw new Error('usage: node --import tsx bench/oai-explain.ts <file.sqlite | postgres://…> [--analyze]');
  const analyze = flag === '--analyze';
  const isPg = target.startsWith('postgres');
  const captured: CompiledQuery[] = [];
  const sqlite = isPg ? null : new SQLite(target, { readonly: true, fileMustExist: true });
  const pool = isPg ? new pg.Pool({ connectionString: target, max: 1 }) : null;
  const db = new Kysely<Database>({ dialect: sqlite ? new SqliteDialect({ database: sqlite }) : new PostgresDialect({ pool: pool! }), log: (e) => void captured.push(e.query) });
  const now = new Date().toISOString();
  const run = async (label: string, work: () => Promise<unknown>) => {
    captured.length = 0;
    const t = performance.now();
    await work();
    const ms = performance.now() - t;
    for (const q of captured) await explain(label, q, ms);
  };
  const explain = async (label: string, q: CompiledQuery, ms: number) => {
    console.log(`\n== ${label} (${ms.toFixed(1)} ms)\n${q.sql}\n${JSON.stringify(q.parameters)}`);
    if (sqlite) {
      for (const r of sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { id: number; parent: number; detail: string }[]) console.log(`  ${r.detail}`);
    } else {
      const res = await pool!.query(`EXPLAIN ${analyze ? '(ANALYZE, BUFFERS) ' : ''}${q.sql}`, q.parameters as unknown[]);
      for (const r of res.rows as { 'QUERY PLAN': string }[]) console.log(`  ${r['QUERY PLAN']}`);
    }
  };

  const first = await oaiRepository.page(db, {}, { now, limit: 501, withMetadata: true });
  const mid = first[first.length - 1];
  const total = await oaiRepository.count(db, {}, now);
  const tail = await db.selectFrom('record').select(['public_at', 'seq']).where('public_at', '<=', now).orderBy('public_at', 'desc').orderBy('seq', 'desc').offset(2000).limit(1).executeTakeFirst();
  await run('OAI first page (no keyset position)', () => oaiRepository.page(db, {}, { now, limit: 501, withMetadata: true }));
  await run('OAI resumed page (keyset)', () => oaiRepository.page(db, {}, { now, after: [mid.updated_at, mid.seq], limit: 501, withMetadata: true }));
  await run('OAI count (first page of every list)', () => oaiRepository.count(db, {}, now));
  await run('OAI count from= recent', () => oaiRepository.count(db, { fromIso: tail?.public_at }, now));
  await run('OAI page from= recent', () => oaiRepository.page(db, { fromIso: tail?.public_at }, { now, limit: 501, withMetadata: true }));
  const base = () => db.selectFrom('record').select(feedColumns(now)).where(inPublicFeed(now));
  const middle = Math.floor(total / 200) * 100;
  await run(`discovery middle page (offset ${middle})`, () => base().orderBy('record.public_at').orderBy('record.seq').limit(100).offset(middle).execute());
  await run('discovery last page (from the end)', () => base().orderBy('record.public_at', 'desc').orderBy('record.seq', 'desc').limit(100).offset(0).execute());
  await db.destroy();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
