/**
 * The Getty AAT terms Linked Art asks for (https://linked.art/model/vocab/), as the small set of
 * references this platform writes: name, identifier and statement types, object types per record
 * kind, dimensions and units, languages.
 */
const AAT = 'http://vocab.getty.edu/aat/';

/** A reference to a term, as Linked Art writes it. */
export interface TypeRef {
  id?: string;
  type: string;
  _label: string;
  classified_as?: TypeRef[];
}

const term = (id: string, label: string, type = 'Type'): TypeRef => ({ id: `${AAT}${id}`, type, _label: label });

/** The meta-type of statements ("brief text"): every statement type is classified with it. */
export const BRIEF_TEXT = term('300418049', 'Brief Text');
/** The meta-type of object types. */
export const TYPE_OF_WORK = term('300435443', 'Type of Work');

export const VOCAB = {
  primaryName: term('300404670', 'Primary Name'),
  alternateName: term('300264273', 'Alternate Name'),
  displayName: term('300404669', 'Display Name'),
  accessionNumber: term('300312355', 'Accession Number'),
  callNumber: term('300311706', 'Call Number'),
  systemNumber: term('300435704', 'System Number'),
  collectionItem: term('300404024', 'Collection Item'),
  webPage: term('300264578', 'Web Page'),
  digitalImage: term('300215302', 'Digital Image'),
  museum: term('300312281', 'Museum'),
  organization: term('300025948', 'Organization'),
} as const;

/** Statement types (embedded LinguisticObjects), each carrying the "brief text" meta-type. */
export const STATEMENTS = {
  description: statement('300435416', 'Description'),
  inscription: statement('300435414', 'Inscription Statement'),
  note: statement('300027200', 'Note'),
  creditLine: statement('300026687', 'Credit Line'),
  dimensions: statement('300435430', 'Dimensions Statement'),
} as const;

/** The object type each record kind implies (Linked Art's recommended object types); none for kinds without one. */
export const KIND_TYPES: Record<string, TypeRef | undefined> = {
  manuscript: workType('300265483', 'Manuscript'),
  'rare-book': workType('300028051', 'Book'),
  site: workType('300263552', 'Architecture'),
};

/** Identifier types of records, by the kind of identifier catalogued; unclassified when Linked Art has no term. */
export const IDENTIFIER_TYPES: Record<string, TypeRef | undefined> = {
  inventory: VOCAB.accessionNumber,
  shelfmark: VOCAB.callNumber,
  'call-number': VOCAB.callNumber,
};

const DIMENSION_TYPES: Record<string, TypeRef> = {
  height: term('300055644', 'Height'),
  width: term('300055647', 'Width'),
  depth: term('300072633', 'Depth'),
  weight: term('300056240', 'Weight'),
};
const UNKNOWN_DIMENSION = term('300055642', 'Unknown Physical Dimension');

const UNITS: Record<string, TypeRef> = {
  mm: term('300379097', 'millimeters', 'MeasurementUnit'),
  cm: term('300379098', 'centimeters', 'MeasurementUnit'),
  m: term('300379099', 'meters', 'MeasurementUnit'),
  in: term('300379100', 'inches', 'MeasurementUnit'),
  g: term('300379225', 'grams', 'MeasurementUnit'),
  kg: term('300379226', 'kilograms', 'MeasurementUnit'),
};

/** The Linked Art type of a catalogued dimension ("height", "Width"...); unknown ones keep their own name as label. */
export function dimensionType(type: string): TypeRef {
  return DIMENSION_TYPES[type.trim().toLowerCase()] ?? { ...UNKNOWN_DIMENSION, _label: type };
}

/** The measurement unit of a catalogued unit ("cm", "kg"...); a unit without an AAT term keeps its name. */
export function measurementUnit(unit: string): TypeRef {
  return UNITS[unit.trim().toLowerCase()] ?? { type: 'MeasurementUnit', _label: unit };
}

// AAT language terms from Linked Art's language table: the six UI languages and others common in the collections.
const LANGUAGES: Record<string, [string, string]> = {
  en: ['300388277', 'English'],
  fr: ['300388306', 'French'],
  es: ['300389311', 'Spanish'],
  ru: ['300389168', 'Russian'],
  zh: ['300388113', 'Chinese'],
  ar: ['300387843', 'Arabic'],
  ja: ['300388486', 'Japanese'],
  ko: ['300388633', 'Korean'],
  de: ['300388344', 'German'],
  it: ['300388474', 'Italian'],
  pt: ['300389115', 'Portuguese'],
  nl: ['300388301', 'Dutch'],
  el: ['300388361', 'Greek, Modern'],
  la: ['300388693', 'Latin'],
  he: ['300388401', 'Hebrew'],
  fa: ['300389087', 'Persian'],
  tr: ['300389470', 'Turkish'],
  hi: ['300388412', 'Hindi'],
  sa: ['300389205', 'Sanskrit'],
  ur: ['300389502', 'Urdu'],
  bo: ['300389410', 'Tibetan'],
  mn: ['300388900', 'Mongolian'],
  ug: ['300389509', 'Uyghur'],
  uz: ['300389510', 'Uzbek'],
  kk: ['300388568', 'Kazakh'],
  ky: ['300388668', 'Kyrgyz'],
  tg: ['300389350', 'Tajik'],
  tk: ['300389473', 'Turkmen'],
  ps: ['300389070', 'Pashto'],
  hy: ['300387870', 'Armenian'],
  ka: ['300388343', 'Georgian'],
  az: ['300387903', 'Azerbaijani'],
  th: ['300389405', 'Thai'],
  vi: ['300389525', 'Vietnamese'],
  km: ['300388591', 'Khmer'],
  my: ['300388042', 'Burmese'],
  ne: ['300443704', 'Nepali'],
  bn: ['300387971', 'Bengali'],
  si: ['300389279', 'Sinhala'],
  ta: ['300389365', 'Tamil'],
  id: ['300388460', 'Indonesian'],
  ms: ['300388786', 'Malay'],
  pl: ['300389109', 'Polish'],
  uk: ['300389489', 'Ukrainian'],
};

/** The AAT Language of a BCP 47 tag (by its primary subtag), or null when the table has none. */
export function languageRef(tag: string): TypeRef | null {
  const entry = LANGUAGES[tag.split('-')[0].toLowerCase()];
  return entry ? term(entry[0], entry[1], 'Language') : null;
}

function statement(id: string, label: string): TypeRef {
  return { ...term(id, label), classified_as: [BRIEF_TEXT] };
}

function workType(id: string, label: string): TypeRef {
  return { ...term(id, label), classified_as: [TYPE_OF_WORK] };
}
