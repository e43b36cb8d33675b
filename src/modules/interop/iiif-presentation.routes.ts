import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { DEFAULT_PAGING, getInstitutionCollection, getManifest, getTopCollection, type CollectionPaging } from './iiif-presentation.service';

/** The media type the Presentation API asks for (section 6.3). */
export const PRESENTATION_LD_JSON = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"';
// Short: a record or image made private stops being served from shared caches within minutes.
const PUBLIC_CACHE = 'public, max-age=300';
const PRIVATE_CACHE = 'private, no-cache';
const Id = Type.String({ pattern: ID_PATTERN });
const Document = Type.Unknown({ description: 'A IIIF Presentation 3 document (JSON-LD)' });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema };

/**
 * The IIIF Presentation API 3.0: a Manifest per record with images, the Collection of the whole
 * library and one per institution. Everything is filtered by the visibility rule of the actor;
 * anonymous answers may be cached publicly for a short while, signed-in ones only privately.
 */
export const iiifPresentationRoutes: FastifyPluginAsyncTypebox<ModuleOptions & { paging?: CollectionPaging }> = async (app, { store, config, paging }) => {
  const { publicUrl } = config;

  app.get('/iiif/manifest/:recordId', {
    schema: {
      tags: ['iiif'],
      summary: 'The IIIF Presentation 3 Manifest of a record: a Canvas per image you may see (404 when the record is hidden or has none)',
      params: Type.Object({ recordId: Id }),
      response: { 200: Document, 304: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      const { manifest, fingerprint } = await getManifest(store, req.actor, req.params.recordId, publicUrl);
      return sendDocument(req, reply, manifest, fingerprint);
    },
  });

  app.get('/iiif/collection/top', {
    schema: {
      tags: ['iiif'],
      summary: 'The IIIF Collection of the whole library: a Collection per member institution',
      response: { 200: Document, 304: Type.Null(), ...errors },
    },
    handler: async (req, reply) => sendDocument(req, reply, await getTopCollection(store, publicUrl)),
  });

  app.get('/iiif/collection/institution/:id', {
    schema: {
      tags: ['iiif'],
      summary: 'The IIIF Collection of an institution: Manifests of its records with images you may see; a large one continues in a next part, listed last',
      params: Type.Object({ id: Id }),
      response: { 200: Document, 304: Type.Null(), ...errors },
    },
    handler: async (req, reply) =>
      sendDocument(req, reply, await getInstitutionCollection(store, req.actor, { institutionId: req.params.id, publicUrl, paging: paging ?? DEFAULT_PAGING })),
  });

  app.get('/iiif/collection/institution/:id/:part', {
    schema: {
      tags: ['iiif'],
      summary: 'A further part of an institution’s IIIF Collection, as linked from the previous part',
      params: Type.Object({ id: Id, part: Type.String({ maxLength: 220 }) }),
      response: { 200: Document, 304: Type.Null(), ...errors },
    },
    handler: async (req, reply) =>
      sendDocument(req, reply, await getInstitutionCollection(store, req.actor, { institutionId: req.params.id, part: req.params.part, publicUrl, paging: paging ?? DEFAULT_PAGING })),
  });
};

/**
 * Sends a document as JSON-LD (or plain JSON when the client asks only for that), with an ETag from
 * the fingerprint of its sources (or its own bytes) and caching fit for who asked.
 */
function sendDocument(req: FastifyRequest, reply: FastifyReply, doc: object, fingerprint?: string) {
  const type = wantsPlainJson(req.headers.accept) ? 'application/json' : PRESENTATION_LD_JSON;
  const body = fingerprint === undefined ? JSON.stringify(doc) : null;
  const etag = `"${createHash('sha256').update(`${type}\u0000${fingerprint ?? body}`).digest('base64url').slice(0, 27)}"`;
  reply
    .header('etag', etag)
    .header('cache-control', req.actor.kind === 'public' ? PUBLIC_CACHE : PRIVATE_CACHE)
    .header('vary', 'Accept, Authorization, Cookie');
  if (matches(req.headers['if-none-match'], etag)) return reply.code(304).send(null);
  // A Buffer, so the media type goes out exactly as the specification writes it.
  return reply.header('content-type', type).send(Buffer.from(body ?? JSON.stringify(doc)) as never);
}

// Content negotiation (section 6.3): JSON-LD unless the client accepts plain JSON and not JSON-LD.
function wantsPlainJson(accept: string | undefined): boolean {
  return !!accept && /application\/json/i.test(accept) && !/application\/ld\+json/i.test(accept);
}

function matches(header: string | undefined, etag: string): boolean {
  return typeof header === 'string' && header.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag);
}
