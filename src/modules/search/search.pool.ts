import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../shared/errors';
import type { Actor } from '../accounts/actor';
import type { SearchRunner } from './search.runner';
import type { SearchParams, SearchResult } from './search.types';

export interface SearchJob {
  id: number;
  actor: Actor;
  params: SearchParams;
}
export type SearchReply =
  | { id: number; result: SearchResult }
  | { id: number; error: { code: string; message: string; details?: Record<string, unknown> } };

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve(r: SearchResult): void; reject(e: Error): void }>;
}

/**
 * Searches on worker threads, each with its own SQLite connection (WAL lets them read while the
 * server writes). Jobs go to the least busy thread; a thread that dies fails its jobs and is replaced.
 */
export function searchWorkerPool(sqliteFile: string, size: number): SearchRunner {
  let nextId = 1;
  let closed = false;
  const slots: Slot[] = [];

  const spawn = (index: number) => {
    const worker = new Worker(new URL('./search.worker-entry.mjs', import.meta.url), {
      workerData: { sqliteFile },
    });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (reply: SearchReply) => {
      const p = slot.pending.get(reply.id);
      if (!p) return;
      slot.pending.delete(reply.id);
      if ('result' in reply) p.resolve(reply.result);
      else p.reject(reply.error.code === 'INTERNAL' ? new Error(reply.error.message) : new AppError(reply.error.code as ErrorCode, reply.error.message, reply.error.details));
    });
    const fail = (err: Error) => {
      for (const p of slot.pending.values()) p.reject(err);
      slot.pending.clear();
      if (!closed && slots[index] === slot) spawn(index);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => code !== 0 && fail(new Error(`search thread exited with code ${code}`)));
    // Idle threads must not keep the process alive; threads with work must.
    worker.unref();
    slots[index] = slot;
  };
  for (let i = 0; i < Math.max(1, size); i++) spawn(i);

  return {
    search(actor: Actor, params: SearchParams): Promise<SearchResult> {
      if (closed) return Promise.reject(new AppError('UNAVAILABLE', 'The server is shutting down'));
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        if (slot.pending.size === 0) slot.worker.ref();
        const done = () => slot.pending.size === 0 && slot.worker.unref();
        slot.pending.set(id, {
          resolve: (r) => {
            resolve(r);
            done();
          },
          reject: (e) => {
            reject(e);
            done();
          },
        });
        slot.worker.postMessage({ id, actor, params } satisfies SearchJob);
      });
    },
    async close() {
      closed = true;
      await Promise.all(
        slots.map(
          (s) =>
            new Promise<void>((resolve) => {
              const timer = setTimeout(() => void s.worker.terminate().then(() => resolve()), 5000);
              s.worker.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              s.worker.postMessage('close');
            }),
        ),
      );
    },
  };
}
