/**
 * Small reference tables of the MARC mapping: MARC language codes to BCP 47, scripts of text,
 * and the coordinates of the publication places that occur in the demo's MARC records.
 */

/** MARC (ISO 639-2/B) language codes, to BCP 47: the demo's sources and the languages of the Silk Road members. */
const MARC_LANGUAGES: Record<string, string> = {
  ara: 'ar', chi: 'zh', cze: 'cs', dan: 'da', dut: 'nl', eng: 'en', fin: 'fi', fre: 'fr', ger: 'de', gre: 'el',
  heb: 'he', hun: 'hu', ita: 'it', jpn: 'ja', kor: 'ko', lat: 'la', nor: 'no', per: 'fa', pol: 'pl', por: 'pt',
  rus: 'ru', spa: 'es', swe: 'sv', tha: 'th', tur: 'tr', ukr: 'uk', vie: 'vi',
  arm: 'hy', ben: 'bn', bur: 'my', geo: 'ka', hin: 'hi', ind: 'id', kaz: 'kk', khm: 'km', kir: 'ky', lao: 'lo',
  may: 'ms', mon: 'mn', nep: 'ne', pus: 'ps', san: 'sa', tgk: 'tg', tib: 'bo', tuk: 'tk', uig: 'ug', urd: 'ur', uzb: 'uz',
  // Obsolete MARC codes still found in older records.
  scr: 'hr', scc: 'sr', ser: 'sr',
};

/** BCP 47 tag of a MARC language code, or null for unknown, undetermined or blank codes. */
export function marcLanguage(code: string | undefined | null): string | null {
  const c = (code ?? '').trim().toLowerCase().replace(/[^a-z]/g, '');
  return MARC_LANGUAGES[c] ?? null;
}

/** Languages usually written in a non-Latin script: their Latin-script text is a romanisation. */
const NON_LATIN_LANGUAGES = new Set(['ar', 'bn', 'bo', 'el', 'fa', 'he', 'hi', 'hy', 'ja', 'ka', 'kk', 'km', 'ko', 'ky', 'lo', 'mn', 'my', 'ne', 'ps', 'ru', 'sa', 'sr', 'tg', 'th', 'ug', 'uk', 'ur', 'zh']);

/** The tag for Latin-script text in a language: `zh-Latn` for romanised Chinese, `en` for English. */
export function latinTag(lang: string): string {
  return NON_LATIN_LANGUAGES.has(lang) ? `${lang}-Latn` : lang;
}

const HAN_OR_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const KANA_ONLY = /^[\p{Script=Katakana}\s\p{P}ー・]+$/u;
const NON_LATIN_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Thai}\p{Script=Greek}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Armenian}\p{Script=Georgian}\p{Script=Tibetan}\p{Script=Mongolian}\p{Script=Khmer}\p{Script=Lao}\p{Script=Myanmar}]/u;

// Every script tested above starts at U+0370 (Greek) or later: text below it (Latin, its
// diacritics, IPA) needs no look at the scripts, and that is most of a catalogue.
const BEYOND_LATIN = /[^\u0000-\u036f]/;

/** True when text has no letters of a non-Latin script. */
export function isLatinText(text: string): boolean {
  return !BEYOND_LATIN.test(text) || !NON_LATIN_LETTER.test(text);
}

/** True when text contains Chinese characters, kana or hangul. */
export function hasCjk(text: string): boolean {
  return BEYOND_LATIN.test(text) && HAN_OR_KANA.test(text);
}

/** True for text written in katakana alone (a Japanese reading). */
export function isKatakanaOnly(text: string): boolean {
  return KANA_ONLY.test(text.trim());
}

/**
 * True for CJK text garbled by a lost character-set conversion (`孫!T*!N|!YF`, `354!_w`): such
 * records carry escape sequences of a legacy encoding in place of characters.
 */
export function isGarbled(text: string): boolean {
  return text.includes('!') && /![\x21-\x7e]/.test(text) && (hasCjk(text) || /![_*|$=<]/.test(text));
}

/** A known place: English name, ISO 3166 country, WGS 84 coordinates. */
export interface Place {
  en: string;
  country: string;
  lat: number;
  lon: number;
}

