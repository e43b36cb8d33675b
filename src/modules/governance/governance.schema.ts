import { Type, type TSchema } from '@sinclair/typebox';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import { LangMapSchema } from '../../shared/schema-helpers';
import { MEMBER_KINDS } from './alliance.service';
import { AGREEMENT_KINDS, LINK_KINDS } from './agreement.service';
import { APPLICATION_ACTIONS, APPLICATION_STATUSES, DECIDING_BODIES } from './application.flow';
import { GOV_VISIBILITIES, MEETING_KINDS, VOTE_RULES } from './meeting.rules';
import { MEMBERSHIP_EVENTS } from './membership.history';
import { RESOLUTION_KINDS } from './resolution.service';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Enum = <T extends readonly string[]>(values: T, description?: string) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' });

export const DocumentSchema = Type.Object({ id: Type.String(), title: Type.String(), visibility: Enum(GOV_VISIBILITIES), mediaType: Type.String(), bytes: Type.Integer(), sha256: Type.String(), createdAt: Type.String() });
export const errors = Object.fromEntries([400, 401, 403, 404, 409].map((s) => [s, ErrorSchema]));
export const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });

export const TierSchema = Type.Object({ id: Type.String(), code: Type.String(), name: LangMapSchema, appliesTo: Enum(['state', 'institution'] as const), position: Type.Integer() });
export const TierInputSchema = Type.Object({ code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }), name: LangMapSchema, appliesTo: Enum(['state', 'institution'] as const) }, { additionalProperties: false });
export const AllianceSchema = Type.Object({ id: Type.String(), name: LangMapSchema, description: LangMapSchema, memberKinds: Enum(MEMBER_KINDS), tiers: Type.Array(TierSchema) });
export const AllianceInputSchema = Type.Object(
  { id: Type.Optional(Type.String({ pattern: ID_PATTERN })), name: LangMapSchema, description: Type.Optional(LangMapSchema), memberKinds: Enum(MEMBER_KINDS), tiers: Type.Array(TierInputSchema, { maxItems: 50 }) },
  { additionalProperties: false },
);

export const MemberRefSchema = Type.Union([
  Type.Object({ kind: Type.Literal('institution'), institutionId: Type.String({ pattern: ID_PATTERN }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('state'), country: Country }, { additionalProperties: false }),
]);
export const MemberSchema = Type.Object({
  key: Type.String(),
  kind: Enum(['institution', 'state'] as const),
  institutionId: Nullable(Type.String()),
  country: Type.String(),
  name: Nullable(LangMapSchema),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  tierId: Type.String(),
  status: Enum(['active', 'suspended'] as const),
  since: Type.String(),
});
export const MembershipEventSchema = Type.Object({ id: Type.String(), member: MemberRefSchema, event: Enum(MEMBERSHIP_EVENTS), tierId: Nullable(Type.String()), effectiveOn: Type.String(), note: Nullable(Type.String()), recordedAt: Type.String() });
export const MembershipEventInputSchema = Type.Object(
  { member: MemberRefSchema, event: Enum(MEMBERSHIP_EVENTS), tierId: Type.Optional(Nullable(Type.String())), effectiveOn: DateText, note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) },
  { additionalProperties: false },
);

export const ApplicationSchema = Type.Object({
  id: Type.String(),
  allianceId: Type.String(),
  member: MemberRefSchema,
  tierId: Type.String(),
  statement: Type.String(),
  status: Enum(APPLICATION_STATUSES),
  decidedBy: Nullable(Enum(DECIDING_BODIES)),
  decidedOn: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  steps: Type.Array(Type.Object({ status: Enum(APPLICATION_STATUSES), note: Nullable(Type.String()), at: Type.String() })),
  yours: Type.Boolean({ description: 'You filed it (and may answer or withdraw it)' }),
});
export const ApplyInputSchema = Type.Object({ member: MemberRefSchema, tierId: Type.String(), statement: Type.String({ maxLength: 10_000 }) }, { additionalProperties: false });
export const ApplicationActionSchema = Type.Object(
  { action: Enum(APPLICATION_ACTIONS), note: Type.Optional(Nullable(Type.String({ maxLength: 10_000 }))), decidedBy: Type.Optional(Nullable(Enum(DECIDING_BODIES))), decidedOn: Type.Optional(Nullable(DateText)) },
  { additionalProperties: false },
);

