import { t } from '../../shared/i18n/i18n';
import { centuryLabel, dateLabel, yearLabel, yearRangeLabel } from '../pages/format';
import { centuryOf, deriveEdtf, edtfYears, isEdtf } from './record.dates';

/** What the editor shows under a date: whether the EDTF is valid, the value used, and the date in words. */
export interface EdtfPreview {
  valid: boolean;
  /** The EDTF value the record will keep (typed, or derived from the display text). */
  edtf: string | null;
  /** True when the value was derived from the display text rather than typed. */
  derived: boolean;
  /** The date in words in the UI language ("4th century – 14th century", "circa 1850"); null when there is none. */
  text: string | null;
}

/**
 * The preview of a date as the editor has it: the typed EDTF value if any (validated), otherwise
 * the value derived from the display text, described in the UI language. The no-JavaScript form
 * and the live preview (through the API) both use this.
 */
export function edtfPreview(lang: string, input: { display?: string; edtf?: string }): EdtfPreview {
  const typed = input.edtf?.trim() ?? '';
  if (typed) {
    if (!isEdtf(typed)) return { valid: false, edtf: typed, derived: false, text: null };
    return { valid: true, edtf: typed, derived: false, text: describeEdtf(lang, typed) };
  }
  const derived = input.display?.trim() ? deriveEdtf(input.display) : null;
  return { valid: true, edtf: derived, derived: derived !== null, text: derived ? describeEdtf(lang, derived) : null };
}

/** A valid EDTF value in words: years, BCE, centuries, decades, months, days, circa, uncertain, open ends. */
export function describeEdtf(lang: string, value: string): string | null {
  const slash = value.indexOf('/');
  if (slash > 0 || value.startsWith('../') || value.startsWith('/')) {
    const [a, b] = [value.slice(0, Math.max(slash, 0)), value.slice(slash + 1)];
    const qa = qualifierOf(a);
    const qb = qualifierOf(b);
    const open = (s: string) => s === '' || s === '..';
    if (open(a) && !open(b)) return qualified(lang, point(lang, strip(b)), qb, 'until');
    if (open(b) && !open(a)) return qualified(lang, point(lang, strip(a)), qa, 'from');
    const shared = qa === qb ? qa : '';
    const centuries = centuryRange(lang, strip(a), strip(b));
    const from = point(lang, strip(a));
    const to = point(lang, strip(b));
    if (centuries && from && to) return qualified(lang, centuries, shared);
    if (from && to) {
      const both = from === to ? from : t(lang, 'year.range', { from: shared ? from : qualified(lang, from, qa)!, to: shared ? to : qualified(lang, to, qb)! });
      return shared ? qualified(lang, both, shared) : both;
    }
  } else {
    const text = point(lang, strip(value));
    if (text) return qualified(lang, text, qualifierOf(value));
  }
  const years = edtfYears(value);
  return years ? yearRangeLabel(lang, years.from, years.to) : null;
}

/** One date of EDTF without qualifiers, in words; null for shapes it does not phrase. */
function point(lang: string, v: string): string | null {
  let m = /^(-?\d{4})$/.exec(v);
  if (m) return yearLabel(lang, Number(m[1]));
  m = /^(\d{2})XX$/.exec(v);
  if (m) return centuryLabel(lang, String(Number(m[1]) + 1));
  m = /^(\d{3})X$/.exec(v);
  if (m) return t(lang, 'editor.edtf.decade', { year: String(Number(m[1]) * 10) });
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(v);
  if (m) return monthLabel(lang, Number(m[1]), Number(m[2]));
  m = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.exec(v);
  if (m) return dateLabel(lang, `${v}T00:00:00Z`);
  return null;
}

/** "4th century – 14th century" when an interval runs from a century's first year to a century's last. */
function centuryRange(lang: string, a: string, b: string): string | null {
  if (!/^-?\d{4}$/.test(a) || !/^-?\d{4}$/.test(b)) return null;
  const from = Number(a);
  const to = Number(b);
  const c1 = centuryOf(from);
  const c2 = centuryOf(to);
  if (from !== centuryFirstYear(c1) || to !== centuryFirstYear(c2) + 99 || c1 > c2) return null;
  return c1 === c2 ? centuryLabel(lang, String(c1)) : t(lang, 'year.range', { from: centuryLabel(lang, String(c1)), to: centuryLabel(lang, String(c2)) });
}

// The first astronomical year of a century (1 = 1st century CE, -1 = 1st century BCE).
function centuryFirstYear(c: number): number {
  return c > 0 ? (c - 1) * 100 + 1 : c * 100 + 1;
}

function monthLabel(lang: string, year: number, month: number): string {
  const d = new Date(Date.UTC(2000, month - 1, 1));
  d.setUTCFullYear(year);
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(d);
}

function qualifierOf(v: string): '' | '~' | '?' | '%' {
  const last = v.at(-1);
  return last === '~' || last === '?' || last === '%' ? last : '';
}

function strip(v: string): string {
  return v.replace(/[~?%]$/, '');
}

function qualified(lang: string, text: string | null, q: '' | '~' | '?' | '%', open?: 'from' | 'until'): string | null {
  if (!text) return null;
  const withQ = q === '~' ? t(lang, 'editor.edtf.circa', { date: text }) : q === '?' ? t(lang, 'editor.edtf.uncertain', { date: text }) : q === '%' ? t(lang, 'editor.edtf.circaUncertain', { date: text }) : text;
  return open ? t(lang, open === 'from' ? 'editor.edtf.from' : 'editor.edtf.until', { date: withQ }) : withQ;
}
