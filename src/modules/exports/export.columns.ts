import { firstText, type LangMap } from '../../shared/lang-map';
import type { RecordDoc } from '../records/record.normalize';
import type { RecordRow } from '../records/record.table';

/** Language-map fields that get one column per language (`title (zh)`), as the CSV importer reads them back. */
export const PER_LANGUAGE_FIELDS = ['title', 'description'] as const;
type PerLanguageField = (typeof PER_LANGUAGE_FIELDS)[number];

/** The languages present in each per-language field, gathered before the header is written. */
export type ExportLanguages = Record<PerLanguageField, Set<string>>;

const IDENTIFIER_COLUMNS = [
  ['inventory', 'inventory number'],
  ['shelfmark', 'shelfmark'],
  ['call-number', 'call number'],
  ['isbn', 'isbn'],
  ['issn', 'issn'],
  ['doi', 'doi'],
  ['uri', 'uri'],
] as const;

/** An empty set of languages. */
export function noLanguages(): ExportLanguages {
  return { title: new Set(), description: new Set() };
}

/** Adds the languages of a stored record's per-language fields. */
export function addLanguages(into: ExportLanguages, doc: RecordDoc): void {
  for (const f of PER_LANGUAGE_FIELDS) for (const [lang, values] of Object.entries(doc[f] ?? {})) if (values?.length) into[f].add(lang);
}

/**
 * The CSV columns of an export: headers named as the CSV importer's suggestions read them
 * (`title (zh)`, `date (edtf)`, `inventory number`...), so an export can be imported again.
 */
export function csvColumns(langs: ExportLanguages, publicUrl: string): { headers: string[]; cells(row: RecordRow): (string | number | null)[] } {
  const perLang = PER_LANGUAGE_FIELDS.flatMap((f) => [...langs[f]].sort().map((lang) => ({ f, lang })));
  const headers = [
    'id',
    'institution',
    'kind',
    'visibility',
    ...perLang.map(({ f, lang }) => `${f} (${lang})`),
    'date',
    'date (edtf)',
    'agents',
    'role',
    'places',
    'latitude',
    'longitude',
    'materials',
    'techniques',
    'subjects',
    ...IDENTIFIER_COLUMNS.map(([, header]) => header),
    'rights',
    'url',
  ];
  return {
    headers,
    cells(row) {
      const doc = JSON.parse(row.metadata) as RecordDoc;
      const ids = (type: string) => (doc.identifiers ?? []).filter((i) => i.type === type).map((i) => i.value).join('; ');
      return [
        row.id,
        row.institution_id,
        row.kind,
        row.visibility,
        ...perLang.map(({ f, lang }) => (doc[f]?.[lang] ?? []).join('; ')),
        doc.date?.display ?? '',
        doc.date?.edtf ?? '',
        (doc.agents ?? []).map((a) => firstText(a.name)).join('; '),
        (doc.agents ?? []).map((a) => a.role).join('; '),
        (doc.places ?? []).map((p) => firstText(p.name)).join('; '),
        row.lat,
        row.lon,
        labels(doc.materials),
        labels(doc.techniques),
        labels(doc.subjects),
        ...IDENTIFIER_COLUMNS.map(([type]) => ids(type)),
        row.rights_uri ?? '',
        recordUrl(publicUrl, row.id),
      ];
    },
  };
}

/** The persistent URL of a record's page. */
export function recordUrl(publicUrl: string, id: string): string {
  return `${publicUrl}/records/${encodeURIComponent(id)}`;
}

function labels(terms: { label: LangMap }[] | undefined): string {
  return (terms ?? []).map((t) => firstText(t.label)).join('; ');
}
