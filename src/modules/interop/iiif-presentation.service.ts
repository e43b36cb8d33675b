import { AppError } from '../../shared/errors';
import type { Actor } from '../accounts/actor';
import { getInstitution, listInstitutions } from '../institutions/institution.service';
import type { Institution } from '../institutions/institution.schema';
import type { Media } from '../media/media.schema';
import { listRecordMedia } from '../media/media.service';
import type { HeritageRecord } from '../records/record.schema';
import { getRecord, listRecords } from '../records/record.service';
import type { Store } from '../records/record.store';
import { buildInstitutionCollection, buildTopCollection, decodePart, manifestRef, type Collection, type ManifestRef, type PartStart } from './iiif-collection';
import { buildManifest, type Manifest } from './iiif-manifest';

/** How institution Collections are split: Manifests per part, and records looked at per request. */
export interface CollectionPaging {
  pageSize: number;
  /** Bounds the work of one request over records without images; a part may then hold fewer Manifests. */
  scanLimit: number;
}

/** The default split: parts of up to 1,000 Manifests, at most 5,000 records looked at per request. */
export const DEFAULT_PAGING: CollectionPaging = Object.freeze({ pageSize: 1000, scanLimit: 5000 });

// Bumped when the documents this module writes change shape, so cached copies are revalidated.
const FORMAT_VERSION = '1';

/**
 * The Manifest of a record as the actor may see it, with a fingerprint of everything it is built
 * from (for ETags). A hidden record is a 404 like a missing one; a visible record without an image
 * the actor may see is a 404 too, since a Manifest must have at least one Canvas.
 */
export async function getManifest(store: Store, actor: Actor, recordId: string, publicUrl: string): Promise<{ manifest: Manifest; fingerprint: string }> {
  const record = await getRecord(store, actor, recordId);
  const images = readyImages(await listRecordMedia(store, actor, recordId, publicUrl));
  if (!images.length) throw new AppError('NOT_FOUND', `Record "${recordId}" has no images to show, so it has no IIIF Manifest`);
  const institution = await getInstitution(store.db, record.institutionId);
  const fingerprint = [
    FORMAT_VERSION,
    publicUrl,
    record.id,
    record.version,
    record.updatedAt,
    institution.version,
    institution.updatedAt,
    ...images.map((m) => `${m.id}@${m.updatedAt}`),
  ].join('\u0000');
  return { manifest: buildManifest({ record, institution, images, publicUrl }), fingerprint };
}

/** The Collection of the whole library: a Collection per member institution (institutions are public). */
export async function getTopCollection(store: Store, publicUrl: string): Promise<Collection> {
  const institutions: Institution[] = [];
  let cursor: string | undefined;
  do {
    const page = await listInstitutions(store.db, { cursor, limit: 500 });
    institutions.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor);
  return buildTopCollection({ institutions, publicUrl });
}

/**
 * One part of an institution's Collection: its records visible to the actor that have an image the
 * actor may see, in the records' stable order, and a link to the next part when records remain.
 * Nothing here counts records, so hidden ones cannot show through a number.
 */
export async function getInstitutionCollection(
  store: Store,
  actor: Actor,
  input: { institutionId: string; part?: string; publicUrl: string; paging?: CollectionPaging },
): Promise<Collection> {
  const { institutionId, publicUrl } = input;
  const { pageSize, scanLimit } = input.paging ?? DEFAULT_PAGING;
  const institution = await getInstitution(store.db, institutionId);
  const start = input.part === undefined ? null : decodePart(input.part);
  if (input.part !== undefined && !start) throw new AppError('NOT_FOUND', `No part "${input.part}" of the collection of ${institutionId}`);
  const manifests: ManifestRef[] = [];
  let cursor: string | null | undefined = start?.cursor;
  let examined = 0;
  while (manifests.length < pageSize && examined < scanLimit) {
    // Never more records than free places: each record adds at most one Manifest, so the cursor stays exact.
    const limit = Math.min(500, pageSize - manifests.length, scanLimit - examined);
    const page = await listRecords(store, actor, { institutionId, cursor: cursor ?? undefined, limit });
    examined += page.items.length;
    for (const record of page.items) {
      const first = await firstImage(store, actor, record, publicUrl);
      if (first) manifests.push(manifestRef(publicUrl, record, first));
    }
    cursor = page.next;
    if (!cursor) break;
  }
  const next: PartStart | null = cursor ? { part: (start?.part ?? 1) + 1, cursor } : null;
  return buildInstitutionCollection({ institution, publicUrl, start, manifests, next });
}

/** The first image of a record the actor may see, ready to show; null when there is none. */
async function firstImage(store: Store, actor: Actor, record: HeritageRecord, publicUrl: string): Promise<Media | null> {
  // The public sees an image only where media keeps `hasMedia` set (a ready public image): skip the lookup elsewhere.
  if (actor.kind === 'public' && !record.hasMedia) return null;
  try {
    return readyImages(await listRecordMedia(store, actor, record.id, publicUrl))[0] ?? null;
  } catch (e) {
    // Hidden or deleted since it was listed: absent, like any record the actor may not see.
    if (e instanceof AppError && e.code === 'RECORD_NOT_FOUND') return null;
    throw e;
  }
}

function readyImages(media: Media[]): Media[] {
  return media.filter((m) => m.status === 'ready');
}
