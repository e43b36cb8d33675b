import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorSchema } from '../../shared/error-handler';
import { AppError } from '../../shared/errors';
import { ID_REGEX } from '../../shared/ids';
import type { Actor } from '../accounts/actor';
import { FORMAT_CONTENT_TYPE, IiifError } from './iiif/iiif-image.types';
import type { ImageCache } from './iiif/iiif-cache';
import { buildInfoJson, DEFAULT_LIMITS } from './iiif/iiif-info';
import { renderImage } from './iiif/iiif-render';
import { parseImageRequest } from './iiif/iiif-request';
import { pyramidKey, thumbKey, THUMB_WIDTHS } from './media.derivatives';
import { findVisibleMedia, type VisibleMedia } from './media.service';
import type { MediaDeps } from './media.upload';

const LD_JSON = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"';
const PROFILE_LINK = '<http://iiif.io/api/image/3/level2.json>;rel="profile"';
// A day: long enough for viewers and CDNs, short enough that an image made private stops being served.
const PUBLIC_CACHE = 'public, max-age=86400';
const PRIVATE_CACHE = 'private, no-cache';
const RETRY_AFTER_S = 5;
const Binary = Type.String({ format: 'binary' });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 501: ErrorSchema, 503: ErrorSchema };

/**
 * The IIIF Image API 3.0 (level 2) over the images' pyramids, and the thumbnails pages show. Every
 * request is checked against the visibility rule (hidden is 404) and validated against the declared
 * limits before anything is decoded; rendered images are kept in a bounded on-disk cache.
 */
