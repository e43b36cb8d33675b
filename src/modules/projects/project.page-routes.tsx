import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database';
import { AppError } from '../../shared/errors';
import { firstText } from '../../shared/lang-map';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import { staffOf } from '../accounts/actor';
import { mediaStoreFor } from '../media/media.module';
import { pageContext, type PageContext } from '../pages/context';
import { allInstitutions } from '../pages/pages.data';
import { sendPage } from '../pages/send-page';
import { createAnalysis, searchAnalyses } from './analysis.service';
import { ANALYSIS_METHODS } from './analysis.table';
import { createNeed, listNeeds } from './need.service';
import { addMilestone, addOutput, removeOutput, listMilestones, listOutputs, listUpdates, setMilestoneDone, updateImage } from './project.content';
import { ProjectPage, type FormError } from './project.detail.pages';
import { ProjectFormPage } from './project.edit.pages';
import { projectFigures } from './project.figures';
import { ProjectsPage } from './project.list.pages';
import { formLang, formNumber, formValues, langMapOf } from './project.page-form';
import { addPartner, addSite, removePartner, removeSite } from './project.partners';
import { addDocumentFromForm, deleteFiles, MAX_DOCUMENT_BYTES } from './project.documents';
import { publishUpdateFromForm } from './project.update-form';
import { tx } from './project.routes';
import { createProject, getProject, listProjects, listProjectSites, updateProject, type Project } from './project.service';
import { PROJECT_KINDS, PROJECT_STATUSES } from './project.table';

type Id = { Params: { id: string; partId?: string } };
const PAGE = 30;
const NOTICES = { created: 'projects.notice.created', saved: 'projects.notice.saved', milestone: 'projects.notice.milestone', output: 'projects.notice.output', update: 'projects.notice.update', need: 'needs.notice.created', analysis: 'projects.notice.analysis', partner: 'projects.notice.partner', site: 'projects.notice.site' } as const;