/** Publication places of the demo's MARC records, by the forms the records spell them in. */
const PLACES: { names: string[]; place: Place }[] = [
  { names: ['new york', 'new york ny', 'new york n.y', 'new york n.y usa'], place: { en: 'New York', country: 'US', lat: 40.7128, lon: -74.006 } },
  { names: ['london', 'london england'], place: { en: 'London', country: 'GB', lat: 51.5074, lon: -0.1278 } },
  { names: ['oxford', 'oxford england', 'oxford eng'], place: { en: 'Oxford', country: 'GB', lat: 51.752, lon: -1.2577 } },
  { names: ['porvoo'], place: { en: 'Porvoo', country: 'FI', lat: 60.3932, lon: 25.665 } },
  { names: ['taibei shi', '臺北', '臺北市', '台北', '台北市'], place: { en: 'Taipei', country: 'TW', lat: 25.033, lon: 121.5654 } },
  { names: ['paris'], place: { en: 'Paris', country: 'FR', lat: 48.8566, lon: 2.3522 } },
  { names: ['warszawa'], place: { en: 'Warsaw', country: 'PL', lat: 52.2297, lon: 21.0122 } },
  { names: ['harlow', 'harlow essex england'], place: { en: 'Harlow', country: 'GB', lat: 51.7727, lon: 0.1023 } },
  { names: ['philadelphia'], place: { en: 'Philadelphia', country: 'US', lat: 39.9526, lon: -75.1652 } },
  { names: ['harmondsworth', 'harmondsworth middlesex', 'harmondsworth eng', 'harmondworth middlesex england'], place: { en: 'Harmondsworth', country: 'GB', lat: 51.4881, lon: -0.4797 } },
  { names: ['toronto'], place: { en: 'Toronto', country: 'CA', lat: 43.6532, lon: -79.3832 } },
  { names: ['moskva'], place: { en: 'Moscow', country: 'RU', lat: 55.7558, lon: 37.6173 } },
  { names: ['juva'], place: { en: 'Juva', country: 'FI', lat: 61.8978, lon: 27.8569 } },
  { names: ['stockholm'], place: { en: 'Stockholm', country: 'SE', lat: 59.3293, lon: 18.0686 } },
  { names: ['helsinki', 'hki'], place: { en: 'Helsinki', country: 'FI', lat: 60.1699, lon: 24.9384 } },
  { names: ['boston', 'boston mass'], place: { en: 'Boston', country: 'US', lat: 42.3601, lon: -71.0589 } },
  { names: ['bath', 'bath england'], place: { en: 'Bath', country: 'GB', lat: 51.3811, lon: -2.359 } },
  { names: ['stuttgart'], place: { en: 'Stuttgart', country: 'DE', lat: 48.7758, lon: 9.1829 } },
  { names: ['krakow'], place: { en: 'Kraków', country: 'PL', lat: 50.0647, lon: 19.945 } },
  { names: ['madrid'], place: { en: 'Madrid', country: 'ES', lat: 40.4168, lon: -3.7038 } },
  { names: ['xianggang', 'hong kong', '香港'], place: { en: 'Hong Kong', country: 'HK', lat: 22.3193, lon: 114.1694 } },
  { names: ['beijing', 'beijing shi', '北京', '北京市'], place: { en: 'Beijing', country: 'CN', lat: 39.9042, lon: 116.4074 } },
  { names: ['shanghai', '上海'], place: { en: 'Shanghai', country: 'CN', lat: 31.2304, lon: 121.4737 } },
  { names: ['nanjing', '南京'], place: { en: 'Nanjing', country: 'CN', lat: 32.0603, lon: 118.7969 } },
  { names: ['hefei shi', 'hefei', '合肥市'], place: { en: 'Hefei', country: 'CN', lat: 31.8206, lon: 117.2272 } },
  { names: ['臺中市', '台中市'], place: { en: 'Taichung', country: 'TW', lat: 24.1477, lon: 120.6736 } },
  { names: ['tokyo', '東京'], place: { en: 'Tokyo', country: 'JP', lat: 35.6762, lon: 139.6503 } },
  { names: ['soul'], place: { en: 'Seoul', country: 'KR', lat: 37.5665, lon: 126.978 } },
  { names: ['zagreb'], place: { en: 'Zagreb', country: 'HR', lat: 45.815, lon: 15.9819 } },
  { names: ['barcelona'], place: { en: 'Barcelona', country: 'ES', lat: 41.3874, lon: 2.1686 } },
  { names: ['monaco'], place: { en: 'Monaco', country: 'MC', lat: 43.7384, lon: 7.4246 } },
  { names: ['glasgow'], place: { en: 'Glasgow', country: 'GB', lat: 55.8642, lon: -4.2518 } },
  { names: ['baltimore'], place: { en: 'Baltimore', country: 'US', lat: 39.2904, lon: -76.6122 } },
  { names: ['leicester'], place: { en: 'Leicester', country: 'GB', lat: 52.6369, lon: -1.1398 } },
  { names: ['manchester'], place: { en: 'Manchester', country: 'GB', lat: 53.4808, lon: -2.2426 } },
  { names: ['tihran'], place: { en: 'Tehran', country: 'IR', lat: 35.6892, lon: 51.389 } },
  { names: ['krung thep'], place: { en: 'Bangkok', country: 'TH', lat: 13.7563, lon: 100.5018 } },
  { names: ['harkov'], place: { en: 'Kharkiv', country: 'UA', lat: 49.9935, lon: 36.2304 } },
];

const PLACE_INDEX = new Map(PLACES.flatMap((p) => p.names.map((n) => [n, p.place] as const)));

/** The known place a transcribed place of publication names ("Oxford [England", "New York, N.Y."), if any. */
export function lookupPlace(name: string): Place | null {
  const key = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[[\]().,:;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return PLACE_INDEX.get(key) ?? PLACE_INDEX.get(key.split(' ').slice(0, 2).join(' ')) ?? PLACE_INDEX.get(key.split(' ')[0]) ?? null;
}
