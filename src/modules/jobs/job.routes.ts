import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleOptions } from '../../shared/request-context';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import { cancelJob, getJob, listJobs } from './job.service';
import { JOB_STATUSES, type Job } from './job.types';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A job as the API shows it: its live status, progress, error and result. */
export const JobSchema = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'What the job does, e.g. media.derivatives, import, harvest' }),
  status: Type.Union(JOB_STATUSES.map((s) => Type.Literal(s))),
  institutionId: Nullable(Type.String()),
  createdBy: Nullable(Type.String({ description: 'User id of the creator' })),
  subject: Nullable(Type.Object({ type: Type.String(), id: Type.String() }, { description: 'What the job works on' })),
  progress: Type.Object({
    done: Type.Integer(),
    total: Nullable(Type.Integer()),
    percent: Nullable(Type.Number({ description: 'done / total in percent, 0–100, when the total is known' })),
    message: Nullable(Type.String()),
  }),
  error: Nullable(Type.String({ description: 'Why it failed, or why the last attempt failed while it waits for a retry' })),
  result: Type.Unknown({ description: 'What the job produced (JSON), once it succeeded' }),
  attempts: Type.Integer(),
  createdAt: Type.String(),
  startedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  cancelRequestedAt: Nullable(Type.String()),
});
const Id = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** The jobs API: list the jobs you may see, follow one's live status, cancel one. */
export const jobRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store }) => {
  app.get('/api/v1/jobs', {
    schema: {
      tags: ['jobs'],
      summary: 'Jobs visible to you (yours; your institution’s for curators; all for alliance admins), newest first, with cursor pagination',
      querystring: Type.Object({
        status: Type.Optional(Type.Union(JOB_STATUSES.map((s) => Type.Literal(s)))),
        kind: Type.Optional(Type.String({ maxLength: 100 })),
        institution: Type.Optional(Type.String({ maxLength: 200 })),
        subjectType: Type.Optional(Type.String({ maxLength: 100 })),
        subjectId: Type.Optional(Type.String({ maxLength: 200 })),
        cursor: Type.Optional(Type.String({ maxLength: 500, description: 'The next value of the previous page' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(JobSchema), next: Nullable(Type.String()) }), ...errors },
    },
    handler: async (req) => {
      const q = req.query;
      const page = await listJobs(store, req.actor, { status: q.status, kind: q.kind, institutionId: q.institution, subjectType: q.subjectType, subjectId: q.subjectId, cursor: q.cursor, limit: q.limit });
      return { items: page.items.map(jobJson), next: page.next };
    },
  });

  app.get('/api/v1/jobs/:id', {
    schema: { tags: ['jobs'], summary: 'The live status of a job: status, progress, message, error, timestamps', params: Id, response: { 200: JobSchema, ...errors } },
    handler: async (req) => jobJson(await getJob(store, req.actor, req.params.id)),
  });

  app.post('/api/v1/jobs/:id/cancel', {
    schema: {
      tags: ['jobs'],
      summary: 'Cancel a job: a queued one at once; a running one stops at its next check and then shows status cancelled',
      params: Id,
      response: { 200: JobSchema, ...errors, 409: ErrorSchema },
    },
    handler: async (req) => jobJson(await cancelJob(store, req.actor, req.params.id)),
  });
};

/** A job as the API answers it: its progress with a percentage. */
export function jobJson(job: Job) {
  const { done, total } = job.progress;
  const percent = total ? Math.min(100, Math.round((done / total) * 1000) / 10) : total === 0 ? 100 : null;
  return { ...job, progress: { ...job.progress, percent } };
}
