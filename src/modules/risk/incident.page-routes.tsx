import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pickLang } from '../../shared/lang-map';
import type { ModuleOptions } from '../../shared/request-context';
import type { Actor } from '../accounts/actor';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import { can } from '../accounts/policy';
import { getInstitution, listInstitutions } from '../institutions/institution.service';
import { mediaStoreFor } from '../media/media.module';
import { pageContext, type PageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import type { Store } from '../records/record.store';
import { listAssessments, mayAssess, type AssessmentDeps } from './assessment.service';
import { parseAreaText } from './incident';
import { IncidentPage, IncidentsPage } from './incident.pages';
import { createIncident, getIncident, incidentToProject, linkSite, listIncidents, updateIncident, type IncidentInput } from './incident.service';
import { validationError } from '../../shared/errors';

type IdParams = { Params: { id: string } };
const NOTICES = { saved: 'incident.saved', linked: 'incident.linked', submitted: 'assess.submitted' } as const;

/** The institutions whose incidents the actor may open, named in the visitor's language. */
export async function coordinatingInstitutions(store: Store, actor: Actor, ctx: PageContext): Promise<{ id: string; name: string }[]> {
  if (actor.kind !== 'user') return [];
  const named = (i: { id: string; name: Record<string, string[]> }) => ({ id: i.id, name: pickLang(i.name, ctx.lang)?.values[0] ?? i.id });
  if (actor.isAdmin) return (await listInstitutions(store.db, { limit: 500 })).items.map(named);
  const ids = actor.memberships.filter((m) => can(actor, 'edit', { institutionId: m.institutionId })).map((m) => m.institutionId);
  return (await Promise.all(ids.map((id) => getInstitution(store.db, id).catch(() => null)))).filter((i) => i !== null).map(named);
}

/** Incident pages: the list with its map and the form to open one, each incident with its sites, assessments and forms. */
export const incidentPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store, config }) => {
  const deps: AssessmentDeps = { store, files: mediaStoreFor(config), maxPixels: config.maxImagePixels };
  const fields = (body: unknown): Record<string, string> =>
    Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter(([k, v]) => k !== '_csrf' && typeof v === 'string')) as Record<string, string>;
  const inputOf = (body: unknown, withArea: boolean): IncidentInput => {
    const f = fields(body);
    const area = withArea ? parseAreaText(f.area ?? '') : null;
    if (area?.problems.length) throw validationError(area.problems, 'incident');
    return { title: f.title ?? '', kind: f.kind ?? '', status: f.status || undefined, date: f.date ?? '', description: f.description, institutionId: f.institutionId ?? '', ...(withArea ? { area: area!.area } : {}) };
  };

  const renderIncident = async (request: FastifyRequest<IdParams>, reply: FastifyReply, form: Parameters<typeof IncidentPage>[0]['form'], status = 200) => {
    const ctx = pageContext(request, reply);
    const incident = await getIncident(store, request.actor, request.params.id);
    const assessments = await listAssessments(deps, request.actor, incident.id);
    return sendPage(reply, <IncidentPage ctx={ctx} incident={incident} assessments={assessments} form={form} canAssess={mayAssess(request.actor)} clearDraft={formString(request.query, 'cleared')} />, status);
  };

  app.get('/risk/incidents', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const [incidents, institutions] = await Promise.all([listIncidents(store, request.actor), coordinatingInstitutions(store, request.actor, ctx)]);
    return sendPage(reply, <IncidentsPage ctx={ctx} incidents={incidents} institutions={institutions} />);
  });

  app.post('/risk/incidents', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    try {
      const incident = await createIncident(store, request.actor, inputOf(request.body, true));
      return reply.redirect(`/risk/incidents/${encodeURIComponent(incident.id)}?done=saved`, 303);
    } catch (err) {
      const ctx = pageContext(request, reply);
      const { status, outcome } = formOutcome(ctx, err);
      const [incidents, institutions] = await Promise.all([listIncidents(store, request.actor), coordinatingInstitutions(store, request.actor, ctx)]);
      return sendPage(reply, <IncidentsPage ctx={ctx} incidents={incidents} institutions={institutions} form={{ error: outcome, values: fields(request.body) }} />, status);
    }
  });

  app.get<IdParams>('/risk/incidents/:id', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const done = formString(request.query, 'done');
    return renderIncident(request, reply, { notice: done in NOTICES ? ctx.t(NOTICES[done as keyof typeof NOTICES]) : null });
  });

  const change = (work: (request: FastifyRequest<IdParams>) => Promise<keyof typeof NOTICES>) => async (request: FastifyRequest<IdParams>, reply: FastifyReply) => {
    if (!request.session) return toSignIn(request, reply);
    try {
      const done = await work(request);
      return reply.redirect(`/risk/incidents/${encodeURIComponent(request.params.id)}?done=${done}`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request, reply), err);
      return renderIncident(request, reply, { error: outcome, values: fields(request.body) }, status);
    }
  };

  app.post<IdParams>(
    '/risk/incidents/:id',
    change(async (request) => {
      await updateIncident(store, request.actor, request.params.id, inputOf(request.body, false));
      return 'saved';
    }),
  );

  app.post<IdParams>('/risk/incidents/:id/project', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    try {
      const projectId = await incidentToProject(store, request.actor, request.params.id);
      return reply.redirect(`/projects/${encodeURIComponent(projectId)}/edit?done=created`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(pageContext(request, reply), err);
      return renderIncident(request, reply, { error: outcome }, status);
    }
  });

  app.post<IdParams>(
    '/risk/incidents/:id/sites',
    change(async (request) => {
      const recordId = formString(request.body, 'recordId').trim();
      if (!recordId) throw validationError([{ field: '/recordId', message: 'is required' }], 'site');
      await linkSite(store, request.actor, request.params.id, recordId);
      return 'linked';
    }),
  );
};
