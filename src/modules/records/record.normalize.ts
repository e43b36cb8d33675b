import type { Db } from '../../db/database';
import { validationError, type FieldProblem } from '../../shared/errors';
import { canonicalTag, type LangMap } from '../../shared/lang-map';
import { canonicalLangMap } from '../../shared/lang-map-validate';
import { isCountryCode } from '../../shared/country';
import { assertValid } from '../../shared/schema-helpers';
import { deriveEdtf, edtfYears, isEdtf } from './record.dates';
import { RecordInputSchema, type RecordInput, type Visibility } from './record.schema';

/** A record document after validation: canonical language tags, derived dates, defaults applied. */
export type RecordDoc = Omit<RecordInput, 'date' | 'visibility' | 'embargoUntil' | 'rights'> & {
  date?: { display: string; edtf?: string; yearFrom?: number; yearTo?: number };
  visibility: Visibility;
  embargoUntil: string | null;
  rights: string | null;
};

/**
 * Validates a record and returns its canonical document, or the list of problems, each naming
 * its field. Pure apart from nothing: institution existence is checked by the caller.
 */
export function normalizeRecord(input: unknown): { doc: RecordDoc } | { problems: FieldProblem[] } {
  try {
    assertValid(RecordInputSchema, input, 'record');
  } catch (e) {
    return { problems: (e as { details?: { problems?: FieldProblem[] } }).details?.problems ?? [{ field: '/', message: String(e) }] };
  }
  const r = input as RecordInput;
  const problems: FieldProblem[] = [];
  const lm = (m: LangMap | undefined, field: string) => (m ? canonicalLangMap(m, field, problems) : undefined);

  const built: RecordDoc = {
    ...r,
    title: lm(r.title, '/title')!,
    description: lm(r.description, '/description'),
    inscriptions: lm(r.inscriptions, '/inscriptions'),
    notes: lm(r.notes, '/notes'),
    creditLine: lm(r.creditLine, '/creditLine'),
    agents: r.agents?.map((a, i) => ({ ...a, name: lm(a.name, `/agents/${i}/name`)! })),
    places: r.places?.map((p, i) => ({ ...p, name: lm(p.name, `/places/${i}/name`)! })),
    materials: r.materials?.map((t, i) => ({ ...t, label: lm(t.label, `/materials/${i}/label`)! })),
    techniques: r.techniques?.map((t, i) => ({ ...t, label: lm(t.label, `/techniques/${i}/label`)! })),
    objectTypes: r.objectTypes?.map((t, i) => ({ ...t, label: lm(t.label, `/objectTypes/${i}/label`)! })),
    subjects: r.subjects?.map((t, i) => ({ ...t, label: lm(t.label, `/subjects/${i}/label`)! })),
    languages: r.languages?.map((l, i) => {
      const c = canonicalTag(l);
      if (!c) problems.push({ field: `/languages/${i}`, message: `"${l}" is not a BCP 47 language tag` });
      return c ?? l;
    }),
    date: undefined,
    visibility: r.visibility ?? 'public',
    embargoUntil: null,
    rights: r.rights ?? null,
  };
  // The document without the keys left undefined, built afresh: `delete` would turn it into a
  // dictionary-mode object, slower for everything that reads it next (deriving its index text
  // and facets, JSON.stringify, copying it between threads).
  const doc = {} as RecordDoc;
  for (const key in built) if (built[key as keyof RecordDoc] !== undefined) (doc as Record<string, unknown>)[key] = built[key as keyof RecordDoc];

  doc.iiifManifests?.forEach((u, i) => {
    if (!URL.canParse(u)) problems.push({ field: `/iiifManifests/${i}`, message: 'is not a URL' });
  });
  if (!Object.keys(doc.title).length) problems.push({ field: '/title', message: 'needs at least one non-empty title' });
  doc.places?.forEach((p, i) => {
    if ((p.lat === undefined) !== (p.lon === undefined)) problems.push({ field: `/places/${i}`, message: 'lat and lon go together' });
    if (p.country && !isCountryCode(p.country)) problems.push({ field: `/places/${i}/country`, message: `"${p.country}" is not an ISO 3166-1 alpha-2 code` });
  });

  if (r.date) {
    const display = r.date.display.trim();
    let value = r.date.edtf?.trim() || null;
    if (value && !isEdtf(value)) {
      problems.push({ field: '/date/edtf', message: `"${value}" is not valid EDTF (e.g. 1907, 188X, -0199~, 0301/1400)` });
      value = null;
    }
    value ??= deriveEdtf(display);
    const years = value ? edtfYears(value) : null;
    doc.date = { display: display || value || '', ...(value ? { edtf: value } : {}), ...(years ? { yearFrom: years.from, yearTo: years.to } : {}) };
  }

  if (r.embargoUntil) {
    const t = Date.parse(r.embargoUntil);
    if (Number.isNaN(t)) problems.push({ field: '/embargoUntil', message: `"${r.embargoUntil}" is not a date-time` });
    else doc.embargoUntil = new Date(t).toISOString();
  }

  return problems.length ? { problems } : { doc };
}

/** Like normalizeRecord, but throws one validation error. */
export function normalizeOrThrow(input: unknown): RecordDoc {
  const r = normalizeRecord(input);
  if ('problems' in r) throw validationError(r.problems, 'record');
  return r.doc;
}

/** Checks that the institutions named exist; returns their countries. */
export async function institutionCountries(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('institution').select(['id', 'country']).where('id', 'in', unique).where('deleted_at', 'is', null).execute();
  return new Map(rows.map((r) => [r.id, r.country]));
}

/** Turns a stored document back into input (the derived years are recomputed on the way in). */
export function docToInput(doc: RecordDoc): RecordInput {
  const { date, ...rest } = doc;
  return { ...rest, ...(date ? { date: { display: date.display, ...(date.edtf ? { edtf: date.edtf } : {}) } } : {}) } as RecordInput;
}
