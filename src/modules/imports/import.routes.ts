import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ErrorSchema } from '../../shared/error-handler';
import { AppError } from '../../shared/errors';
import { ID_PATTERN } from '../../shared/ids';
import type { Job } from '../jobs/job.types';
import { JobSchema, jobJson } from '../jobs/job.routes';
import { reportCsv, reportJson } from './import.report';
import { importFromStream, importReport, listImports, startImport, checkImportRequest, type ImportDeps, type ImportRequest } from './import.service';
import { removeStaged, stageImport, type StagedImport } from './import.staging';
import { IMPORT_FORMATS, type CsvMapping } from './import.types';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const FILE_SCHEMA = { type: 'string', format: 'binary' } as const;
const FORM_FIELDS = new Set(['format', 'institution', 'dryRun', 'sourceName', 'mapping', 'savedMapping']);

/** An import job as the API shows it (a job of kind `import`; its result carries the counts and report links once finished). */
export const ImportJobSchema = Type.Composite([
  JobSchema,
  Type.Object({ links: Type.Object({ report: Type.Object({ csv: Type.String(), json: Type.String() }), job: Type.String() }) }),
]);

const StartQuery = Type.Object({
  format: Type.Optional(Type.Union(IMPORT_FORMATS.map((f) => Type.Literal(f)))),
  institution: Type.Optional(Type.String({ pattern: ID_PATTERN })),
  dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Read and report everything without writing any record' })),
  sourceName: Type.Optional(Type.String({ maxLength: 200, description: 'Names the source; re-imports under the same name update their records (default: the format)' })),
  mapping: Type.Optional(Type.String({ maxLength: 100_000, description: 'A CSV column mapping, as JSON' })),
  savedMapping: Type.Optional(Type.String({ maxLength: 200, description: 'The id or name of a saved CSV column mapping of the institution (see /api/v1/imports/mappings), instead of `mapping`' })),
});
const errors = Object.fromEntries([400, 401, 403, 404, 413].map((s) => [s, ErrorSchema]));

/** The imports API: start an import from a file (raw body or multipart), list imports, download a report. */
export const importRoutes: FastifyPluginAsyncTypebox<{ deps: ImportDeps }> = async (app, { deps }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, _payload, done) => done(null));
  await app.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 100_000, fileSize: deps.config.maxUploadBytes + 1 } });
  const { store } = deps;

  app.post('/api/v1/imports', {
    schema: {
      tags: ['imports'],
      summary: 'Import records from a file (CSV, JSON Lines, MARCXML, LIDO, Dublin Core, IIIF manifests) as a background job',
      description:
        'Send the file as the raw body with the fields in the query, or as multipart/form-data with a `file` part. Needs the "import" scope and the right to edit the institution’s records. Answers 202 with the job; follow it at /api/v1/jobs/{id}; its report at /api/v1/imports/{id}/report.csv.',
      querystring: StartQuery,
      consumes: ['application/octet-stream', 'text/csv', 'application/x-ndjson', 'application/xml', 'application/json', 'multipart/form-data'],
      response: { 202: ImportJobSchema, ...errors },
    } as never,
    handler: async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => {
      if (Number(req.headers['content-length']) > deps.config.maxUploadBytes + (req.isMultipart() ? 1024 * 1024 : 0)) {
        req.raw.resume();
        throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the ${Math.round(deps.config.maxUploadBytes / 1048576)} MB this server accepts (HERITAGE_MAX_UPLOAD_MB)`);
      }
      const job = req.isMultipart() ? await importFromForm(deps, req) : await importFromStream(deps, req.actor, requestOf(req.query), req.raw);
      reply.code(202).header('location', `/api/v1/jobs/${job.id}`);
      return importJson(job);
    },
  });

  app.get('/api/v1/imports', {
    schema: {
      tags: ['imports'],
      summary: 'Import jobs visible to you, newest first',
      querystring: Type.Object({
        institution: Type.Optional(Type.String({ maxLength: 200 })),
        cursor: Type.Optional(Type.String({ maxLength: 500 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(ImportJobSchema), next: Nullable(Type.String()) }), ...errors },
    },
    handler: async (req) => {
      const page = await listImports(store, req.actor, { institutionId: req.query.institution, cursor: req.query.cursor, limit: req.query.limit });
      return { items: page.items.map(importJson), next: page.next };
    },
  });

  const Params = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
  app.get('/api/v1/imports/:id/report.csv', {
    schema: {
      tags: ['imports'],
      summary: 'The report of an import as CSV: each rejection, warning and fatal fault with its record, line, identifier, field and reason',
      params: Params,
      produces: ['text/csv'],
      response: { 200: { type: 'string', description: 'CSV (cells that a spreadsheet would run as formulas are prefixed with \')' }, ...errors },
    } as never,
    handler: async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const { job, rows } = await importReport(store, req.actor, req.params.id);
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="import-${job.id}-report.csv"`);
      return reply.send(Readable.from(reportCsv(rows)));
    },
  });

  app.get('/api/v1/imports/:id/report.json', {
    schema: {
      tags: ['imports'],
      summary: 'The report of an import as JSON: the job and its report rows in order',
      params: Params,
      response: {
        200: Type.Object({
          job: ImportJobSchema,
          items: Type.Array(Type.Object({ kind: Type.String(), record: Nullable(Type.Integer()), line: Nullable(Type.Integer()), identifier: Nullable(Type.String()), field: Nullable(Type.String()), message: Type.String() })),
        }),
        ...errors,
      },
    } as never,
    handler: async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const { job, rows } = await importReport(store, req.actor, req.params.id);
      // Streamed as text: the schema above documents the shape; a stream is sent as it is.
      reply.type('application/json; charset=utf-8');
      return reply.send(Readable.from(reportJson(importJson(job), rows)));
    },
  });
};

