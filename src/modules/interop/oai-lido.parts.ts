import { canonicalTag, type LangMap } from '../../shared/lang-map';
import type { RecordDoc } from '../records/record.normalize';
import { attributes, el } from './oai-xml';

/** LIDO Terminology concepts the writer uses. */
export const LIDO_TERMS = {
  uri: 'http://terminology.lido-schema.org/lido00099',
  local: 'http://terminology.lido-schema.org/lido00100',
  alternative: 'http://terminology.lido-schema.org/lido00170',
  humanMade: 'http://terminology.lido-schema.org/lido00096',
  item: 'http://terminology.lido-schema.org/lido00141',
  inventoryNumber: 'http://terminology.lido-schema.org/lido00113',
  currentRepository: 'http://terminology.lido-schema.org/lido00475',
  material: 'http://terminology.lido-schema.org/lido00132',
  technique: 'http://terminology.lido-schema.org/lido00131',
  thumbnail: 'http://terminology.lido-schema.org/lido00451',
  master: 'http://terminology.lido-schema.org/lido00464',
} as const;

type Attrs = Record<string, string | number | undefined>;
type Term = NonNullable<RecordDoc['subjects']>[number];
type Place = NonNullable<RecordDoc['places']>[number];

/** An element around children, or nothing when they are empty (LIDO's wraps may not be empty where they are optional). */
export function wrap(name: string, inner: string, attrs: Attrs = {}): string {
  return inner ? `<lido:${name}${attributes(attrs)}>${inner}</lido:${name}>` : '';
}

/** A LIDO text element with escaped content; nothing for a blank value. */
export function text(name: string, value: string | number | undefined | null, attrs: Attrs = {}): string {
  const v = value === undefined || value === null ? '' : String(value).trim();
  return v ? el(`lido:${name}`, v, attrs) : '';
}

/** The xml:lang of a language-map key: none for `none` (a value in no language). */
export function lang(key: string): string | undefined {
  return key === 'none' ? undefined : (canonicalTag(key) ?? undefined);
}

/** One element per value of a language map, each with its xml:lang (LIDO's convention for multilingual text). */
export function each(name: string, map: LangMap | undefined | null, attrs: Attrs = {}): string {
  let out = '';
  for (const [key, values] of Object.entries(map ?? {})) for (const v of values) out += text(name, v, { ...attrs, 'xml:lang': lang(key) });
  return out;
}

/** An appellation: the first value of each language preferred (LIDO's default, left unmarked), the others alternatives. */
export function appellation(map: LangMap | undefined | null): string {
  let out = '';
  for (const [key, values] of Object.entries(map ?? {})) {
    values.forEach((v, i) => (out += text('appellationValue', v, { 'lido:pref': i === 0 ? undefined : LIDO_TERMS.alternative, 'xml:lang': lang(key) })));
  }
  return out;
}

/** The inside of a LIDO concept: its URI as conceptID, its labels as terms by language. */
export function concept(term: { label: LangMap; uri?: string; vocabulary?: string }): string {
  return (term.uri ? text('conceptID', term.uri, { 'lido:type': LIDO_TERMS.uri, 'lido:source': term.vocabulary }) : '') + each('term', term.label);
}

/** A concept element (objectWorkType, subjectConcept, termMaterialsTech...). */
export function conceptEl(name: string, term: Term, attrs: Attrs = {}): string {
  return wrap(name, concept(term), attrs);
}

/** The inside of a LIDO place: URI, names, WGS 84 point ("lat lon", as gml:pos reads by default), and the country (ISO 3166-1) as the place it is part of. */
export function place(p: Place): string {
  return (
    (p.uri ? text('placeID', p.uri, { 'lido:type': LIDO_TERMS.uri }) : '') +
    wrap('namePlaceSet', appellation(p.name)) +
    (p.lat !== undefined && p.lon !== undefined ? `<lido:gml><gml:Point><gml:pos>${p.lat} ${p.lon}</gml:pos></gml:Point></lido:gml>` : '') +
    (p.country ? wrap('partOfPlace', text('placeID', p.country, { 'lido:type': 'ISO 3166-1 alpha-2' })) : '')
  );
}

/** A LIDO date (earliestDate/latestDate) for an astronomical year: `1480`, `-0499`; nothing outside four digits. */
export function lidoYear(year: number | undefined): string | undefined {
  if (year === undefined || !Number.isInteger(year) || Math.abs(year) > 9999) return undefined;
  return `${year < 0 ? '-' : ''}${String(Math.abs(year)).padStart(4, '0')}`;
}

/** Life dates as catalogued ("1445–1510", "1775-1817") as earliestDate/latestDate. */
export function vitalDates(dates: string | undefined): string {
  if (!dates?.trim()) return '';
  const d = dates.trim();
  const m = /^(.+?)\s*–\s*(.+)$/.exec(d) ?? /^(-?\d{1,4})-(-?\d{1,4})$/.exec(d);
  return wrap('vitalDatesActor', m ? text('earliestDate', m[1]) + text('latestDate', m[2]) : text('earliestDate', d));
}
