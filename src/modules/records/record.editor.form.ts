import { canonicalTag, type LangMap } from '../../shared/lang-map';
import { formList, formString } from '../accounts/form-outcome';
import { RECORD_KINDS, RELATION_TYPES, VISIBILITIES, type HeritageRecord, type RecordInput } from './record.schema';

/** Language-map fields the editor shows per language, in this order. */
export const TEXT_FIELDS = ['title', 'description', 'inscriptions', 'notes', 'creditLine'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
/** Vocabulary fields with a term picker. */
export const TERM_FIELDS = ['subjects', 'materials', 'techniques'] as const;
export type TermField = (typeof TERM_FIELDS)[number];

/** One vocabulary term as the form shows it: a label in one language, its URI, and what the form does not show. */
export interface TermRow {
  label: string;
  lang: string;
  uri: string;
  /** JSON of the term's other labels and vocabulary name, kept as they were. */
  keep: string;
}

/** One relation as the form shows it. */
export interface RelationRow {
  type: string;
  target: string;
  /** JSON of the relation's note, kept as it was. */
  keep: string;
}

/** The editor form's state: what a record document looks like to the form, and back. */
export interface EditorForm {
  institutionId: string;
  kind: string;
  /** The version being edited (null for a new record). */
  expected: number | null;
  langs: string[];
  text: Record<TextField, LangMap>;
  dateDisplay: string;
  dateEdtf: string;
  terms: Record<TermField, TermRow[]>;
  relations: RelationRow[];
  visibility: string;
  /** YYYY-MM-DD or ''. */
  embargo: string;
  /** A rights URI from the choices, 'other', or '' for none. */
  rights: string;
  rightsOther: string;
}

/** Rights the editor offers as choices (anything else is entered as "other"). */
export const RIGHTS_CHOICES = [
  'https://creativecommons.org/publicdomain/zero/1.0/',
  'https://creativecommons.org/publicdomain/mark/1.0/',
  'https://creativecommons.org/licenses/by/4.0/',
  'https://creativecommons.org/licenses/by-sa/4.0/',
  'https://creativecommons.org/licenses/by-nc/4.0/',
  'https://creativecommons.org/licenses/by-nc-sa/4.0/',
  'https://creativecommons.org/licenses/by-nd/4.0/',
  'https://creativecommons.org/licenses/by-nc-nd/4.0/',
  'http://rightsstatements.org/vocab/InC/1.0/',
  'http://rightsstatements.org/vocab/InC-EDU/1.0/',
  'http://rightsstatements.org/vocab/InC-NC/1.0/',
  'http://rightsstatements.org/vocab/NoC-NC/1.0/',
  'http://rightsstatements.org/vocab/NoC-OKLR/1.0/',
  'http://rightsstatements.org/vocab/CNE/1.0/',
  'http://rightsstatements.org/vocab/UND/1.0/',
  'http://rightsstatements.org/vocab/NKC/1.0/',
] as const;

/** The form of an existing record (or of a new one in the UI language). */
export function formFromRecord(record: HeritageRecord | null, uiLang: string, defaults: { institutionId?: string } = {}): EditorForm {
  const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, { ...(record?.[f] ?? {}) }])) as Record<TextField, LangMap>;
  const langs = languagesOf(text);
  const rights = record?.rights ?? '';
  return {
    institutionId: record?.institutionId ?? defaults.institutionId ?? '',
    kind: record?.kind ?? 'object',
    expected: record?.version ?? null,
    langs: langs.length ? langs : [uiLang],
    text,
    dateDisplay: record?.date?.display ?? '',
    dateEdtf: record?.date?.edtf ?? '',
    terms: Object.fromEntries(TERM_FIELDS.map((f) => [f, (record?.[f] ?? []).map((term) => termRow(term, uiLang))])) as Record<TermField, TermRow[]>,
    relations: (record?.relations ?? []).map((r) => ({ type: r.type, target: r.target, keep: r.note ? JSON.stringify({ note: r.note }) : '' })),
    visibility: record?.visibility ?? 'public',
    embargo: record?.embargoUntil ? record.embargoUntil.slice(0, 10) : '',
    rights: !rights ? '' : (RIGHTS_CHOICES as readonly string[]).includes(rights) ? rights : 'other',
    rightsOther: rights && !(RIGHTS_CHOICES as readonly string[]).includes(rights) ? rights : '',
  };
}

