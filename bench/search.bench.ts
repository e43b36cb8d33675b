import { PUBLIC, SYSTEM_ACTOR } from '../src/modules/accounts/actor';
import { saveRecordsBulk } from '../src/modules/records/record.bulk';
import type { Store } from '../src/modules/records/record.store';
import { createSearchRunner, type SearchRunner } from '../src/modules/search/search.runner';
import type { FacetName, SearchParams } from '../src/modules/search/search.types';
import { QUERY_TERMS, recordAt } from './generate';
import { rawPostgresSearch, rawSqliteSearch, type RawSearchResult } from './raw';
import { latencies, note, type Latencies } from './support';

/** The five facets every benchmark search asks for. */
export const BENCH_FACETS: FacetName[] = ['institution', 'country', 'kind', 'century', 'material'];

export interface QueryCase {
  category: string;
  label: string;
  params: SearchParams;
}

const q = (category: string, params: SearchParams, label = params.q ?? '(browse)'): QueryCase => ({ category, label, params: { ...params, facets: BENCH_FACETS } });

/** The fixed mix of searches, each with five facets, built from the generator's vocabulary. */
export function queryMix(): QueryCase[] {
  const t = QUERY_TERMS;
  return [
    ...t.frequent.map((w) => q('frequent term', { q: w })),
    ...t.rare.slice(0, 8).map((w) => q('rare term', { q: w })),
    q('two terms', { q: 'bronze inscription' }),
    q('two terms', { q: `painting ${t.rare[8]}` }),
    q('two terms', { q: `silk ${t.mid[0]}` }),
    q('two terms', { q: `temple ${t.mid[1]}` }),
    ...t.prefixes.map((w) => q('prefix', { q: w, prefix: true }, `${w}… (prefix)`)),
    ...t.phrases.map((w) => q('phrase', { q: w })),
    ...t.chinese.map((w) => q('chinese word', { q: w })),
    q('browse all', {}),
    q('filters', { q: 'bronze', country: ['CN'] }, 'bronze, country=CN'),
    q('filters', { yearFrom: 1400, yearTo: 1600 }, '(browse) years 1400–1600'),
    q('filters', { q: t.mid[2], country: ['FR', 'ES'], yearFrom: -500, yearTo: 1500 }, `${t.mid[2]}, country=FR,ES, years -500–1500`),
    q('filters', { q: 'manuscript', yearFrom: -800, yearTo: 0 }, 'manuscript, years -800–0'),
  ];
}

/** Searches run before measuring (thread start, record index, JIT), sharing no terms with the mix. */
function warmUpMix(): QueryCase[] {
  const t = QUERY_TERMS;
  return [q('warm', { q: t.mid[6] }), q('warm', { q: t.rare[10] }), q('warm', { q: 'gold', country: ['FR'] }), q('warm', { q: 'gi', prefix: true }), q('warm', { q: '"of the"' }), q('warm', {})];
}

export interface SearchModeResult {
  overall: Latencies;
  byCategory: { category: string; latencies: Latencies }[];
}

export interface SearchBenchResult {
  queries: number;
  passes: number;
  /** The very first search after the runner started: loading what the engine keeps in memory. */
  firstSearchMs: number;
  /** Searches right after one record was edited, twice: the engine catches up with the change first. */
  afterEditMs: [number, number];
  /** Each query of the mix once, never seen before (nothing cached for it). */
  firstTime: SearchModeResult;
  /** The same queries again, pass after pass (what the engine caches, cached). */
  repeated: SearchModeResult;
  /** The slowest queries by their first-time latency, with how many records they matched. */
  slowest: { label: string; category: string; total: number; firstMs: number; repeatedP50: number }[];
  raw: RawSearchResult | null;
  rawTerm: string;
  /** How the runner searches: on worker threads (SQLite) or inline. */
  runner: string;
  rssAfter: number;
}

