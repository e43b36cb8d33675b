import type { ApiBenchResult } from './api.bench';
import { memoryGrowth, FLAT_MEMORY_BYTES, type LoadResult } from './load.bench';
import type { SearchBenchResult } from './search.bench';
import { fmtInt, fmtMiB, fmtMs, table } from './support';

/** The budgets of DESIGN.md ("Performance budgets"), set for embedded SQLite on the 2-core machine. */
export const BUDGETS = { loadPerSecond: 15_000, searchP95Ms: 30, recordReadsPerSecond: 10_000 };

export interface DialectReport {
  dialect: string;
  records: number;
  load: LoadResult | null;
  search: SearchBenchResult | null;
  api: ApiBenchResult | null;
}

/** The table of one dialect: metric | ours | raw limit | budget | ok? */
export function renderReport(r: DialectReport): string {
  const rows: string[][] = [];
  const ok = (pass: boolean) => (pass ? 'yes' : 'NO');
  const share = (ours: number, raw: number) => ` (ours ${Math.round((ours / raw) * 100)}%)`;
  const l = r.load;
  if (l) {
    const raw = l.raw;
    rows.push(['load: records/s incl. search index', fmtInt(l.recordsPerSecond), raw ? `${fmtInt(raw.inline)} FTS5 inline${share(l.recordsPerSecond, raw.inline)}` : '-', `>= ${fmtInt(BUDGETS.loadPerSecond)}`, ok(l.recordsPerSecond >= BUDGETS.loadPerSecond)]);
    if (raw) {
      rows.push(['  raw: rows + FTS5 rebuilt after load', '', `${fmtInt(raw.rebuild)}${share(l.recordsPerSecond, raw.rebuild)}`, '', '']);
      rows.push(['  raw: plain rows, no index', '', `${fmtInt(raw.plain)}${share(l.recordsPerSecond, raw.plain)}`, '', '']);
    }
    rows.push([`load: first / last tenth, records/s`, `${fmtInt(l.firstTenthRate)} / ${fmtInt(l.lastTenthRate)}`, '', '', '']);
    rows.push([`load: slowest batch of ${fmtInt(l.batchSize)}`, `${fmtMs(l.slowestBatchMs)} ms`, '', '', '']);
    rows.push(['load: main-thread CPU per record', `${fmtInt(l.cpuMicrosPerRecord)} µs (≈ ${fmtInt(1e6 / l.cpuMicrosPerRecord)}/s on one free core)`, '', '', '']);
    const m = l.memory;
    rows.push(['load: RSS start / peak / end', `${fmtMiB(m.start)} / ${fmtMiB(m.peak)} / ${fmtMiB(m.end)}`, '', '', '']);
    const growth = memoryGrowth(m);
    rows.push([
      '  anonymous RSS (no mapped db pages)',
      m.anonStart === null ? '-' : `${fmtMiB(m.anonStart)} / ${fmtMiB(m.anonPeak)} / ${fmtMiB(m.anonEnd)}`,
      '',
      `flat (+< ${fmtMiB(FLAT_MEMORY_BYTES)})`,
      growth === null ? 'n/a' : ok(growth < FLAT_MEMORY_BYTES),
    ]);
    if (growth !== null) rows.push(['  median after each batch, 2nd half - 1st half', `${growth < 0 ? '-' : '+'}${fmtMiB(Math.abs(growth))}`, '', '', '']);
    rows.push(['database size after load', `${fmtMiB(l.databaseBytes)} (${fmtInt(l.databaseBytes / l.records)} B/record)`, '', '', '']);
  }
  const s = r.search;
  if (s) {
    const trio = (x: { p50: number; p95: number; p99: number }) => `${fmtMs(x.p50)} / ${fmtMs(x.p95)} / ${fmtMs(x.p99)}`;
    const rawRank = s.raw ? `naive rank p99 ${fmtMs(s.raw.naiveRanking.p99)} ms` : '-';
    rows.push([`search p95 ms, first time (${s.queries} queries)`, fmtMs(s.firstTime.overall.p95), rawRank, `< ${BUDGETS.searchP95Ms} ms`, ok(s.firstTime.overall.p95 < BUDGETS.searchP95Ms)]);
    rows.push([`search p95 ms, repeated (x ${s.passes} passes)`, fmtMs(s.repeated.overall.p95), '', `< ${BUDGETS.searchP95Ms} ms`, ok(s.repeated.overall.p95 < BUDGETS.searchP95Ms)]);
    rows.push(['search: very first search (engine start)', `${fmtMs(s.firstSearchMs)} ms`, '', '', '']);
    rows.push(['search: right after an edit, 1st / 2nd edit', `${fmtMs(s.afterEditMs[0])} / ${fmtMs(s.afterEditMs[1])} ms`, '', '', '']);
    for (const [mode, m] of [['first time', s.firstTime], ['repeated', s.repeated]] as const) {
      rows.push([`search p50 / p95 / p99 ms, ${mode}`, trio(m.overall), '', '', '']);
      for (const c of m.byCategory) rows.push([`  ${c.category} (n=${c.latencies.n})`, trio(c.latencies), '', '', c.latencies.p95 < BUDGETS.searchP95Ms ? '' : '(over)']);
    }
    if (s.raw) {
      rows.push([`  raw: ORDER BY rank LIMIT 20 "${s.rawTerm}" (${fmtInt(s.raw.matches)} hits)`, '', `${fmtMs(s.raw.naiveRanking.p50)} / ${fmtMs(s.raw.naiveRanking.p99)} ms p50/p99`, '', '']);
      rows.push(['  raw: GROUP BY country, whole table', '', `${fmtMs(s.raw.groupBy.p50)} / ${fmtMs(s.raw.groupBy.p99)} ms p50/p99`, '', '']);
    }
    rows.push(['search: RSS after the search runs', fmtMiB(s.rssAfter), '', '', '']);
  }
  const a = r.api;
  if (a) {
    const hello = a.helloWorld.requestsPerSecond;
    const lat = (x: { latencyP50: number; latencyP99: number }) => ` (p50 ${x.latencyP50} / p99 ${x.latencyP99} ms)`;
    const clean = (x: { non2xx: number; errors: number }) => !x.non2xx && !x.errors;
    rows.push([
      `API GET /records/:id req/s (${fmtInt(a.distinctIds)} ids)`,
      fmtInt(a.recordReads.requestsPerSecond) + lat(a.recordReads),
      `${fmtInt(hello)} hello world${share(a.recordReads.requestsPerSecond, hello)}`,
      `>= ${fmtInt(BUDGETS.recordReadsPerSecond)}`,
      ok(a.recordReads.requestsPerSecond >= BUDGETS.recordReadsPerSecond && clean(a.recordReads)),
    ]);
    const cpu = (x: { mainCpuMicrosPerRequest?: number }) => `${fmtInt(x.mainCpuMicrosPerRequest ?? NaN)} µs (≈ ${fmtInt(1e6 / (x.mainCpuMicrosPerRequest ?? NaN))}/s)`;
    rows.push(['  main-thread CPU per record read', cpu(a.recordReads), `${cpu(a.helloWorld)} hello`, '', '']);
    rows.push(['API GET /search one rare term, 5 facets', fmtInt(a.search.requestsPerSecond) + lat(a.search), '', '', clean(a.search) ? '' : 'errors']);
    rows.push([`API GET /search distinct rare terms`, fmtInt(a.searchDistinct.requestsPerSecond) + lat(a.searchDistinct), '', '', clean(a.searchDistinct) ? '' : 'errors']);
    rows.push(['  Fastify hello world req/s', '', fmtInt(hello) + lat(a.helloWorld), '', '']);
  }
  const title = `${r.dialect}, ${fmtInt(r.records)} records`;
  const lines = [title, '='.repeat(title.length), table(['metric', 'ours', 'raw limit', 'budget', 'ok?'], rows)];
  if (s) {
    lines.push('', 'slowest searches (first time / repeated p50, ms; records matched):');
    for (const q of s.slowest) lines.push(`  ${fmtMs(q.firstMs).padStart(7)} / ${fmtMs(q.repeatedP50).padStart(7)}  ${q.label} [${q.category}] ${fmtInt(q.total)} hits`);
  }
  if (a) {
    for (const [name, x] of [['records', a.recordReads], ['search', a.search], ['search distinct', a.searchDistinct]] as const) {
      if (x.non2xx || x.errors) lines.push(`API ${name}: ${x.non2xx} non-2xx answers, ${x.errors} errors, ${x.timeouts} timeouts`);
    }
    if (a.searchDistinct.requests > a.distinctTerms) lines.push(`(API distinct search: ${fmtInt(a.searchDistinct.requests)} requests over ${fmtInt(a.distinctTerms)} terms, so some repeated)`);
  }
  if (l && memoryGrowth(l.memory) === null) lines.push('', '(memory flatness needs at least 10 batches: load more records or pass a smaller --batch-size)');
  if (l) lines.push('', `(generating the data took ${l.generateSeconds.toFixed(1)} s, not counted; writes ${l.writeSeconds.toFixed(1)} s in batches of ${fmtInt(l.batchSize)})`);
  if (s) lines.push(`(search: as the public, sequentially, through createSearchRunner: ${s.runner}; "first time" = each query once, never run before)`);
  if (a) lines.push(`(API: ${a.connections} connections, ${a.seconds} s per target, autocannon on a worker thread, the app on the main thread)`);
  return lines.join('\n');
}