/** The project pages: the list with its map, a project, the forms of its partners' staff (post/redirect/get). */
export const projectPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store, config }) => {
  const { db } = store;
  const files = mediaStoreFor(config);
  await app.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 100_000, fileSize: Math.min(config.maxUploadBytes, 10 * 1024 * 1024) + 1 } });

  app.get('/projects', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const q = request.query as Record<string, unknown>;
    const pick = (name: string, allowed?: readonly string[]) => {
      const v = formString(q, name).trim();
      return allowed && !allowed.includes(v) ? '' : v;
    };
    const country = /^[A-Za-z]{2}$/.test(pick('country')) ? pick('country').toUpperCase() : '';
    const filter = { kind: pick('kind', PROJECT_KINDS), status: pick('status', PROJECT_STATUSES), country, method: pick('method', ANALYSIS_METHODS), q: pick('q').slice(0, 200) };
    const offset = Math.max(0, Math.min(Number.parseInt(pick('offset'), 10) || 0, 100_000));
    const serviceFilter = { kind: filter.kind || undefined, status: filter.status || undefined, country: filter.country || undefined, analysisMethod: filter.method || undefined, q: filter.q || undefined };
    const [list, sites, figures] = await Promise.all([listProjects(db, request.actor, { ...serviceFilter, limit: PAGE, offset }), projectSites(request, serviceFilter), projectFigures(db, request.actor)]);
    const canCreate = request.actor.kind === 'user' && (request.actor.isAdmin || staffOf(request.actor).length > 0);
    return sendPage(reply, <ProjectsPage ctx={ctx} data={{ filter, total: list.total, items: list.items, facets: list.facets, pins: sites, figures, canCreate, page: { offset, limit: PAGE } }} />);
  });

  const projectSites = async (request: FastifyRequest, f: Parameters<typeof listProjects>[2]) => {
    const rows = await listProjectSites(db, request.actor, f);
    return rows.flatMap((s) => (s.lat !== null && s.lon !== null ? [{ lat: s.lat, lon: s.lon, label: s.name, href: `/projects/${encodeURIComponent(s.project_id)}` }] : []));
  };

  const ownInstitutions = async (request: FastifyRequest, ctx: PageContext) => {
    const all = await allInstitutions(store, ctx.lang);
    const actor = request.actor;
    const mine = actor.kind === 'user' && actor.isAdmin ? all : all.filter((i) => staffOf(actor).includes(i.id));
    const named = (list: typeof all) => list.map((i) => ({ id: i.id, name: firstText(i.name, ctx.lang, i.id) }));
    return { mine: named(mine), all: named(all) };
  };

  const renderForm = async (request: FastifyRequest, reply: FastifyReply, project: Project | null, extra: { error?: FormError | null; errorPart?: 'fields' | 'partner' | 'site' | null; notice?: string | null } = {}, status = 200) => {
    const ctx = pageContext(request, reply);
    const inst = await ownInstitutions(request, ctx);
    return sendPage(reply, <ProjectFormPage ctx={ctx} data={{ project, institutions: inst.mine, allInstitutions: inst.all, error: extra.error ?? null, errorPart: extra.errorPart ?? null, notice: extra.notice ?? null }} />, status);
  };

  app.get('/projects/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    return renderForm(request, reply, null);
  });

  app.post('/projects', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const v = formValues(request.body, ['ownerInstitutionId', 'title', 'summary', 'lang', 'kind', 'status', 'visibility', 'startDate', 'endDate']);
    const lang = formLang(v, ctx.lang);
    try {
      const p = await createProject(db, request.actor, { ownerInstitutionId: v.ownerInstitutionId, title: langMapOf(v.title, lang), summary: langMapOf(v.summary, lang, true), kind: v.kind as never, status: (v.status || undefined) as never, visibility: (v.visibility || undefined) as never, startDate: v.startDate, endDate: v.endDate });
      return reply.redirect(`/projects/${encodeURIComponent(p.id)}/edit?done=created`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return renderForm(request, reply, null, { error: { form: 'milestone', outcome, values: v }, errorPart: 'fields' }, status);
    }
  });

  app.get<Id>('/projects/:id', async (request, reply) => renderProject(request, reply, null));

  const renderProject = async (request: FastifyRequest<Id>, reply: FastifyReply, error: FormError | null, status = 200) => {
    const ctx = pageContext(request, reply);
    const id = request.params.id;
    const actor = request.actor;
    const project = await getProject(db, actor, id);
    const [milestones, updates, outputs, needs, analyses] = await Promise.all([
      listMilestones(db, actor, id),
      listUpdates(db, actor, id, 50),
      listOutputs(db, actor, id),
      listNeeds(db, actor, { projectId: id, status: 'open', limit: 50 }),
      searchAnalyses(db, actor, { projectId: id, limit: 100 }),
    ]);
    const done = formString(request.query, 'done');
    const notice = done in NOTICES ? ctx.t(NOTICES[done as keyof typeof NOTICES]) : null;
    return sendPage(reply, <ProjectPage ctx={ctx} data={{ project, milestones, updates, outputs, needs: needs.items, analyses: analyses.items, notice, error }} />, status);
  };

  app.get<Id>('/projects/:id/edit', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const project = await getProject(db, request.actor, request.params.id);
    if (!project.canEdit) throw new AppError('FORBIDDEN', 'Only the partners of this project may change it');
    const ctx = pageContext(request, reply);
    const done = formString(request.query, 'done');
    return renderForm(request, reply, project, { notice: done in NOTICES ? ctx.t(NOTICES[done as keyof typeof NOTICES]) : null });
  });

  /** A form of the edit page: runs the change, or shows the edit page again with the refusal beside the part. */
  const editForm = (part: 'fields' | 'partner' | 'site', names: string[], run: (request: FastifyRequest<Id>, v: Record<string, string>, ctx: PageContext, trx: Db) => Promise<unknown>, done: keyof typeof NOTICES) =>
    async (request: FastifyRequest<Id>, reply: FastifyReply) => {
      if (!request.session) return toSignIn(request, reply);
      const ctx = pageContext(request, reply);
      const v = formValues(request.body, names);
      try {
        await tx(db, (trx) => run(request, v, ctx, trx));
        return reply.redirect(`/projects/${encodeURIComponent(request.params.id)}/edit?done=${done}`, 303);
      } catch (err) {
        const { status, outcome } = formOutcome(ctx, err);
        return renderForm(request, reply, await getProject(db, request.actor, request.params.id), { error: { form: 'milestone', outcome, values: v }, errorPart: part }, status);
      }
    };

  app.post<Id>('/projects/:id', editForm('fields', ['title', 'summary', 'lang', 'kind', 'status', 'visibility', 'startDate', 'endDate'], (r, v, ctx, trx) => {
    const lang = formLang(v, ctx.lang);
    return updateProject(trx, r.actor, r.params.id, { title: langMapOf(v.title, lang), summary: langMapOf(v.summary, lang, true), kind: v.kind as never, status: v.status as never, visibility: (v.visibility || undefined) as never, startDate: v.startDate, endDate: v.endDate });
  }, 'saved'));
  app.post<Id>('/projects/:id/partners', editForm('partner', ['institutionId', 'name', 'countryCode', 'role'], (r, v, _ctx, trx) => addPartner(trx, r.actor, r.params.id, { institutionId: v.institutionId || null, name: v.name || null, countryCode: v.countryCode || undefined, role: v.role as never }), 'partner'));
  app.post<Id>('/projects/:id/partners/:partId/delete', editForm('partner', [], (r, _v, _ctx, trx) => removePartner(trx, r.actor, r.params.id, r.params.partId ?? ''), 'saved'));
  app.post<Id>('/projects/:id/sites', editForm('site', ['name', 'countryCode', 'lat', 'lon'], (r, v, _ctx, trx) => addSite(trx, r.actor, r.params.id, { name: v.name, countryCode: v.countryCode, lat: v.lat ? formNumber(v.lat) : null, lon: v.lon ? formNumber(v.lon) : null }), 'site'));
  app.post<Id>('/projects/:id/sites/:partId/delete', editForm('site', [], (r, _v, _ctx, trx) => removeSite(trx, r.actor, r.params.id, r.params.partId ?? ''), 'saved'));

  /** A form of the project page: runs the change, or shows the page again with the refusal above the form. */
  const pageForm = (form: FormError['form'], names: string[], run: (request: FastifyRequest<Id>, v: Record<string, string>, ctx: PageContext) => Promise<unknown>, done: keyof typeof NOTICES, anchor: string) =>
    async (request: FastifyRequest<Id>, reply: FastifyReply) => {
      if (!request.session) return toSignIn(request, reply);
      const ctx = pageContext(request, reply);
      const v = formValues(request.body, names);
      try {
        await run(request, v, ctx);
        return reply.redirect(`/projects/${encodeURIComponent(request.params.id)}?done=${done}#${anchor}`, 303);
      } catch (err) {
        const { status, outcome } = formOutcome(ctx, err);
        return renderProject(request, reply, { form, outcome, values: v }, status);
      }
    };

  app.post<Id>('/projects/:id/milestones', pageForm('milestone', ['title', 'lang', 'dueDate'], (r, v, ctx) => addMilestone(db, r.actor, r.params.id, { title: langMapOf(v.title, formLang(v, ctx.lang)), dueDate: v.dueDate }), 'milestone', 'milestones-title'));
  app.post<Id>('/projects/:id/milestones/:partId/done', pageForm('milestone', ['done'], (r, v) => setMilestoneDone(db, r.actor, r.params.id, r.params.partId ?? '', v.done === 'true'), 'milestone', 'milestones-title'));
  app.post<Id>('/projects/:id/outputs', pageForm('output', ['kind', 'recordId', 'relation', 'title', 'url', 'visibility'], (r, v) => addOutput(db, r.actor, r.params.id, { kind: v.kind as never, recordId: v.recordId || null, relation: (v.relation || null) as never, title: v.title || null, url: v.url || null, visibility: (v.visibility || undefined) as never }), 'output', 'outputs-title'));
  app.post<Id>('/projects/:id/outputs/:partId/delete', pageForm('output', [], async (r) => deleteFiles(files, [await removeOutput(db, r.actor, r.params.id, r.params.partId ?? '')]), 'saved', 'outputs-title'));
  app.post<Id>('/projects/:id/needs', pageForm('need', ['kind', 'title', 'description', 'lang', 'skill', 'quantity', 'currency', 'dueDate', 'visibility'], (r, v, ctx) => {
    const lang = formLang(v, ctx.lang);
    return tx(db, (trx) => createNeed(trx, r.actor, { projectId: r.params.id, kind: v.kind as never, title: langMapOf(v.title, lang), description: langMapOf(v.description, lang, true), skill: v.skill || null, quantity: formNumber(v.quantity), currency: v.currency, dueDate: v.dueDate, visibility: (v.visibility || undefined) as never }));
  }, 'need', 'needs-title'));
  app.post<Id>('/projects/:id/analyses', pageForm('analysis', ['recordId', 'site', 'method', 'sample', 'result', 'date', 'laboratory', 'people', 'visibility'], async (r, v) => {
    const project = await getProject(db, r.actor, r.params.id);
    if (!project.canEdit) throw new AppError('FORBIDDEN', 'Only the partners of this project record its analyses');
    const recordId = v.recordId.trim().replace(/^.*\/records\//, '').replace(/[?#].*$/, '');
    const own = staffOf(r.actor);
    const institutionId = own.includes(project.ownerInstitutionId) ? project.ownerInstitutionId : (project.partners.find((p) => p.institutionId && own.includes(p.institutionId))?.institutionId ?? project.ownerInstitutionId);
    return createAnalysis(db, r.actor, { institutionId, projectId: project.id, recordId: recordId || null, site: v.site || null, method: v.method as never, sample: v.sample, result: v.result, date: v.date, laboratory: v.laboratory, people: v.people.split(/[;,\n]/).map((s) => s.trim()).filter(Boolean), visibility: (v.visibility || undefined) as never });
  }, 'analysis', 'analyses-title'));

  app.post<Id>('/projects/:id/updates', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const values: Record<string, string> = {};
    try {
      await publishUpdateFromForm({ db, files, maxBytes: Math.min(config.maxUploadBytes, 10 * 1024 * 1024) }, request, values, ctx.lang);
      return reply.redirect(`/projects/${encodeURIComponent(request.params.id)}?done=update#updates-title`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return renderProject(request, reply, { form: 'update', outcome, values }, status);
    }
  });

  app.post<Id>('/projects/:id/documents', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const values: Record<string, string> = {};
    try {
      await addDocumentFromForm({ db, files, maxBytes: Math.min(config.maxUploadBytes, MAX_DOCUMENT_BYTES) }, request, values);
      return reply.redirect(`/projects/${encodeURIComponent(request.params.id)}?done=output#outputs-title`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return renderProject(request, reply, { form: 'document', outcome, values }, status);
    }
  });

  app.get<Id>('/projects/:id/updates/:partId/image', async (request, reply) => {
    const img = await updateImage(db, request.actor, request.params.id, request.params.partId ?? '');
    return reply.header('cache-control', 'private, max-age=300').type(img.mime).send(files.open(img.key) as Readable);
  });
};
