import { Type } from '@sinclair/typebox';
import { LangMapSchema } from '../../shared/schema-helpers';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const DispersalEventSchema = Type.Object({
  date: Type.String({ maxLength: 100, description: 'EDTF: 1907, 1900/1910, 0868-05-11' }),
  place: Type.String({ maxLength: 200 }),
  lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  lon: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  note: LangMapSchema,
});

export const FragmentSchema = Type.Object({
  recordId: Type.String(),
  position: Type.Integer(),
  imageService: Nullable(Type.String()),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
});

export const FragmentInputSchema = Type.Object(
  {
    recordId: Type.String({ maxLength: 128 }),
    imageService: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: 'The holder’s IIIF Image API base URL, when its images are not kept here' }))),
    width: Type.Optional(Nullable(Type.Integer())),
    height: Type.Optional(Nullable(Type.Integer())),
  },
  { additionalProperties: false },
);

export const ReunitedSchema = Type.Object(
  {
    id: Type.String(),
    institutionId: Type.String(),
    title: LangMapSchema,
    summary: LangMapSchema,
    history: Type.Array(DispersalEventSchema),
    fragments: Type.Array(FragmentSchema, { description: 'The fragments you may see, in order' }),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  }
);

export const ReunitedInputSchema = Type.Object(
  {
    institutionId: Type.Optional(Type.String({ maxLength: 128 })),
    title: Type.Optional(LangMapSchema),
    summary: Type.Optional(LangMapSchema),
    history: Type.Optional(Type.Array(DispersalEventSchema, { maxItems: 50 })),
    fragments: Type.Optional(Type.Array(FragmentInputSchema, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
