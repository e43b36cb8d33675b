import { Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import { LangMapSchema } from '../../shared/schema-helpers';
import { ANALYSIS_METHODS, ANALYSIS_VISIBILITIES } from './analysis.table';
import { NEED_KINDS, NEED_VISIBILITIES, PLEDGE_STATUSES } from './need.table';
import { OUTPUT_KINDS, OUTPUT_RELATIONS, OUTPUT_VISIBILITIES, PARTNER_ROLES, PROJECT_KINDS, PROJECT_STATUSES, PROJECT_VISIBILITIES } from './project.table';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Enum = <T extends string>(values: readonly T[], description?: string) => Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {}) as unknown as TUnion<TLiteral<T>[]>;
const DateText = Type.String({ maxLength: 64, description: 'EDTF (an ISO date is EDTF): 2024, 2024-05, 2024-05-17, 2024/2026' });

export const errors = Object.fromEntries([400, 401, 403, 404, 409, 413, 415].map((s) => [s, ErrorSchema]));
export const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
export const PartParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), partId: Type.String({ pattern: ID_PATTERN }) });

export const PartnerInputSchema = Type.Object(
  {
    institutionId: Type.Optional(Nullable(Type.String({ pattern: ID_PATTERN }))),
    countryCode: Type.Optional(Type.String({ minLength: 2, maxLength: 2, description: 'ISO 3166-1 alpha-2; taken from the institution when absent' })),
    role: Enum(PARTNER_ROLES),
    name: Type.Optional(Nullable(Type.String({ maxLength: 200, description: 'For a partner that is not an institution of the alliance (a state body)' }))),
  },
  { additionalProperties: false },
);
export const SiteInputSchema = Type.Object(
  { name: Type.String({ maxLength: 200 }), countryCode: Type.String({ minLength: 2, maxLength: 2 }), lat: Type.Optional(Nullable(Type.Number())), lon: Type.Optional(Nullable(Type.Number())) },
  { additionalProperties: false },
);

export const ProjectInputSchema = Type.Object(
  {
    kind: Enum(PROJECT_KINDS),
    title: LangMapSchema,
    summary: Type.Optional(LangMapSchema),
    ownerInstitutionId: Type.String({ pattern: ID_PATTERN, description: 'The lead institution (becomes the lead partner)' }),
    status: Type.Optional(Enum(PROJECT_STATUSES)),
    visibility: Type.Optional(Enum(PROJECT_VISIBILITIES)),
    startDate: Type.Optional(Nullable(DateText)),
    endDate: Type.Optional(Nullable(DateText)),
    partners: Type.Optional(Type.Array(PartnerInputSchema, { maxItems: 200 })),
    sites: Type.Optional(Type.Array(SiteInputSchema, { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export const ProjectPatchSchema = Type.Object(
  {
    kind: Type.Optional(Enum(PROJECT_KINDS)),
    title: Type.Optional(LangMapSchema),
    summary: Type.Optional(LangMapSchema),
    status: Type.Optional(Enum(PROJECT_STATUSES)),
    visibility: Type.Optional(Enum(PROJECT_VISIBILITIES)),
    startDate: Type.Optional(Nullable(DateText)),
    endDate: Type.Optional(Nullable(DateText)),
  },
  { additionalProperties: false },
);

export const ProjectSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  visibility: Type.String(),
  ownerInstitutionId: Type.String(),
  title: LangMapSchema,
  summary: LangMapSchema,
  startDate: Nullable(Type.String()),
  endDate: Nullable(Type.String()),
  partners: Type.Array(
    Type.Object({ id: Type.String(), institutionId: Nullable(Type.String()), institutionName: Nullable(LangMapSchema), name: Nullable(Type.String()), countryCode: Type.String(), role: Type.String() }),
  ),
  sites: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), countryCode: Type.String(), lat: Nullable(Type.Number()), lon: Nullable(Type.Number()) })),
  countries: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  canEdit: Type.Boolean(),
  canManage: Type.Boolean(),
});