const ParticipantSchema = Type.Object({ kind: Enum(['institution', 'state', 'person'] as const), institutionId: Nullable(Type.String()), country: Nullable(Country), name: Nullable(Type.String({ maxLength: 300 })), attended: Type.Boolean() });
export const VoteSchema = Type.Object({ id: Type.String(), motion: Type.String(), yes: Type.Integer(), no: Type.Integer(), abstain: Type.Integer(), result: Enum(['adopted', 'rejected'] as const), resolutionId: Nullable(Type.String()) });
export const VoteInputSchema = Type.Object(
  { motion: Type.String({ maxLength: 2000 }), yes: Type.Integer({ minimum: 0 }), no: Type.Integer({ minimum: 0 }), abstain: Type.Integer({ minimum: 0 }), rule: Type.Optional(Enum(VOTE_RULES, 'simple (default): more for than against; two-thirds of votes cast; consensus: none against')) },
  { additionalProperties: false },
);
const meetingFields = {
  kind: Enum(MEETING_KINDS),
  title: LangMapSchema,
  startsOn: DateText,
  endsOn: Type.Optional(Nullable(DateText)),
  place: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  onlineUrl: Type.Optional(Nullable(Type.String({ maxLength: 2000, pattern: '^https://' }))),
  agenda: Type.Optional(Type.String({ maxLength: 50_000 })),
  minutes: Type.Optional(Type.String({ maxLength: 200_000 })),
  visibility: Enum(GOV_VISIBILITIES),
};
export const MeetingInputSchema = Type.Object({ ...meetingFields, participants: Type.Optional(Type.Array(ParticipantSchema, { maxItems: 1000 })) }, { additionalProperties: false });
export const MeetingSchema = Type.Object({
  id: Type.String(),
  allianceId: Type.String(),
  ...meetingFields,
  endsOn: Nullable(Type.String()),
  place: Nullable(Type.String()),
  onlineUrl: Nullable(Type.String()),
  agenda: Type.String(),
  minutes: Type.String(),
  participants: Type.Array(ParticipantSchema),
  votes: Type.Array(VoteSchema),
  documents: Type.Array(DocumentSchema),
});

const VersionSchema = Type.Object({ version: Type.Integer(), title: LangMapSchema, body: LangMapSchema, note: Nullable(Type.String()), createdAt: Type.String() });
export const ResolutionSchema = Type.Object({
  id: Type.String(),
  allianceId: Type.String(),
  meetingId: Nullable(Type.String()),
  kind: Enum(RESOLUTION_KINDS),
  adoptedOn: Type.String(),
  visibility: Enum(GOV_VISIBILITIES),
  version: Type.Integer(),
  shown: VersionSchema,
  versions: Type.Array(Type.Object({ version: Type.Integer(), note: Nullable(Type.String()), createdAt: Type.String() })),
});
export const ResolutionSummarySchema = Type.Object({ id: Type.String(), meetingId: Nullable(Type.String()), kind: Enum(RESOLUTION_KINDS), adoptedOn: Type.String(), version: Type.Integer(), title: LangMapSchema });
export const ResolutionInputSchema = Type.Object(
  { meetingId: Type.Optional(Nullable(Type.String())), voteId: Type.Optional(Nullable(Type.String())), kind: Enum(RESOLUTION_KINDS), adoptedOn: DateText, visibility: Enum(GOV_VISIBILITIES), title: LangMapSchema, body: LangMapSchema },
  { additionalProperties: false },
);
export const ResolutionRevisionSchema = Type.Object({ title: LangMapSchema, body: LangMapSchema, note: Type.String({ maxLength: 1000 }), expectedVersion: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

const PartySchema = Type.Object({ kind: Enum(['institution', 'state', 'organisation'] as const), institutionId: Nullable(Type.String()), country: Nullable(Country), name: Nullable(Type.String({ maxLength: 300 })) });
const agreementFields = {
  kind: Enum(AGREEMENT_KINDS),
  title: LangMapSchema,
  scope: Type.Optional(Type.String({ maxLength: 20_000 })),
  signedOn: Type.Optional(Nullable(DateText)),
  signedPlace: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  startsOn: Type.Optional(Nullable(DateText)),
  endsOn: Type.Optional(Nullable(DateText)),
  renewal: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: 'How the agreement renews, e.g. "tacitly for 5 years"' }))),
  visibility: Enum(GOV_VISIBILITIES),
  parties: Type.Array(PartySchema, { maxItems: 500 }),
};
export const AgreementInputSchema = Type.Object({ ...agreementFields, links: Type.Optional(Type.Array(Type.Object({ kind: Enum(LINK_KINDS), id: Type.String() }), { maxItems: 500 })) }, { additionalProperties: false });
export const AgreementSchema = Type.Object({
  id: Type.String(),
  allianceId: Type.String(),
  ...agreementFields,
  scope: Type.String(),
  signedOn: Nullable(Type.String()),
  signedPlace: Nullable(Type.String()),
  startsOn: Nullable(Type.String()),
  endsOn: Nullable(Type.String()),
  renewal: Nullable(Type.String()),
  links: Type.Array(Type.Object({ kind: Enum(LINK_KINDS), id: Type.String(), title: Type.Optional(LangMapSchema) })),
  documents: Type.Array(DocumentSchema),
});

export const FiguresSchema = Type.Object({
  allianceId: Type.String(),
  year: Type.Integer(),
  asOf: Type.String(),
  members: Type.Object({
    total: Type.Integer(),
    states: Type.Integer(),
    institutions: Type.Integer(),
    joined: Type.Integer(),
    left: Type.Integer(),
    byTier: Type.Array(Type.Object({ tierId: Type.String(), count: Type.Integer() })),
    byCountry: Type.Array(Type.Object({ country: Type.String(), count: Type.Integer() })),
    byContinent: Type.Array(Type.Object({ continent: Type.String(), count: Type.Integer() })),
  }),
  series: Type.Array(Type.Object({ year: Type.Integer(), total: Type.Integer(), byTier: Type.Record(Type.String(), Type.Integer()) })),
  contributions: Type.Object({ institutions: Type.Integer(), records: Type.Integer(), images: Type.Integer() }),
  projects: Type.Array(Type.Object({ kind: Type.String(), projects: Type.Integer(), countries: Type.Integer() })),
});
