import { SYSTEM_ACTOR } from '../src/modules/accounts/actor';
import { createInstitution } from '../src/modules/institutions/institution.service';
import { saveRecordsPipelined } from '../src/modules/records/record.pipeline';
import type { Store } from '../src/modules/records/record.store';
import { BENCH_INSTITUTIONS, recordBatches } from './generate';
import { rawSqliteLoad, type RawLoadResult } from './raw';
import { mainThreadCpuMs, memorySampler, note, progress, type MemoryStats } from './support';

export interface LoadResult {
  records: number;
  batchSize: number;
  /** Seconds of the pipelined load, generation time left out. */
  writeSeconds: number;
  /** Seconds spent generating the records. */
  generateSeconds: number;
  recordsPerSecond: number;
  /** Rates over the first and the last tenth of the batches: a falling rate means writes slow down as the database grows. */
  firstTenthRate: number;
  lastTenthRate: number;
  slowestBatchMs: number;
  /** CPU time of the main thread per record written (generation excluded): what one free core would allow. */
  cpuMicrosPerRecord: number;
  memory: MemoryStats;
  databaseBytes: number;
  /** Raw SQLite limits on the same rows; null on PostgreSQL or when not measured. */
  raw: RawLoadResult | null;
}

/**
 * Loads N generated records through our real bulk write path — saveRecordsPipelined as the
 * system actor (worker threads validate and tokenise while this thread writes), one atomic
 * transaction per batch, search index included — sampling memory as it goes.
 */
export async function runLoadBench(opts: { store: Store; records: number; batchSize: number; rawDir: string | null }): Promise<LoadResult> {
  const { store } = opts;
  await ensureInstitutions(store);
  const memory = memorySampler();
  const batchMs: number[] = [];
  let generateMs = 0;
  let generateCpuMs = 0;
  let writeCpuMs = 0;
  let done = 0;
  const bar = progress(`load (${store.dialect.name})`, opts.records);
  const batches = recordBatches(opts.records, opts.batchSize);
  // Generation runs on this thread, interleaved with the writes; its time is measured and left out.
  const generated = function* () {
    for (;;) {
      const g = performance.now();
      const c = mainThreadCpuMs();
      const next = batches.next();
      generateMs += performance.now() - g;
      // CPU is subtracted from CPU (wall time from wall time): under competing load the two differ.
      generateCpuMs += mainThreadCpuMs() - c;
      if (next.done) return;
      yield next.value;
    }
  };
  const cpu = mainThreadCpuMs();
  let last = performance.now();
  await saveRecordsPipelined(store, SYSTEM_ACTOR, generated(), {
    onBatch(result) {
      const now = performance.now();
      batchMs.push(now - last);
      last = now;
      if (result.rejected.length || result.created !== opts.batchSize && done + result.created !== opts.records) {
        bar.stop();
        const first = result.rejected[0];
        throw new Error(`batch at ${done}: created ${result.created}; first rejection: ${JSON.stringify(first)}`);
      }
      done += result.created;
      memory.step();
      bar.update(done, (done / sum(batchMs)) * 1000);
    },
  });
  writeCpuMs = mainThreadCpuMs() - cpu - generateCpuMs;
  bar.stop();
  const mem = memory.stop();
  const writeMs = sum(batchMs) - generateMs;
  const tenth = Math.max(1, Math.floor(batchMs.length / 10));
  const rate = (ms: number[]) => ((ms.length * opts.batchSize) / sum(ms)) * 1000;
  const databaseBytes = await store.dialect.databaseSize(store.db);

  let raw: RawLoadResult | null = null;
  if (opts.rawDir) {
    note('measuring the raw SQLite limits on the same rows…');
    raw = rawSqliteLoad({ records: opts.records, batchSize: opts.batchSize, dir: opts.rawDir });
  }
  return {
    records: done,
    batchSize: opts.batchSize,
    writeSeconds: writeMs / 1000,
    generateSeconds: generateMs / 1000,
    recordsPerSecond: (done / writeMs) * 1000,
    firstTenthRate: rate(batchMs.slice(0, tenth)),
    lastTenthRate: rate(batchMs.slice(-tenth)),
    slowestBatchMs: Math.max(...batchMs),
    cpuMicrosPerRecord: (writeCpuMs * 1000) / done,
    memory: mem,
    databaseBytes,
    raw,
  };
}

/** Admits the benchmark institutions that are not there yet. */
export async function ensureInstitutions(store: Store): Promise<void> {
  const existing = new Set((await store.db.selectFrom('institution').select('id').execute()).map((r) => r.id));
  for (const inst of BENCH_INSTITUTIONS) {
    if (!existing.has(inst.id!)) await createInstitution(store.db, SYSTEM_ACTOR, inst);
  }
}

/** Memory counts as flat when, in the second half of the load, it sat less than this above the first half. */
export const FLAT_MEMORY_BYTES = 64 * 2 ** 20;

/**
 * How much resident memory (anonymous where the OS tells it apart) grew: the median after each
 * batch in the second half of the load minus the median in the first half (the first tenth, when
 * heap and caches fill, left out). Medians, because garbage collection makes peaks jump around.
 * Null with fewer than 10 batches, too few to tell growth from warm-up.
 */
export function memoryGrowth(m: MemoryStats): number | null {
  const s = m.perStep;
  if (s.length < 10) return null;
  const mid = Math.floor(s.length / 2);
  return median(s.slice(mid)) - median(s.slice(Math.floor(s.length / 10), mid));
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
