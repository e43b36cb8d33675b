import { Type, type Static } from '@sinclair/typebox';
import { ID_PATTERN } from '../../shared/ids';

/** The dump format's version; a loader refuses versions it does not know. */
export const DUMP_VERSION = 2;
/** Versions this program still reads (version 1 had no sensitive-location lines). */
export const READABLE_DUMP_VERSIONS: readonly number[] = [1, 2];
/** Bytes of an original image carried by one `media-data` line (base64 makes it a third larger). */
export const MEDIA_CHUNK_BYTES = 768 * 1024;

const Id = Type.String({ pattern: ID_PATTERN });
const Text = Type.String({ maxLength: 100_000 });
const NullableText = Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]);
const Instant = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}', maxLength: 40 });
const NullableInstant = Type.Union([Instant, Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const Json = Type.Record(Type.String(), Type.Unknown());
const strict = { additionalProperties: false };

export const HeaderLine = Type.Object(
  { type: Type.Literal('heritage-dump'), version: Type.Integer(), createdAt: Instant, institution: Type.Union([Id, Type.Null()]) },
  strict,
);

export const InstitutionLine = Type.Object(
  {
    type: Type.Literal('institution'),
    id: Id,
    name: Json,
    nameSort: Text,
    country: Type.String({ pattern: '^[A-Z]{2}$' }),
    kind: Type.String({ maxLength: 100 }),
    city: NullableText,
    lat: NullableNumber,
    lon: NullableNumber,
    website: NullableText,
    description: Json,
    version: Type.Integer({ minimum: 1 }),
    createdAt: Instant,
    updatedAt: Instant,
    deletedAt: NullableInstant,
  },
  strict,
);

export const RecordLine = Type.Object(
  {
    type: Type.Literal('record'),
    id: Id,
    institutionId: Id,
    country: Type.String({ pattern: '^[A-Z]{2}$' }),
    hasMedia: Type.Boolean(),
    version: Type.Integer({ minimum: 1 }),
    changeAction: Type.String({ maxLength: 100 }),
    createdAt: Instant,
    updatedAt: Instant,
    createdBy: NullableText,
    updatedBy: NullableText,
    deletedAt: NullableInstant,
    /** When the public saw the latest change (or will, at the end of an embargo): what feeds order by. */
    publicAt: Type.String({ maxLength: 40 }),
    /** Whether the public ever saw the record: feeds announce such a record as deleted once it is hidden. */
    everPublic: Type.Boolean(),
    doc: Json,
  },
  strict,
);

export const VersionLine = Type.Object(
  { type: Type.Literal('version'), recordId: Id, version: Type.Integer({ minimum: 1 }), action: Type.String({ maxLength: 100 }), actor: NullableText, createdAt: Instant, snapshot: Json },
  strict,
);

export const MediaLine = Type.Object(
  {
    type: Type.Literal('media'),
    id: Id,
    recordId: Id,
    institutionId: Id,
    position: Type.Integer({ minimum: 1 }),
    label: Json,
    rights: NullableText,
    visibility: Type.Union([Type.Literal('public'), Type.Literal('members'), Type.Literal('private')]),
    embargoUntil: NullableInstant,
    mime: Type.String({ pattern: '^image/[a-z0-9.+-]+$' }),
    originalName: NullableText,
    bytes: Type.Integer({ minimum: 0 }),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    width: Type.Integer({ minimum: 0 }),
    height: Type.Integer({ minimum: 0 }),
    createdAt: Instant,
    updatedAt: Instant,
    createdBy: NullableText,
  },
  strict,
);

/** A site flagged sensitive (heritage at risk): the exact coordinates its record does not carry, after that record. */
export const SensitiveLocationLine = Type.Object(
  {
    type: Type.Literal('sensitive-location'),
    recordId: Id,
    institutionId: Id,
    exactPlaces: Type.Array(Type.Object({ index: Type.Integer({ minimum: 0 }), lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) }, strict), { maxItems: 1000 }),
    reason: NullableText,
    flaggedBy: NullableText,
    flaggedAt: Instant,
    updatedAt: Instant,
  },
  strict,
);

export const MediaDataLine = Type.Object({ type: Type.Literal('media-data'), mediaId: Id, data: Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$' }) }, strict);

const Count = Type.Integer({ minimum: 0 });
export const EndLine = Type.Object(
  { type: Type.Literal('end'), counts: Type.Object({ institutions: Count, records: Count, versions: Count, media: Count, sensitiveLocations: Type.Optional(Count) }, strict), sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) },
  strict,
);

export type HeaderLine = Static<typeof HeaderLine>;
export type InstitutionLine = Static<typeof InstitutionLine>;
export type RecordLine = Static<typeof RecordLine>;
export type VersionLine = Static<typeof VersionLine>;
export type MediaLine = Static<typeof MediaLine>;
export type MediaDataLine = Static<typeof MediaDataLine>;
export type SensitiveLocationLine = Static<typeof SensitiveLocationLine>;
export type EndLine = Static<typeof EndLine>;
export type DumpCounts = EndLine['counts'];

/** The schema of each line type after the header. */
export const LINE_SCHEMAS = {
  institution: InstitutionLine,
  record: RecordLine,
  version: VersionLine,
  media: MediaLine,
  'media-data': MediaDataLine,
  'sensitive-location': SensitiveLocationLine,
  end: EndLine,
} as const;
export type DumpLine = InstitutionLine | RecordLine | VersionLine | MediaLine | MediaDataLine | SensitiveLocationLine | EndLine;
