/** Continents as the alliance reports them (UN geoscheme regions, the Americas split). */
export const CONTINENTS = ['africa', 'asia', 'europe', 'north-america', 'south-america', 'oceania', 'antarctica'] as const;
export type Continent = (typeof CONTINENTS)[number];

// ISO 3166-1 alpha-2 codes by continent; transcontinental states go where their capital is.
const CODES: Record<Continent, string> = {
  africa:
    'DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH ZM ZW IO TF',
  asia:
    'AF AM AZ BH BD BT BN KH CN CY GE HK IN ID IR IQ IL JP JO KZ KW KG LA LB MO MY MV MN MM NP KP OM PK PS PH QA SA SG KR LK SY TW TJ TH TL TR TM AE UZ VN YE CC CX',
  europe:
    'AX AL AD AT BY BE BA BG HR CZ DK EE FO FI FR DE GI GR GG VA HU IS IE IM IT JE XK LV LI LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB',
  'north-america':
    'AI AG AW BS BB BZ BM BQ VG CA KY CR CU CW DM DO SV GL GD GP GT HT HN JM MQ MX MS NI PA PR BL KN LC MF PM VC SX TT TC US VI UM',
  'south-america': 'AR BO BR CL CO EC FK GF GY PY PE SR UY VE GS BV',
  oceania: 'AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF HM',
  antarctica: 'AQ',
};

const BY_CODE = new Map<string, Continent>(Object.entries(CODES).flatMap(([c, codes]) => codes.split(' ').map((code) => [code, c as Continent] as const)));

/** The continent of an ISO 3166-1 alpha-2 country code, or null for an unknown code. */
export function continentOf(country: string): Continent | null {
  return BY_CODE.get(country.toUpperCase()) ?? null;
}

/** Every country code placed on a continent (Antarctica aside), for choosing a state. */
export function countryCodes(): string[] {
  return [...BY_CODE.keys()].filter((c) => c !== 'AQ').sort();
}
