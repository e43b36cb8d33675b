import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ErrorSchema } from '../../shared/error-handler';
import { AppError } from '../../shared/errors';
import { ID_PATTERN } from '../../shared/ids';
import { MediaFieldsSchema, MediaSchema, normalizeFields } from './media.schema';
import { MediaError, tooLarge } from './media.sniff';
import { commitUpload, stageFile, uploadMedia, uploadTarget, type MediaDeps, type StagedFile } from './media.upload';

const FILE_SCHEMA = { type: 'string', format: 'binary' } as const;
const FORM_FIELDS = ['id', 'label', 'rights', 'visibility', 'embargoUntil', 'filename'];
const FORM_OVERHEAD = 1024 * 1024;

/**
 * Uploads of images to a record: the file as the raw request body (fields in the query), or as a
 * multipart form (the record editor). Bodies are never parsed or buffered here: every content type
 * reaches the handler as a stream, so a non-image is refused from its first bytes with a clear 415.
 */
export const mediaUploadRoutes: FastifyPluginAsyncTypebox<{ deps: MediaDeps }> = async (app, { deps }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, _payload, done) => done(null));
  await app.register(multipart, { limits: { files: 1, fields: 20, fieldSize: 100_000, fileSize: deps.config.maxUploadBytes + 1 } });

  app.post('/api/v1/records/:id/media', {
    schema: {
      tags: ['media'],
      summary: 'Upload an image (JPEG, PNG, TIFF, WebP) to a record; its derivatives are built by a background job',
      description:
        'Send the file as the body with its image Content-Type and the fields in the query, or as multipart/form-data with a `file` part and the fields as form fields. The type is read from the file itself; the size and pixel count are bounded (413). Answers 201 with the image, status `pending` until its derivatives are built.',
      params: Type.Object({ id: Type.String({ pattern: ID_PATTERN }) }),
      querystring: MediaFieldsSchema,
      consumes: ['image/jpeg', 'image/png', 'image/tiff', 'image/webp', 'multipart/form-data'],
      body: {
        content: {
          'image/jpeg': { schema: FILE_SCHEMA },
          'image/png': { schema: FILE_SCHEMA },
          'image/tiff': { schema: FILE_SCHEMA },
          'image/webp': { schema: FILE_SCHEMA },
          'multipart/form-data': { schema: { type: 'object', nullable: true, properties: { file: FILE_SCHEMA, ...MediaFieldsSchema.properties } } },
        },
      },
      response: { 201: MediaSchema, ...Object.fromEntries([400, 401, 403, 404, 409, 413, 415].map((s) => [s, ErrorSchema])) },
    } as never,
    handler: async (req: FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string> }>, reply) => {
      const { id } = req.params;
      // A declared length over the bound is refused before a byte is read (a form carries some bytes more than its file).
      if (Number(req.headers['content-length']) > deps.config.maxUploadBytes + (req.isMultipart() ? FORM_OVERHEAD : 0)) {
        req.raw.resume();
        throw tooLarge(deps.config.maxUploadBytes);
      }
      const media = req.isMultipart()
        ? await fromForm(deps, req)
        : await uploadMedia(deps, req.actor, id, req.raw, normalizeFields({ ...req.query, filename: req.query.filename ?? filenameOf(req.headers['content-disposition']) }));
      reply.code(201).header('location', `/api/v1/media/${media.id}`);
      return media;
    },
  });
};

/** A multipart upload (the API and the image editor page): the file is staged as it streams; fields may come before or after it. */
export async function fromForm(deps: MediaDeps, req: FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string> }>) {
  const record = await uploadTarget(deps.store, req.actor, req.params.id);
  const fields: Record<string, string> = { ...req.query };
  let staged: StagedFile | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (staged) throw new AppError('VALIDATION_FAILED', 'Send one file per upload', { problems: [{ field: part.fieldname, message: 'is a second file' }] });
        staged = await stageFile(deps, part.file as Readable);
        fields.filename ??= part.filename;
      } else if (FORM_FIELDS.includes(part.fieldname) && typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
    if (!staged) throw new MediaError('UNSUPPORTED_MEDIA_TYPE', 'The form has no file: send the image in a file field');
    return await commitUpload(deps, req.actor, record, staged, normalizeFields(fields));
  } catch (e) {
    // A form refused after its file was staged (a second file, a bad field) leaves nothing behind.
    if (staged) await deps.files.delete(staged.key);
    throw e;
  }
}

function filenameOf(header: string | undefined): string | undefined {
  const m = header ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header) : null;
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}