/** The form as posted (urlencoded fields, see the pages for the names). */
export function formFromBody(body: unknown): EditorForm {
  const langs = unique(formList(body, 'langs').map((l) => canonicalTag(l.trim()) ?? l.trim()).filter(Boolean)).slice(0, 50);
  const text = Object.fromEntries(
    TEXT_FIELDS.map((f) => [f, Object.fromEntries(langs.map((l) => [l, formList(body, `${f}.${l}`)]))]),
  ) as Record<TextField, LangMap>;
  const column = (name: string) => formList(body, name);
  const terms = Object.fromEntries(
    TERM_FIELDS.map((f) => {
      const labels = column(`${f}.label`);
      const [langsOf, uris, keeps] = [column(`${f}.lang`), column(`${f}.uri`), column(`${f}.keep`)];
      return [f, labels.map((label, i) => ({ label, lang: langsOf[i] ?? '', uri: uris[i] ?? '', keep: keeps[i] ?? '' }))];
    }),
  ) as Record<TermField, TermRow[]>;
  const [types, targets, keeps] = [column('relations.type'), column('relations.target'), column('relations.keep')];
  const expected = Number(formString(body, 'expected'));
  return {
    institutionId: formString(body, 'institutionId').trim(),
    kind: formString(body, 'kind'),
    expected: Number.isInteger(expected) && expected > 0 ? expected : null,
    langs,
    text,
    dateDisplay: formString(body, 'date.display'),
    dateEdtf: formString(body, 'date.edtf'),
    terms,
    relations: targets.map((target, i) => ({ type: types[i] ?? 'relatedTo', target, keep: keeps[i] ?? '' })),
    visibility: formString(body, 'visibility'),
    embargo: formString(body, 'embargoUntil').trim(),
    rights: formString(body, 'rights'),
    rightsOther: formString(body, 'rightsOther').trim(),
  };
}

/** Applies a non-saving button of the form ("add language", "remove language", "add a row"); false when the action is not one. */
export function applyFormAction(form: EditorForm, action: string, body: unknown): boolean {
  if (action === 'addLang') {
    const tag = canonicalTag(formString(body, 'addLang').trim());
    if (tag && !form.langs.includes(tag)) form.langs.push(tag);
    return true;
  }
  const [verb, arg] = action.split(':');
  if (verb === 'removeLang' && arg) {
    form.langs = form.langs.filter((l) => l !== arg);
    for (const f of TEXT_FIELDS) delete form.text[f][arg];
    return true;
  }
  if (verb === 'addRow' && (TERM_FIELDS as readonly string[]).includes(arg)) {
    form.terms[arg as TermField].push({ label: '', lang: '', uri: '', keep: '' });
    return true;
  }
  if (verb === 'addRow' && arg === 'relations') {
    form.relations.push({ type: 'relatedTo', target: '', keep: '' });
    return true;
  }
  return false;
}

/**
 * The record input of a form over the record's current input (fields the form does not show are
 * kept), and where each JSON pointer of the input is on the form (input ids), to place problems.
 */
