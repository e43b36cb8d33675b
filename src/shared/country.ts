const regionNames = new Map<string, Intl.DisplayNames>();

function names(lang: string): Intl.DisplayNames {
  let n = regionNames.get(lang);
  if (!n) {
    n = new Intl.DisplayNames([lang, 'en'], { type: 'region', fallback: 'none' });
    regionNames.set(lang, n);
  }
  return n;
}

/** True for an ISO 3166-1 alpha-2 country code the Unicode CLDR knows (upper case). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && names('en').of(code) !== undefined && !['EU', 'EZ', 'UN', 'QO', 'ZZ'].includes(code);
}

/** The country's name in a language (falls back to the code). */
export function countryName(code: string, lang: string): string {
  try {
    return names(lang).of(code) ?? code;
  } catch {
    return code;
  }
}
