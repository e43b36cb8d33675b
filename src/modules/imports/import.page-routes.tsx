import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import { pickLang } from '../../shared/lang-map';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import type { Actor } from '../accounts/actor';
import { getInstitution, listInstitutions } from '../institutions/institution.service';
import { pageContext, type PageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { supportedFormats } from './formats/registry';
import { ImportsPage, type ImportsPageData } from './import.pages';
import { importFromForm } from './import.routes';
import { listImports, type ImportDeps } from './import.service';
import { listMappings } from './mapping.service';

/** The imports page of curators and admins: the upload form and the recent imports with live status. */
export const importPageRoutes: FastifyPluginAsync<{ deps: ImportDeps }> = async (app, { deps }) => {
  await app.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 100_000, fileSize: deps.config.maxUploadBytes + 1 } });
  const { store } = deps;

  const render = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, extra: Partial<ImportsPageData> = {}, status = 200) => {
    const [institutions, imports, saved] = await Promise.all([importableInstitutions(deps, request.actor, ctx), listImports(store, request.actor, { limit: 20 }), listMappings(store, request.actor)]);
    const names = new Map(institutions.map((i) => [i.id, i.name]));
    const mappings = saved.map((m) => ({ id: m.id, name: m.name, institutionName: names.get(m.institutionId) ?? m.institutionId }));
    return sendPage(reply, <ImportsPage ctx={ctx} data={{ institutions, formats: supportedFormats(), imports: imports.items, mappings, ...extra }} />, status);
  };

  app.get('/imports', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    return render(request, reply, ctx, { notice: formString(request.query, 'done') === 'started' ? ctx.t('imports.startedNotice') : null });
  });

  app.post('/imports', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    try {
      if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', 'Send the file with the import form', { problems: [{ field: 'file', message: 'is missing' }] });
      await importFromForm(deps, request as FastifyRequest<{ Querystring: Record<string, unknown> }>);
      return reply.redirect('/imports?done=started', 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return render(request, reply, ctx, { error: outcome }, status);
    }
  });
};

/** The institutions whose records the person edits (all of them for alliance admins), named in the page's language. */
export async function importableInstitutions(deps: ImportDeps, actor: Actor, ctx: PageContext): Promise<{ id: string; name: string }[]> {
  if (actor.kind !== 'user') return [];
  const named = (i: { id: string; name: Record<string, string[]> }) => ({ id: i.id, name: pickLang(i.name, ctx.lang)?.values[0] ?? i.id });
  if (actor.isAdmin) return (await listInstitutions(deps.store.db, { limit: 500 })).items.map(named);
  const ids = actor.memberships.filter((m) => m.role === 'curator' || m.role === 'institution-admin').map((m) => m.institutionId);
  const found = await Promise.all(ids.map((id) => getInstitution(deps.store.db, id).catch(() => null)));
  return found.filter((i) => i !== null).map(named);
}
