import { bumpCatalogueVersion } from '../../db/app-state';
import { AppError } from '../../shared/errors';
import { nowIso } from '../../shared/ids';
import { recordRepository as repo } from './record.repository';
import { derivedRows, docColumns } from './record.mapper';
import { publicTrace } from './record.public-trace';
import type { RecordDoc } from './record.normalize';
import type { Store } from './record.store';
import type { RecordRow } from './record.table';
import type { PreparedRecord } from './record.prepare';
import { actorLabel, type Actor } from '../accounts/actor';
import { audit, type AuditInput } from '../audit/audit.service';
import { guardSensitiveLocations } from '../risk/sensitive-location.guard';

export interface WriteOne {
  doc: RecordDoc & { id: string };
  country: string;
  /** The stored row this write replaces; absent for a new record. */
  existing?: RecordRow;
  action: string;
  deleted: boolean;
  /** Index tokens and facet values computed ahead (on a worker thread); computed here when absent. */
  prepared?: PreparedRecord;
  /** The stored JSON of `doc` when already known (then `doc` may be a prepared head with `prepared.titleSort`). */
  json?: string;
}

/**
 * Writes records and everything derived from them (facets, relations, full-text index), keeping
 * each superseded state as a version. Checks each existing row's version, so a concurrent edit
 * fails with 409 instead of being overwritten. Call inside a transaction.
 */
export async function writeRecords(store: Store, actor: Actor, writes: WriteOne[], opts: { audit?: 'each' | 'batch' } = {}): Promise<RecordRow[]> {
  const { db, dialect } = store;
  // Sensitive sites (risk module) keep only generalised coordinates in what is stored here.
  writes = await guardSensitiveLocations(db, writes);
  const actorName = actorLabel(actor);
  const now = nowIso();
  const fresh = writes.filter((w) => !w.existing);
  const changed = writes.filter((w) => w.existing);

  const newRows = fresh.map((w) => {
    const row = {
      id: w.doc.id,
      ...docColumns(w.doc, w.country, { json: w.json, titleSort: w.json === undefined ? undefined : w.prepared?.titleSort }),
      has_media: 0,
      version: 1,
      change_action: w.action,
      created_at: now,
      updated_at: now,
      created_by: actorName,
      updated_by: actorName,
      deleted_at: w.deleted ? now : null,
    };
    return Object.assign(row, publicTrace(row, undefined, now));
  });
  // Rows carry about 24 values; keep each statement well under the bound-parameter limit.
  const seqs = await repo.insertMany(db, newRows, Math.max(1, Math.floor(dialect.maxBoundParams / 30)));
  // The rows become the stored rows (no copy of each: a bulk import writes thousands).
  const stored: RecordRow[] = newRows.map((r, i) => Object.assign(r, { seq: seqs[i] }));

  if (changed.length) {
    await repo.insertVersions(
      db,
      changed.map((w) => ({
        record_id: w.existing!.id,
        version: w.existing!.version,
        action: w.existing!.change_action,
        snapshot: w.existing!.metadata,
        actor: w.existing!.updated_by,
        created_at: w.existing!.updated_at,
      })),
    );
  }
  for (const w of changed) {
    const e = w.existing!;
    const cols = {
      ...docColumns(w.doc, w.country, { json: w.json, titleSort: w.json === undefined ? undefined : w.prepared?.titleSort }),
      has_media: e.has_media,
      version: e.version + 1,
      change_action: w.action,
      updated_at: now,
      updated_by: actorName,
      deleted_at: w.deleted ? (e.deleted_at ?? now) : null,
    };
    const row = { ...cols, ...publicTrace(cols, e, now) };
    if (!(await repo.update(db, e.seq, row, e.version))) throw staleVersion(e.id, e.version);
    stored.push({ ...e, ...row });
  }

  const all = [...fresh, ...changed];
  const derived = stored.map((row, i) => derivedRows(row.seq, all[i].doc, all[i].prepared));
  await repo.replaceFacets(db, changed.map((w) => w.existing!.seq), derived.filter((_, i) => !stored[i].deleted_at).flatMap((d) => d.facets));
  await repo.replaceRelations(db, changed.map((w) => w.existing!.id), derived.flatMap((d) => d.relations));
  const live = stored.map((r, i) => ({ r, d: derived[i] })).filter((x) => !x.r.deleted_at);
  // New rows were never indexed: only replaced ones need their old index entries removed.
  if (changed.length) await dialect.removeDocuments(db, changed.map((w) => w.existing!.seq));
  await dialect.indexDocuments(db, live.map((x) => x.d.fts), { fresh: true });
  await bumpCatalogueVersion(db);
  await audit(db, actor, opts.audit === 'batch' ? batchEvent(writes) : writes.flatMap(recordEvents));
  return stored;
}

/** Audit events of one record's write: the action, and a visibility change when there was one. */
function recordEvents(w: WriteOne): AuditInput[] {
  const [action, version] = w.action.split(':');
  const base = { targetType: 'record', targetId: w.doc.id, institutionId: w.doc.institutionId };
  const events: AuditInput[] = [{ ...base, action: `record.${action}`, ...(version ? { detail: { version: Number(version) } } : {}) }];
  const e = w.existing;
  if (e && (e.visibility !== w.doc.visibility || e.embargo_until !== w.doc.embargoUntil)) {
    events.push({
      ...base,
      action: 'record.visibility',
      detail: { from: { visibility: e.visibility, embargoUntil: e.embargo_until }, to: { visibility: w.doc.visibility, embargoUntil: w.doc.embargoUntil } },
    });
  }
  return events;
}

/** One audit event for a bulk batch (an import of thousands of records is one act). */
function batchEvent(writes: WriteOne[]): AuditInput[] {
  if (!writes.length) return [];
  const institutions = [...new Set(writes.map((w) => w.doc.institutionId))];
  return [
    {
      action: `records.${writes[0].action}`,
      targetType: 'institution',
      targetId: institutions.length === 1 ? institutions[0] : undefined,
      institutionId: institutions.length === 1 ? institutions[0] : undefined,
      detail: { created: writes.filter((w) => !w.existing).length, updated: writes.filter((w) => w.existing).length, institutions },
    },
  ];
}

/** The 409 answer to an edit of a version that is no longer current. */
export function staleVersion(id: string, expected: number, current?: number): AppError {
  return new AppError(
    'STALE_VERSION',
    `Record ${id} was changed by someone else: you edited version ${expected}${current ? `, the current one is ${current}` : ''}. Reload it and apply your edit again; nothing was saved.`,
    { currentVersion: current },
  );
}
