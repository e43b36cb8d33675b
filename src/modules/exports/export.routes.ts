import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { mediaStoreFor } from '../media/media.module';
import { SearchQuerySchema, toSearchParams } from '../search/search.routes';
import { dumpFor } from './dump.service';
import { EXPORT_FORMATS, type ExportFormat } from './export.formats';
import { exportRecords, exportSearch, type ExportStream } from './export.service';

const Format = Type.Union(EXPORT_FORMATS.map((f) => Type.Literal(f)), { description: 'csv (one row per record, formulas neutralised), jsonl (the API\'s records), geojson (records with coordinates)' });
const errors = { 400: ErrorSchema, 404: ErrorSchema };
const produces = ['text/csv', 'application/x-ndjson', 'application/geo+json'];
const Streamed = { type: 'string', description: 'The export, streamed: CSV, JSON Lines or a GeoJSON FeatureCollection' };

/** Exports of what the actor may see (CSV, JSON Lines, GeoJSON), of search results, and full dumps for admins. */
export const exportRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store, config }) => {
  const files = mediaStoreFor(config);

  app.get('/api/v1/exports/records', {
    schema: {
      tags: ['exports'],
      summary: 'Export the records you may see (optionally one institution\'s) as CSV, JSON Lines or GeoJSON, streamed',
      querystring: Type.Object({ format: Format, institution: Type.Optional(Type.String({ pattern: ID_PATTERN })) }),
      produces,
      response: { 200: Streamed, ...errors },
    } as never,
    handler: async (req, reply) => {
      const q = req.query as { format: ExportFormat; institution?: string };
      return send(reply, await exportRecords(store, req.actor, { format: q.format, institutionId: q.institution, publicUrl: config.publicUrl }));
    },
  });

  app.get('/api/v1/search/export', {
    schema: {
      tags: ['search', 'exports'],
      summary: 'Export every match of a search you may see (the parameters of /api/v1/search; order and page are ignored), streamed',
      querystring: Type.Composite([Type.Object({ format: Format }), Type.Omit(SearchQuerySchema, ['offset', 'limit', 'facets', 'sort'])]),
      produces,
      response: { 200: Streamed, ...errors },
    } as never,
    handler: async (req, reply) => {
      const q = req.query as { format: ExportFormat } & Record<string, unknown>;
      return send(reply, await exportSearch(store, req.actor, { format: q.format, params: toSearchParams(q), publicUrl: config.publicUrl }));
    },
  });

  app.get('/api/v1/exports/dump', {
    schema: {
      tags: ['exports'],
      summary: 'A full dump (JSON Lines: every record of every visibility, versions, images with their bytes) for backup and migration; `heritage load` reads it. Institution admins for their institution, alliance admins for any or all',
      querystring: Type.Object({ institution: Type.Optional(Type.String({ pattern: ID_PATTERN })) }),
      produces: ['application/x-ndjson'],
      response: { 200: { type: 'string', description: 'The dump, streamed' }, 401: ErrorSchema, ...errors },
    } as never,
    handler: async (req, reply) => {
      const q = req.query as { institution?: string };
      return send(reply, await dumpFor({ store, files }, req.actor, q.institution ?? null), true);
    },
  });
};

function send(reply: FastifyReply, out: ExportStream, personal = false) {
  reply.type(out.contentType).header('content-disposition', `attachment; filename="${out.filename}"`);
  // What the actor may see depends on who asks: shared caches must not keep it.
  reply.header('cache-control', personal ? 'private, no-store' : 'private, no-cache');
  return reply.send(Readable.from(out.chunks));
}
