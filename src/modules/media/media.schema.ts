import { Type, type Static } from '@sinclair/typebox';
import { validationError, type FieldProblem } from '../../shared/errors';
import { ID_PATTERN } from '../../shared/ids';
import type { LangMap } from '../../shared/lang-map';
import { canonicalLangMap } from '../../shared/lang-map-validate';
import { LangMapSchema } from '../../shared/schema-helpers';
import { VISIBILITIES, type Visibility } from '../records/record.schema';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const RIGHTS_PATTERN = '^(https?|urn|info):';
const Rights = Type.String({ maxLength: 2000, pattern: RIGHTS_PATTERN, description: 'rightsstatements.org or Creative Commons URI' });
const VisibilitySchema = Type.Union(VISIBILITIES.map((k) => Type.Literal(k)));
const Embargo = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}', description: 'ISO 8601 date-time' });

/** One image of a record, as the API returns it. */
export interface Media {
  id: string;
  recordId: string;
  institutionId: string;
  position: number;
  label: LangMap;
  rights: string | null;
  visibility: Visibility;
  embargoUntil: string | null;
  /** The stricter of the image's and its record's visibility: what actually applies. */
  effectiveVisibility: Visibility;
  mime: string;
  originalName: string | null;
  bytes: number;
  sha256: string;
  width: number;
  height: number;
  status: 'pending' | 'ready' | 'failed';
  error: string | null;
  createdAt: string;
  updatedAt: string;
  /** The derivative job, for those who may edit the image. */
  job?: { id: string; status: string; progress: { done: number; total: number | null; message: string | null }; error: string | null } | null;
  links: { iiif: string; info: string; thumbnail: string };
}

export const MediaSchema = Type.Object(
  {
    id: Type.String(),
    recordId: Type.String(),
    institutionId: Type.String(),
    position: Type.Integer(),
    label: LangMapSchema,
    rights: Nullable(Type.String()),
    visibility: Type.String(),
    embargoUntil: Nullable(Type.String()),
    effectiveVisibility: Type.String(),
    mime: Type.String(),
    originalName: Nullable(Type.String()),
    bytes: Type.Integer(),
    sha256: Type.String(),
    width: Type.Integer(),
    height: Type.Integer(),
    status: Type.String({ description: 'pending (derivatives being built), ready, failed (see error)' }),
    error: Nullable(Type.String()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    job: Type.Optional(
      Nullable(
        Type.Object({
          id: Type.String(),
          status: Type.String(),
          progress: Type.Object({ done: Type.Number(), total: Nullable(Type.Number()), message: Nullable(Type.String()) }),
          error: Nullable(Type.String()),
        }),
      ),
    ),
    links: Type.Object({ iiif: Type.String(), info: Type.String(), thumbnail: Type.String() }),
  },
  { $id: 'Media' },
);

/** What an uploader says about a new image: in the query of a raw upload or the fields of a form. */
export const MediaFieldsSchema = Type.Object({
  id: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'the image id to use (else one is made)' })),
  label: Type.Optional(Type.String({ maxLength: 10_000, description: 'text, or a JSON language map such as {"en":["Folio 1 recto"]}' })),
  rights: Type.Optional(Rights),
  visibility: Type.Optional(VisibilitySchema),
  embargoUntil: Type.Optional(Embargo),
  filename: Type.Optional(Type.String({ maxLength: 500, description: 'the original file name' })),
});
export type MediaFields = Static<typeof MediaFieldsSchema>;

export const MediaPatchSchema = Type.Object(
  {
    label: Type.Optional(LangMapSchema),
    rights: Type.Optional(Nullable(Rights)),
    visibility: Type.Optional(VisibilitySchema),
    embargoUntil: Type.Optional(Nullable(Embargo)),
    position: Type.Optional(Type.Integer({ minimum: 1, description: '1-based place on the record; the others move to make room' })),
  },
  { additionalProperties: false },
);
export type MediaPatch = Static<typeof MediaPatchSchema>;

/** The checked, canonical form of an uploader's fields. */
export interface NewMediaFields {
  id?: string;
  label: LangMap;
  rights: string | null;
  visibility: Visibility;
  embargoUntil: string | null;
  originalName: string | null;
}

/** Checks fields that arrive as untyped strings (form fields, CLI flags); throws one error naming each bad field. */
export function normalizeFields(f: Record<string, string | undefined>): NewMediaFields {
  const problems: FieldProblem[] = [];
  if (f.id !== undefined && !new RegExp(ID_PATTERN).test(f.id)) problems.push({ field: 'id', message: 'must be letters, digits, ".", "_" or "-" (at most 128), starting with a letter or digit' });
  if (f.rights !== undefined && (f.rights.length > 2000 || !new RegExp(RIGHTS_PATTERN).test(f.rights))) problems.push({ field: 'rights', message: 'must be an http(s), urn: or info: URI' });
  if (f.visibility !== undefined && !(VISIBILITIES as readonly string[]).includes(f.visibility)) problems.push({ field: 'visibility', message: `must be one of ${VISIBILITIES.join(', ')}` });
  const label = parseLabel(f.label, problems);
  const embargoUntil = parseDate(f.embargoUntil, 'embargoUntil', problems);
  if (problems.length) throw validationError(problems, 'image fields');
  return {
    id: f.id,
    label,
    rights: f.rights ?? null,
    visibility: (f.visibility as Visibility | undefined) ?? 'public',
    embargoUntil,
    originalName: f.filename ? f.filename.replace(/[\u0000-\u001f]/g, '').slice(0, 500) : null,
  };
}

/** Checks the language tags of a label. */
export function checkLabel(map: LangMap): LangMap {
  const problems: FieldProblem[] = [];
  const out = canonicalLangMap(map, 'label', problems);
  if (problems.length) throw validationError(problems, 'label');
  return out;
}

/** Parses an embargo date-time to ISO 8601 (null when absent). */
export function parseDate(value: string | null | undefined, field: string, problems: FieldProblem[]): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    problems.push({ field, message: `"${value}" is not an ISO 8601 date-time` });
    return null;
  }
  return new Date(t).toISOString();
}

function parseLabel(text: string | undefined, problems: FieldProblem[]): LangMap {
  if (text === undefined || !text.trim()) return {};
  if (!text.trim().startsWith('{')) return { none: [text.trim()] };
  try {
    const map = JSON.parse(text) as unknown;
    const ok = map && typeof map === 'object' && !Array.isArray(map) && Object.values(map).every((v) => Array.isArray(v) && v.every((s) => typeof s === 'string'));
    if (!ok) throw new Error('shape');
    return canonicalLangMap(map as LangMap, 'label', problems);
  } catch {
    problems.push({ field: 'label', message: 'is not a JSON language map such as {"en":["Folio 1 recto"]}' });
    return {};
  }
}
