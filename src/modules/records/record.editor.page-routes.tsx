import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import { ID_REGEX } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { pageContext, type PageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import { mediaStoreFor } from '../media/media.module';
import { deleteMedia, listRecordMedia, updateMedia } from '../media/media.service';
import { derivativeKeys } from '../media/media.derivatives';
import { fromForm } from '../media/media.upload.routes';
import { notFound } from './record.service';
import { applyFormAction, formFromBody, formFromRecord, type EditorForm } from './record.editor.form';
import { edtfPreview } from './record.editor.edtf';
import { editorInstitutions, recordForEditing, saveFromEditor } from './record.editor.service';
import { RecordEditorPage, type EditorPageData } from './record.editor.pages';

type Params = { Params: { id: string; mediaId?: string } };

/** `/records/new` and `/records/:id/edit`: the curators' record editor (a plain form, enhanced by the record-editor island). */
export const recordEditorPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store, config }) => {
  const media = { store, files: mediaStoreFor(config), config };
  await app.register(multipart, { limits: { files: 1, fields: 20, fieldSize: 100_000, fileSize: config.maxUploadBytes + 1 } });

  const render = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, id: string | null, form: EditorForm | null, extra: Partial<EditorPageData> = {}, status = 200) => {
    const actor = request.actor;
    const record = id ? await recordForEditing(store, actor, id) : null;
    const institutions = id ? [] : await editorInstitutions(store, actor, ctx.lang);
    if (!id && !institutions.length) throw new AppError('FORBIDDEN', 'You do not catalogue for any institution');
    const shown = form ?? formFromRecord(record, ctx.lang, { institutionId: institutions[0]?.id });
    // Every language removed: offer the UI language's fieldset again rather than none.
    if (!shown.langs.length) shown.langs.push(ctx.lang);
    const data: EditorPageData = {
      record,
      form: shown,
      institutions,
      problems: [],
      preview: edtfPreview(ctx.lang, { display: shown.dateDisplay, edtf: shown.dateEdtf }),
      media: id ? await listRecordMedia(store, actor, id, config.publicUrl) : [],
      ...extra,
    };
    return sendPage(reply, <RecordEditorPage ctx={ctx} data={data} />, status);
  };

  const submit = async (request: FastifyRequest, reply: FastifyReply, id: string | null) => {
    const ctx = pageContext(request, reply);
    const form = formFromBody(request.body);
    const action = formString(request.body, 'action') || 'save';
    if (action !== 'save') {
      if (!applyFormAction(form, action, request.body)) throw new AppError('VALIDATION_FAILED', 'Unknown form action', { problems: [{ field: 'action', message: 'is not one the form offers' }] });
      return render(request, reply, ctx, id, form);
    }
    const outcome = await saveFromEditor(store, request.actor, { id, form, lang: ctx.lang });
    if (outcome.ok) {
      const to = `/records/${encodeURIComponent(outcome.record.id)}/edit?saved=${outcome.record.version}`;
      return reply.redirect(to, 303);
    }
    if ('conflict' in outcome) {
      // The curator's values stay in the form; saving again knowingly replaces the newer version.
      form.expected = outcome.conflict.current.version;
      return render(request, reply, ctx, id, form, { conflict: outcome.conflict }, 409);
    }
    return render(request, reply, ctx, id, form, { problems: outcome.problems }, 400);
  };

  app.get('/records/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const wanted = formString(request.query, 'institution');
    const institutions = await editorInstitutions(store, request.actor, ctx.lang);
    const form = formFromRecord(null, ctx.lang, { institutionId: institutions.some((i) => i.id === wanted) ? wanted : institutions[0]?.id });
    return render(request, reply, ctx, null, form);
  });

  app.post('/records/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    return submit(request, reply, null);
  });

  app.get<Params>('/records/:id/edit', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const saved = formString(request.query, 'saved');
    const uploaded = formString(request.query, 'images') === 'uploaded';
    const notice = /^\d+$/.test(saved) ? (saved === '1' ? ctx.t('editor.created') : ctx.t('editor.saved', { n: Number(saved) })) : uploaded ? ctx.t('images.uploaded') : null;
    return render(request, reply, ctx, checked(request.params.id), null, { notice });
  });

  app.post<Params>('/records/:id/edit', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    return submit(request, reply, checked(request.params.id));
  });

  app.post<Params>('/records/:id/edit/images', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const id = checked(request.params.id);
    const ctx = pageContext(request, reply);
    try {
      if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', 'Send the image with the upload form', { problems: [{ field: 'file', message: 'is missing' }] });
      await fromForm(media, request as FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string> }>);
      return reply.redirect(`/records/${encodeURIComponent(id)}/edit?images=uploaded#images`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      if (status === 404) throw err;
      return render(request, reply, ctx, id, null, { error: outcome }, status);
    }
  });

  app.post<Params>('/records/:id/edit/images/:mediaId', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const id = checked(request.params.id);
    const mediaId = checked(request.params.mediaId ?? '');
    const ctx = pageContext(request, reply);
    try {
      const current = (await listRecordMedia(store, request.actor, id, config.publicUrl)).find((m) => m.id === mediaId);
      if (!current) throw new AppError('NOT_FOUND', `No image "${mediaId}" on this record`);
      const action = formString(request.body, 'action');
      if (action === 'delete') {
        const row = await deleteMedia(store, request.actor, mediaId);
        await Promise.all([row.storage_key, ...derivativeKeys(row.storage_key)].map((k) => media.files.delete(k)));
      } else if (action === 'up' || action === 'down') {
        await updateMedia(store, request.actor, mediaId, { position: Math.max(1, current.position + (action === 'up' ? -1 : 1)) }, config.publicUrl);
      } else throw new AppError('VALIDATION_FAILED', 'Unknown image action', { problems: [{ field: 'action', message: 'is not up, down or delete' }] });
      return reply.redirect(`/records/${encodeURIComponent(id)}/edit#images`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      if (status === 404) throw err;
      return render(request, reply, ctx, id, null, { error: outcome }, status);
    }
  });
};

function checked(id: string): string {
  if (!ID_REGEX.test(id)) throw notFound(id);
  return id;
}
