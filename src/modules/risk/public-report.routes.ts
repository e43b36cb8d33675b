import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { PhotoSchema } from './incident.schema';
import { listForModeration, listPublicReports, moderateReport } from './public-report.service';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const ReportSchema = Type.Object({
  id: Type.String(),
  recordId: Type.String(),
  institutionId: Type.String(),
  kind: Type.String(),
  description: Type.String(),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  reporterName: Nullable(Type.String()),
  reporterEmail: Type.Optional(Nullable(Type.String({ description: 'Moderators only' }))),
  status: Type.String(),
  createdAt: Type.String(),
  moderatedAt: Nullable(Type.String()),
  photos: Type.Array(PhotoSchema),
});
const tags = ['risk'];
const errors = { 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** Public reports of damage and threats: the published ones, and moderation. Reports are sent through the form at /risk/report. */
export const publicReportRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store }) => {
  app.get('/api/v1/risk/reports', {
    schema: { tags, summary: 'Published reports from the public (optionally of one site)', querystring: Type.Object({ site: Type.Optional(Type.String()) }), response: { 200: Type.Object({ items: Type.Array(ReportSchema) }) } },
    handler: async (req) => ({ items: await listPublicReports(store, req.actor, req.query.site) }),
  });

  app.get('/api/v1/risk/moderation', {
    schema: { tags, summary: 'Reports for your institutions to moderate', querystring: Type.Object({ status: Type.Optional(Type.Union(['pending', 'public', 'rejected'].map((s) => Type.Literal(s)))) }), response: { 200: Type.Object({ items: Type.Array(ReportSchema) }), ...errors } },
    handler: async (req) => ({ items: await listForModeration(store, req.actor, req.query.status) }),
  });

  for (const decision of ['publish', 'reject'] as const) {
    app.post(`/api/v1/risk/reports/:id/${decision}`, {
      schema: { tags, summary: decision === 'publish' ? 'Publish a report' : 'Reject a report', params: Type.Object({ id: Type.String({ pattern: ID_PATTERN }) }), response: { 200: ReportSchema, ...errors } },
      handler: async (req) => moderateReport(store, req.actor, (req.params as { id: string }).id, decision),
    });
  }
};
