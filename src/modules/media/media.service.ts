import { AppError } from '../../shared/errors';
import { nowIso } from '../../shared/ids';
import { PUBLIC, type Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import { audit } from '../audit/audit.service';
import { latestJobFor } from '../jobs/job.service';
import { recordRepository } from '../records/record.repository';
import type { Visibility } from '../records/record.schema';
import { inTransaction, type Store } from '../records/record.store';
import type { RecordRow } from '../records/record.table';
import { isVisibleUnder, visibilityRule } from '../records/record.visibility';
import { mediaRepository as repo } from './media.repository';
import { checkLabel, parseDate, type Media, type MediaPatch } from './media.schema';
import type { MediaRow } from './media.table';

/** A media item the actor may see, with what serving it needs to know. */
export interface VisibleMedia {
  row: MediaRow;
  record: RecordRow;
  /** The public may see it too: responses may be cached by shared caches. */
  isPublic: boolean;
  /** The actor may edit it (and so sees it before it is ready). */
  editable: boolean;
}

/**
 * A media item as the actor may see it: its record must be visible to the actor (the records
 * module's rule, in SQL) and the item's own visibility and embargo must pass the same rule. Items
 * not ready yet are shown only to those who may edit them. Anything else is a 404.
 */
export async function findVisibleMedia(store: Store, actor: Actor, id: string): Promise<VisibleMedia> {
  const row = await repo.find(store.db, id);
  if (!row) throw notFound(id);
  const record = await recordRepository.findVisible(store.db, actor, row.record_id);
  const visible = record ? visibleIn(actor, record, [row]) : [];
  if (!record || !visible.length) throw notFound(id);
  return { row, record, isPublic: isPublicMedia(record, row), editable: can(actor, 'edit', { institutionId: row.institution_id }) };
}

/** One media item with links (and its derivative job, for editors). */
export async function getMedia(store: Store, actor: Actor, id: string, publicUrl: string): Promise<Media> {
  const { row, record, editable } = await findVisibleMedia(store, actor, id);
  const media = toMedia(row, record, publicUrl);
  if (editable) {
    const job = await latestJobFor(store, { type: 'media', id });
    media.job = job ? { id: job.id, status: job.status, progress: job.progress, error: job.error } : null;
  }
  return media;
}

/** The images of a record the actor may see, in order; 404 when the record itself is hidden. */
export async function listRecordMedia(store: Store, actor: Actor, recordId: string, publicUrl: string): Promise<Media[]> {
  const record = await recordRepository.findVisible(store.db, actor, recordId);
  if (!record) throw new AppError('RECORD_NOT_FOUND', `No record "${recordId}"`);
  const rows = visibleIn(actor, record, await repo.listForRecord(store.db, recordId));
  return rows.map((r) => toMedia(r, record, publicUrl));
}

/** Changes an image's label, rights, visibility, embargo or place on its record. */
export async function updateMedia(store: Store, actor: Actor, id: string, patch: MediaPatch, publicUrl: string): Promise<Media> {
  const problems: { field: string; message: string }[] = [];
  const embargo = patch.embargoUntil === undefined ? undefined : parseDate(patch.embargoUntil, 'embargoUntil', problems);
  if (problems.length) throw new AppError('VALIDATION_FAILED', `Invalid image fields: ${problems[0].field}: ${problems[0].message}`, { problems });
  const label = patch.label ? checkLabel(patch.label) : undefined;
  return inTransaction(store, async (trx) => {
    const { row, record } = await editableMedia(trx, actor, id);
    const now = nowIso();
    const set = {
      ...(label ? { label: JSON.stringify(label) } : {}),
      ...(patch.rights !== undefined ? { rights: patch.rights } : {}),
      ...(patch.visibility ? { visibility: patch.visibility } : {}),
      ...(embargo !== undefined ? { embargo_until: embargo } : {}),
      updated_at: now,
    };
    await repo.update(trx.db, id, set);
    if (patch.position !== undefined) await reorder(trx, row, patch.position, now);
    await repo.refreshRecordFlag(trx.db, row.record_id);
    const after = (await repo.find(trx.db, id))!;
    await audit(trx.db, actor, [{ action: 'media.update', targetType: 'media', targetId: id, institutionId: row.institution_id, detail: { recordId: row.record_id, changed: Object.keys(patch) } }]);
    return toMedia(after, record, publicUrl);
  });
}

/** Removes an image; returns its row so the caller can delete its files once the removal is committed. */
export async function deleteMedia(store: Store, actor: Actor, id: string): Promise<MediaRow> {
  return inTransaction(store, async (trx) => {
    const { row } = await editableMedia(trx, actor, id);
    await repo.remove(trx.db, id);
    await reorder(trx, row, Number.MAX_SAFE_INTEGER, nowIso(), true);
    await repo.refreshRecordFlag(trx.db, row.record_id);
    await audit(trx.db, actor, [{ action: 'media.delete', targetType: 'media', targetId: id, institutionId: row.institution_id, detail: { recordId: row.record_id, sha256: row.sha256 } }]);
    return row;
  });
}

/** The media item the actor may change: 404 when it may not even see it, 403 when it sees but may not edit. */
export async function editableMedia(store: Store, actor: Actor, id: string): Promise<{ row: MediaRow; record: RecordRow }> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token to change images');
  const row = await repo.find(store.db, id);
  if (!row) throw notFound(id);
  if (!can(actor, 'edit', { institutionId: row.institution_id })) {
    await findVisibleMedia(store, actor, id);
    throw new AppError('FORBIDDEN', `You may not edit images of ${row.institution_id}`);
  }
  return { row, record: (await recordRepository.findAny(store.db, row.record_id))! };
}

