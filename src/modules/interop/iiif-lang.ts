import { pickLang, UI_LANGUAGES, type LangMap } from '../../shared/lang-map';
import { t, type MessageKey } from '../../shared/i18n/i18n';

/** A UI message in each of the six UI languages, as an IIIF language map. */
export function uiText(key: MessageKey, params?: Record<string, string | number>): LangMap {
  return Object.fromEntries(UI_LANGUAGES.map((lang) => [lang, [t(lang, key, params)]]));
}

/**
 * A record's language map as IIIF writes it: empty strings and lists dropped, and tags in the form
 * the IIIF validator's schema accepts. That schema allows only letters and hyphens in a tag, so
 * subtags with digits (`es-419`, `de-1996`) are dropped and their values join the shorter tag.
 */
export function iiifLangMap(map: LangMap | null | undefined): LangMap {
  const out: LangMap = {};
  for (const [tag, values] of Object.entries(map ?? {})) {
    const kept = (values ?? []).filter((v) => typeof v === 'string' && v.trim() !== '');
    if (!kept.length) continue;
    const key = schemaTag(tag);
    out[key] = [...(out[key] ?? []), ...kept];
  }
  return out;
}

/** True when a language map has no text at all. */
export function isEmptyMap(map: LangMap | null | undefined): boolean {
  return !map || !Object.values(map).some((v) => v?.length);
}

/**
 * One value per item in every language any item has: each item contributes its text in that
 * language, or its best fallback, so a client showing one language still lists every item.
 */
export function mergeItems(items: LangMap[]): LangMap {
  const maps = items.map(iiifLangMap).filter((m) => !isEmptyMap(m));
  const keys = [...new Set(maps.flatMap((m) => Object.keys(m)))];
  return Object.fromEntries(keys.map((key) => [key, maps.map((m) => pickLang(m, key)!.values[0])]));
}

/** Applies `format` to every string of a language map. */
export function mapTexts(map: LangMap, format: (text: string) => string): LangMap {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, v.map(format)]));
}

/**
 * Plain text for properties where IIIF clients look for HTML (summary, metadata and
 * requiredStatement values): text that starts with "<" and ends with ">" would be taken as markup,
 * so it gets the trailing space the specification recommends.
 */
export function plainText(map: LangMap): LangMap {
  return mapTexts(map, (v) => (v.startsWith('<') && v.endsWith('>') ? `${v} ` : v));
}

function schemaTag(tag: string): string {
  if (tag === 'none') return tag;
  const kept = tag.split('-').filter((s) => /^[A-Za-z]+$/.test(s));
  return kept.length ? kept.join('-') : 'none';
}
