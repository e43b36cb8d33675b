import { validationError, type FieldProblem } from '../../shared/errors';
import { canonicalLangMap } from '../../shared/lang-map-validate';
import { firstText, type LangMap } from '../../shared/lang-map';
import { isCountryCode } from '../../shared/country';
import { edtfYears, isEdtf } from '../records/record.dates';

/** Checks one language map field; `required` demands at least one value. Pushes problems, returns the canonical map. */
export function langMapField(raw: unknown, field: string, problems: FieldProblem[], opts: { required?: boolean; max?: number } = {}): LangMap {
  if (raw === undefined || raw === null) {
    if (opts.required) problems.push({ field, message: 'is required' });
    return {};
  }
  if (typeof raw !== 'object' || Array.isArray(raw) || Object.values(raw as object).some((v) => !Array.isArray(v) || v.some((s) => typeof s !== 'string'))) {
    problems.push({ field, message: 'is not a language map ({"en": ["…"]})' });
    return {};
  }
  const map = canonicalLangMap(raw as LangMap, field, problems);
  const max = opts.max ?? 500;
  for (const [tag, values] of Object.entries(map)) {
    if (values.some((v) => v.length > max)) problems.push({ field: `${field}/${tag}`, message: `is longer than ${max} characters` });
  }
  if (opts.required && !Object.keys(map).length) problems.push({ field, message: 'is empty' });
  return map;
}

/** A date as EDTF (an ISO date is EDTF too) with the years it covers; null when empty. */
export function dateField(raw: unknown, field: string, problems: FieldProblem[]): { value: string | null; from: number | null; to: number | null } {
  const text = typeof raw === 'string' ? raw.trim() : raw == null ? '' : null;
  if (text === null) {
    problems.push({ field, message: 'is not text' });
    return { value: null, from: null, to: null };
  }
  if (!text) return { value: null, from: null, to: null };
  if (text.length > 64 || !isEdtf(text)) {
    problems.push({ field, message: `"${text.slice(0, 64)}" is not an EDTF date (e.g. 2024, 2024-05, 2024-05-17, 2024/2026)` });
    return { value: null, from: null, to: null };
  }
  const years = edtfYears(text);
  return { value: text, from: years?.from ?? null, to: years?.to ?? null };
}

/** One of the allowed values, or a problem. */
export function enumField<T extends string>(raw: unknown, allowed: readonly T[], field: string, problems: FieldProblem[], fallback?: T): T {
  if ((raw === undefined || raw === null || raw === '') && fallback !== undefined) return fallback;
  if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push({ field, message: `must be one of ${allowed.join(', ')}` });
  return allowed[0];
}

/** A one-line text without control characters; trimmed. */
export function textField(raw: unknown, field: string, problems: FieldProblem[], opts: { required?: boolean; max?: number; multiline?: boolean } = {}): string {
  const text = typeof raw === 'string' ? raw.trim() : raw == null ? '' : null;
  if (text === null) {
    problems.push({ field, message: 'is not text' });
    return '';
  }
  const max = opts.max ?? 500;
  if (opts.required && !text) problems.push({ field, message: 'is required' });
  else if (text.length > max) problems.push({ field, message: `is longer than ${max} characters` });
  else if ((opts.multiline ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/).test(text)) problems.push({ field, message: 'contains control characters' });
  return text;
}

/** An ISO 3166-1 alpha-2 country code, upper-cased. */
export function countryField(raw: unknown, field: string, problems: FieldProblem[]): string {
  const code = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
  if (!isCountryCode(code)) problems.push({ field, message: 'is not an ISO 3166-1 alpha-2 country code' });
  return code;
}

/** A coordinate within bounds, or null when absent. */
export function coordinateField(raw: unknown, field: string, bound: number, problems: FieldProblem[]): number | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const n = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(n) || Math.abs(n) > bound) {
    problems.push({ field, message: `must be a number between -${bound} and ${bound}` });
    return null;
  }
  return n;
}

/** An http(s) URL or null. */
export function urlField(raw: unknown, field: string, problems: FieldProblem[]): string | null {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!text) return null;
  try {
    const u = new URL(text);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && text.length <= 2000) return u.toString();
  } catch {
    /* reported below */
  }
  problems.push({ field, message: 'is not an http(s) URL' });
  return null;
}

/** Throws a VALIDATION_FAILED listing every problem, if any. */
export function assertValid(problems: FieldProblem[], what: string): void {
  if (problems.length) throw validationError(problems, what);
}

/** The lower-cased first title, for ordering lists. */
export function sortKey(map: LangMap): string {
  return firstText(map, 'en').toLowerCase().slice(0, 200);
}
