import { PassThrough, type Readable } from 'node:stream';
import { once } from 'node:events';
import type { Actor } from '../accounts/actor';
import { newStorageKey, type MediaStore } from '../media/media.storage';
import type { Store } from '../records/record.store';
import { dumpRepository as repo } from './dump.repository';
import { dumpLines, lineError, parseLine, verifyDump } from './dump.lines';
import { emptyBatch, writeBatch, type Batch, type LoadResult } from './dump.batch';
import type { MediaLine } from './dump.schema';

export type { LoadResult, Tally } from './dump.batch';

export interface LoadOptions {
  /** Records per committed batch (each batch is atomic). */
  batchSize?: number;
  /** The dump's size, when known, for progress while it is checked. */
  totalBytes?: number;
  /** Called as the dump is checked (bytes read) and then loaded (lines written). */
  onProgress?: (phase: 'checking' | 'loading', done: number, total: number | null) => void;
}

/**
 * Loads a dump into this instance as the actor (the operator). The dump is read twice: first
 * checked whole (a truncated, altered or invalid dump is refused before anything is written),
 * then written in atomic batches. Ids, versions, timestamps and actors are kept; whatever is
 * already here as the dump has it is left alone, so loading twice changes nothing; a record edited
 * here since (a higher version) is kept, an older one is brought to the dumped state. Originals go
 * to the media store and their derivatives are queued; search index entries are rebuilt.
 */
export async function loadDump(deps: { store: Store; files: MediaStore }, actor: Actor, open: () => Readable, opts: LoadOptions = {}): Promise<LoadResult> {
  let read = 0;
  const { lines: total } = await verifyDump(open(), (_n, bytes) => opts.onProgress?.('checking', (read += bytes), opts.totalBytes ?? null));
  const result: LoadResult = {
    institutions: { created: 0, updated: 0, unchanged: 0 },
    records: { created: 0, updated: 0, unchanged: 0, keptNewer: 0 },
    versions: { added: 0, unchanged: 0 },
    media: { added: 0, unchanged: 0 },
    mediaJobs: [],
  };
  const batchSize = Math.max(1, opts.batchSize ?? 500);
  let batch: Batch = emptyBatch();
  let upload: { id: string; n: number; input: PassThrough; done: Promise<{ bytes: number; sha256: string }>; line: MediaLine; key: string } | null = null;
  let skipping: string | null = null;

  const finishUpload = async () => {
    if (!upload) return;
    const u = upload;
    upload = null;
    u.input.end();
    const stored = await u.done;
    if (stored.sha256 !== u.line.sha256) throw lineError(u.n, `image "${u.id}" was stored with SHA-256 ${stored.sha256}, not ${u.line.sha256}`);
    batch.media.push({ n: u.n, line: u.line, key: u.key });
  };
  const flush = async () => {
    const b = batch;
    batch = emptyBatch();
    try {
      await writeBatch(deps.store, actor, b, result);
    } catch (e) {
      await Promise.all(b.media.map((m) => deps.files.delete(m.key)));
      throw e;
    }
  };

  try {
    for await (const { n, text } of dumpLines(open())) {
      opts.onProgress?.('loading', n, total);
      if (n === 1) continue;
      const line = parseLine(n, text);
      if (line.type === 'media-data') {
        if (skipping === line.mediaId) continue;
        const u = upload!;
        // Backpressure from the store; a failing store ends the wait instead of leaving it hanging.
        if (!u.input.write(Buffer.from(line.data, 'base64'))) await Promise.race([once(u.input, 'drain'), u.done]);
        continue;
      }
      await finishUpload();
      skipping = null;
      if (line.type === 'institution') batch.institutions.push({ n, line });
      else if (line.type === 'record') {
        if (batch.records.length >= batchSize) await flush();
        batch.records.push({ n, line });
      } else if (line.type === 'version') batch.versions.push(line);
      else if (line.type === 'sensitive-location') batch.sensitive.push(line);
      else if (line.type === 'media') {
        const existing = await repo.findMedia(deps.store.db, line.id);
        if (existing) {
          if (existing.sha256 !== line.sha256 || existing.record_id !== line.recordId) throw lineError(n, `image "${line.id}" exists here with other content or on another record`);
          result.media.unchanged++;
          skipping = line.id;
          continue;
        }
        const key = newStorageKey();
        const input = new PassThrough();
        const done = deps.files.put(key, input);
        // Awaited when the image's bytes end; marked handled now so a store failure meanwhile cannot go unheard.
        done.catch(() => {});
        upload = { id: line.id, n, input, done, line, key };
      }
    }
    await finishUpload();
    await flush();
  } catch (e) {
    const u = upload as { input: PassThrough; done: Promise<unknown>; key: string } | null;
    if (u) {
      u.input.destroy();
      await u.done.catch(() => {});
      await deps.files.delete(u.key);
    }
    await Promise.all(batch.media.map((m) => deps.files.delete(m.key)));
    throw e;
  }
  return result;
}
