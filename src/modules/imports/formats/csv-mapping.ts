import { validationError, type FieldProblem } from '../../../shared/errors';
import { canonicalTag, type LangMap } from '../../../shared/lang-map';
import { isCountryCode } from '../../../shared/country';
import { mediumTerms } from '../../demo/build/tate.mapper';
import { deriveEdtf, isEdtf } from '../../records/record.dates';
import { RECORD_KINDS, VISIBILITIES, type RecordInput, type RecordKind } from '../../records/record.schema';
import type { CsvMapping, ImportWarning, ReaderOptions } from '../import.types';
import { CSV_TARGETS, HEADER_SYNONYMS, LANGUAGE_WORDS, isKnownLanguage, parseTarget } from './csv-targets';

/** A suggested mapping, with the columns it left unmapped and what the curator should check. */
export interface SuggestedMapping extends CsvMapping {
  unmapped: string[];
  warnings: ImportWarning[];
}

const SINGLE = new Set(CSV_TARGETS.filter((t) => !t.multiValued && !t.languageTagged && !t.id.startsWith('identifier.')).map((t) => t.id));
const SYNONYMS = new Map(Object.entries(HEADER_SYNONYMS).map(([k, v]) => [normalizeHeader(k), v]));
const LANGUAGES = new Map(Object.entries(LANGUAGE_WORDS).map(([k, v]) => [normalizeHeader(k), v]));
const BRACKETED = /^(.*?)\s*[([]\s*([^()[\]]+?)\s*[)\]]\s*$/;
const SUFFIXED = /^(.*?)[_:.@-]([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)$/;

/**
 * Suggests a target for each header from its words, in English, the other UN languages and a few
 * more; per-language columns (`title (zh)`, `title_zh`, `title:zh`, `Title [fr]`, `Titre (chinois)`)
 * map to `title.zh` with a canonical BCP 47 tag. A single-valued target goes to its first column only.
 */
export function suggestMapping(headers: string[]): SuggestedMapping {
  const columns: Record<string, string> = {};
  const unmapped: string[] = [];
  const warnings: ImportWarning[] = [];
  const taken = new Set<string>();
  for (const header of headers) {
    const target = suggestTarget(header, warnings);
    if (!target || (SINGLE.has(target) && taken.has(target))) {
      unmapped.push(header);
      continue;
    }
    taken.add(target);
    columns[header] = target;
  }
  const byTarget = (t: string) => Object.keys(columns).find((c) => columns[c] === t);
  const identifierColumn = ['source.identifier', 'identifier.inventory', 'identifier.shelfmark', 'identifier.call-number'].map(byTarget).find(Boolean);
  if (!Object.values(columns).some((t) => t === 'title' || t.startsWith('title.'))) {
    warnings.push({ field: 'title', message: `no column looks like a title; columns are: ${headers.join(', ')}` });
  }
  return { columns, ...(identifierColumn ? { identifierColumn } : {}), unmapped, warnings };
}

/**
 * Checks a mapping given by a user (the JSON file of `heritage import --mapping FILE`, or a saved one)
 * and returns it; throws a validation error naming every wrong key. The file is a CsvMapping:
 * ```json
 * { "delimiter": ";",
 *   "columns": { "Object number": "identifier.inventory", "Title": "title.en", "Title (zh)": "title.zh",
 *                "Artist": "agent", "Role": "agentRole", "Date": "date", "Medium": "medium", "Notes": "ignore" },
 *   "identifierColumn": "Object number",
 *   "defaults": { "kind": "object", "rights": "http://rightsstatements.org/vocab/InC/1.0/", "visibility": "public", "language": "en" } }
 * ```
 * Targets are listed in CSV_TARGETS; `title`, `description`, `inscriptions`, `notes`, `creditLine`,
 * `materials`, `techniques`, `objectTypes`, `subjects` take a language suffix; `agent.<role>` any role.
 * The `unmapped` and `warnings` keys of a suggestion are accepted and dropped.
 */
export function validateMapping(json: unknown): CsvMapping {
  const problems: FieldProblem[] = [];
  if (!isObject(json)) throw validationError([{ field: '/', message: 'a mapping is a JSON object with "columns"' }], 'CSV mapping');
  for (const key of Object.keys(json)) {
    if (!['delimiter', 'columns', 'identifierColumn', 'defaults', 'unmapped', 'warnings'].includes(key)) problems.push({ field: `/${key}`, message: 'is not a mapping key (delimiter, columns, identifierColumn, defaults)' });
  }
  const { delimiter, columns, identifierColumn, defaults } = json;
  if (delimiter !== undefined && (typeof delimiter !== 'string' || delimiter.length !== 1 || /["\r\n]/.test(delimiter))) {
    problems.push({ field: '/delimiter', message: 'is one character other than a quote or a line break, e.g. "," ";" "\\t" "|"' });
  }
  const out: CsvMapping = { columns: {} };
  if (!isObject(columns)) problems.push({ field: '/columns', message: 'is an object of column header to target' });
  else {
    for (const [column, target] of Object.entries(columns)) {
      const parsed = typeof target === 'string' ? parseTarget(target) : { error: 'is not a string' };
      if ('error' in parsed) problems.push({ field: `/columns/${column}`, message: parsed.error });
      else out.columns[column] = target as string;
    }
    if (!Object.values(out.columns).some((t) => t === 'title' || t.startsWith('title.'))) problems.push({ field: '/columns', message: 'no column maps to title' });
  }
  if (identifierColumn !== undefined && (typeof identifierColumn !== 'string' || !identifierColumn)) problems.push({ field: '/identifierColumn', message: 'is a column header' });
  if (defaults !== undefined) {
    if (!isObject(defaults)) problems.push({ field: '/defaults', message: 'is an object' });
    else {
      for (const [key, value] of Object.entries(defaults)) {
        const bad =
          key === 'kind' ? !(RECORD_KINDS as readonly unknown[]).includes(value) && `is one of ${RECORD_KINDS.join(', ')}`
          : key === 'visibility' ? !(VISIBILITIES as readonly unknown[]).includes(value) && `is one of ${VISIBILITIES.join(', ')}`
          : key === 'rights' ? (typeof value !== 'string' || !/^(https?|urn|info):/.test(value)) && 'is a rights URI (http…, urn:…, info:…)'
          : key === 'language' ? (typeof value !== 'string' || !canonicalTag(value)) && 'is a BCP 47 language tag'
          : 'is not a default (kind, rights, visibility, language)';
        if (bad) problems.push({ field: `/defaults/${key}`, message: bad });
      }
    }
  }
  if (problems.length) throw validationError(problems, 'CSV mapping');
  if (delimiter !== undefined) out.delimiter = delimiter as string;
  if (identifierColumn !== undefined) out.identifierColumn = identifierColumn as string;
  if (defaults !== undefined) out.defaults = { ...(defaults as CsvMapping['defaults']) };
  if (out.defaults?.language) out.defaults.language = canonicalTag(out.defaults.language)!;
  return out;
}

/** What applyMapping needs besides the row: whose records, from where, which row. */
export interface RowContext extends Pick<ReaderOptions, 'institutionId' | 'sourceKind' | 'sourceSystem'> {
  /** 1-based data row number (the header is not counted), for identifiers of rows that have none. */
  row: number;
}

/** A mapped row: the record (absent when problems), what the curator should know, and why it was rejected. */
export interface AppliedRow {
  record?: RecordInput;
  warnings: ImportWarning[];
  problems: FieldProblem[];
}

const LANG_MAPS = new Set(['title', 'description', 'inscriptions', 'notes', 'creditLine']);
const TERMS = new Set(['materials', 'techniques', 'objectTypes', 'subjects']);
const ID_TARGETS = ['source.identifier', 'identifier.inventory', 'identifier.shelfmark', 'identifier.call-number'];
const SPLIT = /\s*[;|]\s*/;
const compiled = new WeakMap<CsvMapping, { column: string; base: string; lang?: string; role?: string }[]>();

/**
 * Maps one row (header → cell) onto a record input. Pure: the same row and mapping give the same
 * result. Cells of multi-valued targets split on `;` or `|`; empty cells are absent values.
 */
export function applyMapping(row: Record<string, string>, mapping: CsvMapping, ctx: RowContext): AppliedRow {
  let cols = compiled.get(mapping);
  if (!cols) {
    cols = Object.entries(mapping.columns).flatMap(([column, target]) => {
      const t = parseTarget(target);
      return 'error' in t || t.base === 'ignore' ? [] : [{ column, ...t }];
    });
    compiled.set(mapping, cols);
  }
  const warnings: ImportWarning[] = [];
  const problems: FieldProblem[] = [];
  const defLang = mapping.defaults?.language ?? 'none';
  const r: RecordInput = { institutionId: ctx.institutionId, kind: mapping.defaults?.kind ?? 'object', title: {} };
  const text = (key: 'title' | 'description' | 'inscriptions' | 'notes' | 'creditLine', lang: string, v: string) => {
    const map: LangMap = (r[key] ??= {});
    (map[lang] ??= []).push(v);
  };
  const term = (key: 'materials' | 'techniques' | 'objectTypes' | 'subjects', lang: string, v: string) => (r[key] ??= []).push({ label: { [lang]: [v] } });
  const agents: { names: string[]; role?: string }[] = [];
  let roles: string[] = [];
  let lifeDates: string[] = [];
  let date: { display?: string; edtf?: string; column?: string } = {};
  let coords: { lat?: number; lon?: number } = {};
  let country: string | undefined;
  let url: string | undefined;

  for (const { column, base, lang = defLang, role } of cols) {
    const v = row[column]?.trim();
    if (!v) continue;
    if (LANG_MAPS.has(base)) text(base as 'title', lang, v);
    else if (TERMS.has(base)) for (const x of v.split(SPLIT)) x && term(base as 'subjects', lang, x);
    else if (base.startsWith('identifier.')) (r.identifiers ??= []).push({ type: base.slice(11) as 'inventory', value: v });
    else if (base === 'agent') agents.push({ names: v.split(SPLIT).filter(Boolean), role });
    else if (base === 'agentRole') roles = v.split(SPLIT);
    else if (base === 'agentDates') lifeDates = v.split(SPLIT);
    else if (base === 'date') date = { ...date, display: v, column };
    else if (base === 'date.edtf') isEdtf(v) ? (date.edtf = v) : problems.push(cellProblem(column, base, `"${v}" is not EDTF (e.g. 1907, 188X, -0199~, 0301/1400)`));
    else if (base === 'medium') {
      const m = mediumTerms(v);
      m.materials.forEach((x) => term('materials', lang, x));
      m.techniques.forEach((x) => term('techniques', lang, x));
    } else if (base === 'dimensions') r.dimensionsText = v;
    else if (base === 'place') for (const x of v.split(SPLIT)) x && (r.places ??= []).push({ name: { [lang]: [x] } });
    else if (base === 'place.country') country = v;
    else if (base === 'place.lat' || base === 'place.lon') {
      const n = Number(v.replace(',', '.'));
      const max = base === 'place.lat' ? 90 : 180;
      if (!Number.isFinite(n) || Math.abs(n) > max) problems.push(cellProblem(column, base, `"${v}" is not a number between -${max} and ${max}`));
      else coords[base === 'place.lat' ? 'lat' : 'lon'] = n;
    } else if (base === 'languages') {
      for (const x of v.split(SPLIT).filter(Boolean)) {
        const tag = canonicalTag(x);
        if (!tag) warnings.push({ field: column, message: `"${x}" is not a language tag; left out` });
        else {
          if (!isKnownLanguage(tag)) warnings.push({ field: column, message: `unknown language tag "${tag}"` });
          (r.languages ??= []).push(tag);
        }
      }
    } else if (base === 'rights') {
      const uri = rightsUri(v);
      if (uri) r.rights = uri;
      else problems.push(cellProblem(column, base, `"${v}" is not a rights URI or a known licence name (CC0, CC BY 4.0, Public Domain, In Copyright)`));
    } else if (base === 'kind') {
      const k = v.toLowerCase().replace(/[\s_]+/g, '-') as RecordKind;
      if ((RECORD_KINDS as readonly string[]).includes(k)) r.kind = k;
      else problems.push(cellProblem(column, base, `"${v}" is not one of ${RECORD_KINDS.join(', ')}`));
    } else if (base === 'visibility') {
      const k = v.toLowerCase();
      if ((VISIBILITIES as readonly string[]).includes(k)) r.visibility = k as 'public';
      else problems.push(cellProblem(column, base, `"${v}" is not one of ${VISIBILITIES.join(', ')}`));
    } else if (base === 'source.url') {
      if (/^https?:\/\/\S+$/.test(v)) url = v;
      else warnings.push({ field: column, message: `"${v}" is not a web address; left out` });
    }
  }

  if (!Object.keys(r.title).length) {
    const titleColumn = cols.find((c) => c.base === 'title')?.column ?? 'title';
    problems.push({ field: titleColumn, message: 'the title is empty' });
  }
  // Role and life-date cells line up with all agents of the row, or apply to all when there is one value.
  const named = agents.flatMap((a) => a.names.map((name) => ({ name, role: a.role })));
  const pick = (list: string[], i: number) => (list.length === named.length ? list[i] : list.length === 1 ? list[0] : undefined);
  named.forEach((a, i) => {
    const role = pick(roles, i) || a.role || 'creator';
    const dates = pick(lifeDates, i);
    (r.agents ??= []).push({ name: { none: [a.name] }, role, ...(dates ? { dates } : {}) });
  });
  if (date.display || date.edtf) {
    const display = date.display ?? date.edtf!;
    if (!date.edtf && !deriveEdtf(display)) warnings.push({ field: date.column!, message: `date "${display}" not understood; kept as display text` });
    r.date = { display, ...(date.edtf ? { edtf: date.edtf } : {}) };
  }
  placeDetails(r, country, coords, cols, problems, warnings);
  if (r.rights === undefined && mapping.defaults?.rights) r.rights = mapping.defaults.rights;
  if (!r.rights) warnings.push({ field: 'rights', message: 'no rights statement: set a rights column or defaults.rights in the mapping' });
  if (r.visibility === undefined && mapping.defaults?.visibility) r.visibility = mapping.defaults.visibility;

  let identifier = mapping.identifierColumn ? row[mapping.identifierColumn]?.trim() : undefined;
  for (const t of ID_TARGETS) identifier ||= cols.filter((c) => c.base === t).map((c) => row[c.column]?.trim()).find(Boolean);
  if (!identifier) {
    identifier = `row-${ctx.row}`;
    warnings.push({ field: mapping.identifierColumn ?? 'identifier', message: `no identifier: the row number is used, so re-importing this file will duplicate the record` });
  }
  r.source = { kind: ctx.sourceKind, system: ctx.sourceSystem, identifier, ...(url ? { url } : {}) };
  return problems.length ? { warnings, problems } : { record: r, warnings, problems };
}

/** A cell that cannot be read as its target: the message names the target. (Not a closure per cell: the loop above runs for every cell of every row.) */
function cellProblem(column: string, base: string, message: string): FieldProblem {
  return { field: column, message: `${message} (${base})` };
}

const CC = 'https://creativecommons.org/';
const RIGHTS_NAMES: Record<string, string> = {
  cc0: `${CC}publicdomain/zero/1.0/`,
  'public domain': `${CC}publicdomain/mark/1.0/`,
  pdm: `${CC}publicdomain/mark/1.0/`,
  'in copyright': 'http://rightsstatements.org/vocab/InC/1.0/',
  'no known copyright': 'http://rightsstatements.org/vocab/NKC/1.0/',
  'copyright not evaluated': 'http://rightsstatements.org/vocab/CNE/1.0/',
};

/** A rights URI, or one for a common licence name ("CC BY-SA 4.0", "CC0", "Public domain"); null when neither. */
function rightsUri(v: string): string | null {
  if (/^(https?|urn|info):\S+$/.test(v)) return v;
  const key = v.toLowerCase().replace(/\s+/g, ' ').trim();
  if (RIGHTS_NAMES[key]) return RIGHTS_NAMES[key];
  const m = /^cc[ -](by(?:-(?:sa|nd|nc|nc-sa|nc-nd))?)(?:[ -](\d\.\d))?$/.exec(key);
  return m ? `${CC}licenses/${m[1]}/${m[2] ?? '4.0'}/` : null;
}

function placeDetails(
  r: RecordInput,
  country: string | undefined,
  coords: { lat?: number; lon?: number },
  cols: { column: string; base: string }[],
  problems: FieldProblem[],
  warnings: ImportWarning[],
): void {
  const column = (base: string) => cols.find((c) => c.base === base)?.column ?? base;
  const first = () => (r.places ??= [{ name: { none: [country ?? `${coords.lat}, ${coords.lon}`] } }])[0];
  if (country) {
    if (/^[A-Za-z]{2}$/.test(country) && isCountryCode(country.toUpperCase())) first().country = country.toUpperCase();
    else {
      warnings.push({ field: column('place.country'), message: `"${country}" is not an ISO 3166-1 alpha-2 code; kept as a place name` });
      (r.places ??= []).push({ name: { none: [country] } });
    }
  }
  if ((coords.lat === undefined) !== (coords.lon === undefined)) {
    const missing = column(coords.lat === undefined ? 'place.lat' : 'place.lon');
    if (!problems.some((p) => p.field === missing)) problems.push({ field: missing, message: 'latitude and longitude go together; this one is empty' });
  } else if (coords.lat !== undefined) Object.assign(first(), coords);
}

/** A header in the form synonyms are looked up by: lower case, camelCase split, no diacritics or punctuation. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function suggestTarget(header: string, warnings: ImportWarning[]): string | undefined {
  const whole = SYNONYMS.get(normalizeHeader(header));
  if (whole) return whole;
  const m = BRACKETED.exec(header.trim()) ?? SUFFIXED.exec(header.trim());
  if (!m) return undefined;
  const base = SYNONYMS.get(normalizeHeader(m[1]));
  if (!base) return undefined;
  const def = CSV_TARGETS.find((t) => t.id === base);
  // A suffix on a field without languages is a unit or qualifier: "Dimensions (cm)".
  if (!def?.languageTagged) return base;
  const suffix = m[2].trim();
  const lang = LANGUAGES.get(normalizeHeader(suffix)) ?? canonicalTag(suffix.replace(/_/g, '-'));
  if (!lang) {
    warnings.push({ field: header, message: `"${suffix}" is not a language tag; the column is mapped to ${base} without a language` });
    return base;
  }
  if (!isKnownLanguage(lang)) warnings.push({ field: header, message: `unknown language tag "${lang}"` });
  return `${base}.${lang}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
