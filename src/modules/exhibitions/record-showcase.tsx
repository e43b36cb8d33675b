import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyPluginAsync } from 'fastify';
import { pickLang, type LangMap } from '../../shared/lang-map';
import type { ModuleOptions } from '../../shared/request-context';
import type { Actor } from '../accounts/actor';
import type { Store } from '../records/record.store';
import { textAttrs, type PageContext } from '../pages/context';
import { exhibitionsShowing } from './exhibition.service';
import { reunitedContaining } from './reunited.service';

/** What a record's page says about the record's place in reunited works and exhibitions. */
export interface Showcase {
  works: { id: string; title: LangMap }[];
  exhibitions: { slug: string; title: LangMap }[];
}

const RECORD_ROUTE = '/records/:id';
// One slot per record-page request: filled before the handler runs, read while the page renders.
const slot = new AsyncLocalStorage<{ data?: Showcase }>();

/**
 * Loads the showcase of the record a record page shows, for `RecordShowcase` to render without
 * the page having to know this module. Hooks for the record page route only; registered on the
 * root instance (it must see the pages module's route).
 */
export const recordShowcaseHooks: FastifyPluginAsync<ModuleOptions> = async (app, { store }) => {
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.method !== 'GET' || request.routeOptions.url !== RECORD_ROUTE) return done();
    slot.run({}, done);
  });
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'GET' || request.routeOptions.url !== RECORD_ROUTE) return;
    const holder = slot.getStore();
    const id = (request.params as { id?: string }).id;
    if (holder && id) holder.data = await loadShowcase(store, request.actor, id);
  });
};
(recordShowcaseHooks as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

/** The reunited works a record is a fragment of and the exhibitions on view showing it. */
export async function loadShowcase(store: Store, actor: Actor, recordId: string): Promise<Showcase> {
  const [works, exhibitions] = await Promise.all([reunitedContaining(store, actor, recordId), exhibitionsShowing(store, actor, recordId)]);
  return { works: works.map((w) => ({ id: w.id, title: w.title })), exhibitions: exhibitions.map((x) => ({ slug: x.slug, title: x.title })) };
}

/** "Part of a reunited work" and "Shown in exhibition" links on a record's page (nothing when there are none). */
export function RecordShowcase({ ctx, data }: { ctx: PageContext; data?: Showcase }) {
  const showcase = data ?? slot.getStore()?.data;
  if (!showcase || (!showcase.works.length && !showcase.exhibitions.length)) return null;
  const { t } = ctx;
  const title = (map: LangMap, fallback: string) => {
    const picked = pickLang(map, ctx.lang);
    return <span {...textAttrs(ctx, picked?.lang)}>{picked?.values[0] ?? fallback}</span>;
  };
  return (
    <section class="text-section record-showcase" aria-labelledby="sec-showcase">
      <h2 id="sec-showcase">{t('exhibitions.showcase')}</h2>
      <ul class="showcase-list">
        {showcase.works.map((w) => (
          <li>
            <span class="tag">{t('reunited.partOf')}</span> <a href={`/reunited/${encodeURIComponent(w.id)}`}>{title(w.title, w.id)}</a>
          </li>
        ))}
        {showcase.exhibitions.map((x) => (
          <li>
            <span class="tag">{t('exhibitions.shownIn')}</span> <a href={`/exhibitions/${encodeURIComponent(x.slug)}`}>{title(x.title, x.slug)}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
