import { Readable } from 'node:stream';
import sharp from 'sharp';
import { AppError, validationError } from '../../shared/errors';
import { newId, nowIso } from '../../shared/ids';
import type { Db } from '../../db/database';
import { notAnImage, sniffImage } from '../media/media.sniff';
import { newStorageKey, type MediaStore } from '../media/media.storage';
import type { RiskPhotoRow } from './risk.table';

/** Photos of assessments and public reports: at most this many bytes each, this many per submission. */
export const PHOTO_MAX_BYTES = 15 * 1024 * 1024;
export const PHOTOS_PER_SUBMISSION = 6;
/** The long side of a stored photo: enough to judge damage, small enough for a phone on a weak link. */
const LONG_SIDE = 2048;

export interface PhotoUpload {
  data: Buffer;
  caption?: string | null;
  /** Keep the photo's EXIF (its GPS location among it); otherwise every metadata field is dropped. */
  keepLocation?: boolean;
}

export interface Photo {
  id: string;
  caption: string | null;
  width: number;
  height: number;
  url: string;
}

/**
 * Re-encodes an uploaded photo as JPEG: the type sniffed from its bytes (never the declared one),
 * decoding bounded in pixels, turned upright, at most 2048 px, and without metadata — sharp
 * drops EXIF (GPS included) unless asked to keep it, which only `keepLocation` does.
 */
export async function processPhoto(upload: PhotoUpload, maxPixels: number): Promise<{ jpeg: Buffer; width: number; height: number }> {
  // Refused as a problem of the form's photo field, so the assessor sees which input to change.
  if (upload.data.length > PHOTO_MAX_BYTES) throw photoProblem(`is larger than ${PHOTO_MAX_BYTES / 1048576} MB`);
  if (!sniffImage(upload.data.subarray(0, 16))) throw photoProblem(notAnImage(upload.data.subarray(0, 16)).message);
  try {
    let pipeline = sharp(upload.data, { limitInputPixels: maxPixels, failOn: 'error' })
      .rotate()
      .resize({ width: LONG_SIDE, height: LONG_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true });
    if (upload.keepLocation) pipeline = pipeline.keepExif();
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { jpeg: data, width: info.width, height: info.height };
  } catch (err) {
    throw photoProblem(`could not be read as an image (${(err as Error).message})`);
  }
}

/** The 400 of a refused photo, naming the photos field. */
export function photoProblem(message: string): AppError {
  return validationError([{ field: '/photos', message }], 'photo');
}

/** Stores processed photos for an assessment or a report (call inside the owner's transaction). */
export async function savePhotos(db: Db, files: MediaStore, owner: { type: 'assessment' | 'report'; id: string }, uploads: PhotoUpload[], maxPixels: number): Promise<void> {
  if (uploads.length > PHOTOS_PER_SUBMISSION) throw new AppError('VALIDATION_FAILED', `At most ${PHOTOS_PER_SUBMISSION} photos at a time`, { problems: [{ field: '/photos', message: `at most ${PHOTOS_PER_SUBMISSION}` }] });
  for (const upload of uploads) {
    const { jpeg, width, height } = await processPhoto(upload, maxPixels);
    const key = `risk/${newStorageKey()}`;
    await files.put(key, Readable.from([jpeg]));
    await db
      .insertInto('risk_photo')
      .values({ id: newId('ph'), owner_type: owner.type, owner_id: owner.id, storage_key: key, caption: upload.caption?.trim().slice(0, 500) || null, width, height, bytes: jpeg.length, kept_location: upload.keepLocation ? 1 : 0, created_at: nowIso() })
      .execute();
  }
}

/** The photos of owners, in upload order. */
export async function photosOf(db: Db, type: 'assessment' | 'report', ids: string[]): Promise<Map<string, Photo[]>> {
  const out = new Map<string, Photo[]>();
  if (!ids.length) return out;
  const rows = await db.selectFrom('risk_photo').selectAll().where('owner_type', '=', type).where('owner_id', 'in', ids).orderBy('created_at').orderBy('id').execute();
  for (const r of rows) out.set(r.owner_id, [...(out.get(r.owner_id) ?? []), toPhoto(r)]);
  return out;
}

/** A stored photo's row (the caller decides who may see it). */
export async function findPhoto(db: Db, id: string): Promise<RiskPhotoRow | undefined> {
  return db.selectFrom('risk_photo').selectAll().where('id', '=', id).executeTakeFirst();
}

function toPhoto(r: RiskPhotoRow): Photo {
  return { id: r.id, caption: r.caption, width: r.width, height: r.height, url: `/risk/photos/${encodeURIComponent(r.id)}.jpg` };
}
