import { AppError } from '../../shared/errors';
import type { Actor } from '../accounts/actor';
import { diffDocs, type FieldChange } from './record.diff';
import { toRecord } from './record.mapper';
import { docToInput, normalizeOrThrow, type RecordDoc } from './record.normalize';
import { recordRepository as repo } from './record.repository';
import type { HeritageRecord } from './record.schema';
import { editable, notFound } from './record.service';
import { inTransaction, type Store } from './record.store';
import { staleVersion, writeRecords } from './record.write';

export interface RecordVersionSummary {
  version: number;
  action: string;
  actor: string | null;
  at: string;
  current: boolean;
  /** What this version changed compared with the one before it. */
  changes: FieldChange[];
}

/** The history of a record the actor may edit: every version, newest first, each with its diff. */
export async function listVersions(store: Store, actor: Actor, id: string): Promise<RecordVersionSummary[]> {
  const current = await editable(store, actor, id);
  const past = await repo.listVersions(store.db, id);
  const states = [
    { version: current.version, action: current.change_action, actor: current.updated_by, at: current.updated_at, doc: JSON.parse(current.metadata), current: true },
    ...past.map((v) => ({ version: v.version, action: v.action, actor: v.actor, at: v.created_at, doc: JSON.parse(v.snapshot), current: false })),
  ];
  return states.map((s, i) => ({
    version: s.version,
    action: s.action,
    actor: s.actor,
    at: s.at,
    current: s.current,
    changes: diffDocs(states[i + 1]?.doc ?? {}, s.doc),
  }));
}

/** The document of one version of a record. */
export async function getVersion(store: Store, actor: Actor, id: string, version: number): Promise<RecordDoc> {
  const current = await editable(store, actor, id);
  if (current.version === version) return JSON.parse(current.metadata);
  const v = await repo.findVersion(store.db, id, version);
  if (!v) throw new AppError('VERSION_NOT_FOUND', `Record ${id} has no version ${version}`);
  return JSON.parse(v.snapshot);
}

/** Makes an earlier version current again, as a new version (nothing is lost). */
export async function revertRecord(store: Store, actor: Actor, id: string, version: number, expectedVersion?: number): Promise<HeritageRecord> {
  return inTransaction(store, async (trx) => {
    const existing = await editable(trx, actor, id);
    if (expectedVersion !== undefined && existing.version !== expectedVersion) throw staleVersion(id, expectedVersion, existing.version);
    const past = await repo.findVersion(trx.db, id, version);
    if (!past && existing.version !== version) throw new AppError('VERSION_NOT_FOUND', `Record ${id} has no version ${version}`);
    const snapshot = JSON.parse(past?.snapshot ?? existing.metadata) as RecordDoc;
    const doc = normalizeOrThrow(docToInput(snapshot));
    if (doc.institutionId !== existing.institution_id) throw notFound(id);
    const [row] = await writeRecords(trx, actor, [
      { doc: { ...doc, id }, country: existing.country, existing, action: `revert:${version}`, deleted: !!existing.deleted_at },
    ]);
    return toRecord(row);
  });
}
