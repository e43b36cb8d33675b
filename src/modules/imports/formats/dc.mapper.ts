import type { FieldProblem } from '../../../shared/errors';
import { deriveEdtf } from '../../records/record.dates';
import type { RecordInput, RecordKind } from '../../records/record.schema';
import type { ImportWarning } from '../import.types';
import { childElements, langKey, languageTag, textOf, type XmlElement } from './xml-records';

/** The Dublin Core element set (1.1) namespace; DCMI terms use the same local names. */
export const DC_NS = 'http://purl.org/dc/elements/1.1/';
/** The DCMI terms namespace. */
export const DCTERMS_NS = 'http://purl.org/dc/terms/';

type LangMap = Record<string, string[]>;
type Identifier = NonNullable<RecordInput['identifiers']>[number];

/** DCMI Type vocabulary (and common free-text types) onto record kinds; the DCMI URI when it is a DCMI type. */
const TYPES: Record<string, { kind: RecordKind; dcmi?: string }> = {
  text: { kind: 'rare-book', dcmi: 'Text' },
  image: { kind: 'object', dcmi: 'Image' },
  stillimage: { kind: 'object', dcmi: 'StillImage' },
  physicalobject: { kind: 'object', dcmi: 'PhysicalObject' },
  movingimage: { kind: 'audiovisual', dcmi: 'MovingImage' },
  sound: { kind: 'audiovisual', dcmi: 'Sound' },
  collection: { kind: 'archival-unit', dcmi: 'Collection' },
  book: { kind: 'rare-book' },
  article: { kind: 'rare-book' },
  manuscript: { kind: 'manuscript' },
  photograph: { kind: 'object' },
  map: { kind: 'object' },
  painting: { kind: 'object' },
  archive: { kind: 'archival-unit' },
  fonds: { kind: 'archival-unit' },
  site: { kind: 'site' },
  building: { kind: 'site' },
  monument: { kind: 'site' },
  video: { kind: 'audiovisual' },
};

/** The outcome of mapping one record. */
export type MapOutcome = { record: RecordInput; warnings: ImportWarning[] } | { problems: FieldProblem[] };

/**
 * Maps a simple Dublin Core record (`oai_dc:dc`, or any element whose children are DC elements) to
 * a record. Texts become language maps by xml:lang; dc:type chooses the kind (DCMI types and common
 * words; `object` with a warning otherwise); a rights URI becomes the rights, rights text a note.
 */
