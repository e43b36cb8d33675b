import type { Actor } from '../accounts/actor';
import os from 'node:os';
import { saveRecordsBulk, type BulkResult } from '../records/record.bulk';
import { createPreparePool } from '../records/record.pipeline';
import type { PreparedRecord } from '../records/record.prepare';
import type { RecordDoc } from '../records/record.normalize';
import { recordRepository } from '../records/record.repository';
import { inTransaction, type Store } from '../records/record.store';
import { writeRecords, type WriteOne } from '../records/record.write';
import { classifyBatch, type DryRunMemory } from './import.dryrun';
import { isPreparedBatches, type PreparedBatches } from './import.read-thread';
import { importRepository } from './import.repository';
import type { NewImportProblemRow } from './import.table';
import { MalformedInputError, type ReadItem } from './import.types';

/** What an import did (or, in a dry run, would do). */
export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  deleted: number;
  warnings: number;
  /** Items read from the input (records, rejections, deletions). */
  read: number;
}

/** The state committed with each batch: items consumed, the report's last seq, the totals so far. */
export interface WriterCheckpoint {
  committed: number;
  seq: number;
  summary: ImportSummary;
}

export interface WriteItemsOptions {
  /** Every record is written into this institution, whatever its input says. */
  institutionId: string;
  dryRun: boolean;
  /** Items per atomic batch (default 1000: two batches read ahead and one being written keep an import's memory flat). */
  batchSize?: number;
  /** Items already committed by an earlier attempt: skipped. */
  startAfter?: number;
  /** The checkpoint of an earlier attempt: wins over startAfter, and carries the report's seq and the totals. */
  resume?: WriterCheckpoint | null;
  /** The job whose report rows are written with each batch (no report without it). */
  jobId?: string;
  /** `record.source.system` of the input, to match deletions (`ext:<system>:<identifier>`). */
  sourceSystem?: string;
  /** The change action recorded on written records (default `import`). */
  action?: string;
  /** After each committed batch, with the totals and the number of items consumed. */
  onBatch?(summary: ImportSummary, position: number): void | Promise<void>;
  /** Checked between batches: an abort stops before the next batch is written. */
  signal?: AbortSignal;
  /** Saves the state inside the batch's transaction, so it commits with the batch (a job's `saveCheckpoint(state, trx)`). */
  checkpoint?(state: WriterCheckpoint, trx: Store): Promise<void>;
  /** Worker threads that validate and tokenise the next batches while this thread writes (default: cores − 1, at most 4; 0 for none). */
  threads?: number;
}

type Positioned = { item: ReadItem; position: number };

/** Records written after which an import refreshes the planner's statistics (again at its end). */
const EARLY_ANALYZE_AT = 10_000;

function written(s: ImportSummary): number {
  return s.created + s.updated;
}

/** An empty summary. */
export function emptySummary(): ImportSummary {
  return { created: 0, updated: 0, unchanged: 0, rejected: 0, deleted: 0, warnings: 0, read: 0 };
}

/**
 * Writes a stream of read items in atomic batches: each batch's records, deletions, report rows and
 * checkpoint commit in one transaction, so an import killed at any point resumes after its last
 * batch with nothing lost or doubled. A dry run classifies the same way without writing records.
 * A MalformedInputError stops at once: the partial batch is dropped, a `fatal` report row names the
 * position, and the error is rethrown with the position in its message.
 */
