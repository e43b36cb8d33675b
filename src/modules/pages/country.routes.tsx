import type { FastifyPluginAsync } from 'fastify';
import { isCountryCode } from '../../shared/country';
import { AppError } from '../../shared/errors';
import type { ModuleOptions } from '../../shared/request-context';
import type { SearchRunner } from '../search/search.runner';
import { pageContext } from './context';
import { CountriesPage, CountryPage, type CountrySummary } from './country.page';
import { allInstitutions, indexInstitutions } from './pages.data';
import { firstImages } from './search.images';
import { sendPage } from './send-page';

/** Records with images shown on a country's page; the rest are a search away. */
const COUNTRY_IMAGES = 8;
/** The search service lists at most this many values of a facet. */
const FACET_VALUES_LISTED = 50;

/** `/countries` and `/countries/:code`: the alliance's holdings by country (counts are of what the visitor may see). */
export const countryRoutes: FastifyPluginAsync<ModuleOptions & { search: SearchRunner }> = async (app, { store, search }) => {
  app.get('/countries', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const [institutions, facets] = await Promise.all([allInstitutions(store, ctx.lang), search.search(request.actor, { limit: 0, facets: ['country'] })]);
    const values = facets.facets.country ?? [];
    const complete = values.length < FACET_VALUES_LISTED;
    const counts = new Map(values.map((v) => [v.value, v.count]));
    const byCountry = new Map<string, CountrySummary>();
    for (const inst of institutions) {
      const c = byCountry.get(inst.country) ?? { code: inst.country, institutions: [], records: counts.get(inst.country) ?? (complete ? 0 : null) };
      c.institutions.push(inst);
      byCountry.set(inst.country, c);
    }
    const collator = new Intl.Collator(ctx.lang);
    const names = new Intl.DisplayNames([ctx.lang, 'en'], { type: 'region', fallback: 'code' });
    const countries = [...byCountry.values()].sort((a, b) => collator.compare(names.of(a.code) ?? a.code, names.of(b.code) ?? b.code));
    return sendPage(reply, <CountriesPage ctx={ctx} countries={countries} />);
  });

  app.get<{ Params: { code: string } }>('/countries/:code', async (request, reply) => {
    const code = request.params.code.toUpperCase();
    if (!isCountryCode(code)) throw new AppError('NOT_FOUND', `No country "${request.params.code.slice(0, 20)}"`);
    if (code !== request.params.code) return reply.redirect(`/countries/${code}`, 301);
    const ctx = pageContext(request, reply);
    const institutions = await allInstitutions(store, ctx.lang, { country: code });
    if (!institutions.length) throw new AppError('NOT_FOUND', `No member institution in ${code}`);
    const [all, withImages] = await Promise.all([
      search.search(request.actor, { country: [code], limit: 0, facets: ['institution'] }),
      search.search(request.actor, { country: [code], hasImages: true, limit: COUNTRY_IMAGES, sort: 'newest', facets: [], lang: ctx.lang }),
    ]);
    const counts = new Map((all.facets.institution ?? []).map((v) => [v.value, v.count]));
    const images = await firstImages(store, request.actor, withImages.items.map((h) => h.id));
    return sendPage(
      reply,
      <CountryPage
        ctx={ctx}
        data={{ code, institutions, counts, total: all.total, withImages: withImages.items, withImagesTotal: withImages.total, images, index: indexInstitutions(institutions) }}
      />,
    );
  });
};