/**
 * Runs the fixed mix sequentially as the public, through the runner the server uses: a warm-up
 * on other queries, one first-time pass, then repeated passes until `seconds` have passed
 * (at least 3, at most 50), then one search right after an edit of one record.
 */
export async function runSearchBench(opts: { store: Store; workers: number; sqliteFile?: string; pgUrl?: string; seconds: number }): Promise<SearchBenchResult> {
  const mix = queryMix();
  // Worker threads of the runner may be unref'd: keep the process alive while we wait on them.
  const keepAlive = setInterval(() => {}, 60_000);
  const runner = await createSearchRunner({ store: opts.store, workers: opts.workers, sqliteFile: opts.sqliteFile });
  const first: number[] = [];
  const totals: number[] = [];
  const repeated = mix.map(() => [] as number[]);
  let passes = 0;
  let firstSearchMs = 0;
  const afterEditMs: [number, number] = [0, 0];
  try {
    const warm = warmUpMix();
    firstSearchMs = (await time(runner, warm[0])).ms;
    for (const c of warm.slice(1)) await time(runner, c);
    // Concurrent searches reach every thread of a pool, so none is still loading while we measure.
    await Promise.all(warm.slice(1, 5).map((c) => runner.search(PUBLIC, c.params)));
    for (const c of mix) {
      const r = await time(runner, c);
      first.push(r.ms);
      totals.push(r.total);
    }
    const start = performance.now();
    while (passes < 50 && (passes < 3 || performance.now() - start < opts.seconds * 1000)) {
      for (const [i, c] of mix.entries()) repeated[i].push((await time(runner, c)).ms);
      passes++;
    }
    // Edits, as cataloguers make all day, each followed by a search that has to see it.
    for (const k of [0, 1]) {
      const edit = recordAt(k);
      edit.notes = { en: [`Edited by the benchmark at ${new Date().toISOString()}`] };
      await saveRecordsBulk(opts.store, SYSTEM_ACTOR, [edit]);
      afterEditMs[k] = (await time(runner, q('after edit', { q: QUERY_TERMS.rare[10 + k] }))).ms;
    }
    note(`search (${opts.store.dialect.name}): first ${(first.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s, ${passes} repeated passes`);
  } finally {
    await runner.close();
    clearInterval(keepAlive);
  }
  const rssAfter = process.memoryUsage().rss;
  const rawTerm = QUERY_TERMS.frequent[0];
  let raw: RawSearchResult | null = null;
  if (opts.sqliteFile) raw = rawSqliteSearch(opts.sqliteFile, rawTerm, 10);
  else if (opts.pgUrl) raw = await rawPostgresSearch(opts.pgUrl, rawTerm, 10);
  const perQuery = mix.map((c, i) => ({ label: c.label, category: c.category, total: totals[i], firstMs: first[i], repeatedP50: latencies(repeated[i]).p50 }));
  return {
    queries: mix.length,
    passes,
    firstSearchMs,
    afterEditMs,
    firstTime: summarise(mix, mix.map((_, i) => [first[i]])),
    repeated: summarise(mix, repeated),
    slowest: [...perQuery].sort((a, b) => b.firstMs - a.firstMs).slice(0, 6),
    raw,
    rawTerm,
    runner: opts.store.dialect.name === 'sqlite' && opts.workers > 0 && opts.sqliteFile ? `${opts.workers} worker threads` : 'inline',
    rssAfter,
  };
}

async function time(runner: SearchRunner, c: QueryCase): Promise<{ ms: number; total: number }> {
  const t = performance.now();
  const r = await runner.search(PUBLIC, c.params);
  return { ms: performance.now() - t, total: r.total };
}

function summarise(mix: QueryCase[], samples: number[][]): SearchModeResult {
  const categories = [...new Set(mix.map((c) => c.category))];
  return {
    overall: latencies(samples.flat()),
    byCategory: categories.map((category) => ({ category, latencies: latencies(mix.flatMap((c, i) => (c.category === category ? samples[i] : []))) })),
  };
}
