import fs from 'node:fs';
import os from 'node:os';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import cliProgress from 'cli-progress';

/** Small helpers shared by the benchmarks: statistics, memory sampling, machine facts, tables. */

/** The p-th percentile (0..100) of samples, by the nearest-rank method. */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface Latencies {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** p50/p95/p99/max of latencies in milliseconds. */
export function latencies(samples: number[]): Latencies {
  return { n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), max: Math.max(...samples) };
}

export interface MemoryStats {
  /** Resident set (bytes): at the start, the highest seen, at the end. */
  start: number;
  peak: number;
  end: number;
  /** Anonymous resident memory (heap, SQLite cache), without mapped database file pages; null off Linux. */
  anonStart: number | null;
  anonPeak: number | null;
  anonEnd: number | null;
  /** Anonymous (else total) resident memory after each unit of work (e.g. each batch). */
  perStep: number[];
}

/** Samples resident memory on a timer and whenever `sample()` is called (e.g. after each batch). */
export function memorySampler(intervalMs = 200) {
  const read = () => {
    const rss = process.memoryUsage().rss;
    try {
      const status = fs.readFileSync('/proc/self/status', 'utf8');
      const anon = /RssAnon:\s+(\d+) kB/.exec(status);
      return { rss, anon: anon ? Number(anon[1]) * 1024 : null };
    } catch {
      return { rss, anon: null };
    }
  };
  const first = read();
  const stats: MemoryStats = { start: first.rss, peak: first.rss, end: first.rss, anonStart: first.anon, anonPeak: first.anon, anonEnd: first.anon, perStep: [] };
  const sample = () => {
    const m = read();
    stats.peak = Math.max(stats.peak, m.rss);
    stats.end = m.rss;
    if (m.anon !== null) {
      stats.anonPeak = Math.max(stats.anonPeak ?? 0, m.anon);
      stats.anonEnd = m.anon;
    }
    return m;
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    sample,
    /** Samples at the end of one unit of work. */
    step() {
      const m = sample();
      stats.perStep.push(m.anon ?? m.rss);
    },
    stop(): MemoryStats {
      clearInterval(timer);
      sample();
      return stats;
    },
  };
}

/** A progress bar on a terminal, else a line every five seconds, always on stderr. */
export function progress(label: string, total: number) {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true, etaBuffer: 20 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: '-' });
    return { update: (done: number, rate: number) => bar.update(done, { rate: fmtInt(rate) }), stop: () => bar.stop() };
  }
  let last = 0;
  return {
    update(done: number, rate: number) {
      if (Date.now() - last > 5000 || done === total) {
        last = Date.now();
        process.stderr.write(`${label}: ${fmtInt(done)}/${fmtInt(total)} (${fmtInt(rate)}/s)\n`);
      }
    },
    stop() {},
  };
}

/** The machine and software the figures were measured on. */
export async function machineInfo(pgUrl: string | null): Promise<Record<string, string>> {
  const cpus = os.cpus();
  const mem = new SQLite(':memory:');
  const sqliteVersion = String(mem.prepare('SELECT sqlite_version()').pluck().get());
  mem.close();
  let pgVersion = 'not used';
  if (pgUrl) {
    const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      pgVersion = (await client.query('SHOW server_version')).rows[0].server_version;
    } catch (e) {
      pgVersion = `unreachable (${(e as Error).message})`;
    } finally {
      await client.end().catch(() => {});
    }
  }
  return {
    cpus: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite: sqliteVersion,
    postgresql: pgVersion,
    'load avg': loadAverage(),
  };
}

/** The 1, 5 and 15 minute load averages: above the number of cores, other work competed with the benchmark. */
export function loadAverage(): string {
  return `${os.loadavg().map((x) => x.toFixed(2)).join(' / ')} (1 / 5 / 15 min, ${os.cpus().length} cores)`;
}

/** Renders rows as an aligned text table with a header rule. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

export const fmtInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
export const fmtMs = (n: number) => (!Number.isFinite(n) ? '-' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));
export const fmtMiB = (n: number | null) => (n === null ? '-' : `${(n / 2 ** 20).toFixed(0)} MiB`);

/**
 * CPU time of the main thread in ms (Linux, 10 ms ticks), else of the whole process. Unlike rates,
 * it hardly moves when other work competes for the cores, so it gives a ceiling per free core.
 */
export function mainThreadCpuMs(): number {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}

/** Times a synchronous or asynchronous function in milliseconds. */
export async function timed<T>(work: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await work();
  return { ms: performance.now() - t, value };
}

/** Writes a line to stderr (progress and notes; the report goes to stdout). */
export function note(text: string): void {
  process.stderr.write(`${text}\n`);
}
