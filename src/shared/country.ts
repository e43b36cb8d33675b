const regionNames = new Map<string, Intl.DisplayNames>();

function names(lang: string): Intl.DisplayNames {
  let n = regionNames.get(lang);
  if (!n) {
    n = new Intl.DisplayNames([lang, 'en'], { type: 'region', fallback: 'none' });
    regionNames.set(lang, n);
  }
  return n;
}

const known = new Map<string, boolean>();

/** True for an ISO 3166-1 alpha-2 country code the Unicode CLDR knows (upper case). Remembered: asking the CLDR costs microseconds, and imports ask per row. */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  let ok = known.get(code);
  if (ok === undefined) known.set(code, (ok = names('en').of(code) !== undefined && !['EU', 'EZ', 'UN', 'QO', 'ZZ'].includes(code)));
  return ok;
}

/** The country's name in a language (falls back to the code). */
export function countryName(code: string, lang: string): string {
  try {
    return names(lang).of(code) ?? code;
  } catch {
    return code;
  }
}
