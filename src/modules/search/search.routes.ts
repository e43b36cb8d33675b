import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listParam } from '../../shared/http';
import type { ModuleOptions } from '../../shared/request-context';
import { ErrorSchema } from '../../shared/error-handler';
import { FACETS, SORTS, type FacetName, type SearchParams } from './search.types';
import type { SearchRunner } from './search.runner';
import { GEO_CELL_SIZES } from './search.geo';

const Multi = Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })]));

export const SearchQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 20_000, description: 'Words, "quoted phrases", prefix*; any text is accepted' })),
  prefix: Type.Optional(Type.Boolean({ description: 'Treat the last word as a prefix (type-ahead)' })),
  institution: Multi,
  country: Multi,
  kind: Multi,
  century: Multi,
  material: Multi,
  language: Multi,
  rights: Multi,
  hasImages: Type.Optional(Type.Boolean()),
  yearFrom: Type.Optional(Type.Integer({ description: 'Astronomical year: 0 = 1 BCE, -199 = 200 BCE' })),
  yearTo: Type.Optional(Type.Integer()),
  bbox: Type.Optional(Type.String({ pattern: '^-?[\\d.]+,-?[\\d.]+,-?[\\d.]+,-?[\\d.]+$', description: 'west,south,east,north' })),
  sort: Type.Optional(Type.Union(SORTS.map((s) => Type.Literal(s)))),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  facets: Type.Optional(Type.String({ description: `Comma-separated facets to count (${FACETS.join(', ')}); "none" for none` })),
  lang: Type.Optional(Type.String({ maxLength: 35 })),
  geoCell: Type.Optional(Type.Number({ description: `Also bin all matching records with coordinates into cells of this many degrees (${GEO_CELL_SIZES.join(', ')})` })),
});

const FacetValues = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer(), label: Type.String() }));
const SearchResultSchema = Type.Object({
  total: Type.Integer(),
  offset: Type.Integer(),
  limit: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.Record(Type.String(), Type.Array(Type.String())),
      institutionId: Type.String(),
      country: Type.String(),
      kind: Type.String(),
      date: Type.Union([Type.String(), Type.Null()]),
      yearFrom: Type.Union([Type.Integer(), Type.Null()]),
      yearTo: Type.Union([Type.Integer(), Type.Null()]),
      lat: Type.Union([Type.Number(), Type.Null()]),
      lon: Type.Union([Type.Number(), Type.Null()]),
      rights: Type.Union([Type.String(), Type.Null()]),
      hasMedia: Type.Boolean(),
      snippet: Type.Union([Type.String(), Type.Null()]),
      score: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  facets: Type.Partial(Type.Object(Object.fromEntries(FACETS.map((f) => [f, FacetValues])))),
  geo: Type.Optional(
    Type.Array(Type.Object({ count: Type.Integer(), lat: Type.Number(), lon: Type.Number(), bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4, description: 'west,south,east,north' }) })),
  ),
});

/** Turns the query string of /search or /api/v1/search into search parameters. */
export function toSearchParams(q: Record<string, unknown>): SearchParams {
  const facetList = typeof q.facets === 'string' ? (q.facets === 'none' ? [] : listParam(q.facets)?.filter((f): f is FacetName => (FACETS as readonly string[]).includes(f))) : undefined;
  const bbox = typeof q.bbox === 'string' ? (q.bbox.split(',').map(Number) as [number, number, number, number]) : undefined;
  return {
    q: q.q as string | undefined,
    prefix: q.prefix as boolean | undefined,
    institution: listParam(q.institution as string),
    country: listParam(q.country as string),
    kind: listParam(q.kind as string),
    century: listParam(q.century as string),
    material: listParam(q.material as string),
    language: listParam(q.language as string),
    rights: listParam(q.rights as string)?.filter((r): r is 'open' | 'restricted' => r === 'open' || r === 'restricted'),
    hasImages: q.hasImages as boolean | undefined,
    yearFrom: q.yearFrom as number | undefined,
    yearTo: q.yearTo as number | undefined,
    bbox,
    sort: q.sort as SearchParams['sort'],
    offset: q.offset as number | undefined,
    limit: q.limit as number | undefined,
    facets: facetList,
    lang: q.lang as string | undefined,
    geoCell: typeof q.geoCell === 'number' ? q.geoCell : undefined,
  };
}

/** GET /api/v1/search: full text, filters, facets; answers `{ total, items, facets }`. */
export const searchRoutes: FastifyPluginAsyncTypebox<ModuleOptions & { search: SearchRunner }> = async (app, { search }) => {
  app.get('/api/v1/search', {
    schema: {
      tags: ['search'],
      summary: 'Search the records you may see, with facets',
      querystring: SearchQuerySchema,
      response: { 200: SearchResultSchema, 400: ErrorSchema },
    },
    handler: async (req) => search.search(req.actor, toSearchParams(req.query)),
  });
};
