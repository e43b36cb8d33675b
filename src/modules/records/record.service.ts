import { AppError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import { toRecord, toRecordJson } from './record.mapper';
import { withVisibleRelations } from './record.relations';
import { institutionCountries, normalizeOrThrow, type RecordDoc } from './record.normalize';
import { recordRepository as repo } from './record.repository';
import type { HeritageRecord, RecordInput } from './record.schema';
import { inTransaction, type Store } from './record.store';
import { staleVersion, writeRecords } from './record.write';
import { revealForStaff, revealJsonForStaff } from '../risk/sensitive-location.service';

/** A record as the actor may see it; a hidden record is indistinguishable from a missing one. */
export async function getRecord(store: Store, actor: Actor, id: string): Promise<HeritageRecord> {
  const row = await repo.findVisible(store.db, actor, id);
  if (!row) throw notFound(id);
  // A sensitive site's staff see its exact coordinates (kept by the risk module); everyone else the generalised ones.
  return revealForStaff(store.db, actor, toRecord((await withVisibleRelations(store, actor, [row]))[0]));
}

/** A record as JSON text with its version (the fast path of record reads); 404 when hidden or missing. */
export async function getRecordJson(store: Store, actor: Actor, id: string): Promise<{ json: string; version: number }> {
  const row = await repo.findVisible(store.db, actor, id);
  if (!row) throw notFound(id);
  return { json: await revealJsonForStaff(store.db, actor, row, toRecordJson((await withVisibleRelations(store, actor, [row]))[0])), version: row.version };
}

/** Visible records, a page at a time, in a stable order; `cursor` is the last page's `next`. */
export async function listRecords(
  store: Store,
  actor: Actor,
  opts: { institutionId?: string; cursor?: string; limit?: number; updatedSince?: string },
): Promise<{ items: HeritageRecord[]; next: string | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const afterSeq = opts.cursor ? decodeCursor(opts.cursor) : undefined;
  const rows = await repo.listVisible(store.db, actor, { institutionId: opts.institutionId, afterSeq, limit: limit + 1, updatedSince: opts.updatedSince });
  const page = await withVisibleRelations(store, actor, rows.slice(0, limit));
  return { items: page.map(toRecord), next: rows.length > limit ? encodeCursor(page[page.length - 1].seq) : null };
}

/** Catalogues a new record for an institution the actor edits. */
export async function createRecord(store: Store, actor: Actor, input: RecordInput): Promise<HeritageRecord> {
  const doc = normalizeOrThrow(input);
  requireEdit(actor, doc.institutionId);
  const id = doc.id ?? newId('r');
  return inTransaction(store, async (trx) => {
    const country = await countryOf(trx, doc.institutionId);
    if (await repo.findAny(trx.db, id)) throw new AppError('ALREADY_EXISTS', `A record with the id "${id}" exists already`, { problems: [{ field: '/id', message: 'is taken' }] });
    const [row] = await writeRecords(trx, actor, [{ doc: { ...doc, id }, country, action: 'create', deleted: false }]);
    return toRecord(row);
  });
}

/** Replaces a record's document if `expectedVersion` is still current; a stale edit gets 409 and changes nothing. */
export async function updateRecord(store: Store, actor: Actor, id: string, input: RecordInput, expectedVersion: number): Promise<HeritageRecord> {
  const doc = normalizeOrThrow({ ...input, id });
  return inTransaction(store, async (trx) => {
    const existing = await editable(trx, actor, id);
    requireEdit(actor, doc.institutionId);
    if (existing.version !== expectedVersion) throw staleVersion(id, expectedVersion, existing.version);
    const country = await countryOf(trx, doc.institutionId);
    const [row] = await writeRecords(trx, actor, [{ doc: { ...doc, id }, country, existing, action: 'update', deleted: !!existing.deleted_at }]);
    return toRecord(row);
  });
}

/** Moves a record to the trash (it can be restored); hidden everywhere meanwhile. */
export async function deleteRecord(store: Store, actor: Actor, id: string, expectedVersion?: number): Promise<HeritageRecord> {
  return setDeleted(store, actor, id, true, expectedVersion);
}

/** Brings a deleted record back. */
export async function restoreRecord(store: Store, actor: Actor, id: string, expectedVersion?: number): Promise<HeritageRecord> {
  return setDeleted(store, actor, id, false, expectedVersion);
}

async function setDeleted(store: Store, actor: Actor, id: string, deleted: boolean, expectedVersion?: number): Promise<HeritageRecord> {
  return inTransaction(store, async (trx) => {
    const existing = await editable(trx, actor, id);
    if (expectedVersion !== undefined && existing.version !== expectedVersion) throw staleVersion(id, expectedVersion, existing.version);
    if (!!existing.deleted_at === deleted) return toRecord(existing);
    const doc = JSON.parse(existing.metadata) as RecordDoc & { id: string };
    const [row] = await writeRecords(trx, actor, [
      { doc, country: existing.country, existing, action: deleted ? 'delete' : 'restore', deleted },
    ]);
    return toRecord(row);
  });
}

/** The stored record the actor may edit (deleted ones included), or 404 when it may not even see it. */
export async function editable(store: Store, actor: Actor, id: string) {
  const row = await repo.findAny(store.db, id);
  if (!row) throw notFound(id);
  if (!can(actor, 'edit', { institutionId: row.institution_id })) {
    const visible = await repo.findVisible(store.db, actor, id);
    if (!visible) throw notFound(id);
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token to see or change the history of records');
    throw new AppError('FORBIDDEN', `You may not edit records of ${row.institution_id}`);
  }
  return row;
}

function requireEdit(actor: Actor, institutionId: string): void {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token to change records');
  if (!can(actor, 'edit', { institutionId })) throw new AppError('FORBIDDEN', `You may not edit records of ${institutionId}`);
}

async function countryOf(store: Store, institutionId: string): Promise<string> {
  const country = (await institutionCountries(store.db, [institutionId])).get(institutionId);
  if (!country) {
    throw new AppError('VALIDATION_FAILED', `Invalid record: /institutionId: no institution "${institutionId}"`, {
      problems: [{ field: '/institutionId', message: `no institution "${institutionId}"` }],
    });
  }
  return country;
}

/** The 404 of a record that does not exist or that the actor may not see. */
export function notFound(id: string): AppError {
  return new AppError('RECORD_NOT_FOUND', `No record "${id}"`);
}

function encodeCursor(seq: number): string {
  return Buffer.from(`s${seq}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const m = /^s(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new AppError('BAD_QUERY', 'The cursor is not one this server gave out', { problems: [{ field: 'cursor', message: 'is invalid' }] });
  return Number(m[1]);
}