export const iiifRoutes: FastifyPluginAsyncTypebox<{ deps: MediaDeps; cache: ImageCache }> = async (app, { deps, cache }) => {
  const { store, files, config } = deps;
  const serviceId = (id: string) => `${config.publicUrl}/iiif/3/${id}`;
  const Id = Type.Object({ id: Type.String() });

  /** The image as the actor may see it, once ready; the id is checked before any lookup. */
  const servable = async (actor: Actor, id: string): Promise<VisibleMedia> => {
    if (!ID_REGEX.test(id)) throw new AppError('BAD_QUERY', `"${id.slice(0, 140)}" is not an image identifier`, { problems: [{ field: 'id', message: 'is not an identifier' }] });
    const media = await findVisibleMedia(store, actor, id);
    if (media.row.status === 'pending') throw new AppError('UNAVAILABLE', `Image "${id}" is still being prepared; try again shortly`, { retryAfter: RETRY_AFTER_S });
    if (media.row.status !== 'ready') throw new AppError('NOT_FOUND', `Image "${id}" could not be prepared: ${media.row.error ?? 'unknown error'}`);
    return media;
  };

  app.get('/iiif/3/:id', {
    schema: { tags: ['iiif'], summary: 'The image service: redirects to its info.json', params: Id, response: { 303: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await servable(req.actor, req.params.id);
      return reply.code(303).header('location', `${serviceId(req.params.id)}/info.json`).send(null);
    },
  });

  app.get('/iiif/3/:id/info.json', {
    schema: { tags: ['iiif'], summary: 'Image information (IIIF Image API 3.0, level 2)', params: Id, response: { 200: Type.Unknown(), 304: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      const { row, isPublic } = await servable(req.actor, req.params.id);
      const ld = /application\/ld\+json/.test(req.headers.accept ?? '');
      const etag = tag(row.id, row.updated_at, ld ? 'ld' : 'json');
      cachingHeaders(reply, etag, isPublic).header('vary', 'Accept').header('link', PROFILE_LINK);
      if (notModified(req, etag)) return reply.code(304).send(null);
      const info = buildInfoJson({ id: serviceId(row.id), width: row.width, height: row.height, limits: DEFAULT_LIMITS, rights: row.rights, extraFeatures: ['canonicalLinkHeader', 'profileLinkHeader', 'cors', 'jsonldMediaType', 'baseUriRedirect'] });
      // A Buffer, so the media type goes out exactly as the specification writes it.
      return reply.header('content-type', ld ? LD_JSON : 'application/json').send(Buffer.from(JSON.stringify(info)) as never);
    },
  });

  app.get('/iiif/3/:id/:region/:size/:rotation/:file', {
    schema: {
      tags: ['iiif'],
      summary: 'An image: {region}/{size}/{rotation}/{quality}.{format} (IIIF Image API 3.0)',
      params: Type.Object({ id: Type.String(), region: Type.String(), size: Type.String(), rotation: Type.String(), file: Type.String({ description: '{quality}.{format}' }) }),
      response: { 200: Binary, 304: Type.Null(), 403: ErrorSchema, ...errors },
    },
    handler: async (req, reply) => {
      const { id, region, size, rotation, file } = req.params;
      const { row, isPublic } = await servable(req.actor, id);
      const dot = file.lastIndexOf('.');
      const params = { region, size, rotation, quality: dot > 0 ? file.slice(0, dot) : file, format: dot > 0 ? file.slice(dot + 1) : '' };
      let request;
      try {
        request = parseImageRequest(params, { width: row.width, height: row.height }, DEFAULT_LIMITS);
      } catch (e) {
        return iiifError(reply, e);
      }
      const key = `${row.id}/${row.updated_at}/${request.canonical}`;
      const etag = tag(key);
      cachingHeaders(reply, etag, isPublic).header('link', `<${serviceId(row.id)}/${request.canonical}>;rel="canonical", ${PROFILE_LINK}`);
      if (notModified(req, etag)) return reply.code(304).send(null);
      let body = await cache.get(key);
      if (!body) {
        const path = files.path?.(pyramidKey(row.storage_key));
        if (!path) throw new AppError('UNAVAILABLE', 'This media store cannot serve images');
        body = (await renderImage({ path, width: row.width, height: row.height }, request).catch((e) => iiifFailure(e))).body;
        await cache.put(key, body).catch((e) => req.log.warn({ err: e }, 'could not cache a rendered image'));
      }
      return reply.type(FORMAT_CONTENT_TYPE[request.format]).send(body as never);
    },
  });

  app.get('/media/:id/thumb/:file', {
    schema: {
      tags: ['media'],
      summary: `A JPEG thumbnail of an image, ${THUMB_WIDTHS.join(' or ')} px wide (e.g. /media/{id}/thumb/200.jpg)`,
      params: Type.Object({ id: Type.String(), file: Type.String() }),
      response: { 200: Binary, 304: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      const width = Number(/^(\d+)\.jpg$/.exec(req.params.file)?.[1]);
      if (!(THUMB_WIDTHS as readonly number[]).includes(width)) throw new AppError('NOT_FOUND', `Thumbnails are ${THUMB_WIDTHS.map((w) => `${w}.jpg`).join(' or ')}`);
      const { row, isPublic } = await servable(req.actor, req.params.id);
      const etag = tag(row.id, row.updated_at, String(width));
      cachingHeaders(reply, etag, isPublic);
      if (notModified(req, etag)) return reply.code(304).send(null);
      return reply.type('image/jpeg').send(files.open(thumbKey(row.storage_key, width)) as never);
    },
  });
};

function tag(...parts: string[]): string {
  return `"${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 27)}"`;
}

function cachingHeaders(reply: FastifyReply, etag: string, isPublic: boolean): FastifyReply {
  return reply.header('etag', etag).header('cache-control', isPublic ? PUBLIC_CACHE : PRIVATE_CACHE);
}

function notModified(req: FastifyRequest, etag: string): boolean {
  const header = req.headers['if-none-match'];
  return typeof header === 'string' && header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
}

// IiifError carries the status the specification asks for (400, 403, 404, 501).
function iiifError(reply: FastifyReply, e: unknown) {
  if (!(e instanceof IiifError)) throw e;
  const code = { 400: 'BAD_QUERY', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 501: 'NOT_IMPLEMENTED' }[e.status];
  return reply.code(e.status).type('application/json; charset=utf-8').send({ error: { code, message: e.message } });
}

function iiifFailure(e: unknown): never {
  throw e instanceof IiifError ? new AppError('BAD_QUERY', e.message) : e;
}
