import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import { ID_REGEX } from '../../shared/ids';
import { pageContext, type PageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import { getRecord } from '../records/record.service';
import { VISIBILITIES, type Visibility } from '../records/record.schema';
import { deleteMedia, listRecordMedia, updateMedia } from './media.service';
import { uploadTarget, type MediaDeps } from './media.upload';
import { fromForm } from './media.upload.routes';
import { ImageEditorPage, type ImageEditorData } from './media.pages';
import { latestJobFor } from '../jobs/job.service';

type Params = { Params: { id: string; mediaId?: string } };

/** The image editor pages of a record, for the curators and admins of its institution. */
export const mediaPageRoutes: FastifyPluginAsync<{ deps: MediaDeps }> = async (app, { deps }) => {
  await app.register(multipart, { limits: { files: 1, fields: 20, fieldSize: 100_000, fileSize: deps.config.maxUploadBytes + 1 } });
  const { store } = deps;

  const render = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, id: string, extra: Partial<ImageEditorData> = {}, status = 200) => {
    await uploadTarget(store, request.actor, id);
    const [record, media] = await Promise.all([getRecord(store, request.actor, id), listRecordMedia(store, request.actor, id, deps.config.publicUrl)]);
    // Images still being prepared show their job, which the page follows live.
    for (const m of media.filter((x) => x.status === 'pending')) {
      const job = await latestJobFor(store, { type: 'media', id: m.id });
      m.job = job ? { id: job.id, status: job.status, progress: job.progress, error: job.error } : null;
    }
    return sendPage(reply, <ImageEditorPage ctx={ctx} data={{ record, media, ...extra }} />, status);
  };

  app.get<Params>('/records/:id/images', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const done = formString(request.query, 'done');
    return render(request, reply, ctx, checked(request.params.id), { notice: done ? ctx.t(done === 'uploaded' ? 'images.uploaded' : 'admin.saved') : null });
  });

  app.post<Params>('/records/:id/images', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const id = checked(request.params.id);
    const ctx = pageContext(request, reply);
    try {
      if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', 'Send the image with the upload form', { problems: [{ field: 'file', message: 'is missing' }] });
      await fromForm(deps, request as FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string> }>);
      return reply.redirect(`/records/${encodeURIComponent(id)}/images?done=uploaded`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return render(request, reply, ctx, id, { error: outcome }, status);
    }
  });

  app.post<Params>('/records/:id/images/:mediaId', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const id = checked(request.params.id);
    const mediaId = checked(request.params.mediaId ?? '');
    const ctx = pageContext(request, reply);
    try {
      const action = formString(request.body, 'action');
      const media = await listRecordMedia(store, request.actor, id, deps.config.publicUrl);
      const current = media.find((m) => m.id === mediaId);
      if (!current) throw new AppError('NOT_FOUND', `No image "${mediaId}" on this record`);
      if (action === 'delete') await deleteMedia(store, request.actor, mediaId);
      else if (action === 'up' || action === 'down') await updateMedia(store, request.actor, mediaId, { position: Math.max(1, current.position + (action === 'up' ? -1 : 1)) }, deps.config.publicUrl);
      else {
        const label = formString(request.body, 'label').trim();
        const visibility = formString(request.body, 'visibility');
        const rights = formString(request.body, 'rights').trim();
        await updateMedia(
          store,
          request.actor,
          mediaId,
          {
            label: label ? { ...current.label, [ctx.lang]: [label] } : current.label,
            rights: rights || null,
            ...((VISIBILITIES as readonly string[]).includes(visibility) ? { visibility: visibility as Visibility } : {}),
          },
          deps.config.publicUrl,
        );
      }
      return reply.redirect(`/records/${encodeURIComponent(id)}/images?done=saved`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return render(request, reply, ctx, id, { error: outcome }, status);
    }
  });
};

function checked(id: string): string {
  if (!ID_REGEX.test(id)) throw new AppError('NOT_FOUND', `No record "${id}"`);
  return id;
}
