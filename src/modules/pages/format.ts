import { formatNumber, t, type MessageKey } from '../../shared/i18n/i18n';
import { RECORD_KINDS } from '../records/record.schema';
import { INSTITUTION_KINDS } from '../institutions/institution.schema';

/** A year for people in the UI language (astronomical: 0 = 1 BCE, -199 = 200 BCE), without digit grouping. */
export function yearLabel(lang: string, y: number): string {
  const plain = (n: number) => formatNumber(lang, n, { useGrouping: false });
  return y >= 1 ? t(lang, 'year.ce', { year: plain(y) }) : t(lang, 'year.bce', { year: plain(1 - y) });
}

/** A range of years ("868", "200 BCE – 100"); one year when both ends are the same. */
export function yearRangeLabel(lang: string, from: number | null | undefined, to: number | null | undefined): string | null {
  if (from == null && to == null) return null;
  if (from == null || to == null || from === to) return yearLabel(lang, (from ?? to)!);
  return t(lang, 'year.range', { from: yearLabel(lang, from), to: yearLabel(lang, to) });
}

/** The label of a century facet value ("4" = 4th century CE, "-2" = 2nd century BCE); the raw value when it is not one. */
export function centuryLabel(lang: string, value: string): string {
  if (!/^-?\d{1,3}$/.test(value) || Number(value) === 0) return value;
  const c = Number(value);
  const n = Math.abs(c);
  return t(lang, c > 0 ? 'century.ce' : 'century.bce', { count: n, roman: roman(n) });
}

/** Roman numerals (1–3999), as French, Spanish and Russian write centuries. */
export function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) (out += s), (n -= v);
  return out;
}

/** A language's name in the UI language ("Arabic", "arabe", "阿拉伯语"); the tag when unknown. */
export function languageName(uiLang: string, tag: string): string {
  try {
    return new Intl.DisplayNames([uiLang, 'en'], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A language's name in itself ("中文", "العربية"), for links that switch to it. */
export function languageAutonym(tag: string): string {
  return languageName(tag, tag);
}

/** A date-time as a long date in the UI language. */
export function dateLabel(lang: string, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

/** A date-time with minutes, in UTC, in the UI language (audit log, tokens). */
export function formatDateTime(lang: string, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d) + ' UTC';
}

/** Coordinates as degrees with hemispheres ("39.9042° N, 116.4074° E"). */
export function coordinatesLabel(lang: string, lat: number, lon: number): string {
  const f = (n: number) => formatNumber(lang, Math.abs(n), { maximumFractionDigits: 4 });
  return `${f(lat)}° ${lat >= 0 ? 'N' : 'S'}, ${f(lon)}° ${lon >= 0 ? 'E' : 'W'}`;
}

/** The label of a record kind; the raw value for a kind the UI does not know. */
export function kindLabel(lang: string, kind: string): string {
  return (RECORD_KINDS as readonly string[]).includes(kind) ? t(lang, `kind.${kind}` as MessageKey) : kind;
}

/** The label of an institution kind. */
export function institutionKindLabel(lang: string, kind: string): string {
  return (INSTITUTION_KINDS as readonly string[]).includes(kind) ? t(lang, `instKind.${kind}` as MessageKey) : kind;
}

/** A URL safe to put in an href: http(s) only, anything else (javascript:, data:) dropped. */
export function safeHref(uri: string | null | undefined): string | null {
  return uri && /^https?:\/\//i.test(uri) ? uri : null;
}
