import { Type } from '@sinclair/typebox';
import { LangMapSchema } from '../../shared/schema-helpers';
import { CONDITIONS, PRIMARY_FACTORS, PRIORITIES, TRENDS } from './risk.taxonomy';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Enum = (values: readonly string[], description?: string) => Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {});

export const ThreatSchema = Type.Object({
  id: Type.String(),
  primary: Type.String({ description: 'Primary factor of the UNESCO list (see /api/v1/risk/factors)' }),
  secondary: Nullable(Type.String()),
  description: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const EntrySchema = Type.Object({
  id: Type.String(),
  recordId: Type.String(),
  institutionId: Type.String(),
  responsibleInstitutionId: Type.String(),
  condition: Enum(CONDITIONS),
  trend: Enum(TRENDS),
  priority: Enum(PRIORITIES),
  lastInspection: Nullable(Type.String({ format: 'date' })),
  notes: Nullable(Type.String()),
  updatedAt: Type.String(),
  threats: Type.Array(ThreatSchema),
});

export const RegisterItemSchema = Type.Intersect([
  EntrySchema,
  Type.Object({
    title: LangMapSchema,
    kind: Type.String(),
    lat: Nullable(Type.Number()),
    lon: Nullable(Type.Number()),
    approximate: Type.Boolean({ description: 'The point is generalised (a sensitive site; exact coordinates only for its staff)' }),
  }),
]);

export const SensitiveSchema = Type.Object({
  sensitive: Type.Boolean(),
  reason: Nullable(Type.String()),
  flaggedAt: Nullable(Type.String()),
  exact: Type.Optional(Type.Array(Type.Object({ index: Type.Integer(), lat: Type.Number(), lon: Type.Number() }), { description: 'Only for the site’s staff and the secretariat' })),
});

export const EntryInputSchema = Type.Object(
  {
    condition: Enum(CONDITIONS),
    trend: Enum(TRENDS),
    priority: Enum(PRIORITIES),
    lastInspection: Type.Optional(Nullable(Type.String({ description: 'YYYY-MM-DD' }))),
    responsibleInstitutionId: Type.Optional(Nullable(Type.String({ description: 'Defaults to the record’s institution' }))),
    notes: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  },
  { additionalProperties: false },
);

export const ThreatInputSchema = Type.Object(
  { primary: Enum(PRIMARY_FACTORS), secondary: Type.Optional(Nullable(Type.String())), description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) },
  { additionalProperties: false },
);

export const RegisterQuerySchema = Type.Object({
  factor: Type.Optional(Type.String({ description: 'A primary factor, or primary.secondary' })),
  priority: Type.Optional(Enum(PRIORITIES)),
  condition: Type.Optional(Enum(CONDITIONS)),
  trend: Type.Optional(Enum(TRENDS)),
  institution: Type.Optional(Type.String()),
});
