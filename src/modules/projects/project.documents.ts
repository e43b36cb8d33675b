import type { FastifyRequest } from 'fastify';
import { Transform, type Readable } from 'node:stream';
import type { Db } from '../../db/database';
import { AppError } from '../../shared/errors';
import { MediaError, sniffImage, tooLarge } from '../media/media.sniff';
import { newStorageKey, type MediaStore } from '../media/media.storage';
import { addOutput, type ProjectOutput } from './project.content';
import { requireProjectEdit } from './project.policy';
import { visibleProject } from './project.service';

/** The document types a project accepts: PDF, and the images the media module sniffs (scanned plans, photographs). */
export const DOCUMENT_MIMES = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'image/webp'] as const;
/** Uploaded documents stay below this size whatever the server's upload limit. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const ACCEPTED = 'PDF, JPEG, PNG, TIFF or WebP';
const FIELDS = ['title', 'visibility'];

/** The type a document's first bytes announce (PDF, or an image by the media module's sniffing), or null. */
export function sniffDocument(head: Buffer): (typeof DOCUMENT_MIMES)[number] | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return sniffImage(head);
}

/** A pass-through stream that refuses a file of another type from its first bytes and stops past `maxBytes`. */
export function documentGuard(maxBytes: number): Transform & { mime: string | null; bytes: number } {
  let head: Buffer = Buffer.alloc(0);
  const refuse = () => new MediaError('UNSUPPORTED_MEDIA_TYPE', guard.bytes === 0 ? `The upload is empty: send a ${ACCEPTED} file` : `The file is not a ${ACCEPTED} document`);
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      guard.bytes += chunk.length;
      if (guard.bytes > maxBytes) return done(tooLarge(maxBytes));
      if (guard.mime === null) {
        head = Buffer.concat([head, chunk]).subarray(0, 16);
        if (head.length < 12) return done(null, chunk);
        guard.mime = sniffDocument(head);
        if (!guard.mime) return done(refuse());
      }
      done(null, chunk);
    },
    flush(done) {
      if (guard.mime === null) guard.mime = sniffDocument(head);
      done(guard.mime ? null : refuse());
    },
  }) as Transform & { mime: string | null; bytes: number };
  guard.mime = null;
  guard.bytes = 0;
  return guard;
}

/**
 * Adds a document output from a multipart form (fields `title`, `visibility`, file `file`): the file is
 * streamed under a random key into the media store through the guard, never trusted by its name or
 * declared type. `values` receives the text fields, to show the form again.
 */
export async function addDocumentFromForm(deps: { db: Db; files: MediaStore; maxBytes: number }, request: FastifyRequest<{ Params: { id: string } }>, values: Record<string, string>): Promise<ProjectOutput> {
  const { facts } = await visibleProject(deps.db, request.actor, request.params.id);
  requireProjectEdit(request.actor, facts);
  if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', 'Send the document as a multipart form', { problems: [{ field: 'file', message: 'the form is not multipart/form-data' }] });
  let file: { key: string; mime: string; size: number } | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file || !part.filename) {
          (part.file as Readable).resume();
          continue;
        }
        const guard = documentGuard(deps.maxBytes);
        const key = `projects/${newStorageKey()}`;
        const { bytes } = await deps.files.put(key, (part.file as Readable).pipe(guard));
        file = { key, mime: guard.mime ?? '', size: bytes };
      } else if (FIELDS.includes(part.fieldname) && typeof part.value === 'string') {
        values[part.fieldname] = part.value;
      }
    }
    if (!file) throw new AppError('VALIDATION_FAILED', 'Choose a file to upload', { problems: [{ field: 'file', message: 'is required' }] });
    return await addOutput(deps.db, request.actor, request.params.id, { kind: 'document', title: values.title ?? '', visibility: (values.visibility || undefined) as never }, file);
  } catch (err) {
    if (file) await deps.files.delete(file.key).catch(() => undefined);
    throw err;
  }
}

/** Deletes stored files once their rows are gone (a missing file is no error). */
export async function deleteFiles(files: MediaStore, keys: (string | null)[]): Promise<void> {
  for (const key of keys) if (key) await files.delete(key).catch(() => undefined);
}
