import { isEdtf } from '../../records/record.dates';
import type { RecordInput } from '../../records/record.schema';
import { attrOf, childElement, childElements, langKey, languageTag, textOf, type XmlElement } from './xml-records';

/** The LIDO namespace (1.0 and 1.1). */
export const LIDO_NS = 'http://www.lido-schema.org';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';

/** A language map under construction. */
export type LangMap = Record<string, string[]>;
type Term = NonNullable<RecordInput['subjects']>[number];

/** LIDO's "preferred" markers: lido:pref="preferred" (1.0) or the terminology URI lido00169 (1.1). */
export function isPreferred(el: XmlElement): boolean {
  const pref = attrOf(el, 'pref');
  return !pref || pref === 'preferred' || pref.endsWith('/lido00169');
}

/** Adds a text to a language map under a tag, once. */
export function add(map: LangMap, tag: string, text: string): void {
  if (!text) return;
  const list = (map[tag] ??= []);
  if (!list.includes(text) && list.length < 100) list.push(text);
}

/** Elements at a path below several roots: `all(roots, 'eventWrap', 'eventSet', 'event')`. */
export function all(roots: (XmlElement | undefined)[], ...path: string[]): XmlElement[] {
  let at = roots.filter((r): r is XmlElement => !!r);
  for (const local of path) at = at.flatMap((e) => childElements(e, local));
  return at;
}

/**
 * The appellationValues of a set as a language map: preferred values first, alternatives after.
 * Names take only their own xml:lang (a name is not in the language of its record); titles inherit it.
 */
export function appellations(set: XmlElement | undefined, opts: { inherit: boolean }): LangMap {
  const map: LangMap = {};
  const values = childElements(set, 'appellationValue');
  for (const v of [...values.filter(isPreferred), ...values.filter((x) => !isPreferred(x))]) {
    add(map, opts.inherit ? langKey(v) : (languageTag(v.attrs['xml:lang']) ?? 'none'), textOf(v));
  }
  return map;
}

/**
 * A LIDO concept (objectWorkType, roleActor, termMaterialsTech, subjectConcept…): its terms and
 * SKOS prefLabels as labels, its URI from a URI conceptID or the skos:Concept's rdf:about.
 */
