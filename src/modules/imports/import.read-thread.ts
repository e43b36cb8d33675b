import { Worker } from 'node:worker_threads';
import type { PreparedRecord } from '../records/record.prepare';
import { MalformedInputError, type ImportFormat, type ReadItem, type ReaderOptions } from './import.types';

/** What the reading thread is asked to read (structured-cloneable: no functions, no streams). */
export interface ThreadReadRequest {
  /** A file the server itself staged or the operator named (never a user's path unchecked). */
  file: string;
  format: ImportFormat;
  reader: ReaderOptions;
  /** Items per batch, as the writer commits them. */
  batchSize: number;
  /** Items already committed by an earlier attempt: counted, not sent. */
  skip: number;
  /** Every record is written into this institution, whatever its input says. */
  institutionId: string;
}

/**
 * One batch as the reading thread sends it: the items with their positions (records cut down to
 * their id — the writer takes the prepared record instead), one placeholder input per record,
 * and the records validated and tokenised.
 */
export interface ThreadBatch {
  items: ReadItem[];
  positions: number[];
  inputs: { id?: string }[];
  prepared: PreparedRecord[];
  /** Bytes of the file read so far. */
  bytesRead: number;
}

/** Read batches (from a reading thread) that `writeItems` takes instead of single items. */
export interface PreparedBatches {
  readonly kind: 'prepared-batches';
  batches: AsyncIterable<ThreadBatch>;
  /** Bytes of the input read so far (for progress estimates). */
  readonly bytesRead: number;
}

/** Batches of read-ahead the thread may hold beyond what the writer has taken (bounds memory). */
const AHEAD = 2;
/** The reading thread's heap ceiling: a runaway input fails the import instead of the server. */
const THREAD_HEAP_MB = 384;

type ThreadMessage =
  | ({ type: 'batch' } & ThreadBatch)
  | { type: 'end'; bytesRead: number }
  | { type: 'malformed'; message: string; position: MalformedInputError['position'] }
  | { type: 'error'; message: string };

/**
 * Reads, maps, validates and tokenises an import file on a worker thread, so the calling thread
 * only writes: parsing a catalogue costs as much CPU as writing it, and the two now overlap on
 * two cores. Batches arrive in order; the thread stays at most a few batches ahead (memory stays
 * flat), stops when the consumer stops, and a malformed input arrives as the MalformedInputError
 * it was, after every whole batch read before it.
 */
export function readInThread(request: ThreadReadRequest): PreparedBatches {
  let bytesRead = 0;
  async function* batches(): AsyncGenerator<ThreadBatch> {
    const worker = new Worker(new URL('./import.read-thread.worker-entry.mjs', import.meta.url), {
      workerData: { ...request, ahead: AHEAD },
      resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
    });
    const inbox: ThreadMessage[] = [];
    let wake: (() => void) | null = null;
    let ended = false;
    const push = (m: ThreadMessage) => {
      inbox.push(m);
      wake?.();
    };
    worker.on('message', (m: ThreadMessage) => {
      if (m.type === 'end') ended = true;
      push(m);
    });
    worker.on('error', (e: Error & { code?: string }) =>
      push({ type: 'error', message: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `reading the file needed more than ${THREAD_HEAP_MB} MiB of memory (${e.message})` : e.message }),
    );
    worker.on('exit', (code) => {
      if (!ended) push({ type: 'error', message: `the reading thread stopped (exit code ${code}) before the end of the file` });
    });
    try {
      for (;;) {
        while (!inbox.length) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        const m = inbox.shift()!;
        if (m.type === 'batch') {
          bytesRead = m.bytesRead;
          yield m;
          worker.postMessage('ack');
        } else if (m.type === 'end') {
          bytesRead = m.bytesRead;
          return;
        } else if (m.type === 'malformed') throw new MalformedInputError(m.message, m.position);
        else throw new Error(m.message);
      }
    } finally {
      ended = true;
      await worker.terminate();
    }
  }
  return {
    kind: 'prepared-batches',
    batches: batches(),
    get bytesRead() {
      return bytesRead;
    },
  };
}

/** True for batches from a reading thread (rather than a stream of single items). */
export function isPreparedBatches(x: unknown): x is PreparedBatches {
  return typeof x === 'object' && x !== null && (x as PreparedBatches).kind === 'prepared-batches';
}
