import { UI_LANGUAGES, type LangMap } from '../../shared/lang-map';
import type { MessageKey } from '../../shared/i18n/i18n';
import { RECORD_KINDS, type HeritageRecord } from '../records/record.schema';
import { iiifLangMap, isEmptyMap, mapTexts, mergeItems, plainText, uiText } from './iiif-lang';

/** One label/value pair of IIIF `metadata` (or `requiredStatement`). */
export interface MetadataEntry {
  label: LangMap;
  value: LangMap;
}

type Term = NonNullable<HeritageRecord['materials']>[number];

/**
 * The record's descriptive fields as IIIF `metadata`, in the order the record page shows them:
 * labels in the six UI languages, values in the record's own languages (untagged text as `none`).
 */
export function recordMetadata(r: HeritageRecord, opts: { rightsInMetadata: boolean }): MetadataEntry[] {
  const entries: (MetadataEntry | null)[] = [
    entry('record.kind', (RECORD_KINDS as readonly string[]).includes(r.kind) ? uiText(`kind.${r.kind}` as MessageKey) : { none: [r.kind] }),
    entry('record.objectTypes', terms(r.objectTypes)),
    entry('record.date', r.date?.display ? { none: [r.date.display] } : {}),
    entry('record.agents', mergeItems((r.agents ?? []).map((a) => mapTexts(iiifLangMap(a.name), (name) => withQualifiers(name, a.dates, a.role))))),
    entry('record.places', mergeItems((r.places ?? []).map((p) => mapTexts(iiifLangMap(p.name), (name) => withQualifiers(name, undefined, p.role))))),
    entry('record.materials', terms(r.materials)),
    entry('record.techniques', terms(r.techniques)),
    entry('record.dimensions', texts([...(r.dimensions ?? []).map((d) => d.display ?? `${d.type}: ${d.value} ${d.unit}`), r.dimensionsText])),
    entry('record.subjects', terms(r.subjects)),
    entry('record.languages', languageNames(r.languages ?? [])),
    entry('record.inscriptions', iiifLangMap(r.inscriptions)),
    ...(r.identifiers ?? []).map((i) => ({
      label: i.label ? { none: [i.label] } : uiText(`identifier.${i.type}` as MessageKey),
      value: plainText({ none: [i.value] }),
    })),
    entry('record.notes', iiifLangMap(r.notes)),
    entry('record.creditLine', iiifLangMap(r.creditLine)),
    // A rights URI IIIF's `rights` cannot carry is still shown to people.
    opts.rightsInMetadata && r.rights ? entry('record.rights', { none: [r.rights] }) : null,
  ];
  return entries.filter((e): e is MetadataEntry => e !== null);
}

/** Names of languages (BCP 47 tags) in each UI language. */
export function languageNames(tags: string[]): LangMap {
  if (!tags.length) return {};
  return Object.fromEntries(UI_LANGUAGES.map((ui) => [ui, tags.map((tag) => displayName(ui, tag))]));
}

function entry(key: MessageKey, value: LangMap): MetadataEntry | null {
  return isEmptyMap(value) ? null : { label: uiText(key), value: plainText(value) };
}

function terms(list: Term[] | undefined): LangMap {
  return mergeItems((list ?? []).map((term) => term.label));
}

function texts(list: (string | undefined)[]): LangMap {
  const kept = list.filter((s): s is string => !!s?.trim());
  return kept.length ? { none: kept } : {};
}

function withQualifiers(name: string, dates: string | undefined, role: string | undefined): string {
  return `${name}${dates ? ` (${dates})` : ''}${role ? `, ${role}` : ''}`;
}

const namers = new Map<string, Intl.DisplayNames>();

function displayName(ui: string, tag: string): string {
  let namer = namers.get(ui);
  if (!namer) namers.set(ui, (namer = new Intl.DisplayNames([ui, 'en'], { type: 'language', fallback: 'code' })));
  try {
    return namer.of(tag) ?? tag;
  } catch {
    return tag;
  }
}
