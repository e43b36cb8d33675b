import { nowIso } from '../../shared/ids';
import { staffOf, actorLabel, type Actor } from '../accounts/actor';
import { audit } from '../audit/audit.service';
import type { RecordDoc } from '../records/record.normalize';
import type { HeritageRecord } from '../records/record.schema';
import { editable } from '../records/record.service';
import { inTransaction, type Store } from '../records/record.store';
import type { RecordRow } from '../records/record.table';
import { writeRecords } from '../records/record.write';
import { withExact, type ExactPlace } from './sensitive-location';
import { exactOf, sensitiveLocationRepository as repo } from './sensitive-location.repository';
import type { Db } from '../../db/database';

/** Whether a site is sensitive, and — for its staff and the secretariat only — its exact points. */
export interface SensitiveStatus {
  sensitive: boolean;
  reason: string | null;
  flaggedAt: string | null;
  /** Present only for those who may see exact coordinates. */
  exact?: ExactPlace[];
}

/** True when the actor may see the exact coordinates of this institution's sensitive sites: its staff and the secretariat. */
export function seesExact(actor: Actor, institutionId: string): boolean {
  return actor.kind === 'user' && (actor.isAdmin || staffOf(actor).includes(institutionId));
}

/** Flags a record the actor edits as sensitive: from now on its public document holds generalised coordinates only. */
export async function flagSensitive(store: Store, actor: Actor, recordId: string, input: { reason?: string | null }): Promise<SensitiveStatus> {
  return inTransaction(store, async (trx) => {
    const existing = await editable(trx, actor, recordId);
    const now = nowIso();
    const reason = input.reason?.trim() ? input.reason.trim().slice(0, 2000) : null;
    const held = await repo.find(trx.db, recordId);
    if (!held) {
      await repo.insert(trx.db, { record_id: recordId, institution_id: existing.institution_id, exact_places: '[]', reason, flagged_by: actorLabel(actor), flagged_at: now, updated_at: now });
      // Rewritten through the record writer, whose guard moves the exact points here.
      await writeRecords(trx, actor, [{ doc: JSON.parse(existing.metadata) as RecordDoc & { id: string }, country: existing.country, existing, action: 'update', deleted: !!existing.deleted_at }]);
      await audit(trx.db, actor, [{ action: 'risk.sensitive.flag', targetType: 'record', targetId: recordId, institutionId: existing.institution_id }]);
    }
    return statusOf(trx.db, actor, recordId, existing.institution_id);
  });
}

/** Lifts the flag: the exact coordinates go back into the record (and so become public with it). */
export async function unflagSensitive(store: Store, actor: Actor, recordId: string): Promise<SensitiveStatus> {
  return inTransaction(store, async (trx) => {
    const existing = await editable(trx, actor, recordId);
    const held = await repo.find(trx.db, recordId);
    if (held) {
      await repo.remove(trx.db, recordId);
      const doc = withExact(JSON.parse(existing.metadata) as RecordDoc & { id: string }, exactOf(held));
      await writeRecords(trx, actor, [{ doc, country: existing.country, existing, action: 'update', deleted: !!existing.deleted_at }]);
      await audit(trx.db, actor, [{ action: 'risk.sensitive.unflag', targetType: 'record', targetId: recordId, institutionId: existing.institution_id }]);
    }
    return { sensitive: false, reason: null, flaggedAt: null };
  });
}

/** The sensitivity of a record the caller has already shown the actor may see. */
export async function statusOf(db: Db, actor: Actor, recordId: string, institutionId: string): Promise<SensitiveStatus> {
  const row = await repo.find(db, recordId);
  if (!row) return { sensitive: false, reason: null, flaggedAt: null };
  const staff = seesExact(actor, institutionId);
  return { sensitive: true, reason: staff ? row.reason : null, flaggedAt: row.flagged_at, ...(staff ? { exact: exactOf(row) } : {}) };
}

/** A record as its staff see it: the exact coordinates of a sensitive site put back; unchanged for anyone else. */
export async function revealForStaff(db: Db, actor: Actor, record: HeritageRecord): Promise<HeritageRecord> {
  if (!seesExact(actor, record.institutionId) || !record.places?.length) return record;
  const row = await repo.find(db, record.id);
  return row ? withExact(record, exactOf(row)) : record;
}

/** The record JSON of `row` as its staff see it (the fast read path's counterpart of `revealForStaff`). */
export async function revealJsonForStaff(db: Db, actor: Actor, row: Pick<RecordRow, 'id' | 'institution_id'>, json: string): Promise<string> {
  if (!seesExact(actor, row.institution_id)) return json;
  const held = await repo.find(db, row.id);
  return held ? JSON.stringify(withExact(JSON.parse(json) as RecordDoc, exactOf(held))) : json;
}
