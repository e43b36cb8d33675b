import { Type } from '@sinclair/typebox';
import { LangMapSchema } from '../../shared/schema-helpers';
import { DAMAGE_TYPES, EXTENTS, SEVERITIES, STABILITIES } from './assessment';
import { INCIDENT_KINDS, INCIDENT_STATUSES } from './incident';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Enum = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const AreaSchema = Type.Unsafe<unknown>({
  type: 'object',
  description: 'GeoJSON geometry: a Point or a Polygon, [longitude, latitude] (WGS 84)',
  required: ['type', 'coordinates'],
  properties: { type: { type: 'string', enum: ['Point', 'Polygon'] }, coordinates: { type: 'array' } },
});

export const IncidentSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: Enum(INCIDENT_KINDS),
  status: Enum(INCIDENT_STATUSES),
  date: Type.String({ description: 'EDTF' }),
  dateFrom: Type.String({ format: 'date' }),
  dateTo: Type.String({ description: 'ISO date; 9999-12-31 for an open end' }),
  area: Nullable(AreaSchema),
  description: Nullable(Type.String()),
  institutionId: Type.String(),
  projectId: Nullable(Type.String({ description: 'The restoration project it became, if any' })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  sites: Type.Array(Type.Object({ recordId: Type.String(), institutionId: Type.String(), title: LangMapSchema, kind: Type.String() })),
  canEdit: Type.Boolean(),
});

export const IncidentInputSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    kind: Enum(INCIDENT_KINDS),
    status: Type.Optional(Enum(INCIDENT_STATUSES)),
    date: Type.String({ description: 'EDTF date or interval, e.g. 2026-11-03 or 2026-11-03/2026-11-05', maxLength: 100 }),
    area: Type.Optional(Nullable(AreaSchema)),
    description: Type.Optional(Nullable(Type.String({ maxLength: 10000 }))),
    institutionId: Type.String({ description: 'The coordinating institution (one whose records you edit)' }),
  },
  { additionalProperties: false },
);

export const PhotoSchema = Type.Object({ id: Type.String(), caption: Nullable(Type.String()), width: Type.Integer(), height: Type.Integer(), url: Type.String() });

export const AssessmentSchema = Type.Object({
  id: Type.String(),
  incidentId: Type.String(),
  recordId: Type.String(),
  status: Enum(['draft', 'submitted']),
  damageTypes: Type.Array(Type.String()),
  extent: Nullable(Type.String()),
  severity: Nullable(Type.String()),
  stability: Nullable(Type.String()),
  urgentActions: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  assessor: Nullable(Type.String()),
  assessedOn: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  submittedAt: Nullable(Type.String()),
  mine: Type.Boolean(),
  photos: Type.Array(PhotoSchema),
});

export const AssessmentInputSchema = Type.Object(
  {
    recordId: Type.String(),
    damageTypes: Type.Optional(Type.Array(Enum(DAMAGE_TYPES), { maxItems: DAMAGE_TYPES.length })),
    extent: Type.Optional(Nullable(Enum(EXTENTS))),
    severity: Type.Optional(Nullable(Enum(SEVERITIES))),
    stability: Type.Optional(Nullable(Enum(STABILITIES))),
    urgentActions: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
    notes: Type.Optional(Nullable(Type.String({ maxLength: 10000 }))),
    assessor: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    assessedOn: Type.Optional(Nullable(Type.String({ description: 'YYYY-MM-DD' }))),
    submit: Type.Optional(Type.Boolean({ description: 'Submit (complete, final) rather than keep as a draft', default: false })),
    draftId: Type.Optional(Type.String({ description: 'Your draft to save again or submit' })),
  },
  { additionalProperties: false },
);