export async function writeItems(store: Store, actor: Actor, items: AsyncIterable<ReadItem> | PreparedBatches, opts: WriteItemsOptions): Promise<ImportSummary> {
  const batchSize = Math.max(1, opts.batchSize ?? 1000);
  const skip = opts.resume?.committed ?? opts.startAfter ?? 0;
  let state: WriterCheckpoint = { committed: skip, seq: opts.resume?.seq ?? 0, summary: { ...emptySummary(), ...opts.resume?.summary } };
  const memory: DryRunMemory = new Map();
  let analyzedEarly = written(state.summary) >= EARLY_ANALYZE_AT;
  let batch: Positioned[] = [];
  let position = 0;

  // Worker threads prepare (validate, tokenise) the next batches while this thread writes the oldest one, in order.
  // Batches from a reading thread come prepared already.
  const threaded = isPreparedBatches(items);
  if (threaded && opts.dryRun) throw new Error('A dry run classifies whole records: read its items on this thread');
  const threads = opts.dryRun || threaded ? 0 : (opts.threads ?? Math.max(1, Math.min(4, (os.availableParallelism?.() ?? os.cpus().length) - 1)));
  const pool = threads > 0 ? createPreparePool(threads) : null;
  const queue: { batch: Positioned[]; inputs: unknown[]; prepared: Promise<PreparedRecord[]> | null }[] = [];

  const enqueue = async () => {
    const current = batch;
    batch = [];
    const inputs = recordInputs(current, opts);
    const prepared = pool ? pool.prepare(inputs) : null;
    prepared?.catch(() => {}); // awaited in order when written; this keeps an early failure from going unhandled
    queue.push({ batch: current, inputs, prepared });
    if (queue.length > threads) await writeOldest();
  };

  const writeOldest = async () => {
    opts.signal?.throwIfAborted();
    const { batch: current, inputs, prepared } = queue.shift()!;
    const ready = prepared ? await prepared : undefined;
    const next = await inTransaction(store, async (trx) => {
      if (!opts.dryRun) await trx.dialect.bulkTransaction(trx.db);
      const outcome = await writeBatch(trx, actor, current, inputs, opts, memory, ready);
      const summary = addUp(state.summary, outcome.counts, current.length);
      const rows = outcome.problems.map((p, i) => ({ ...p, job_id: opts.jobId!, seq: state.seq + i + 1 }));
      if (opts.jobId) await importRepository.insertProblems(trx.db, rows);
      const saved: WriterCheckpoint = { committed: current[current.length - 1].position, seq: state.seq + rows.length, summary };
      await opts.checkpoint?.(saved, trx);
      return saved;
    });
    state = next;
    // The planner's statistics of a table that was small when they were taken would have it scan
    // the whole table for each batch's source identifiers (PostgreSQL estimates a list of a
    // thousand keys without statistics as most of the table): refresh them once, early.
    if (!opts.dryRun && !analyzedEarly && written(state.summary) >= EARLY_ANALYZE_AT) {
      analyzedEarly = true;
      await store.dialect.analyze(store.db);
    }
    await opts.onBatch?.({ ...state.summary }, state.committed);
  };

  // A long import keeps the database's memory bounded (SQLite's page cache) until it ends.
  const endBulk = opts.dryRun ? null : await store.dialect.beginBulkWrite(store.db);
  try {
    try {
      if (threaded) {
        for await (const b of items.batches) {
          queue.push({ batch: b.items.map((item, i) => ({ item, position: b.positions[i] })), inputs: b.inputs, prepared: Promise.resolve(b.prepared) });
          await writeOldest();
        }
      } else {
        for await (const item of items) {
          position++;
          if (position <= skip) continue;
          batch.push({ item, position });
          if (batch.length >= batchSize) await enqueue();
        }
        if (batch.length) await enqueue();
      }
      while (queue.length) await writeOldest();
      // A large load changes the tables' shape: refresh the planner's statistics while the bulk
      // settings still hold (with the memory map back on, reading every page would map the whole file).
      if (!opts.dryRun && written(state.summary) > EARLY_ANALYZE_AT) await store.dialect.analyze(store.db);
    } catch (e) {
      if (!(e instanceof MalformedInputError)) throw e;
      // Every whole batch read before the fault is committed, as if written at once; the partial one is dropped.
      while (queue.length) await writeOldest();
      const message = describeMalformed(e);
      if (opts.jobId) {
        await importRepository.insertProblems(store.db, [
          { job_id: opts.jobId, seq: state.seq + 1, kind: 'fatal', record_index: e.position.record ?? null, line: e.position.line ?? null, identifier: null, field: null, message },
        ]);
      }
      throw new MalformedInputError(message, e.position);
    }
  } finally {
    await pool?.close();
    await endBulk?.();
  }
  return { ...state.summary };
}

/** "line 1234, column 5: <what>" — the message of a malformed input with its position first. */
export function describeMalformed(e: MalformedInputError): string {
  const p = e.position;
  const where = [p.line !== undefined ? `line ${p.line}` : null, p.column !== undefined ? `column ${p.column}` : null, p.line === undefined && p.record !== undefined ? `record ${p.record}` : null, p.line === undefined && p.byte !== undefined ? `byte ${p.byte}` : null].filter(Boolean).join(', ');
  return where && !e.message.startsWith(where) ? `${where}: ${e.message}` : e.message;
}

