import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../shared/errors';
import type { ModuleOptions } from '../../shared/request-context';
import type { SearchRunner } from '../search/search.runner';
import { getInstitution } from '../institutions/institution.service';
import { notFound } from '../records/record.service';
import { ID_REGEX } from '../../shared/ids';
import { pageContext } from './context';
import { sendPage } from './send-page';
import { allInstitutions, indexInstitutions } from './pages.data';
import { HomePage } from './home.page';
import { parseSearchQuery } from './search.state';
import { renderSearch } from './search.render';
import { RecordPage } from './record.page';
import { citationParts } from './cite';
import { loadRecordPage, showParam } from './record.data';
import { InstitutionPage, InstitutionsPage } from './institution.page';
import { ComparePage, loadCompared, MAX_COMPARED } from './compare.page';
import { manifestOrigins } from './viewer';
import { contentSecurityPolicy } from '../../shared/csp';
import { linkedArtUrl } from '../interop/linked-art';
import { negotiateRecord, varyByAccept } from '../interop/linked-art.negotiate';
import { publishedData } from '../interop/schema-org.service';
import { listProjects } from '../projects/project.service';
import { featuredExhibitions } from '../exhibitions/exhibition.view';

type Query = Record<string, unknown>;

/** Records listed on an institution's page; the rest are a search away. */
const INSTITUTION_RECORDS = 12;
/** The search service lists at most this many values of a facet. */
const FACET_VALUES_LISTED = 50;

/**
 * The public pages. Query strings are read leniently (no schema): a person's page never answers
 * a JSON validation error, and junk in the URL is ignored rather than refused.
 */
export const pageRoutes: FastifyPluginAsync<ModuleOptions & { search: SearchRunner }> = async (app, { store, search, config }) => {
  app.get('/', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const [newest, institutions, projects, exhibitions] = await Promise.all([
      search.search(request.actor, { limit: 6, sort: 'newest', facets: ['hasImages'], lang: ctx.lang }),
      allInstitutions(store, ctx.lang),
      listProjects(store.db, request.actor, { limit: 1 }),
      featuredExhibitions(store, request.actor, ctx.lang, config.publicUrl),
    ]);
    const data = {
      recordCount: newest.total,
      withImages: newest.facets.hasImages?.find((f) => f.value === 'true')?.count ?? 0,
      projectCount: projects.total,
      exhibitions,
      institutions,
      countryCount: new Set(institutions.map((i) => i.country)).size,
      newest: newest.items,
      index: indexInstitutions(institutions),
    };
    return sendPage(reply, <HomePage ctx={ctx} data={data} />);
  });

  app.get('/search', async (request, reply) => {
    const { state, redirect } = parseSearchQuery(request.query as Query);
    if (redirect) {
      pageContext(request, reply); // remembers a ?lang= given with it
      return reply.redirect(redirect, 303);
    }
    return renderSearch({ store, search }, request, reply, state);
  });

  // The record URL answers machines too: Linked Art or the API's JSON by content negotiation, so every answer varies by Accept.
  app.get<{ Params: { id: string } }>('/records/:id', { onSend: varyByAccept }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    // No stored id has other characters; checking first keeps bytes like NUL away from the database.
    if (!ID_REGEX.test(request.params.id)) throw notFound(request.params.id);
    // Redirected alike whether the record exists or not: the target answers 404 for what the client may not see.
    const wanted = negotiateRecord(request.headers.accept);
    if (wanted === 'linked-art') return reply.redirect(linkedArtUrl(config.publicUrl, request.params.id), 303);
    if (wanted === 'json') return reply.redirect(`${config.publicUrl}/api/v1/records/${encodeURIComponent(request.params.id)}`, 303);
    const data = await loadRecordPage(store, request.actor, request.params.id, showParam(request.query), config.publicUrl);
    const published = await publishedData(store, request.actor, data, config.publicUrl);
    if (published) reply.header('link', `<${published.linkedArtUrl}>; rel="alternate"; type="application/ld+json"`);
    // Images of remote IIIF manifests load in the visitor's browser: this page's policy allows their origins.
    const remote = data.record.iiifManifests ?? [];
    if (remote.length) reply.header('content-security-policy', contentSecurityPolicy(manifestOrigins(remote)));
    const citation = citationParts(data.record, data.institution, { lang: data.show ?? ctx.lang, url: `${config.publicUrl}/records/${encodeURIComponent(data.record.id)}`, accessed: new Date() });
    return sendPage(reply, <RecordPage ctx={ctx} data={data} published={published} citation={citation} />);
  });

  app.get('/compare', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const raw = (request.query as Query).records;
    const ids = [...new Set((Array.isArray(raw) ? raw : [raw]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [])).map((v) => v.trim()))]
      .filter((id) => ID_REGEX.test(id))
      .slice(0, MAX_COMPARED);
    const items = await loadCompared(store, request.actor, ids, config.publicUrl);
    return sendPage(reply, <ComparePage ctx={ctx} items={items} />);
  });

  app.get('/institutions', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const raw = (request.query as Query).country;
    const country = typeof raw === 'string' && /^[A-Za-z]{2}$/.test(raw) ? raw.toUpperCase() : null;
    const [institutions, facets] = await Promise.all([
      allInstitutions(store, ctx.lang, country ? { country } : {}),
      search.search(request.actor, { limit: 0, facets: ['institution'], ...(country ? { country: [country] } : {}) }),
    ]);
    const values = facets.facets.institution ?? [];
    const counts = new Map(values.map((v) => [v.value, v.count]));
    return sendPage(reply, <InstitutionsPage ctx={ctx} data={{ institutions, counts, countsComplete: values.length < FACET_VALUES_LISTED, country }} />);
  });

  app.get<{ Params: { id: string } }>('/institutions/:id', async (request, reply) => {
    const ctx = pageContext(request, reply);
    if (!ID_REGEX.test(request.params.id)) throw new AppError('INSTITUTION_NOT_FOUND', `No institution "${request.params.id}"`);
    const institution = await getInstitution(store.db, request.params.id);
    const records = await search.search(request.actor, { institution: [institution.id], limit: INSTITUTION_RECORDS, sort: 'title', facets: [], lang: ctx.lang });
    return sendPage(reply, <InstitutionPage ctx={ctx} data={{ institution, records, index: indexInstitutions([institution]) }} />);
  });
};
