import { Type, type TSchema } from '@sinclair/typebox';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import { LangMapSchema } from '../../shared/schema-helpers';
import { AVAILABILITIES, SKILLS } from './skills';

/** TypeBox schemas of the people module's API (experts, training, events, case studies, awards). */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
export const errors = Object.fromEntries([400, 401, 403, 404, 409].map((s) => [s, ErrorSchema]));
export const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A date, YYYY-MM-DD (UTC)' });
export const Visibility = Type.Union([Type.Literal('public'), Type.Literal('members')]);

export const ExpertSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  institutionId: Nullable(Type.String()),
  name: Type.String(),
  bio: Type.String(),
  skills: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  availability: Type.String(),
  listed: Type.Boolean(),
  updatedAt: Type.String(),
});
export const ExpertBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    bio: Type.Optional(Type.String({ maxLength: 4000 })),
    skills: Type.Optional(Type.Array(Type.Union(SKILLS.map((s) => Type.Literal(s))), { description: 'Codes of the controlled skills list' })),
    languages: Type.Optional(Type.Array(Type.String({ maxLength: 35 }), { description: 'BCP 47 tags of the languages the expert works in' })),
    availability: Type.Optional(Type.Union(AVAILABILITIES.map((s) => Type.Literal(s)))),
    institutionId: Type.Optional(Nullable(Type.String({ pattern: ID_PATTERN }))),
    listed: Type.Boolean({ description: 'Consent to be listed in the members’ directory' }),
  },
  { additionalProperties: false },
);

export const CallSchema = Type.Object({
  id: Type.String(),
  institutionId: Type.String(),
  kind: Type.String(),
  title: LangMapSchema,
  summary: LangMapSchema,
  location: Nullable(Type.String()),
  places: Type.Integer(),
  deadline: Type.String(),
  startsOn: Nullable(Type.String()),
  endsOn: Nullable(Type.String()),
  visibility: Type.String(),
  open: Type.Boolean(),
  manageable: Type.Boolean(),
});
export const CallBody = Type.Object(
  {
    institutionId: Type.String({ pattern: ID_PATTERN }),
    kind: Type.Union([Type.Literal('training'), Type.Literal('exchange')]),
    title: LangMapSchema,
    summary: Type.Optional(LangMapSchema),
    location: Type.Optional(Type.String({ maxLength: 300 })),
    places: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    deadline: Day,
    startsOn: Type.Optional(Day),
    endsOn: Type.Optional(Day),
    visibility: Type.Optional(Visibility),
  },
  { additionalProperties: false },
);
export const CallPatch = Type.Object(
  {
    title: Type.Optional(LangMapSchema),
    summary: Type.Optional(LangMapSchema),
    location: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    places: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    deadline: Type.Optional(Day),
    startsOn: Type.Optional(Nullable(Day)),
    endsOn: Type.Optional(Nullable(Day)),
    visibility: Type.Optional(Visibility),
  },
  { additionalProperties: false },
);
export const ApplicationSchema = Type.Object({
  id: Type.String(),
  callId: Type.String(),
  userId: Type.String(),
  applicant: Type.String(),
  email: Type.String(),
  statement: Type.String(),
  status: Type.String(),
  outcome: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const EventSchema = Type.Object({
  id: Type.String(),
  institutionId: Nullable(Type.String()),
  kind: Type.String(),
  title: LangMapSchema,
  description: LangMapSchema,
  startsAt: Type.String(),
  endsAt: Type.String(),
  allDay: Type.Boolean(),
  location: Nullable(Type.String()),
  url: Nullable(Type.String()),
  visibility: Type.String(),
  source: Nullable(Type.Object({ kind: Type.String(), id: Type.String() })),
  updatedAt: Type.String(),
  manageable: Type.Boolean(),
  page: Type.String({ description: "The event's page: its own, or the exhibition it belongs to" }),
});
const eventFields = {
  kind: Type.Optional(Type.String({ description: 'seminar, exhibition-opening, livestream, training, meeting or other' })),
  title: LangMapSchema,
  description: Type.Optional(LangMapSchema),
  startsAt: Type.String({ description: 'YYYY-MM-DDTHH:MM in UTC (or with an offset); a date for all-day events' }),
  endsAt: Type.Optional(Type.String({ description: 'As startsAt; for all-day events the last day' })),
  allDay: Type.Optional(Type.Boolean()),
  location: Type.Optional(Type.String({ maxLength: 300 })),
  url: Type.Optional(Type.String({ maxLength: 2000, description: 'The live stream or the event’s page' })),
  visibility: Type.Optional(Visibility),
};
export const EventBody = Type.Object(
  { ...eventFields, institutionId: Type.Optional(Type.String({ pattern: ID_PATTERN })), source: Type.Optional(Type.Object({ kind: Type.String({ maxLength: 40 }), id: Type.String({ pattern: ID_PATTERN }) })) },
  { additionalProperties: false },
);
export const EventPatch = Type.Object(eventFields, { additionalProperties: false });

const sections = { problem: LangMapSchema, method: LangMapSchema, materials: LangMapSchema, outcome: LangMapSchema, lessons: LangMapSchema };
export const CaseStudySchema = Type.Object({ id: Type.String(), institutionId: Type.String(), title: LangMapSchema, ...sections, visibility: Type.String(), updatedAt: Type.String(), manageable: Type.Boolean() });
const LinkBody = Type.Object({ kind: Type.Union([Type.Literal('record'), Type.Literal('site'), Type.Literal('project')]), id: Type.String({ pattern: ID_PATTERN }) });
const optionalSections = { problem: Type.Optional(LangMapSchema), method: Type.Optional(LangMapSchema), materials: Type.Optional(LangMapSchema), outcome: Type.Optional(LangMapSchema), lessons: Type.Optional(LangMapSchema) };
export const CaseStudyBody = Type.Object({ institutionId: Type.String({ pattern: ID_PATTERN }), title: LangMapSchema, ...optionalSections, visibility: Type.Optional(Visibility), links: Type.Optional(Type.Array(LinkBody, { maxItems: 50 })) }, { additionalProperties: false });
export const CaseStudyPatch = Type.Object({ title: Type.Optional(LangMapSchema), ...optionalSections, visibility: Type.Optional(Visibility), links: Type.Optional(Type.Array(LinkBody, { maxItems: 50 })) }, { additionalProperties: false });
export const CaseStudyLinkSchema = Type.Object({ kind: Type.String(), id: Type.String(), title: Nullable(LangMapSchema), href: Type.String() });

export const AwardSchema = Type.Object({ id: Type.String(), title: LangMapSchema, description: LangMapSchema, deadline: Type.String(), status: Type.String(), acceptsNominations: Type.Boolean(), publishedAt: Nullable(Type.String()) });
export const NominationSchema = Type.Object({
  id: Type.String(),
  nominee: Type.String(),
  institutionId: Nullable(Type.String()),
  citation: Type.String(),
  winner: Type.Boolean(),
  createdAt: Type.String(),
  scores: Type.Optional(Type.Array(Type.Object({ juror: Type.String(), score: Type.Integer(), comment: Nullable(Type.String()) }))),
  average: Type.Optional(Nullable(Type.Number())),
});
export const AwardDetailSchema = Type.Object({
  award: AwardSchema,
  winners: Type.Array(NominationSchema),
  nominations: Nullable(Type.Array(NominationSchema)),
  jurors: Nullable(Type.Array(Type.String())),
  isJuror: Type.Boolean(),
  isSecretariat: Type.Boolean(),
});
