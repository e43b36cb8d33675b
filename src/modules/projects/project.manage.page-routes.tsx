import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import { firstText } from '../../shared/lang-map';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { mediaStoreFor } from '../media/media.module';
import { pageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { listMilestones, listUpdates, outputFile, removeMilestone, removeUpdate } from './project.content';
import { addDocumentFromForm, deleteFiles, MAX_DOCUMENT_BYTES } from './project.documents';
import { ConfirmDeletePage } from './project.manage.pages';
import { tx } from './project.routes';
import { OutputSchema } from './project.schema';
import { deleteProject, getProject } from './project.service';

type Part = { Params: { id: string; partId: string } };
type Id = { Params: { id: string } };

/**
 * Deleting a project, a milestone or an update from the pages (a GET page asks, a POST button
 * deletes), and project documents: the upload API and the download route that checks visibility.
 */
export const projectManageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store, config }) => {
  const { db } = store;
  const files = mediaStoreFor(config);
  const maxBytes = Math.min(config.maxUploadBytes, MAX_DOCUMENT_BYTES);
  await app.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 100_000, fileSize: maxBytes + 1 } });
  const base = (id: string) => `/projects/${encodeURIComponent(id)}`;

  const editable = async (request: FastifyRequest<Id>, manage = false) => {
    const project = await getProject(db, request.actor, request.params.id);
    if (!(manage ? project.canManage : project.canEdit)) throw new AppError('FORBIDDEN', manage ? 'Only the lead institution may delete this project' : 'Only the partners of this project may change it');
    return project;
  };

  app.get<Id>('/projects/:id/delete', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const p = await editable(request, true);
    const question = ctx.t('projects.delete.project', { title: firstText(p.title, ctx.lang, p.id) });
    return sendPage(reply, <ConfirmDeletePage ctx={ctx} data={{ question, detail: ctx.t('projects.delete.projectDetail'), action: `${base(p.id)}/delete`, cancelHref: base(p.id) }} />);
  });
  app.post<Id>('/projects/:id/delete', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    await deleteFiles(files, await tx(db, (trx) => deleteProject(trx, request.actor, request.params.id)));
    return reply.redirect('/projects', 303);
  });

  app.get<Part>('/projects/:id/milestones/:partId/delete', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const p = await editable(request);
    const m = (await listMilestones(db, request.actor, p.id)).find((x) => x.id === request.params.partId);
    if (!m) throw new AppError('NOT_FOUND', `No milestone "${request.params.partId}" in this project`);
    const question = ctx.t('projects.delete.milestone', { title: firstText(m.title, ctx.lang, m.id) });
    return sendPage(reply, <ConfirmDeletePage ctx={ctx} data={{ question, detail: null, action: `${base(p.id)}/milestones/${encodeURIComponent(m.id)}/delete`, cancelHref: `${base(p.id)}#milestones-title` }} />);
  });
  app.post<Part>('/projects/:id/milestones/:partId/delete', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    await removeMilestone(db, request.actor, request.params.id, request.params.partId);
    return reply.redirect(`${base(request.params.id)}?done=saved#milestones-title`, 303);
  });

  app.get<Part>('/projects/:id/updates/:partId/delete', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const p = await editable(request);
    const u = (await listUpdates(db, request.actor, p.id, 200)).find((x) => x.id === request.params.partId);
    if (!u) throw new AppError('NOT_FOUND', `No update "${request.params.partId}" in this project`);
    const question = ctx.t('projects.delete.update', { title: firstText(u.title, ctx.lang, u.id) });
    return sendPage(reply, <ConfirmDeletePage ctx={ctx} data={{ question, detail: u.image ? ctx.t('projects.delete.updateImage') : null, action: `${base(p.id)}/updates/${encodeURIComponent(u.id)}/delete`, cancelHref: `${base(p.id)}#updates-title` }} />);
  });
  app.post<Part>('/projects/:id/updates/:partId/delete', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    await deleteFiles(files, [await removeUpdate(db, request.actor, request.params.id, request.params.partId)]);
    return reply.redirect(`${base(request.params.id)}?done=saved#updates-title`, 303);
  });

  app.get<Part>('/projects/:id/outputs/:partId/file', async (request, reply) => {
    const doc = await outputFile(db, request.actor, request.params.id, request.params.partId);
    return sendFile(reply, doc, files.open(doc.key) as Readable);
  });

  app.post<Id>('/api/v1/projects/:id/documents', {
    schema: {
      tags: ['projects'],
      summary: 'Upload a document (multipart: `file` — PDF, JPEG, PNG, TIFF or WebP, sniffed, bounded in size — with `title` and `visibility`)',
      consumes: ['multipart/form-data'],
      response: { 201: OutputSchema },
    },
    handler: async (request, reply) => reply.code(201).send(await addDocumentFromForm({ db, files, maxBytes }, request, {})),
  });
};

/** Sends a stored document as a download, named after its title, never sniffed by the browser. */
function sendFile(reply: FastifyReply, doc: { mime: string; size: number; title: string }, body: Readable) {
  const ext = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/tiff': 'tif', 'image/webp': 'webp' }[doc.mime] ?? 'bin';
  const name = `${doc.title.replace(/[\u0000-\u001f"\\/:*?<>|]+/g, ' ').trim().slice(0, 120) || 'document'}.${ext}`;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  return reply
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, max-age=300')
    .header('content-length', String(doc.size))
    .type(doc.mime)
    .send(body);
}