interface BatchOutcome {
  counts: Omit<ImportSummary, 'read'>;
  problems: Omit<NewImportProblemRow, 'job_id' | 'seq'>[];
}

/** The records of a batch, each forced into the import's institution. */
function recordInputs(batch: Positioned[], opts: WriteItemsOptions) {
  return recordsOf(batch).map((r) => ({ ...r.item.record, institutionId: opts.institutionId }));
}

function recordsOf(batch: Positioned[]) {
  return batch.filter((b) => b.item.kind === 'record') as (Positioned & { item: Extract<ReadItem, { kind: 'record' }> })[];
}

async function writeBatch(trx: Store, actor: Actor, batch: Positioned[], inputs: unknown[], opts: WriteItemsOptions, memory: DryRunMemory, prepared?: PreparedRecord[]): Promise<BatchOutcome> {
  const records = recordsOf(batch);
  const bulk: BulkResult = opts.dryRun ? await classifyBatch(trx, actor, inputs, memory) : await saveRecordsBulk(trx, actor, inputs, opts.action ?? 'import', prepared);
  const refused = new Map(bulk.rejected.map((r) => [records[r.index], r.problems]));
  const deletions = await applyDeletions(trx, actor, batch, opts);

  const problems: BatchOutcome['problems'] = [];
  let rejected = 0;
  let warnings = 0;
  for (const b of batch) {
    const at = { record_index: b.item.position.record ?? b.position, line: b.item.position.line ?? null, identifier: b.item.position.identifier ?? null };
    const list = b.item.kind === 'rejected' ? b.item.problems : b.item.kind === 'record' ? refused.get(b as never) : undefined;
    if (list) {
      rejected++;
      const shown = list.length ? list : [{ field: '/', message: 'was refused' }];
      for (const p of shown) problems.push({ ...at, kind: 'rejected', field: p.field, message: p.message });
    } else if (b.item.kind === 'record') {
      warnings += b.item.warnings.length;
      for (const w of b.item.warnings) problems.push({ ...at, kind: 'warning', field: w.field, message: w.message });
    } else if (b.item.kind === 'deleted' && !deletions.found.has(b.item.sourceIdentifier)) {
      warnings++;
      problems.push({ ...at, kind: 'warning', field: '/source/identifier', message: `no record imported from "${b.item.sourceIdentifier}" to delete` });
    }
  }
  return { counts: { created: bulk.created, updated: bulk.updated, unchanged: bulk.unchanged, rejected, deleted: deletions.deleted, warnings }, problems };
}

/** Trashes the records the source deleted (matched by source key in the import's institution); a dry run only counts them. */
async function applyDeletions(trx: Store, actor: Actor, batch: Positioned[], opts: WriteItemsOptions): Promise<{ deleted: number; found: Set<string> }> {
  const ids = batch.flatMap((b) => (b.item.kind === 'deleted' ? [b.item.sourceIdentifier] : []));
  if (!ids.length) return { deleted: 0, found: new Set() };
  const keyOf = (id: string) => `ext:${opts.sourceSystem ?? ''}:${id}`;
  const rows = await recordRepository.findBySourceKeys(trx.db, opts.institutionId, [...new Set(ids.map(keyOf))]);
  const byKey = new Map(rows.map((r) => [r.source_key!, r]));
  const found = new Set(ids.filter((id) => byKey.has(keyOf(id))));
  const live = rows.filter((r) => !r.deleted_at);
  if (!opts.dryRun && live.length) {
    const writes: WriteOne[] = live.map((row) => ({ doc: JSON.parse(row.metadata) as RecordDoc & { id: string }, country: row.country, existing: row, action: 'delete', deleted: true }));
    await writeRecords(trx, actor, writes, { audit: 'batch' });
  }
  return { deleted: live.length, found };
}

function addUp(a: ImportSummary, b: BatchOutcome['counts'], read: number): ImportSummary {
  return {
    created: a.created + b.created,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    rejected: a.rejected + b.rejected,
    deleted: a.deleted + b.deleted,
    warnings: a.warnings + b.warnings,
    read: a.read + read,
  };
}
