import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ID_REGEX } from '../../shared/ids';
import { pageContext, type PageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import type { ModuleOptions } from '../../shared/request-context';
import { getRecord, notFound } from './record.service';
import { listVersions, revertRecord } from './record.history';
import { RecordHistoryPage, type HistoryPageData } from './record.history.pages';

type Params = { Params: { id: string; version?: string } };

/** `/records/:id/history`: the version history of a record for its editors, with restore. */
export const recordHistoryPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store }) => {
  const render = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, id: string, extra: Partial<HistoryPageData> = {}, status = 200) => {
    // listVersions answers 404 to anyone who may not edit the record: the history is the editors'.
    const versions = await listVersions(store, request.actor, id);
    const record = await getRecord(store, request.actor, id);
    return sendPage(reply, <RecordHistoryPage ctx={ctx} data={{ record, versions, ...extra }} />, status);
  };

  app.get<Params>('/records/:id/history', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const restored = formString(request.query, 'restored');
    return render(request, reply, ctx, checked(request.params.id), { notice: /^\d+$/.test(restored) ? ctx.t('history.restored', { n: Number(restored) }) : null });
  });

  app.post<Params>('/records/:id/history/:version/restore', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const id = checked(request.params.id);
    const version = Number(request.params.version);
    if (!Number.isInteger(version) || version < 1) throw notFound(id);
    const expected = Number(formString(request.body, 'expected'));
    const ctx = pageContext(request, reply);
    try {
      await revertRecord(store, request.actor, id, version, Number.isInteger(expected) && expected > 0 ? expected : undefined);
      return reply.redirect(`/records/${encodeURIComponent(id)}/history?restored=${version}`, 303);
    } catch (err) {
      const { status, outcome } = formOutcome(ctx, err);
      if (status === 404) throw err;
      return render(request, reply, ctx, id, { error: outcome }, status);
    }
  });
};

function checked(id: string): string {
  if (!ID_REGEX.test(id)) throw notFound(id);
  return id;
}
