import { Readable } from 'node:stream';
import type { Actor } from '../accounts/actor';
import { runJobNow } from '../jobs/job.runner';
import type { Job } from '../jobs/job.types';
import type { Store } from '../records/record.store';
import { importJobHandlers } from './import.job';
import { importFromStream, type ImportRequest } from './import.service';

const quiet = { info() {}, warn() {}, error() {} };

/** JSON Lines text of records (objects, or raw lines given as strings). */
export function jsonl(lines: (object | string)[]): string {
  return lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
}

/** A record line in the API's shape, identified by `n`. */
export function sampleRecord(n: number, extra: Record<string, unknown> = {}) {
  return { id: `rec-${n}`, institutionId: 'ignored', kind: 'object', title: { en: [`Bronze mirror ${n}`] }, rights: 'http://rightsstatements.org/vocab/InC/1.0/', ...extra };
}

/** Stages an input as an import and runs its job here to the end; returns how it ended. */
export async function importNow(store: Store, dataDir: string, actor: Actor, input: string | Buffer, req: ImportRequest, onProgress?: (p: Job['progress'], jobId: string) => void): Promise<Job> {
  const config = { dataDir, maxUploadBytes: 100 * 1024 * 1024 };
  const job = await importFromStream({ store, config }, actor, req, Readable.from([typeof input === 'string' ? Buffer.from(input) : input]));
  return runJobNow(store, importJobHandlers(config), job.id, (p) => onProgress?.(p, job.id), { logger: quiet });
}
