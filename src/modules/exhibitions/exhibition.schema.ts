import { Type } from '@sinclair/typebox';
import { LangMapSchema } from '../../shared/schema-helpers';
import { DECISIONS, EVENT_KINDS, LAYOUTS, STATUSES } from './exhibition.types';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const LanguageVersionSchema = Type.Object({ lang: Type.String(), published: Type.Boolean(), publishedAt: Nullable(Type.String()) });

export const ExhibitionSchema = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    leadInstitutionId: Type.String(),
    status: literals(STATUSES),
    title: LangMapSchema,
    summary: LangMapSchema,
    credits: LangMapSchema,
    coverRecordId: Nullable(Type.String()),
    curators: Type.Array(Type.String(), { description: 'Co-curating institutions, the lead first' }),
    languages: Type.Array(LanguageVersionSchema),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    publishedAt: Nullable(Type.String()),
  }
);

export const ItemSchema = Type.Object({
  id: Type.String(),
  chapterId: Type.String(),
  position: Type.Integer(),
  recordId: Type.String(),
  mediaId: Nullable(Type.String()),
  region: Nullable(Type.String()),
  caption: LangMapSchema,
});

export const ChapterSchema = Type.Object({
  id: Type.String(),
  position: Type.Integer(),
  layout: literals(LAYOUTS),
  title: LangMapSchema,
  body: LangMapSchema,
  items: Type.Array(ItemSchema),
});

export const ApprovalSchema = Type.Object({
  exhibitionId: Type.String(),
  recordId: Type.String(),
  institutionId: Type.String(),
  status: Type.Union([Type.Literal('pending'), literals(DECISIONS)]),
  requestedBy: Nullable(Type.String()),
  requestedAt: Type.String(),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

export const EventSchema = Type.Object({
  id: Type.String(),
  exhibitionId: Type.String(),
  kind: literals(EVENT_KINDS),
  title: LangMapSchema,
  startsAt: Type.String(),
  endsAt: Nullable(Type.String()),
  url: Nullable(Type.String()),
});

export const DraftSchema = Type.Intersect([
  Type.Omit(ExhibitionSchema, []),
  Type.Object({ chapters: Type.Array(ChapterSchema), approvals: Type.Array(ApprovalSchema), events: Type.Array(EventSchema) }),
]);

/** An exhibition as a visitor sees it in one language version. */
export const ExhibitionViewSchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  lang: Type.String({ description: 'The language version shown' }),
  languages: Type.Array(Type.String(), { description: 'Published language versions' }),
  status: Type.String(),
  title: Type.String(),
  summary: Nullable(Type.String()),
  credits: Nullable(Type.String()),
  curators: Type.Array(Type.String()),
  iiifCollection: Type.String(),
  chapters: Type.Array(
    Type.Object({
      id: Type.String(),
      layout: Type.String(),
      title: Nullable(Type.String()),
      body: Nullable(Type.String({ description: 'Markdown' })),
      items: Type.Array(
        Type.Object({
          recordId: Type.String(),
          access: Type.Union([Type.Literal('full'), Type.Literal('entry')], { description: 'entry: shown by its holder’s approval, catalogue entry only' }),
          mediaId: Nullable(Type.String()),
          region: Nullable(Type.String()),
          caption: Nullable(Type.String()),
        }),
      ),
    }),
  ),
  events: Type.Array(EventSchema),
});

export const TextMaps = {
  title: Type.Optional(LangMapSchema),
  summary: Type.Optional(LangMapSchema),
  credits: Type.Optional(LangMapSchema),
  slug: Type.Optional(Type.String({ maxLength: 80, description: 'The exhibition’s address: /exhibitions/{slug}' })),
  coverRecordId: Type.Optional(Nullable(Type.String({ maxLength: 128 }))),
};
