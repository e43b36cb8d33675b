import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database';
import { AppError, validationError } from '../../shared/errors';
import type { ModuleOptions } from '../../shared/request-context';
import type { Store } from '../records/record.store';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome } from '../accounts/form-outcome';
import { localMediaStore } from '../media/media.storage';
import { pageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { getAgreement, type Agreement } from './agreement.service';
import { AgreementPage } from './agreement.pages';
import { institutionNames } from './alliance.service';
import { addDocument, MAX_DOCUMENT_BYTES } from './document.service';
import { allianceView, isSecretariat, textNames } from './governance.page-data';
import { sendMeetingPage } from './meeting.form-routes';
import { BLANK_UPLOAD, type UploadState } from './document.form-pages';
import type { GovVisibility } from './meeting.rules';
import { getMeeting } from './meeting.service';

/** An agreement's page, with the secretariat's upload form (its values and refusal, or the success notice). */
export async function sendAgreementPage(store: Store, request: FastifyRequest, reply: FastifyReply, agreement: Agreement, upload: UploadState | null = null, status = 200) {
  const db: Db = store.db;
  const view = await allianceView(db, agreement.allianceId);
  const ctx = pageContext(request, reply);
  const names = textNames(await institutionNames(db, agreement.parties.flatMap((p) => (p.institutionId ? [p.institutionId] : []))), ctx.lang);
  const done = (request.query as Record<string, unknown> | undefined)?.done === 'document';
  const form = isSecretariat(request) ? (upload ?? { ...BLANK_UPLOAD, done }) : null;
  return sendPage(reply, <AgreementPage ctx={ctx} view={view} agreement={agreement} names={names} upload={form} />, status);
}

/** The PDF upload forms on meeting and agreement pages (multipart; the secretariat only, 404 to everyone else). */
export const documentFormRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store, config }) => {
  await app.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 10_000, fileSize: MAX_DOCUMENT_BYTES + 1 } });
  const files = localMediaStore(path.join(config.dataDir, 'governance'));
  const db = store.db;

  /** The form's fields and file; a file over the limit is refused without being kept. */
  const readForm = async (request: FastifyRequest) => {
    const values = { title: '', visibility: 'public' };
    let body: Buffer | null = null;
    if (!request.isMultipart()) throw validationError([{ field: 'file', message: 'send the PDF with the upload form' }], 'document');
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const buf = await part.toBuffer().catch((err: unknown) => {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', `Documents are limited to ${MAX_DOCUMENT_BYTES} bytes`);
          throw err;
        });
        if (part.file.truncated || buf.length > MAX_DOCUMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `Documents are limited to ${MAX_DOCUMENT_BYTES} bytes`);
        if (part.fieldname === 'file' && buf.length) body = buf;
      } else if (part.fieldname === 'title' || part.fieldname === 'visibility') {
        values[part.fieldname] = String(part.value ?? '');
      }
    }
    return { values, body };
  };

  const upload = async (request: FastifyRequest, owner: { kind: 'meeting' | 'agreement'; id: string }, values: UploadState['values']) => {
    const form = await readForm(request);
    Object.assign(values, form.values);
    if (!form.body) throw validationError([{ field: 'file', message: 'choose a PDF file' }], 'document');
    await addDocument(db, files, request.actor, owner, { title: values.title, visibility: values.visibility as GovVisibility, body: form.body });
  };

  const guard = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (!request.session || request.actor.kind !== 'user') {
      void toSignIn(request, reply);
      return false;
    }
    if (!isSecretariat(request)) throw new AppError('NOT_FOUND', 'No such page');
    return true;
  };

  app.post<{ Params: { id: string } }>('/alliance/meetings/:id/documents', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const meeting = await getMeeting(db, request.actor, request.params.id);
    const values = { ...BLANK_UPLOAD.values };
    try {
      await upload(request, { kind: 'meeting', id: meeting.id }, values);
      return reply.redirect(`/alliance/meetings/${encodeURIComponent(meeting.id)}?done=document#upload-document`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request), err);
      return sendMeetingPage(db, request, reply, await getMeeting(db, request.actor, meeting.id), { upload: { values, error: outcome, done: false } }, status);
    }
  });

  app.post<{ Params: { id: string } }>('/alliance/agreements/:id/documents', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const agreement = await getAgreement(store, request.actor, request.params.id);
    const values = { ...BLANK_UPLOAD.values };
    try {
      await upload(request, { kind: 'agreement', id: agreement.id }, values);
      return reply.redirect(`/alliance/agreements/${encodeURIComponent(agreement.id)}?done=document#upload-document`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request), err);
      return sendAgreementPage(store, request, reply, await getAgreement(store, request.actor, agreement.id), { values, error: outcome, done: false }, status);
    }
  });
};