export function formToInput(form: EditorForm, base: RecordInput | null, uiLang: string): { input: RecordInput; places: Map<string, string> } {
  const places = new Map<string, string>();
  const input: Record<string, unknown> = { ...(base ?? {}) };
  input.institutionId = base?.institutionId ?? form.institutionId;
  places.set('/institutionId', 'ed-institution');
  input.kind = form.kind;
  places.set('/kind', 'ed-kind');

  for (const f of TEXT_FIELDS) {
    const map: LangMap = {};
    for (const lang of form.langs) {
      const values = (form.text[f][lang] ?? []).map((v) => v.trim()).filter(Boolean);
      if (values.length) map[lang] = values;
      places.set(`/${f}/${lang}`, inputId(f, lang, 0));
      values.forEach((_, i) => places.set(`/${f}/${lang}/${i}`, inputId(f, lang, i)));
    }
    if (form.langs.length) places.set(`/${f}`, inputId(f, form.langs[0], 0));
    if (Object.keys(map).length || f === 'title') input[f] = map;
    else delete input[f];
  }

  const display = form.dateDisplay.trim();
  const edtf = form.dateEdtf.trim();
  if (display || edtf) input.date = { display, ...(edtf ? { edtf } : {}) };
  else delete input.date;
  places.set('/date', 'ed-date-display').set('/date/display', 'ed-date-display').set('/date/edtf', 'ed-date-edtf');

  for (const f of TERM_FIELDS) {
    const terms: unknown[] = [];
    form.terms[f].forEach((row, i) => {
      const label = row.label.trim();
      if (!label) return;
      const kept = parseKeep(row.keep) as { label?: LangMap; vocabulary?: string };
      const lang = canonicalTag(row.lang) ?? uiLang;
      const labels: LangMap = { ...(kept.label ?? {}), [lang]: [label, ...(kept.label?.[lang] ?? [])] };
      const uri = row.uri.trim();
      places.set(`/${f}/${terms.length}`, `ed-${f}-${i}-label`).set(`/${f}/${terms.length}/label`, `ed-${f}-${i}-label`).set(`/${f}/${terms.length}/uri`, `ed-${f}-${i}-uri`);
      terms.push({ label: labels, ...(uri ? { uri } : {}), ...(kept.vocabulary ? { vocabulary: kept.vocabulary } : {}) });
    });
    if (terms.length) input[f] = terms;
    else delete input[f];
  }

  const relations: unknown[] = [];
  form.relations.forEach((row, i) => {
    const target = row.target.trim();
    if (!target) return;
    const kept = parseKeep(row.keep) as { note?: LangMap };
    places.set(`/relations/${relations.length}`, `ed-relations-${i}-target`).set(`/relations/${relations.length}/target`, `ed-relations-${i}-target`).set(`/relations/${relations.length}/type`, `ed-relations-${i}-type`);
    relations.push({ type: row.type, target, ...(kept.note ? { note: kept.note } : {}) });
  });
  if (relations.length) input.relations = relations;
  else delete input.relations;

  input.visibility = form.visibility;
  places.set('/visibility', 'ed-visibility');
  input.embargoUntil = form.embargo ? (/^\d{4}-\d{2}-\d{2}$/.test(form.embargo) ? `${form.embargo}T00:00:00.000Z` : form.embargo) : null;
  places.set('/embargoUntil', 'ed-embargo');
  input.rights = form.rights === 'other' ? form.rightsOther || null : form.rights || null;
  places.set('/rights', form.rights === 'other' ? 'ed-rights-other' : 'ed-rights');
  delete input.id;
  return { input: input as RecordInput, places };
}

/** Where a problem's field is on the form: the input of the longest known pointer that contains it. */
export function placeOf(places: Map<string, string>, field: string): string | null {
  let pointer = field.startsWith('/') ? field : `/${field}`;
  for (;;) {
    const id = places.get(pointer);
    if (id) return id;
    const cut = pointer.lastIndexOf('/');
    if (cut <= 0) return null;
    pointer = pointer.slice(0, cut);
  }
}

/** The id of a language map's input. */
export function inputId(field: TextField, lang: string, index: number): string {
  return `ed-${field}-${lang.replace(/[^A-Za-z0-9-]/g, '_')}-${index}`;
}

/** Languages present in any language map, the record's order (first seen first). */
export function languagesOf(text: Record<TextField, LangMap>): string[] {
  return unique(TEXT_FIELDS.flatMap((f) => Object.keys(text[f] ?? {})));
}

/** True for a value the form accepts as a kind, visibility or relation type. */
export const isKind = (v: string) => (RECORD_KINDS as readonly string[]).includes(v);
export const isVisibility = (v: string) => (VISIBILITIES as readonly string[]).includes(v);
export const isRelationType = (v: string) => (RELATION_TYPES as readonly string[]).includes(v);

function termRow(term: { label: LangMap; uri?: string; vocabulary?: string }, uiLang: string): TermRow {
  const langs = Object.keys(term.label);
  const lang = langs.includes(uiLang) ? uiLang : (langs.find((l) => l.split('-')[0] === uiLang) ?? langs[0] ?? uiLang);
  // The other languages' labels, and this language's further labels, ride along unseen.
  const others: LangMap = Object.fromEntries(Object.entries(term.label).filter(([l]) => l !== lang));
  if ((term.label[lang]?.length ?? 0) > 1) others[lang] = term.label[lang].slice(1);
  const keep = { ...(Object.keys(others).length ? { label: others } : {}), ...(term.vocabulary ? { vocabulary: term.vocabulary } : {}) };
  return { label: term.label[lang]?.[0] ?? '', lang, uri: term.uri ?? '', keep: Object.keys(keep).length ? JSON.stringify(keep) : '' };
}

function parseKeep(keep: string): Record<string, unknown> {
  if (!keep) return {};
  try {
    const v = JSON.parse(keep) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
