import { formatNumber, t } from '../../shared/i18n/i18n';
import { yearLabel } from '../pages/format';

/** An EDTF date for people: a day or month in the UI language's words, a year, or a range of them; the raw text otherwise. */
export function edtfLabel(lang: string, value: string): string {
  const parts = value.split('/');
  if (parts.length === 2) {
    const [a, b] = parts.map((p) => (p === '' || p === '..' ? null : one(lang, p)));
    if (a && b) return t(lang, 'year.range', { from: a, to: b });
    return a ?? b ?? value;
  }
  return one(lang, value) ?? value;
}

function one(lang: string, v: string): string | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (m) return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  m = /^(\d{4})-(\d{2})$/.exec(v);
  if (m && +m[2] >= 1 && +m[2] <= 12) return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.UTC(+m[1], +m[2] - 1, 1));
  m = /^(-?\d{1,4})$/.exec(v);
  if (m) return yearLabel(lang, Number(m[1]));
  return null;
}

/** An amount of a need: money in its currency, or a count of persons, items or places. */
export function amountLabel(lang: string, quantity: number, unit: string): string {
  if (/^[A-Z]{3}$/.test(unit)) {
    try {
      return new Intl.NumberFormat(lang, { style: 'currency', currency: unit, maximumFractionDigits: 2 }).format(quantity);
    } catch {
      return `${formatNumber(lang, quantity)} ${unit}`;
    }
  }
  const key = unit === 'persons' ? 'projects.unit.persons' : unit === 'places' ? 'projects.unit.places' : 'projects.unit.items';
  return t(lang, key, { count: quantity, n: formatNumber(lang, quantity) });
}
