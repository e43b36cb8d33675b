import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../shared/errors';
import { ID_REGEX } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { formList, formString } from '../accounts/form-outcome';
import { batchEditRecords, MAX_BATCH, type BatchOutcome } from '../records/record.batch-edit';
import { getRecord } from '../records/record.service';
import type { SearchRunner } from '../search/search.runner';
import { pageContext } from './context';
import { BatchResultPage, parseBatchForm } from './search.batch';
import { renderSearch } from './search.render';
import { parseSearchQuery } from './search.state';
import { sendPage } from './send-page';

const LISTS = ['changed', 'unchanged', 'forbidden', 'missing'] as const;

/**
 * Batch edit from the search page: POST applies the change through the records service (each
 * record checked and versioned) and redirects to a page that names what happened to each record;
 * a form with a wrong field comes back on the search page it was sent from, with its choices.
 */
export const batchEditRoutes: FastifyPluginAsync<ModuleOptions & { search: SearchRunner }> = async (app, { store, search }) => {
  app.post('/search/batch', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const body = request.body;
    const back = searchBack(formString(body, 'back'));
    const values = { visibility: formString(body, 'visibility'), rights: formString(body, 'rights'), subject: formString(body, 'subject'), subjectLang: formString(body, 'subjectLang') };
    const records = formList(body, 'records').filter((id) => ID_REGEX.test(id));
    const { ids, edit, errors } = parseBatchForm(ctx, { records, ...values });
    const state = parseSearchQuery(Object.fromEntries(groupParams(new URL(back, 'http://x').searchParams))).state;
    if (errors || ids.length > MAX_BATCH) {
      return renderSearch({ store, search }, request, reply, state, { errors: errors ?? { records: ctx.t('form.invalid') }, values, selected: ids });
    }
    let outcome: BatchOutcome;
    try {
      outcome = await batchEditRecords(store, request.actor, { ids, edit });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || err.code !== 'VALIDATION_FAILED') throw err;
      return renderSearch({ store, search }, request, reply, state, { errors: { edit: ctx.t('form.invalid') }, values, selected: ids });
    }
    const q = new URLSearchParams();
    for (const list of LISTS) {
      const items = list === 'missing' ? outcome.missing : outcome[list].map((i) => i.id);
      if (items.length) q.set(list, items.join(','));
    }
    q.set('back', back);
    return reply.redirect(`/search/batch?${q}`, 303);
  });

  // The outcome page: what the redirect names, shown as the signed-in person may see it now.
  app.get('/search/batch', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const query = request.query as Record<string, unknown>;
    const ids = (name: string) => (typeof query[name] === 'string' ? (query[name] as string).split(',').filter((id) => ID_REGEX.test(id)).slice(0, MAX_BATCH) : []);
    const outcome: BatchOutcome = { changed: [], unchanged: [], forbidden: [], missing: ids('missing') };
    for (const list of ['changed', 'unchanged', 'forbidden'] as const) {
      for (const id of ids(list)) {
        const record = await getRecord(store, request.actor, id).catch((err) => {
          if (err instanceof AppError && err.status === 404) return null;
          throw err;
        });
        if (record) outcome[list].push({ id, title: record.title, version: record.version });
        else outcome.missing.push(id);
      }
    }
    return sendPage(reply, <BatchResultPage ctx={ctx} outcome={outcome} back={searchBack(typeof query.back === 'string' ? query.back : '')} />);
  });
};

/** The search page to go back to: a /search URL of this site, or /search. */
function searchBack(raw: string): string {
  return /^\/search(\?[^#\s]*)?$/.test(raw) && raw.length <= 4000 ? raw : '/search';
}

/** A query string's parameters, repeated ones as lists (as Fastify reads them). */
function groupParams(params: URLSearchParams): Map<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const [k, v] of params) {
    const had = out.get(k);
    out.set(k, had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v]);
  }
  return out;
}
