import { Type, type Static } from '@sinclair/typebox';
import { LangMapSchema } from '../../shared/schema-helpers';
import { ID_PATTERN } from '../../shared/ids';

export const RECORD_KINDS = ['object', 'manuscript', 'rare-book', 'archival-unit', 'site', 'audiovisual'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export const VISIBILITIES = ['public', 'members', 'private'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const RELATION_TYPES = ['partOf', 'hasPart', 'fragmentOfSameWork', 'sameSite', 'relatedTo'] as const;

const Uri = Type.String({ maxLength: 2000, pattern: '^(https?|urn|info):' });
const Str = (max = 2000) => Type.String({ maxLength: max });
const Opt = Type.Optional;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** A term from a vocabulary (material, technique, subject, object type): labels plus an optional URI (AAT, Wikidata...). */
export const TermSchema = Type.Object(
  { label: LangMapSchema, uri: Opt(Uri), vocabulary: Opt(Str(100)) },
  { additionalProperties: false },
);

export const RecordInputSchema = Type.Object(
  {
    id: Opt(Type.String({ pattern: ID_PATTERN, description: 'Stable identifier; generated when absent' })),
    institutionId: Type.String({ pattern: ID_PATTERN }),
    kind: Type.Union(RECORD_KINDS.map((k) => Type.Literal(k))),
    title: LangMapSchema,
    description: Opt(LangMapSchema),
    inscriptions: Opt(LangMapSchema),
    notes: Opt(LangMapSchema),
    identifiers: Opt(
      Type.Array(
        Type.Object(
          { type: Type.Union(['inventory', 'shelfmark', 'call-number', 'isbn', 'issn', 'doi', 'uri', 'other'].map((k) => Type.Literal(k))), value: Str(500), label: Opt(Str(200)) },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
    agents: Opt(
      Type.Array(
        Type.Object(
          { name: LangMapSchema, role: Str(100), uri: Opt(Uri), dates: Opt(Str(100)) },
          { additionalProperties: false },
        ),
        { maxItems: 200 },
      ),
    ),
    date: Opt(
      Type.Object(
        {
          display: Str(500),
          edtf: Opt(Str(100)),
        },
        { additionalProperties: false, description: 'Display text; the EDTF value is derived from it when absent' },
      ),
    ),
    places: Opt(
      Type.Array(
        Type.Object(
          {
            name: LangMapSchema,
            role: Opt(Str(100)),
            uri: Opt(Uri),
            country: Opt(Type.String({ pattern: '^[A-Z]{2}$' })),
            lat: Opt(Type.Number({ minimum: -90, maximum: 90 })),
            lon: Opt(Type.Number({ minimum: -180, maximum: 180 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
    materials: Opt(Type.Array(TermSchema, { maxItems: 100 })),
    techniques: Opt(Type.Array(TermSchema, { maxItems: 100 })),
    objectTypes: Opt(Type.Array(TermSchema, { maxItems: 50 })),
    dimensions: Opt(
      Type.Array(
        Type.Object(
          { type: Str(100), value: Type.Number(), unit: Str(20), display: Opt(Str(200)) },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    dimensionsText: Opt(Str(1000)),
    subjects: Opt(Type.Array(TermSchema, { maxItems: 500 })),
    languages: Opt(Type.Array(Type.String({ maxLength: 35 }), { maxItems: 50, description: 'Languages of the item itself (BCP 47)' })),
    relations: Opt(
      Type.Array(
        Type.Object(
          { type: Type.Union(RELATION_TYPES.map((k) => Type.Literal(k))), target: Type.String({ pattern: ID_PATTERN }), note: Opt(LangMapSchema) },
          { additionalProperties: false },
        ),
        { maxItems: 500 },
      ),
    ),
    iiifManifests: Opt(
      Type.Array(Type.String({ maxLength: 2000, pattern: '^https?://' }), {
        maxItems: 20,
        description: 'Remote IIIF Presentation 3 or 2 manifests whose images show in the viewer without being copied',
      }),
    ),
    rights: Opt(Nullable(Uri)),
    creditLine: Opt(LangMapSchema),
    visibility: Opt(Type.Union(VISIBILITIES.map((k) => Type.Literal(k)))),
    embargoUntil: Opt(Nullable(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}', description: 'ISO 8601 date-time' }))),
    source: Opt(
      Type.Object(
        { kind: Type.Union(['import', 'harvest', 'manual', 'demo'].map((k) => Type.Literal(k))), system: Opt(Str(200)), identifier: Str(500), url: Opt(Uri) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, $id: 'RecordInput' },
);
export type RecordInput = Static<typeof RecordInputSchema>;

/** The record as the API returns it: the input document plus what the platform derives and keeps. */
export type HeritageRecord = Omit<RecordInput, 'id' | 'date' | 'visibility' | 'embargoUntil' | 'rights'> & {
  id: string;
  date?: { display: string; edtf?: string; yearFrom?: number; yearTo?: number };
  visibility: Visibility;
  embargoUntil: string | null;
  rights: string | null;
  country: string;
  hasMedia: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

export const RecordSchema = Type.Intersect(
  [
    Type.Omit(RecordInputSchema, ['id', 'date', 'visibility', 'embargoUntil', 'rights']),
    Type.Object({
      id: Type.String(),
      date: Opt(Type.Object({ display: Type.String(), edtf: Opt(Type.String()), yearFrom: Opt(Type.Integer()), yearTo: Opt(Type.Integer()) })),
      visibility: Type.String(),
      embargoUntil: Nullable(Type.String()),
      rights: Nullable(Type.String()),
      country: Type.String(),
      hasMedia: Type.Boolean(),
      version: Type.Integer(),
      createdAt: Type.String(),
      updatedAt: Type.String(),
      deletedAt: Nullable(Type.String()),
    }),
  ],
  { $id: 'Record' },
);
