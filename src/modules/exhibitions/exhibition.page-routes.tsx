import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import { isUiLanguage } from '../../shared/i18n/i18n';
import { pickLang } from '../../shared/lang-map';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import { can } from '../accounts/policy';
import { pageContext, type PageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { allInstitutions } from '../pages/pages.data';
import { toRecord } from '../records/record.mapper';
import { recordRepository } from '../records/record.repository';
import { decideApproval, listApprovalRequests } from './exhibition.approval';
import { EditorPage, type FormFailure } from './exhibition.editor';
import { ApprovalsPage, NewExhibitionPage } from './exhibition.forms';
import { ExhibitionPage, ExhibitionsIndexPage } from './exhibition.pages';
import { createExhibition, curates, getDraft, isOnView, listExhibitions } from './exhibition.service';
import { editorActions } from './exhibition.editor-actions';
import { exhibitionCards, viewExhibition } from './exhibition.view';
import { listReunited } from './reunited.service';

const NOTICES = { saved: 'exEditor.saved', decided: 'approvals.done' } as const;

/** The exhibition pages: the index, an exhibition, the editor and its forms, the approval requests. */
export const exhibitionPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store, config }) => {
  const { publicUrl } = config;
  const curatedInstitutions = async (request: FastifyRequest, ctx: PageContext) =>
    (await allInstitutions(store, ctx.lang)).filter((i) => can(request.actor, 'edit', { institutionId: i.id })).map((i) => ({ id: i.id, name: pickLang(i.name, ctx.lang)?.values[0] ?? i.id }));

  app.get('/exhibitions', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = request.actor;
    const [all, works, institutions] = await Promise.all([listExhibitions(store, actor), listReunited(store, actor), allInstitutions(store, ctx.lang)]);
    const onView = await exhibitionCards(store, actor, all.filter(isOnView).slice(0, 60), ctx.lang, publicUrl);
    const curated = all.filter((x) => curates(actor, x) && !isOnView(x));
    const mayCurate = actor.kind === 'user' && (actor.isAdmin || actor.memberships.some((m) => can(actor, 'edit', { institutionId: m.institutionId })));
    return sendPage(reply, <ExhibitionsIndexPage ctx={ctx} data={{ onView, curated, works: works.filter((w) => w.fragments.length), institutions: new Map(institutions.map((i) => [i.id, i])), mayCurate }} />);
  });

  app.get('/exhibitions/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    return sendPage(reply, <NewExhibitionPage ctx={ctx} institutions={await curatedInstitutions(request, ctx)} failure={null} />);
  });

  app.post('/exhibitions/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const values = fields(request.body, ['institutionId', 'lang', 'title', 'slug']);
    try {
      const lang = isUiLanguage(values.lang) ? values.lang : ctx.lang;
      const ex = await createExhibition(store, request.actor, { institutionId: values.institutionId, title: values.title.trim() ? { [lang]: [values.title.trim()] } : {}, slug: values.slug.trim() || undefined });
      return reply.redirect(`/exhibitions/${encodeURIComponent(ex.id)}/edit?in=${lang}`, 303);
    } catch (err) {
      const failure = toFailure(ctx, err, 'new', values);
      return sendPage(reply, <NewExhibitionPage ctx={ctx} institutions={await curatedInstitutions(request, ctx)} failure={failure.failure} />, failure.status);
    }
  });

  app.get('/exhibitions/approvals', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const requests = await listApprovalRequests(store, request.actor);
    const rows = await recordRepository.findByIds(store.db, [...new Set(requests.map((r) => r.recordId))]);
    const titles = new Map(rows.map((r) => [r.id, pickLang(toRecord(r).title, ctx.lang)?.values[0] ?? r.id]));
    const done = formString(request.query, 'done');
    return sendPage(reply, <ApprovalsPage ctx={ctx} requests={requests} records={titles} notice={done === 'decided' ? ctx.t(NOTICES.decided) : null} />);
  });

  app.post<{ Params: { exhibitionId: string; recordId: string } }>('/exhibitions/approvals/:exhibitionId/:recordId', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    await decideApproval(store, request.actor, { ...request.params, decision: formString(request.body, 'decision'), note: formString(request.body, 'note') });
    return reply.redirect('/exhibitions/approvals?done=decided', 303);
  });

  app.get<{ Params: { id: string } }>('/exhibitions/:id', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const view = await viewExhibition(store, request.actor, request.params.id, ctx.lang, publicUrl);
    if (!view) throw new AppError('NOT_FOUND', `No exhibition "${request.params.id}"`);
    return sendPage(reply, <ExhibitionPage ctx={ctx} view={view} canEdit={curates(request.actor, view.exhibition)} />);
  });

  app.get<{ Params: { id: string } }>('/exhibitions/:id/edit', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const done = formString(request.query, 'done');
    return renderEditor(request, reply, ctx, { notice: done === 'saved' ? ctx.t(NOTICES.saved) : null, failure: null });
  });

  const renderEditor = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, extra: { notice: string | null; failure: FormFailure | null }, status = 200) => {
    const id = (request.params as { id: string }).id;
    const ex = await getDraft(store, request.actor, id);
    const asked = formString(request.query, 'in');
    const editLang = isUiLanguage(asked) ? asked : (ex.languages[0]?.lang ?? ctx.lang);
    const rows = await recordRepository.findByIds(store.db, [...new Set(ex.chapters.flatMap((c) => c.items.map((i) => i.recordId)))]);
    const records = new Map(rows.filter((r) => !r.deleted_at).map((r) => [r.id, { title: pickLang(toRecord(r).title, editLang)?.values[0] ?? r.id, institutionId: r.institution_id }]));
    const institutions = (await allInstitutions(store, ctx.lang)).map((i) => ({ id: i.id, name: pickLang(i.name, ctx.lang)?.values[0] ?? i.id }));
    const mayPublish = can(request.actor, 'edit', { institutionId: ex.leadInstitutionId });
    return sendPage(reply, <EditorPage ctx={ctx} data={{ exhibition: ex, editLang, records, institutions, mayPublish, ...extra }} />, status);
  };

  // Every editor form posts to /exhibitions/:id/edit/<action>?in=<lang> and comes back to the editor.
  for (const [path, form, run] of editorActions(store)) {
    app.post<{ Params: { id: string; sub?: string } }>(`/exhibitions/:id/edit${path}`, async (request, reply) => {
      if (!request.session) return toSignIn(request, reply);
      const ctx = pageContext(request, reply);
      const asked = formString(request.query, 'in');
      const lang = isUiLanguage(asked) ? asked : ctx.lang;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      const formName = typeof form === 'function' ? form(request.params, values) : form;
      try {
        const anchor = await run(request.actor, request.params, values, lang);
        return reply.redirect(`/exhibitions/${encodeURIComponent(request.params.id)}/edit?in=${lang}&done=saved${anchor ? `#${anchor}` : ''}`, 303);
      } catch (err) {
        if (err instanceof AppError && err.code === 'NOT_FOUND') throw err;
        const failure = toFailure(ctx, err, formName, values);
        return renderEditor(request, reply, ctx, { notice: null, failure: failure.failure }, failure.status);
      }
    });
  }
};

function fields(body: unknown, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, formString(body, n)]));
}

function toFailure(ctx: PageContext, err: unknown, form: string, values: Record<string, string>): { status: number; failure: FormFailure } {
  const { status, outcome } = formOutcome(ctx, err);
  return { status, failure: { form, message: err instanceof AppError && err.code === 'VALIDATION_FAILED' ? ctx.t('exEditor.invalid') : outcome.message, detail: outcome.detail, problems: outcome.problems ?? [], values } };
}

