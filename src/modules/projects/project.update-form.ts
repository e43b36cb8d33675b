import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/database';
import { AppError } from '../../shared/errors';
import { newStorageKey, type MediaStore } from '../media/media.storage';
import { MediaError, uploadGuard } from '../media/media.sniff';
import { checkUpdate, publishUpdate } from './project.content';
import { requireProjectEdit } from './project.policy';
import { visibleProject } from './project.service';
import { formLang, langMapOf } from './project.page-form';

const FIELDS = ['title', 'body', 'lang', 'imageAlt'];
// Browsers show these directly; TIFF (which the media module takes for deep zoom) they do not.
const SHOWN = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * Publishes an update from the project page's multipart form: the texts, and an optional image
 * streamed into the media store through the upload guard (sniffed from its first bytes, bounded in
 * size), never trusted by its name or declared type. `values` receives the fields, to show the form again.
 */
export async function publishUpdateFromForm(deps: { db: Db; files: MediaStore; maxBytes: number }, request: FastifyRequest<{ Params: { id: string } }>, values: Record<string, string>, uiLang: string): Promise<void> {
  const { facts } = await visibleProject(deps.db, request.actor, request.params.id);
  requireProjectEdit(request.actor, facts);
  if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', 'Send the update as a multipart form', { problems: [{ field: 'image', message: 'the form is not multipart/form-data' }] });
  let image: { key: string; mime: string } | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'image' || image || !part.filename) {
          (part.file as Readable).resume();
          continue;
        }
        const guard = uploadGuard(deps.maxBytes);
        const key = `projects/${newStorageKey()}`;
        await deps.files.put(key, (part.file as Readable).pipe(guard));
        image = { key, mime: guard.mime ?? '' };
        if (!SHOWN.includes(image.mime)) throw new MediaError('UNSUPPORTED_MEDIA_TYPE', 'Send a JPEG, PNG or WebP image with an update');
      } else if (FIELDS.includes(part.fieldname) && typeof part.value === 'string') {
        values[part.fieldname] = part.value;
      }
    }
    const lang = formLang(values, uiLang);
    const text = checkUpdate({ title: langMapOf(values.title, lang), body: langMapOf(values.body, lang, true), imageAlt: values.imageAlt });
    await publishUpdate(deps.db, request.actor, request.params.id, text, image);
  } catch (err) {
    if (image) await deps.files.delete(image.key).catch(() => undefined);
    throw err;
  }
}
