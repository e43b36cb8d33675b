import path from 'node:path';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleOptions } from '../../shared/request-context';
import { localMediaStore } from '../media/media.storage';
import { addDocument, MAX_DOCUMENT_BYTES, openDocument } from './document.service';
import * as S from './governance.schema';
import { GOV_VISIBILITIES } from './meeting.rules';

const FieldsSchema = Type.Object({ title: Type.String({ minLength: 1, maxLength: 300 }), visibility: Type.Optional(Type.Unsafe<'public' | 'members'>({ type: 'string', enum: [...GOV_VISIBILITIES], default: 'public' })) });
const tags = ['meetings'];

/**
 * Documents (PDF files) of meetings and agreements, kept in a small file store of their own under
 * the data folder. Uploads are the raw PDF as the body, bounded in size and checked to be a PDF;
 * downloads are for those who may see both the document and what it belongs to.
 */
export const documentRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store, config }) => {
  const files = localMediaStore(path.join(config.dataDir, 'governance'));
  app.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: MAX_DOCUMENT_BYTES }, (_req, body, done) => done(null, body));

  for (const kind of ['meeting', 'agreement'] as const) {
    app.post(`/api/v1/${kind}s/:id/documents`, {
      bodyLimit: MAX_DOCUMENT_BYTES,
      schema: {
        tags: kind === 'meeting' ? tags : ['agreements'],
        summary: `Attach a PDF to ${kind === 'meeting' ? 'a meeting (agenda papers, minutes)' : 'an agreement (the signed text)'} — the secretariat; the file is the body (application/pdf)`,
        params: S.IdParams,
        querystring: FieldsSchema,
        consumes: ['application/pdf'],
        response: { 201: S.DocumentSchema, ...S.errors, 413: S.errors[400] },
      },
      handler: async (req, reply) => {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const doc = await addDocument(store.db, files, req.actor, { kind, id: req.params.id }, { title: req.query.title, visibility: req.query.visibility ?? 'public', body });
        return reply.code(201).send(doc);
      },
    });
  }

  app.get('/alliance/documents/:id', {
    schema: { tags, summary: 'Download a meeting’s or agreement’s document (members-only ones for members)', params: S.IdParams },
    handler: async (req, reply) => {
      const { doc, stream } = await openDocument(store.db, files, req.actor, req.params.id);
      return reply
        .type(doc.mediaType)
        .header('content-length', String(doc.bytes))
        .header('content-disposition', `attachment; filename="${doc.id}.pdf"`)
        .header('cache-control', doc.visibility === 'public' ? 'public, max-age=3600' : 'private, no-store')
        .send(stream);
    },
  });
};
