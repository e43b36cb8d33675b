import edtf from 'edtf';

/** A date as catalogued: the display text, its EDTF value and the years it may fall in (astronomical: 0 = 1 BCE). */
export interface RecordDate {
  display: string;
  edtf?: string;
  yearFrom?: number;
  yearTo?: number;
}

const ERA_BCE = /\b(b\.?\s?c\.?\s?e?\.?|bce|before christ)(?=\s|$|[,;)])/i;
const CIRCA = /^(c\.|ca\.?|circa|about|around|approx\.?)\s*/i;
const DASH = /\s*(?:–|—|-|to|until)\s*/i;

/**
 * Derives an EDTF value from common catalogue phrasings: "1907", "1907?", "c. 200 BCE",
 * "1880s", "4th century", "4th–14th century", "3rd century BCE", "1825–1830". Null when unsure.
 */
export function deriveEdtf(display: string): string | null {
  const text = display.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  if (/^\d{1,3}$/.test(text)) return year(Number(text), false);
  // Only text made of EDTF's characters can be EDTF; trying the parser on prose is costly.
  if (/^[\dXYSET:+\-\/.?~%\[\]{},Z ]+$/.test(text) && isEdtf(text)) return text;

  const bce = ERA_BCE.test(text);
  const core = text.replace(ERA_BCE, '').replace(/\b(ce|ad|a\.d\.|c\.e\.)(?=\s|$)/gi, '').trim();
  const circa = CIRCA.test(core);
  const uncertain = /\?$/.test(core);
  const body = core.replace(CIRCA, '').replace(/\?$/, '').trim();
  const qual = `${uncertain ? '?' : ''}${circa ? '~' : ''}`.replace('?~', '%');

  let m = /^(\d{1,4})$/.exec(body);
  if (m) return year(Number(m[1]), bce) + qual;

  m = /^(\d{1,2})(?:st|nd|rd|th)(?:\s*(?:c\.|cent\.?|century))?\s*(?:–|—|-|to)\s*(\d{1,2})(?:st|nd|rd|th)\s*(?:c\.|cent\.?|century)$/i.exec(body);
  if (m) return interval(centuryStart(Number(m[1]), bce), centuryEnd(Number(m[2]), bce), qual);

  m = /^(early|mid|late)?\s*-?\s*(\d{1,2})(?:st|nd|rd|th)\s*(?:c\.|cent\.?|century)$/i.exec(body);
  if (m) {
    const c = Number(m[2]);
    let from = centuryStart(c, bce);
    let to = centuryEnd(c, bce);
    if (m[1]?.toLowerCase() === 'early') to = from + 32;
    else if (m[1]?.toLowerCase() === 'mid') [from, to] = [from + 33, from + 66];
    else if (m[1]?.toLowerCase() === 'late') from = to - 32;
    return interval(from, to, qual);
  }

  m = /^(\d{2,3})0s$/.exec(body);
  if (m && !bce) {
    const digits = m[1];
    // EDTF does not qualify unspecified digits ("188X~" is invalid): the X already says "some year in".
    return digits.length === 3 && digits.endsWith('0') ? `${digits.slice(0, 2)}XX` : `${digits.padStart(3, '0')}X`;
  }

  const parts = body.split(DASH);
  if (parts.length === 2 && /^\d{1,4}$/.test(parts[0]) && /^\d{1,4}$/.test(parts[1])) {
    let [a, b] = parts.map(Number);
    if (!bce && b < a && parts[1].length < parts[0].length) {
      // "1825–30": the second year shares the first one's leading digits.
      b = Number(parts[0].slice(0, parts[0].length - parts[1].length) + parts[1]);
    }
    const from = year(a, bce);
    const to = year(b, bce);
    return Number(from) <= Number(to) ? `${from}/${to}${qual}` : null;
  }

  // Fall back to the span of the years the text names ("1825, reprinted 1874").
  const years = [...body.matchAll(/(?<!\d)(\d{4})(?!\d)/g)].map((x) => Number(x[1]));
  if (years.length && !bce) {
    const lo = Math.min(...years);
    const hi = Math.max(...years);
    return lo === hi ? year(lo, false) : `${year(lo, false)}/${year(hi, false)}`;
  }
  return null;
}

