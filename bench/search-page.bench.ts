import type { DatabaseHandle } from '../src/db/database';
import type { Config } from '../src/config/config';
import { buildApp } from '../src/app';
import { createSearchRunner } from '../src/modules/search/search.runner';
import { QUERY_TERMS } from './generate';
import { latencies, note, table, fmtMs, fmtInt, type Latencies } from './support';

/** One /search page of the mix: what it shows, and its URL. */
export interface PageCase {
  category: string;
  url: string;
}

/** The fixed mix of search pages: words frequent and rare with facets, each view (list, grid, map), zoomed maps and deep pages. */
export function pageMix(): PageCase[] {
  const t = QUERY_TERMS;
  const c = (category: string, url: string): PageCase => ({ category, url: `${url}${url.includes('?') ? '&' : '?'}lang=en` });
  return [
    ...t.frequent.slice(0, 4).map((w) => c('list, frequent term', `/search?q=${encodeURIComponent(w)}`)),
    ...t.rare.slice(0, 4).map((w) => c('list, rare term', `/search?q=${encodeURIComponent(w)}`)),
    c('list, facets', `/search?q=bronze&country=CN&kind=object`),
    c('list, facets', `/search?q=${encodeURIComponent(t.mid[0])}&century=15&sort=date`),
    c('list, facets', `/search?kind=manuscript&yearFrom=-500&yearTo=1500&offset=100`),
    c('list, browse', `/search`),
    c('grid', `/search?q=${encodeURIComponent(t.frequent[0])}&view=grid`),
    c('grid', `/search?q=silk&country=FR,ES&view=grid`),
    c('grid', `/search?hasImages=false&view=grid&limit=50`),
    c('map, all results', `/search?view=map`),
    c('map, all results', `/search?q=${encodeURIComponent(t.frequent[1])}&view=map`),
    c('map, all results', `/search?q=temple&kind=site&view=map`),
    c('map, zoomed', `/search?view=map&bbox=70,20,120,50`),
    c('map, zoomed', `/search?q=${encodeURIComponent(t.frequent[2])}&view=map&bbox=100,30,110,40`),
    c('map, zoomed', `/search?view=map&bbox=116,39,117,40.5`),
  ];
}

export interface SearchPageBenchResult {
  pages: number;
  passes: number;
  firstTime: Latencies;
  repeated: Latencies;
  byCategory: { category: string; first: Latencies; repeated: Latencies }[];
  slowest: { url: string; firstMs: number; repeatedP50: number; bytes: number }[];
  runner: string;
}

/**
 * Server render time of /search pages as the public: `app.inject` (no network) through the app
 * and the search runner the server uses, on the loaded bench database. Each page once first
 * (nothing cached for it), then repeated passes for `seconds` (at least 3, at most 30).
 */
export async function runSearchPageBench(opts: { database: DatabaseHandle; config: Config; sqliteFile?: string; seconds: number }): Promise<SearchPageBenchResult> {
  const store = { db: opts.database.db, dialect: opts.database.dialect };
  const search = await createSearchRunner({ store, workers: opts.config.searchWorkers, sqliteFile: opts.sqliteFile });
  const app = await buildApp({ config: opts.config, database: opts.database, search });
  await app.ready();
  const keepAlive = setInterval(() => {}, 1000);
  try {
    const render = async (url: string) => {
      const start = process.hrtime.bigint();
      const res = await app.inject({ url });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
      return { ms, bytes: res.body.length };
    };
    note('search-page: warming up (record index, threads)');
    for (const url of ['/search?q=gold&lang=en', '/search?view=grid&q=ink&lang=en', '/search?view=map&q=stone&lang=en', '/?lang=en']) await render(url);

    const mix = pageMix();
    const first = new Map<string, number>();
    const bytes = new Map<string, number>();
    for (const p of mix) {
      const r = await render(p.url);
      first.set(p.url, r.ms);
      bytes.set(p.url, r.bytes);
    }
    const repeated = new Map<string, number[]>(mix.map((p) => [p.url, []]));
    const until = Date.now() + opts.seconds * 1000;
    let passes = 0;
    while (passes < 3 || (Date.now() < until && passes < 30)) {
      for (const p of mix) repeated.get(p.url)!.push((await render(p.url)).ms);
      passes++;
    }
    note(`search-page: ${mix.length} pages, ${passes} repeated passes`);
    const categories = [...new Set(mix.map((p) => p.category))];
    return {
      pages: mix.length,
      passes,
      firstTime: latencies([...first.values()]),
      repeated: latencies([...repeated.values()].flat()),
      byCategory: categories.map((category) => {
        const urls = mix.filter((p) => p.category === category).map((p) => p.url);
        return { category, first: latencies(urls.map((u) => first.get(u)!)), repeated: latencies(urls.flatMap((u) => repeated.get(u)!)) };
      }),
      slowest: mix
        .map((p) => ({ url: p.url, firstMs: first.get(p.url)!, repeatedP50: latencies(repeated.get(p.url)!).p50, bytes: bytes.get(p.url)! }))
        .sort((a, b) => b.repeatedP50 - a.repeatedP50)
        .slice(0, 5),
      runner: opts.database.dialect.name === 'sqlite' && opts.config.searchWorkers > 0 ? `${opts.config.searchWorkers} search threads` : 'inline',
    };
  } finally {
    clearInterval(keepAlive);
    await app.close();
    await search.close();
  }
}

/** The table of a search-page run, with the 50 ms p95 budget. */
export function searchPageTable(dialect: string, records: number, r: SearchPageBenchResult): string {
  const row = (label: string, first: Latencies, rep: Latencies) => [label, fmtInt(first.n), fmtMs(first.p50), fmtMs(first.p95), fmtInt(rep.n), fmtMs(rep.p50), fmtMs(rep.p95), fmtMs(rep.p99), fmtMs(rep.max)];
  const verdict = r.repeated.p95 < 50 ? 'within' : 'OVER';
  return [
    `Search page render (${dialect}, ${fmtInt(records)} records, ${r.runner}): server render of /search through app.inject, ms`,
    table(
      ['pages', 'first n', 'first p50', 'first p95', 'rep n', 'rep p50', 'rep p95', 'rep p99', 'rep max'],
      [...r.byCategory.map((c) => row(c.category, c.first, c.repeated)), row('all', r.firstTime, r.repeated)],
    ),
    `  budget: p95 under 50 ms — repeated p95 ${fmtMs(r.repeated.p95)} ms, ${verdict} the budget; first-time p95 ${fmtMs(r.firstTime.p95)} ms`,
    '  slowest pages (repeated p50):',
    ...r.slowest.map((s) => `    ${fmtMs(s.repeatedP50).padStart(6)} ms (first ${fmtMs(s.firstMs)} ms, ${fmtInt(s.bytes)} bytes)  ${s.url}`),
  ].join('\n');
}
