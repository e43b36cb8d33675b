import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import { firstText } from '../../shared/lang-map';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import { csrfTokenFor } from '../accounts/session.cookies';
import { mediaStoreFor } from '../media/media.module';
import { pageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { getRecord } from '../records/record.service';
import { ModerationPage, ReportFormPage, ReportThanksPage } from './public-report.pages';
import { listForModeration, moderateReport, PHOTOS_PER_REPORT, submitReport, type ReportDeps } from './public-report.service';
import { photoProblem, PHOTO_MAX_BYTES, type PhotoUpload } from './risk.photos';

const NOTICES = { publish: 'report.published', reject: 'report.rejected' } as const;

/** The public report form (anyone; multipart, rate-limited) and the moderation queue of the responsible institutions. */
export const publicReportPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store, config }) => {
  await app.register(multipart, { limits: { files: PHOTOS_PER_REPORT, fields: 20, fieldSize: 10_000, fileSize: PHOTO_MAX_BYTES, parts: 30 } });
  const deps: ReportDeps = { store, files: mediaStoreFor(config), maxPixels: config.maxImagePixels };

  const renderForm = async (request: FastifyRequest, reply: FastifyReply, recordId: string, extra: { values?: Record<string, string>; error?: Parameters<typeof ReportFormPage>[0]['error'] } = {}, status = 200) => {
    const ctx = pageContext(request, reply);
    const record = await getRecord(store, request.actor, recordId);
    return sendPage(reply, <ReportFormPage ctx={ctx} record={record} csrf={csrfTokenFor(request, reply)} {...extra} />, status);
  };

  app.get('/risk/report', async (request, reply) => {
    const site = formString(request.query, 'site');
    if (!site) throw new AppError('NOT_FOUND', 'Choose the site to report on from its page');
    return renderForm(request, reply, site);
  });

  app.post('/risk/report', async (request, reply) => {
    const fields: Record<string, string> = {};
    const photos: PhotoUpload[] = [];
    try {
      if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', 'The report form is sent as multipart/form-data');
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const data = await part.toBuffer().catch((err: { statusCode?: number }) => {
            throw err.statusCode === 413 ? photoProblem(`a photo is larger than ${PHOTO_MAX_BYTES / 1048576} MB`) : err;
          });
          if (part.filename && data.length) photos.push({ data });
        } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
    } catch (err) {
      // More files or fields than the form has: refused as a problem with the photos.
      if ((err as { statusCode?: number }).statusCode === 413) return renderForm(request, reply, fields.recordId ?? '', { values: fields, error: formOutcome(pageContext(request, reply), photoProblem(`at most ${PHOTOS_PER_REPORT} photos`)).outcome }, 400);
      if (!(err instanceof AppError)) throw err;
      return renderForm(request, reply, fields.recordId ?? '', { values: fields, error: formOutcome(pageContext(request, reply), err).outcome }, err.status);
    }
    const num = (k: string) => (fields[k]?.trim() ? Number(fields[k]) : null);
    try {
      await submitReport(
        deps,
        request.actor,
        { recordId: fields.recordId ?? '', kind: fields.kind ?? '', description: fields.description ?? '', lat: num('lat'), lon: num('lon'), reporterName: fields.reporterName, reporterEmail: fields.reporterEmail, shareLocation: fields.shareLocation === 'yes' },
        photos,
        request.ip,
      );
      return reply.redirect(`/risk/report/thanks?site=${encodeURIComponent(fields.recordId ?? '')}`, 303);
    } catch (err) {
      const ctx = pageContext(request, reply);
      if (err instanceof AppError && err.code === 'RATE_LIMITED') {
        reply.header('retry-after', '3600');
        return renderForm(request, reply, fields.recordId ?? '', { values: fields, error: { message: ctx.t('report.throttled'), detail: null } }, 429);
      }
      const { status, outcome } = formOutcome(ctx, err);
      return renderForm(request, reply, fields.recordId ?? '', { values: fields, error: outcome }, status);
    }
  });

  app.get('/risk/report/thanks', async (request, reply) => sendPage(reply, <ReportThanksPage ctx={pageContext(request, reply)} recordId={formString(request.query, 'site')} />));

  app.get('/risk/moderation', async (request, reply) => {
    if (!request.session || request.actor.kind !== 'user') return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const reports = await listForModeration(store, request.actor);
    const titles = new Map<string, string>();
    for (const id of new Set(reports.map((r) => r.recordId))) titles.set(id, firstText((await getRecord(store, request.actor, id).catch(() => null))?.title, ctx.lang, id));
    const done = formString(request.query, 'done');
    return sendPage(reply, <ModerationPage ctx={ctx} reports={reports} titles={titles} notice={done in NOTICES ? ctx.t(NOTICES[done as keyof typeof NOTICES]) : null} />);
  });

  for (const decision of ['publish', 'reject'] as const) {
    app.post<{ Params: { id: string } }>(`/risk/moderation/:id/${decision}`, async (request, reply) => {
      if (!request.session) return toSignIn(request, reply);
      await moderateReport(store, request.actor, request.params.id, decision);
      return reply.redirect(`/risk/moderation?done=${decision}`, 303);
    });
  }
};