// Catalogues repeat the same dates many times; parsing EDTF is the costly part of a bulk import.
const parsed = new Map<string, { valid: boolean; years: { from: number; to: number } | null }>();

const YEAR = /^(-?\d{4})[?~%]?$/;
const INTERVAL = /^(-?\d{4})[?~%]?\/(-?\d{4})[?~%]?$/;
const DECADE_OR_CENTURY = /^(\d{2})(\d|X)X$/;
const DAY_OR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

/** Years of the shapes catalogues use most, without the general parser (a test proves they agree). */
export function fastEdtfYears(value: string): { from: number; to: number } | null | undefined {
  let m = YEAR.exec(value);
  if (m) return value.startsWith('-0000') ? undefined : { from: Number(m[1]), to: Number(m[1]) };
  m = INTERVAL.exec(value);
  if (m) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    return from <= to && !/^-0000/.test(value) ? { from, to } : undefined;
  }
  m = DECADE_OR_CENTURY.exec(value);
  if (m) {
    const base = m[2] === 'X' ? Number(m[1]) * 100 : Number(m[1] + m[2]) * 10;
    return { from: base, to: base + (m[2] === 'X' ? 99 : 9) };
  }
  m = DAY_OR_MONTH.exec(value);
  if (m && !m[3]) return { from: Number(m[1]), to: Number(m[1]) };
  return undefined;
}

function parseEdtf(value: string) {
  let r = parsed.get(value);
  if (r) return r;
  const fast = fastEdtfYears(value);
  if (fast) {
    r = { valid: true, years: fast };
    if (parsed.size > 50_000) parsed.clear();
    parsed.set(value, r);
    return r;
  }
  try {
    const d = edtf(value);
    const from = new Date(d.min).getUTCFullYear();
    const to = new Date(d.max).getUTCFullYear();
    r = { valid: true, years: Number.isFinite(from) && Number.isFinite(to) ? { from, to } : null };
  } catch {
    r = { valid: false, years: null };
  }
  if (parsed.size > 50_000) parsed.clear();
  parsed.set(value, r);
  return r;
}

/** The first and last year (astronomical) an EDTF value covers, or null when it is not valid EDTF or open-ended. */
export function edtfYears(value: string): { from: number; to: number } | null {
  return parseEdtf(value).years;
}

/** True when the text is valid EDTF (levels 0 to 2). */
export function isEdtf(value: string): boolean {
  return parseEdtf(value).valid;
}

/** Centuries (1 = 1st century CE, -1 = 1st century BCE) that a year range touches, at most `max`. */
export function centuriesOf(from: number, to: number, max = 40): number[] {
  const c1 = centuryOf(from);
  const c2 = centuryOf(to);
  const out: number[] = [];
  for (let c = c1; c <= c2 && out.length < max; c++) if (c !== 0) out.push(c);
  return out;
}

/** The century of an astronomical year. */
export function centuryOf(y: number): number {
  return y >= 1 ? Math.ceil(y / 100) : -Math.ceil((1 - y) / 100);
}

/** A year for people: "1907", "200 BCE". */
export function formatYear(y: number): string {
  return y >= 1 ? String(y) : `${1 - y} BCE`;
}

function year(n: number, bce: boolean): string {
  const astronomical = bce ? 1 - n : n;
  const sign = astronomical < 0 ? '-' : '';
  return sign + String(Math.abs(astronomical)).padStart(4, '0');
}

function centuryStart(c: number, bce: boolean): number {
  return bce ? 1 - c * 100 : (c - 1) * 100 + 1;
}
function centuryEnd(c: number, bce: boolean): number {
  return bce ? 1 - ((c - 1) * 100 + 1) : c * 100;
}

function interval(from: number, to: number, qual: string): string {
  const fmt = (y: number) => (y < 0 ? '-' : '') + String(Math.abs(y)).padStart(4, '0');
  const [a, b] = from <= to ? [from, to] : [to, from];
  return `${fmt(a)}${qual}/${fmt(b)}${qual}`;
}
