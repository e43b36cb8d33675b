/** A language map as in IIIF: BCP 47 tag (or `none`) to one or more strings. */
export type LangMap = Record<string, string[]>;

/** The languages the UI speaks (the six UN languages). */
export const UI_LANGUAGES = ['en', 'fr', 'es', 'ru', 'zh', 'ar'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/**
 * Picks the values to show for a language: the exact tag, then its base language, then
 * English, then untagged text, then any language. Says which language was chosen.
 */
export function pickLang(map: LangMap | undefined | null, lang: string): { lang: string; values: string[] } | null {
  if (!map) return null;
  const keys = Object.keys(map).filter((k) => map[k]?.length);
  if (!keys.length) return null;
  const base = lang.split('-')[0].toLowerCase();
  const order = [
    (k: string) => k.toLowerCase() === lang.toLowerCase(),
    (k: string) => k.split('-')[0].toLowerCase() === base,
    (k: string) => k === 'none',
    (k: string) => k.split('-')[0] === 'en',
    () => true,
  ];
  for (const test of order) {
    const k = keys.find(test);
    if (k) return { lang: k, values: map[k] };
  }
  return null;
}

/** The first string of a language map in the best available language, or a fallback. */
export function firstText(map: LangMap | undefined | null, lang = 'en', fallback = ''): string {
  return pickLang(map, lang)?.values[0] ?? fallback;
}

/** Every string of a language map, every language. */
export function allTexts(map: LangMap | undefined | null): string[] {
  return map ? Object.values(map).flat() : [];
}

const canonical = new Map<string, string | null>();

/** Canonicalises BCP 47 tags (`ZH-hant` -> `zh-Hant`); returns null for an invalid tag. `none` stays. */
export function canonicalTag(tag: string): string | null {
  if (tag === 'none') return tag;
  let c = canonical.get(tag);
  if (c !== undefined) return c;
  try {
    c = Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    c = null;
  }
  // A catalogue uses a handful of tags; the bound only guards against hostile input.
  if (canonical.size > 10_000) canonical.clear();
  canonical.set(tag, c);
  return c;
}