export function conceptOf(el: XmlElement | undefined, vocabularyHint?: string): Term | null {
  if (!el) return null;
  const label: LangMap = {};
  const added: LangMap = {};
  let uri: string | undefined;
  for (const c of childElements(el)) {
    if (c.local === 'term') add(attrOf(c, 'addedSearchTerm') === 'yes' ? added : label, langKey(c), textOf(c));
    else if (c.local === 'conceptID' && /^https?:\/\//.test(textOf(c))) uri ??= textOf(c);
    else if (c.local === 'Concept' && c.uri === SKOS) {
      const about = Object.entries(c.attrs).find(([k]) => k === 'rdf:about' || k.endsWith(':about'))?.[1];
      if (about && /^https?:\/\//.test(about)) uri ??= about;
      for (const p of childElements(c, 'prefLabel')) if (p.uri === SKOS) add(label, languageTag(p.attrs['xml:lang']) ?? 'none', textOf(p));
    }
  }
  if (!Object.keys(label).length) Object.assign(label, added);
  if (!Object.keys(label).length) return uri ? { label: { none: [uri] }, uri: uri.slice(0, 2000) } : null;
  const vocabulary = uri ? vocabularyOf(uri) : vocabularyHint;
  return { label, ...(uri ? { uri: uri.slice(0, 2000) } : {}), ...(vocabulary ? { vocabulary } : {}) };
}

/** An English label of a term if it has one, else its first label. */
export function labelOf(term: Term | null): string | undefined {
  if (!term) return undefined;
  return term.label.en?.[0] ?? Object.values(term.label)[0]?.[0];
}

/** The name of a vocabulary from a concept URI. */
export function vocabularyOf(uri: string): string | undefined {
  if (uri.includes('vocab.getty.edu/aat')) return 'AAT';
  if (uri.includes('vocab.getty.edu/tgn')) return 'TGN';
  if (uri.includes('vocab.getty.edu/ulan')) return 'ULAN';
  if (uri.includes('wikidata.org')) return 'Wikidata';
  if (uri.includes('geonames.org')) return 'GeoNames';
  if (uri.includes('iconclass.org')) return 'Iconclass';
  if (uri.includes('d-nb.info/gnd')) return 'GND';
  if (uri.includes('terminology.lido-schema.org')) return 'LIDO Terminology';
  return undefined;
}

/** A date from LIDO's eventDate: displayDate as the text, earliestDate/latestDate as an EDTF value or interval. */
export function eventDateOf(el: XmlElement | undefined): { value?: NonNullable<RecordInput['date']>; problem?: string } {
  if (!el) return {};
  const display = textOf(childElement(el, 'displayDate'));
  const date = childElement(el, 'date');
  const earliest = normaliseDate(textOf(childElement(date, 'earliestDate')));
  const latest = normaliseDate(textOf(childElement(date, 'latestDate')));
  let edtf: string | undefined;
  if (earliest && latest) edtf = earliest === latest ? earliest : `${earliest}/${latest}`;
  else if (earliest || latest) edtf = earliest ? `${earliest}/..` : `../${latest}`;
  const text = display || (edtf ?? '');
  if (!text) return {};
  if (edtf && !isEdtf(edtf)) return { value: { display: text.slice(0, 500) }, problem: `earliestDate/latestDate "${edtf}" is not a date: kept as text` };
  return { value: { display: text.slice(0, 500), ...(edtf ? { edtf } : {}) } };
}

/** A LIDO date (xs:date, gYear, or a signed year) as EDTF: `-0500` for 501 BCE, `1510-05-17`. */
function normaliseDate(text: string): string | undefined {
  const m = /^(-?)(\d{1,4})(-\d{2}(-\d{2})?)?$/.exec(text.trim());
  if (!m) return text.trim() || undefined;
  return `${m[1]}${m[2].padStart(4, '0')}${m[3] ?? ''}`;
}

/** A place from a LIDO place element: names, a URI placeID, WGS 84 coordinates from gml:Point/gml:pos ("lat lon"). */
export function placeOf(place: XmlElement | undefined, display: string, role: string): NonNullable<RecordInput['places']>[number] | null {
  const name = appellations(childElement(place, 'namePlaceSet'), { inherit: false });
  if (!Object.keys(name).length && display) name.none = [display];
  if (!Object.keys(name).length) return null;
  const uri = childElements(place, 'placeID').map(textOf).find((t) => /^https?:\/\//.test(t));
  const pos = childElements(childElement(place, 'gml'))
    .flatMap((g) => [g, ...childElements(g)])
    .find((g) => g.local === 'pos' || g.local === 'coordinates');
  const [lat, lon] = textOf(pos).split(/[\s,]+/).map(Number);
  const coords = Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && pos ? { lat, lon } : {};
  // The country a place is part of, given by its ISO 3166-1 code (as the OAI-PMH LIDO writer gives it).
  const country = all(childElements(place, 'partOfPlace'), 'placeID').find((i) => /3166/.test(attrOf(i, 'type') ?? '') && /^[A-Z]{2}$/.test(textOf(i)));
  return { name, role, ...(uri ? { uri: uri.slice(0, 2000) } : {}), ...(country ? { country: textOf(country) } : {}), ...coords };
}

const UNITS: Record<string, string> = { centimetre: 'cm', centimeter: 'cm', zentimeter: 'cm', millimetre: 'mm', millimeter: 'mm', metre: 'm', meter: 'm', inch: 'in', inches: 'in', gram: 'g', gramm: 'g', 'gr.': 'g', kilogram: 'kg', kilogramm: 'kg' };

/** The dimensions of objectMeasurementsSets (type, unit, value; the display text on each) and their display texts. */
export function measurementsOf(sets: XmlElement[]): { dimensions: NonNullable<RecordInput['dimensions']>; texts: string[] } {
  const dimensions: NonNullable<RecordInput['dimensions']> = [];
  const texts: string[] = [];
  for (const set of sets) {
    const display = childElements(set, 'displayObjectMeasurements').map(textOf).filter(Boolean);
    for (const t of display) if (!texts.includes(t)) texts.push(t);
    for (const m of all([set], 'objectMeasurements', 'measurementsSet')) {
      const type = labelOf(conceptOf(childElement(m, 'measurementType'))) ?? textOf(childElement(m, 'measurementType'));
      const unitText = labelOf(conceptOf(childElement(m, 'measurementUnit'))) ?? textOf(childElement(m, 'measurementUnit'));
      const value = Number(textOf(childElement(m, 'measurementValue')).replace(',', '.'));
      if (!type || !unitText || !Number.isFinite(value)) continue;
      const unit = UNITS[unitText.toLowerCase()] ?? unitText;
      const dim = { type: type.slice(0, 100), value, unit: unit.slice(0, 20), ...(display[0] ? { display: display[0].slice(0, 200) } : {}) };
      if (!dimensions.some((d) => JSON.stringify(d) === JSON.stringify(dim))) dimensions.push(dim);
    }
  }
  return { dimensions: dimensions.slice(0, 50), texts };
}

/** True for a URL that names a IIIF Presentation manifest. */
export function isIiifManifest(url: string, format: string | undefined): boolean {
  return /\/manifest(\.json)?$/i.test(url) || (/iiif/i.test(url) && /manifest/i.test(url)) || /iiif\.io\/api\/presentation/.test(format ?? '');
}