export function dcToRecord(el: XmlElement, opts: { institutionId: string; source: Omit<NonNullable<RecordInput['source']>, 'identifier'>; index: number }): MapOutcome {
  const warnings: ImportWarning[] = [];
  const byName = new Map<string, XmlElement[]>();
  for (const c of childElements(el)) {
    if (c.uri !== DC_NS && c.uri !== DCTERMS_NS) continue;
    const list = byName.get(c.local) ?? [];
    list.push(c);
    byName.set(c.local, list);
  }
  const values = (name: string) => (byName.get(name) ?? []).map((e) => ({ el: e, text: textOf(e) })).filter((v) => v.text);
  const langMap = (name: string): LangMap => {
    const map: LangMap = {};
    for (const v of values(name)) add(map, langKey(v.el), v.text);
    return map;
  };

  const title = langMap('title');
  if (!Object.keys(title).length) return { problems: [{ field: 'dc:title', message: 'no dc:title: a record needs a title' }] };
  const notes: LangMap = {};
  const note = (label: string, name: string) => values(name).forEach((v) => add(notes, langKey(v.el), `${label}: ${v.text}`));

  const identifiers: Identifier[] = [];
  let url: string | undefined;
  for (const { text } of values('identifier')) {
    const id = identifierOf(text);
    if (id.type === 'uri') url ??= text;
    if (!identifiers.some((i) => i.value === id.value)) identifiers.push(id);
  }

  const agents: NonNullable<RecordInput['agents']> = [];
  for (const role of ['creator', 'contributor', 'publisher'] as const) {
    for (const v of values(role)) {
      const key = langKey(v.el);
      if (!agents.some((a) => a.role === role && a.name[key]?.includes(v.text))) agents.push({ name: { [key]: [v.text] }, role });
    }
  }

  let kind: RecordKind | undefined;
  const objectTypes: NonNullable<RecordInput['objectTypes']> = [];
  for (const v of values('type')) {
    const key = v.text.replace(/^https?:\/\/purl\.org\/dc\/dcmitype\//, '').replace(/^info:eu-repo\/semantics\//, '').toLowerCase().replace(/[\s_-]/g, '');
    const known = TYPES[key];
    kind ??= known?.kind;
    if (known?.dcmi) objectTypes.push({ label: { en: [known.dcmi] }, uri: `http://purl.org/dc/dcmitype/${known.dcmi}`, vocabulary: 'DCMI Type' });
    else if (!objectTypes.some((t) => t.label.none?.includes(v.text))) objectTypes.push({ label: { none: [v.text] } });
  }
  if (!kind) warnings.push({ field: 'dc:type', message: `no known type (${values('type').map((v) => `"${v.text}"`).join(', ') || 'none given'}): recorded as an object` });

  const languages = [...new Set(values('language').map((v) => languageTag(v.text)).filter((t): t is string => !!t))];
  for (const v of values('language')) if (!languageTag(v.text)) warnings.push({ field: 'dc:language', message: `"${v.text}" is not a language code; left out` });

  let date: RecordInput['date'];
  const dates = values('date');
  if (dates.length) {
    date = { display: dates[0].text.slice(0, 500) };
    const edtf = deriveEdtf(dates[0].text);
    if (edtf) date.edtf = edtf;
    else warnings.push({ field: 'dc:date', message: `"${dates[0].text}" kept as text: no machine-readable date found` });
    for (const d of dates.slice(1)) add(notes, 'none', `Date: ${d.text}`);
  }

  const places: NonNullable<RecordInput['places']> = [];
  for (const v of values('coverage').concat(values('spatial'))) {
    if (deriveEdtf(v.text) || /^\d/.test(v.text)) {
      if (!date) date = { display: v.text.slice(0, 500), ...(deriveEdtf(v.text) ? { edtf: deriveEdtf(v.text)! } : {}) };
      else add(notes, langKey(v.el), `Coverage: ${v.text}`);
    } else places.push({ name: { [langKey(v.el)]: [v.text] }, role: 'coverage' });
  }

  const subjects: NonNullable<RecordInput['subjects']> = [];
  for (const v of values('subject')) {
    if (/^https?:\/\//.test(v.text)) subjects.push({ label: { none: [v.text] }, uri: v.text.slice(0, 2000) });
    else if (!subjects.some((s) => s.label[langKey(v.el)]?.includes(v.text))) subjects.push({ label: { [langKey(v.el)]: [v.text] } });
  }

  let rights: string | undefined;
  for (const v of values('rights')) {
    if (!rights && /^(https?|urn|info):\S+$/.test(v.text)) rights = v.text;
    else add(notes, langKey(v.el), `Rights: ${v.text}`);
  }
  if (!rights) warnings.push({ field: 'dc:rights', message: values('rights').length ? 'rights given as text, not as a URI: kept in the notes, the record has no rights' : 'no dc:rights: the record has no rights' });
  for (const v of values('format')) if (!/^[a-z]+\/[\w.+-]+$/i.test(v.text)) add(notes, langKey(v.el), `Format: ${v.text}`);
  note('Source', 'source');
  note('Relation', 'relation');

  const identifier = values('identifier')[0]?.text;
  if (!identifier) warnings.push({ field: 'dc:identifier', message: `no dc:identifier: identified by its position (record ${opts.index}), so a re-import of a changed file may duplicate it` });
  const description = langMap('description');
  return {
    record: {
      institutionId: opts.institutionId,
      kind: kind ?? 'object',
      title,
      ...(Object.keys(description).length ? { description } : {}),
      ...(Object.keys(notes).length ? { notes } : {}),
      ...(identifiers.length ? { identifiers: identifiers.slice(0, 100) } : {}),
      ...(agents.length ? { agents: agents.slice(0, 200) } : {}),
      ...(date ? { date } : {}),
      ...(places.length ? { places: places.slice(0, 100) } : {}),
      ...(objectTypes.length ? { objectTypes: objectTypes.slice(0, 50) } : {}),
      ...(subjects.length ? { subjects: subjects.slice(0, 500) } : {}),
      ...(languages.length ? { languages: languages.slice(0, 50) } : {}),
      ...(rights ? { rights } : {}),
      source: { ...opts.source, identifier: (identifier ?? `record-${opts.index}`).slice(0, 500), ...(url && url.length <= 2000 ? { url } : {}) },
    },
    warnings,
  };
}

/** The kind of an identifier: a URL, DOI, ISBN, ISSN or another id. */
export function identifierOf(text: string): Identifier {
  const value = text.slice(0, 500);
  if (/^https?:\/\/(dx\.)?doi\.org\/10\./i.test(text) || /^(doi:)?10\.\d{4,9}\//i.test(text)) return { type: 'doi', value: value.replace(/^(doi:|https?:\/\/(dx\.)?doi\.org\/)/i, '') };
  if (/^(https?|urn|info):/i.test(text)) {
    if (/^urn:isbn:/i.test(text)) return { type: 'isbn', value: value.slice(9) };
    if (/^urn:issn:/i.test(text)) return { type: 'issn', value: value.slice(9) };
    return { type: 'uri', value };
  }
  if (/^isbn[:\s]/i.test(text)) return { type: 'isbn', value: value.replace(/^isbn[:\s]\s*/i, '') };
  if (/^issn[:\s]/i.test(text)) return { type: 'issn', value: value.replace(/^issn[:\s]\s*/i, '') };
  return { type: 'other', value };
}

function add(map: LangMap, tag: string, text: string): void {
  const list = (map[tag] ??= []);
  if (!list.includes(text) && list.length < 100) list.push(text);
}
