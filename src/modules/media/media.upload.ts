import type { Readable } from 'node:stream';
import sharp from 'sharp';
import type { Config } from '../../config/config';
import { AppError } from '../../shared/errors';
import { newId, nowIso } from '../../shared/ids';
import { actorLabel, type Actor } from '../accounts/actor';
import { hasScope } from '../accounts/policy';
import { audit } from '../audit/audit.service';
import { enqueueJob } from '../jobs/job.service';
import { editable } from '../records/record.service';
import { inTransaction, type Store } from '../records/record.store';
import type { RecordRow } from '../records/record.table';
import { DERIVATIVES_JOB } from './media.derivatives';
import { mediaRepository as repo } from './media.repository';
import type { Media, NewMediaFields } from './media.schema';
import { toMedia } from './media.service';
import { MediaError, uploadGuard, type ImageMime } from './media.sniff';
import { newStorageKey, type MediaStore } from './media.storage';

/** What uploads need: the database, the file store, and the configured bounds. */
export interface MediaDeps {
  store: Store;
  files: MediaStore;
  config: Pick<Config, 'maxUploadBytes' | 'maxImagePixels' | 'publicUrl'>;
}

/** A file written to the store but not yet referenced by any row. */
export interface StagedFile {
  key: string;
  bytes: number;
  sha256: string;
  mime: ImageMime;
}

/** The record images may be added to by the actor, checked before a byte of the file is read (401, 403, 404 as for record edits). */
export async function uploadTarget(store: Store, actor: Actor, recordId: string): Promise<RecordRow> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token to upload images');
  const record = await editable(store, actor, recordId);
  if (!hasScope(actor, 'write')) throw new AppError('FORBIDDEN', 'Your token lacks the "write" scope');
  if (record.deleted_at) throw new AppError('CONFLICT', `Record "${recordId}" is in the trash: restore it before adding images`);
  return record;
}

/**
 * Streams a file into the store under a fresh key, refusing a non-image from its first bytes
 * (415) and stopping past the size bound (413); memory stays flat whatever the file's size.
 */
export async function stageFile(deps: MediaDeps, input: Readable): Promise<StagedFile> {
  const guard = uploadGuard(deps.config.maxUploadBytes);
  const key = newStorageKey();
  input.on('error', (e) => guard.destroy(e));
  try {
    const { bytes, sha256 } = await deps.files.put(key, input.pipe(guard));
    return { key, bytes, sha256, mime: guard.mime! };
  } catch (e) {
    // Drain the rest of the body (without storing it) so the refusal still reaches the client.
    input.unpipe(guard);
    input.resume();
    throw e;
  }
}

/**
 * Reads the image's size from its header only (nothing is decoded), refuses it beyond the pixel
 * bound, then creates the row (pending), enqueues its derivatives and audits the upload. The staged
 * file is removed on any refusal.
 */
export async function commitUpload(deps: MediaDeps, actor: Actor, record: RecordRow, staged: StagedFile, fields: NewMediaFields): Promise<Media> {
  try {
    const { width, height } = await readDimensions(deps, staged);
    if (width * height > deps.config.maxImagePixels) {
      const mp = (n: number) => `${Math.round(n / 1e6).toLocaleString('en')} megapixels`;
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `The image is ${width} × ${height} pixels (${mp(width * height)}); this server accepts at most ${mp(deps.config.maxImagePixels)} (HERITAGE_MAX_IMAGE_PIXELS)`,
      );
    }
    return await inTransaction(deps.store, async (trx) => {
      const id = fields.id ?? newId('m');
      if (await repo.find(trx.db, id)) throw new AppError('ALREADY_EXISTS', `An image with the id "${id}" exists already`, { problems: [{ field: 'id', message: 'is taken' }] });
      const now = nowIso();
      const row = await repo.insert(trx.db, {
        id,
        record_id: record.id,
        institution_id: record.institution_id,
        position: await repo.nextPosition(trx.db, record.id),
        label: JSON.stringify(fields.label),
        rights: fields.rights,
        visibility: fields.visibility,
        embargo_until: fields.embargoUntil,
        mime: staged.mime,
        original_name: fields.originalName,
        bytes: staged.bytes,
        sha256: staged.sha256,
        width,
        height,
        status: 'pending',
        error: null,
        storage_key: staged.key,
        created_at: now,
        updated_at: now,
        created_by: actorLabel(actor),
      });
      await enqueueJob(trx, actor, { kind: DERIVATIVES_JOB, payload: { mediaId: id }, institutionId: record.institution_id, subject: { type: 'media', id } });
      await audit(trx.db, actor, [
        {
          action: 'media.upload',
          targetType: 'media',
          targetId: id,
          institutionId: record.institution_id,
          detail: { recordId: record.id, mime: staged.mime, bytes: staged.bytes, width, height, sha256: staged.sha256 },
        },
      ]);
      return toMedia(row, record, deps.config.publicUrl);
    });
  } catch (e) {
    await deps.files.delete(staged.key);
    throw e;
  }
}

/** Stages and commits one file (raw uploads and the CLI); the fields are checked before the file is read. */
export async function uploadMedia(deps: MediaDeps, actor: Actor, recordId: string, input: Readable, fields: NewMediaFields): Promise<Media> {
  const record = await uploadTarget(deps.store, actor, recordId);
  if (fields.id && (await repo.find(deps.store.db, fields.id))) {
    input.resume();
    throw new AppError('ALREADY_EXISTS', `An image with the id "${fields.id}" exists already`, { problems: [{ field: 'id', message: 'is taken' }] });
  }
  const staged = await stageFile(deps, input);
  return commitUpload(deps, actor, record, staged, fields);
}

// sharp's metadata reads the header and the directory of a TIFF: no pixel is decoded here.
async function readDimensions(deps: MediaDeps, staged: StagedFile): Promise<{ width: number; height: number }> {
  const path = deps.files.path?.(staged.key);
  try {
    const image = path ? sharp(path, { limitInputPixels: false }) : deps.files.open(staged.key).pipe(sharp({ limitInputPixels: false }));
    const m = await image.metadata();
    if (!m.width || !m.height) throw new Error('no dimensions in the header');
    return { width: m.width, height: m.height };
  } catch (e) {
    throw new MediaError('IMAGE_UNREADABLE', `The file starts like a ${staged.mime.slice(6).toUpperCase()} image but its header cannot be read (${(e as Error).message}); it is damaged or not really an image.`);
  }
}