/** Maps a row to the API's form, with absolute links. */
export function toMedia(row: MediaRow, record: RecordRow, publicUrl: string): Media {
  const iiif = `${publicUrl}/iiif/3/${row.id}`;
  return {
    id: row.id,
    recordId: row.record_id,
    institutionId: row.institution_id,
    position: row.position,
    label: JSON.parse(row.label),
    rights: row.rights,
    visibility: row.visibility as Visibility,
    embargoUntil: row.embargo_until,
    effectiveVisibility: stricter(row.visibility, record.visibility),
    mime: row.mime,
    originalName: row.original_name,
    bytes: Number(row.bytes),
    sha256: row.sha256,
    width: row.width,
    height: row.height,
    status: row.status as Media['status'],
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    links: { iiif, info: `${iiif}/info.json`, thumbnail: `${publicUrl}/media/${row.id}/thumb/200.jpg` },
  };
}

/** The 404 of an image that does not exist or that the actor may not see. */
export function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No image "${id}"`);
}

/** Items of a record (itself visible to the actor) that pass the visibility rule on their own settings. */
function visibleIn(actor: Actor, record: RecordRow, rows: MediaRow[]): MediaRow[] {
  const rule = visibilityRule(actor);
  const editor = can(actor, 'edit', { institutionId: record.institution_id });
  return rows.filter(
    (r) =>
      (editor || r.status === 'ready') &&
      isVisibleUnder(rule, { deleted: false, visibility: r.visibility, embargoUntil: r.embargo_until, institutionId: r.institution_id }),
  );
}

function isPublicMedia(record: RecordRow, row: MediaRow): boolean {
  const rule = visibilityRule(PUBLIC);
  return (
    row.status === 'ready' &&
    isVisibleUnder(rule, { deleted: !!record.deleted_at, visibility: record.visibility, embargoUntil: record.embargo_until, institutionId: record.institution_id }) &&
    isVisibleUnder(rule, { deleted: false, visibility: row.visibility, embargoUntil: row.embargo_until, institutionId: row.institution_id })
  );
}

const OPENNESS: Record<string, number> = { public: 0, members: 1, private: 2 };

function stricter(a: string, b: string): Visibility {
  return ((OPENNESS[a] ?? 2) >= (OPENNESS[b] ?? 2) ? a : b) as Visibility;
}

/** Moves an item to a 1-based place (or closes its gap when it was removed), renumbering the rest. */
async function reorder(store: Store, moved: MediaRow, position: number, now: string, removed = false): Promise<void> {
  const others = (await repo.listForRecord(store.db, moved.record_id)).filter((r) => r.id !== moved.id);
  const order = others.map((r) => r.id);
  if (!removed) order.splice(Math.min(Math.max(position, 1), others.length + 1) - 1, 0, moved.id);
  const current = new Map([...others.map((r) => [r.id, r.position] as const), [moved.id, moved.position]]);
  const changed = order.map((id, i) => ({ id, position: i + 1 })).filter((p) => current.get(p.id) !== p.position);
  await repo.setPositions(store.db, changed, now);
}