export const MilestoneSchema = Type.Object({ id: Type.String(), title: LangMapSchema, dueDate: Nullable(Type.String()), doneAt: Nullable(Type.String()) });
export const UpdateSchema = Type.Object({ id: Type.String(), title: LangMapSchema, body: LangMapSchema, image: Nullable(Type.String()), imageAlt: Nullable(Type.String()), publishedAt: Type.String() });
export const OutputSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  url: Nullable(Type.String()),
  recordId: Nullable(Type.String()),
  recordTitle: Nullable(LangMapSchema),
  relation: Nullable(Type.String()),
  visibility: Type.String(),
  createdAt: Type.String(),
  file: Nullable(Type.Object({ href: Type.String({ description: 'Where the uploaded document is downloaded' }), mime: Type.String(), size: Type.Integer() })),
});
export const OutputInputSchema = Type.Object(
  {
    kind: Enum(OUTPUT_KINDS),
    recordId: Type.Optional(Nullable(Type.String({ maxLength: 500, description: 'For kind "record": the record id (or its /records/ URL)' }))),
    title: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    url: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    relation: Type.Optional(Nullable(Enum(OUTPUT_RELATIONS))),
    visibility: Type.Optional(Enum(OUTPUT_VISIBILITIES, 'members: shown to members of the alliance and the partners only')),
  },
  { additionalProperties: false },
);

export const AnalysisInputSchema = Type.Object(
  {
    institutionId: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'The recording institution (default: your first)' })),
    recordId: Type.Optional(Nullable(Type.String({ pattern: ID_PATTERN }))),
    site: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    projectId: Type.Optional(Nullable(Type.String({ pattern: ID_PATTERN }))),
    method: Enum(ANALYSIS_METHODS),
    sample: Type.String({ maxLength: 2000 }),
    result: Type.String({ maxLength: 10_000 }),
    date: Type.Optional(Nullable(DateText)),
    laboratory: Type.String({ maxLength: 300 }),
    people: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })),
    visibility: Type.Optional(Enum(ANALYSIS_VISIBILITIES)),
  },
  { additionalProperties: false },
);
export const AnalysisSchema = Type.Object({
  id: Type.String(),
  institutionId: Type.String(),
  recordId: Nullable(Type.String()),
  recordTitle: Nullable(LangMapSchema),
  site: Nullable(Type.String()),
  projectId: Nullable(Type.String()),
  projectTitle: Nullable(LangMapSchema),
  method: Type.String(),
  sample: Type.String(),
  result: Type.String(),
  date: Nullable(Type.String()),
  laboratory: Type.String(),
  people: Type.Array(Type.String()),
  visibility: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  canEdit: Type.Boolean(),
});

export const PledgeSchema = Type.Object({
  id: Type.String(),
  institutionId: Type.String(),
  institutionName: Nullable(LangMapSchema),
  quantity: Type.Number(),
  note: Type.String(),
  status: Enum(PLEDGE_STATUSES),
  createdAt: Type.String(),
  canWithdraw: Type.Boolean(),
  canAccept: Type.Boolean(),
});
export const NeedSchema = Type.Object({
  id: Type.String(),
  institutionId: Type.String(),
  projectId: Nullable(Type.String()),
  projectTitle: Nullable(LangMapSchema),
  kind: Type.String(),
  title: LangMapSchema,
  description: LangMapSchema,
  skill: Nullable(Type.String()),
  quantity: Type.Number(),
  unit: Type.String({ description: 'An ISO 4217 currency for funds; persons, items or places otherwise' }),
  pledged: Type.Number(),
  remaining: Type.Number(),
  status: Type.String(),
  visibility: Type.String(),
  dueDate: Nullable(Type.String()),
  createdAt: Type.String(),
  canEdit: Type.Boolean(),
  canPledge: Type.Boolean(),
  pledges: Type.Array(PledgeSchema),
});
export const NeedInputSchema = Type.Object(
  {
    institutionId: Type.Optional(Type.String({ pattern: ID_PATTERN })),
    projectId: Type.Optional(Nullable(Type.String({ pattern: ID_PATTERN }))),
    kind: Enum(NEED_KINDS),
    title: LangMapSchema,
    description: Type.Optional(LangMapSchema),
    skill: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    quantity: Type.Number({ exclusiveMinimum: 0 }),
    currency: Type.Optional(Type.String({ minLength: 3, maxLength: 3, description: 'ISO 4217, for funds' })),
    visibility: Type.Optional(Enum(NEED_VISIBILITIES)),
    dueDate: Type.Optional(Nullable(DateText)),
  },
  { additionalProperties: false },
);
export const PledgeInputSchema = Type.Object(
  { institutionId: Type.Optional(Type.String({ pattern: ID_PATTERN })), quantity: Type.Number({ exclusiveMinimum: 0 }), note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
