import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Actor } from '../accounts/actor';
import { saveRecordsBulk, type BulkResult } from './record.bulk';
import { prepareRecords, type PreparedRecord } from './record.prepare';
import type { Store } from './record.store';

/**
 * Saves a stream of batches as fast as the machine allows: worker threads validate and
 * tokenise the next batches while this thread writes the current one, each batch in its own
 * transaction. Results arrive in order; a failed batch stops the stream with its error.
 */
export async function saveRecordsPipelined(
  store: Store,
  actor: Actor,
  batches: AsyncIterable<unknown[]> | Iterable<unknown[]>,
  opts: { action?: string; threads?: number; onBatch?(result: BulkResult, index: number): void } = {},
): Promise<BulkResult> {
  const threads = opts.threads ?? Math.max(1, Math.min(4, (os.availableParallelism?.() ?? os.cpus().length) - 1));
  const pool = threads > 0 ? createPreparePool(threads) : null;
  const total: BulkResult = { created: 0, updated: 0, unchanged: 0, rejected: [] };
  const inFlight: { inputs: unknown[]; prepared: Promise<PreparedRecord[]> }[] = [];
  let index = 0;
  let offset = 0;
  const writeOldest = async () => {
    const next = inFlight.shift()!;
    const r = await saveRecordsBulk(store, actor, next.inputs, opts.action ?? 'import', await next.prepared);
    total.created += r.created;
    total.updated += r.updated;
    total.unchanged += r.unchanged;
    for (const x of r.rejected) total.rejected.push({ ...x, index: x.index + offset });
    offset += next.inputs.length;
    opts.onBatch?.(r, index++);
  };
  try {
    for await (const inputs of batches) {
      const prepared = pool ? pool.prepare(inputs) : Promise.resolve(prepareRecords(inputs));
      prepared.catch(() => {}); // awaited in order below; this only keeps an early failure from going unhandled
      inFlight.push({ inputs, prepared });
      // Keep one batch more than there are threads in preparation, so no thread waits.
      if (inFlight.length > threads + 1) await writeOldest();
    }
    while (inFlight.length) await writeOldest();
    // A bulk load changes the tables' shape: refresh the planner's statistics.
    await store.dialect.analyze(store.db);
  } finally {
    await pool?.close();
  }
  return total;
}

/** Worker threads that validate and tokenise batches of records (what saveRecordsBulk would otherwise do on this thread). */
export function createPreparePool(size: number) {
  const workers = Array.from({ length: size }, () => new Worker(new URL('./record.prepare.worker-entry.mjs', import.meta.url)));
  const pending = new Map<number, { resolve(p: PreparedRecord[]): void; reject(e: Error): void }>();
  let nextId = 0;
  for (const w of workers) {
    w.on('message', (m: { id: number; prepared?: PreparedRecord[]; error?: string }) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) p?.reject(new Error(m.error));
      else p?.resolve(m.prepared!);
    });
    w.on('error', (e) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
  }
  return {
    prepare(inputs: unknown[]): Promise<PreparedRecord[]> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        workers[id % workers.length].postMessage({ id, inputs });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
