import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors';
import { ID_REGEX } from '../../../shared/ids';
import type { ModuleOptions } from '../../../shared/request-context';
import type { Actor } from '../../accounts/actor';
import { toSignIn } from '../../accounts/account.page-routes';
import { formOutcome, formString } from '../../accounts/form-outcome';
import { getJob } from '../../jobs/job.service';
import { isFinished } from '../../jobs/job.types';
import type { Store } from '../../records/record.store';
import { pageContext, type PageContext } from '../../pages/context';
import { sendPage } from '../../pages/send-page';
import { importableInstitutions } from '../import.page-routes';
import { HARVEST_PREFIXES } from './harvest.items';
import { DISCOVERY_CHOICE, HarvestPage, HarvestSourcePage, type HarvestPageData, type HarvestSourcePageData, type SourceForm, type SourceView } from './harvest.pages';
import { registerCheckedSource } from './harvest.preflight';
import { deleteSource, getSource, listRuns, listSources, runSource, updateSource, type HarvestSource } from './harvest.service';

type SourceParams = { Params: { id: string } };
const NOTICES = { added: 'harvest.added', started: 'harvest.started', schedule: 'harvest.scheduleSaved', deleted: 'harvest.deleted', purged: 'harvest.purged' } as const;

/** The harvest pages of curators and admins: their sources with the last runs, adding one, running, scheduling, deleting; one source's history. */
export const harvestPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store, config }) => {
  const caller = { config };

  const renderList = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, extra: Partial<HarvestPageData> = {}, status = 200) => {
    const institutions = await importableInstitutions({ store, config }, request.actor, ctx);
    const names = new Map(institutions.map((i) => [i.id, i.name]));
    const sources = await Promise.all((await listSources(store, request.actor)).map((s) => viewOf(store, request.actor, s, names)));
    return sendPage(reply, <HarvestPage ctx={ctx} data={{ sources, institutions, prefixes: HARVEST_PREFIXES, ...extra }} />, status);
  };

  const renderSource = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, id: string, extra: Partial<HarvestSourcePageData> = {}, status = 200) => {
    const source = await getSource(store, request.actor, checkedId(id));
    const names = new Map((await importableInstitutions({ store, config }, request.actor, ctx)).map((i) => [i.id, i.name]));
    const [view, runs] = await Promise.all([viewOf(store, request.actor, source, names), listRuns(store, request.actor, source.id, 100)]);
    return sendPage(reply, <HarvestSourcePage ctx={ctx} data={{ view, runs, ...extra }} />, status);
  };

  const noticeOf = (request: FastifyRequest, ctx: PageContext) => {
    const done = formString(request.query, 'done');
    return done in NOTICES ? ctx.t(NOTICES[done as keyof typeof NOTICES]) : null;
  };

  app.get('/harvest', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    return renderList(request, reply, ctx, { notice: noticeOf(request, ctx) });
  });

  app.post('/harvest', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const form: SourceForm = {
      institution: formString(request.body, 'institution'),
      baseUrl: formString(request.body, 'baseUrl').trim(),
      metadataPrefix: formString(request.body, 'metadataPrefix') || 'oai_dc',
      sets: formString(request.body, 'sets'),
      scheduleHours: formString(request.body, 'scheduleHours').trim(),
    };
    try {
      const discovery = form.metadataPrefix === DISCOVERY_CHOICE;
      const input = {
        institutionId: form.institution,
        protocol: discovery ? ('iiif-discovery' as const) : ('oai-pmh' as const),
        baseUrl: form.baseUrl,
        metadataPrefix: discovery ? '' : form.metadataPrefix,
        sets: form.sets.split(/[\s,]+/).filter(Boolean),
        scheduleHours: scheduleOf(form.scheduleHours),
      };
      await registerCheckedSource(store, request.actor, caller, input);
      return reply.redirect('/harvest?done=added', 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return renderList(request, reply, ctx, { error: outcome, form }, status);
    }
  });

  app.get<SourceParams>('/harvest/:id', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    return renderSource(request, reply, ctx, request.params.id, { notice: noticeOf(request, ctx) });
  });

  app.post<SourceParams>('/harvest/:id/run', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const id = checkedId(request.params.id);
    return attempt(request, reply, () => runSource(store, request.actor, id), `/harvest/${encodeURIComponent(id)}?done=started`);
  });

  app.post<SourceParams>('/harvest/:id/schedule', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const id = checkedId(request.params.id);
    return attempt(request, reply, () => updateSource(store, request.actor, caller, id, { scheduleHours: scheduleOf(formString(request.body, 'scheduleHours').trim()) }), '/harvest?done=schedule');
  });

  app.post<SourceParams>('/harvest/:id/delete', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const id = checkedId(request.params.id);
    const purge = formString(request.body, 'purge') === '1';
    return attempt(request, reply, () => deleteSource(store, request.actor, id, { purge }), `/harvest?done=${purge ? 'purged' : 'deleted'}`);
  });

  /** Runs a change and goes on (post/redirect/get), or shows the list with why it was refused. */
  async function attempt(request: FastifyRequest, reply: FastifyReply, change: () => Promise<unknown>, next: string) {
    const ctx = pageContext(request, reply);
    try {
      await change();
      return reply.redirect(next, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      return renderList(request, reply, ctx, { error: outcome }, status);
    }
  }
};

/** A source with its institution's name, its last run and the job of an unfinished harvest. */
async function viewOf(store: Store, actor: Actor, source: HarvestSource, names: Map<string, string>): Promise<SourceView> {
  const [lastRun] = await listRuns(store, actor, source.id, 1);
  const job = source.lastJobId ? await getJob(store, actor, source.lastJobId).catch(() => null) : null;
  return { source, institutionName: names.get(source.institutionId) ?? source.institutionId, lastRun: lastRun ?? null, activeJobId: job && !isFinished(job.status) ? job.id : null };
}

function scheduleOf(raw: string): number | null {
  if (!raw) return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 8784) throw new AppError('VALIDATION_FAILED', 'The schedule is a whole number of hours from 1 to 8784, or empty', { problems: [{ field: 'scheduleHours', message: `"${raw.slice(0, 20)}" is not a whole number of hours from 1 to 8784` }] });
  return n;
}

function checkedId(id: string): string {
  if (!ID_REGEX.test(id)) throw new AppError('NOT_FOUND', `No harvest source "${id}"`);
  return id;
}
