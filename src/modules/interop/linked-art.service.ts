import { AppError } from '../../shared/errors';
import { PUBLIC } from '../accounts/actor';
import { getInstitution } from '../institutions/institution.service';
import type { Institution } from '../institutions/institution.schema';
import type { Media } from '../media/media.schema';
import { listRecordMedia } from '../media/media.service';
import type { HeritageRecord } from '../records/record.schema';
import { getRecord } from '../records/record.service';
import type { Store } from '../records/record.store';
import { isVisibleUnder, visibilityRule } from '../records/record.visibility';
import { buildLinkedArt, type LaNode } from './linked-art';

// Parents looked up per document at most: a record is rarely part of more than a few others.
const MAX_PARENTS = 50;

/**
 * A record's Linked Art document. Linked Art is published data: it is always built as the public
 * sees the record, whoever asks, so a record the public may not see is a 404 like a missing one,
 * and so are parents and images the public may not see.
 */
export async function getLinkedArt(store: Store, recordId: string, publicUrl: string): Promise<LaNode> {
  const record = await getRecord(store, PUBLIC, recordId);
  const [institution, parents, images] = await Promise.all([
    holderOf(store, record),
    publicParents(store, record),
    publicImages(store, record, publicUrl),
  ]);
  return buildLinkedArt({ record, institution, parents, images, publicUrl });
}

/** True when the public may see the record now (the same rule as `visibleTo`, on a record in memory). */
export function isPublicRecord(record: HeritageRecord, now = Date.now()): boolean {
  return isVisibleUnder(visibilityRule(PUBLIC, now), { deleted: !!record.deletedAt, visibility: record.visibility, embargoUntil: record.embargoUntil, institutionId: record.institutionId });
}

/** The ready images of a record the public may see, in order (none unless the record is public). */
export async function publicImages(store: Store, record: HeritageRecord, publicUrl: string): Promise<Media[]> {
  // The public sees an image only where media keeps `hasMedia` set: skip the lookup elsewhere.
  if (!record.hasMedia || !isPublicRecord(record)) return [];
  const media = await listRecordMedia(store, PUBLIC, record.id, publicUrl).catch(absentAs<Media[]>([]));
  return media.filter((m) => m.status === 'ready');
}

/** The holder of a record, when it still exists. */
export async function holderOf(store: Store, record: HeritageRecord): Promise<Institution | null> {
  return getInstitution(store.db, record.institutionId).catch(absentAs(null));
}

async function publicParents(store: Store, record: HeritageRecord): Promise<HeritageRecord[]> {
  const targets = [...new Set((record.relations ?? []).filter((r) => r.type === 'partOf').map((r) => r.target))].slice(0, MAX_PARENTS);
  // A parent the public may not see is left out, as if the relation did not exist.
  const found = await Promise.all(targets.map((id) => getRecord(store, PUBLIC, id).catch(absentAs(null))));
  return found.filter((r): r is HeritageRecord => r !== null);
}

// What stands for a thing that is gone or hidden (a 404 of ours); any other error still fails the request.
function absentAs<T>(value: T) {
  return (e: unknown): T => {
    if (e instanceof AppError && e.status === 404) return value;
    throw e;
  };
}
