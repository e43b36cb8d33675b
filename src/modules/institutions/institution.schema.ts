import { Type, type Static } from '@sinclair/typebox';
import { LangMapSchema } from '../../shared/schema-helpers';
import { ID_PATTERN } from '../../shared/ids';

export const INSTITUTION_KINDS = ['museum', 'library', 'archive', 'research-institute', 'university', 'heritage-agency'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export const InstitutionInputSchema = Type.Object(
  {
    id: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'Short stable identifier used in URLs; generated from the name when absent' })),
    name: LangMapSchema,
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 code' }),
    kind: Type.Union(INSTITUTION_KINDS.map((k) => Type.Literal(k))),
    city: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    lat: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
    lon: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
    website: Type.Optional(Type.Union([Type.String({ maxLength: 2000, pattern: '^https?://' }), Type.Null()])),
    description: Type.Optional(LangMapSchema),
  },
  { additionalProperties: false, $id: 'InstitutionInput' },
);
export type InstitutionInput = Static<typeof InstitutionInputSchema>;

export const InstitutionSchema = Type.Object(
  {
    id: Type.String(),
    name: LangMapSchema,
    country: Type.String(),
    kind: Type.String(),
    city: Type.Union([Type.String(), Type.Null()]),
    lat: Type.Union([Type.Number(), Type.Null()]),
    lon: Type.Union([Type.Number(), Type.Null()]),
    website: Type.Union([Type.String(), Type.Null()]),
    description: LangMapSchema,
    version: Type.Integer(),
    recordCount: Type.Optional(Type.Integer()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'Institution' },
);
export type Institution = Static<typeof InstitutionSchema>;