/** A multipart import (the API and the imports page): fields before the file are checked before it is read; the file is staged as it streams. */
export async function importFromForm(deps: ImportDeps, req: FastifyRequest<{ Querystring: Record<string, unknown> }>) {
  const fields: Record<string, unknown> = { ...req.query };
  let staged: StagedImport | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (staged) throw new AppError('VALIDATION_FAILED', 'Send one file per import', { problems: [{ field: part.fieldname, message: 'is a second file' }] });
        if (fields.format && fields.institution) checkImportRequest(req.actor, requestOf(fields));
        staged = await stageImport(deps.config.dataDir, part.file as Readable, deps.config.maxUploadBytes);
        if ((part.file as { truncated?: boolean }).truncated) throw new AppError('PAYLOAD_TOO_LARGE', 'The file is larger than this server accepts (HERITAGE_MAX_UPLOAD_MB)');
      } else if (FORM_FIELDS.has(part.fieldname) && typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
    if (!staged) throw new AppError('VALIDATION_FAILED', 'The form has no file: send it in a file field', { problems: [{ field: 'file', message: 'is missing' }] });
  } catch (e) {
    if (staged) await removeStaged(deps.config.dataDir, staged.key);
    throw e;
  }
  return startImport(deps, req.actor, requestOf(fields), staged);
}

/** The import request in a query or form (strings from forms, typed values from a validated query). */
export function requestOf(q: Record<string, unknown>): ImportRequest {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  let mapping: CsvMapping | undefined;
  if (typeof q.mapping === 'string' && q.mapping.trim()) {
    try {
      mapping = JSON.parse(q.mapping) as CsvMapping;
    } catch (e) {
      throw new AppError('VALIDATION_FAILED', `The mapping is not valid JSON: ${(e as Error).message}`, { problems: [{ field: 'mapping', message: 'is not JSON' }] });
    }
  }
  if (!str(q.format)) throw new AppError('VALIDATION_FAILED', 'Say the format of the file', { problems: [{ field: 'format', message: `is missing (${IMPORT_FORMATS.join(', ')})` }] });
  if (!str(q.institution)) throw new AppError('VALIDATION_FAILED', 'Say which institution the records belong to', { problems: [{ field: 'institution', message: 'is missing' }] });
  const dry = q.dryRun;
  return { format: str(q.format), institutionId: str(q.institution), dryRun: dry === true || dry === 'true' || dry === 'on' || dry === '1', sourceName: str(q.sourceName) || undefined, mapping, savedMapping: str(q.savedMapping) || undefined };
}

/** An import job as the API answers it. */
export function importJson(job: Job) {
  const base = `/api/v1/imports/${encodeURIComponent(job.id)}/report`;
  return { ...jobJson(job), links: { report: { csv: `${base}.csv`, json: `${base}.json` }, job: `/api/v1/jobs/${job.id}` } };
}
