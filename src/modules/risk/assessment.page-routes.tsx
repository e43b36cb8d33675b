import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import { mediaStoreFor } from '../media/media.module';
import { listRecordMedia } from '../media/media.service';
import type { Media } from '../media/media.schema';
import { pageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import type { AssessmentInput } from './assessment';
import { AssessPage, type AssessFormData } from './assessment.pages';
import { getAssessment, mayAssess, saveAssessment, type AssessmentDeps } from './assessment.service';
import { getIncident } from './incident.service';
import { photoProblem, PHOTO_MAX_BYTES, PHOTOS_PER_SUBMISSION, type PhotoUpload } from './risk.photos';

type IdParams = { Params: { id: string } };
const draftKey = (incidentId: string, part: string) => `risk-assessment:${incidentId}:${part}`;

/** The rapid assessment form: multipart (photos), post/redirect/get, drafts kept by the server. */
export const assessmentPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store, config }) => {
  await app.register(multipart, { limits: { files: PHOTOS_PER_SUBMISSION, fields: 40, fieldSize: 20_000, fileSize: PHOTO_MAX_BYTES, parts: 60 } });
  const deps: AssessmentDeps = { store, files: mediaStoreFor(config), maxPixels: config.maxImagePixels };

  const beforeImages = async (request: FastifyRequest, recordId: string | null): Promise<Media[]> =>
    recordId ? (await listRecordMedia(store, request.actor, recordId, config.publicUrl).catch(() => [])).filter((m) => m.status === 'ready').slice(0, 6) : [];

  const render = async (request: FastifyRequest<IdParams>, reply: FastifyReply, extra: Partial<AssessFormData>, status = 200) => {
    const ctx = pageContext(request, reply);
    const incident = await getIncident(store, request.actor, request.params.id);
    const draftId = formString(request.query, 'draft') || null;
    const draft = extra.draft ?? (draftId ? await getAssessment(deps, request.actor, draftId) : null);
    if (draft && (draft.status !== 'draft' || !draft.mine || draft.incidentId !== incident.id)) throw new AppError('NOT_FOUND', `No draft "${draft.id}"`);
    const values = extra.values ?? (draft ? valuesOf(draft) : {});
    const siteId = (typeof values.recordId === 'string' && values.recordId) || formString(request.query, 'site') || incident.sites[0]?.recordId || null;
    const done = formString(request.query, 'done');
    const data: AssessFormData = { incident, draft, siteId, before: await beforeImages(request, siteId), values, notice: done === 'draft' ? ctx.t('assess.draftSaved') : null, ...extra };
    return sendPage(reply, <AssessPage ctx={ctx} data={data} />, status);
  };

  app.get<IdParams>('/risk/incidents/:id/assess', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    if (!mayAssess(request.actor)) throw new AppError('FORBIDDEN', 'Damage is assessed by curators and admins of member institutions and by the secretariat');
    return render(request, reply, {});
  });

  app.post<IdParams>('/risk/incidents/:id/assess', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const fields: Record<string, string | string[]> = {};
    const files = new Map<string, Buffer>();
    try {
      if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', 'The assessment form is sent as multipart/form-data');
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const data = await part.toBuffer().catch((err: { statusCode?: number }) => {
            throw err.statusCode === 413 ? photoProblem(`a photo is larger than ${PHOTO_MAX_BYTES / 1048576} MB`) : err;
          });
          if (part.filename && data.length) files.set(part.fieldname, data);
        } else if (typeof part.value === 'string') {
          const prev = fields[part.fieldname];
          fields[part.fieldname] = prev === undefined ? part.value : [...(Array.isArray(prev) ? prev : [prev]), part.value];
        }
      }
      const one = (k: string) => (typeof fields[k] === 'string' ? (fields[k] as string) : Array.isArray(fields[k]) ? (fields[k] as string[])[0] : '');
      const input: AssessmentInput = {
        recordId: one('recordId'),
        damageTypes: Array.isArray(fields.damageTypes) ? fields.damageTypes : fields.damageTypes ? [fields.damageTypes] : [],
        extent: one('extent') || null,
        severity: one('severity') || null,
        stability: one('stability') || null,
        urgentActions: one('urgentActions'),
        notes: one('notes'),
        assessor: one('assessor'),
        assessedOn: one('assessedOn'),
      };
      const photos: PhotoUpload[] = [...files.entries()].map(([name, data]) => ({ data, caption: one(name.replace('photo', 'caption')) }));
      const submit = one('action') !== 'draft';
      const draftId = one('draftId') || null;
      const saved = await saveAssessment(deps, request.actor, request.params.id, input, { submit, draftId, photos });
      const oldKey = draftKey(request.params.id, draftId ?? (one('recordId') || 'new'));
      const path = `/risk/incidents/${encodeURIComponent(request.params.id)}`;
      return reply.redirect(
        submit ? `${path}?done=submitted&cleared=${encodeURIComponent(oldKey)}` : `${path}/assess?draft=${encodeURIComponent(saved.id)}&done=draft`,
        303,
      );
    } catch (err) {
      const ctx = pageContext(request, reply);
      const { status, outcome } = formOutcome(ctx, err);
      const { draftId, ...values } = fields;
      const draft = typeof draftId === 'string' ? await getAssessment(deps, request.actor, draftId).catch(() => null) : null;
      return render(request, reply, { values, error: outcome, ...(draft ? { draft } : {}) }, status);
    }
  });
};

function valuesOf(a: { recordId: string; damageTypes: string[]; extent: string | null; severity: string | null; stability: string | null; urgentActions: string | null; notes: string | null; assessor: string | null; assessedOn: string | null }): Record<string, string | string[]> {
  return {
    recordId: a.recordId,
    damageTypes: a.damageTypes,
    extent: a.extent ?? '',
    severity: a.severity ?? '',
    stability: a.stability ?? '',
    urgentActions: a.urgentActions ?? '',
    notes: a.notes ?? '',
    assessor: a.assessor ?? '',
    assessedOn: a.assessedOn ?? '',
  };
}
