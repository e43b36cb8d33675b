import type { RecordInput } from '../../records/record.schema';
import { DEMO_SOURCE_SYSTEM } from '../demo.dataset';

/** One artwork as published in Tate's collection data (tategallery/collection, 2014). */
export interface TateArtwork {
  id: number;
  acno: string;
  title: string;
  foreignTitle?: string | null;
  contributors?: TateContributor[];
  dateText?: string | null;
  dateRange?: { startYear: number; endYear: number; text: string } | null;
  medium?: string | null;
  dimensions?: string | null;
  height?: string | null;
  width?: string | null;
  depth?: string | null;
  units?: string | null;
  subjects?: TateSubject | null;
  creditLine?: string | null;
  classification?: string | null;
  inscription?: string | null;
  groupTitle?: string | null;
  acquisitionYear?: number | null;
  url?: string | null;
}

export interface TateContributor {
  id: number;
  fc: string;
  role: string;
  date?: string | null;
  birthYear?: number | null;
}

export interface TateSubject {
  id: number;
  name: string;
  children?: TateSubject[];
}

export const RIGHTS_IN_COPYRIGHT = 'http://rightsstatements.org/vocab/InC/1.0/';
export const RIGHTS_PUBLIC_DOMAIN = 'https://creativecommons.org/publicdomain/mark/1.0/';

/** Roles that say other, unnamed hands made the work (an engraving "after" a painter). */
const UNNAMED_HANDS = /^(after|manner of|imitator of|pupil of|follower of|circle of|studio of|workshop of|and assistants|and other artists|pseudo)$/i;

/** Maps one Tate artwork to the platform's record input. `artistUrls` maps Tate artist ids to their pages. */
export function tateToRecord(
  a: TateArtwork,
  opts: { institutionId: string; asOfYear: number; artistUrls?: Map<number, string> },
): RecordInput {
  const contributors = [...(a.contributors ?? [])];
  const title: Record<string, string[]> = { en: [a.title.trim()] };
  const foreign = a.foreignTitle?.trim();
  if (foreign && foreign !== a.title.trim()) {
    const tag = guessTitleLanguage(foreign);
    title[tag] = [...(title[tag] ?? []), foreign];
  }
  const { materials, techniques } = mediumTerms(a.medium);
  const subjects = subjectLeaves(a.subjects);
  const notes = [
    a.groupTitle ? `Catalogue group: ${a.groupTitle}` : null,
    a.inscription ? capitalise(a.inscription) : null,
    a.acquisitionYear ? `Acquired by Tate in ${a.acquisitionYear}` : null,
  ].filter((x): x is string => !!x);
  const objectType = a.classification ? CLASSIFICATIONS[a.classification] : undefined;

  const record: RecordInput = {
    id: `demo-tate-${a.acno.toLowerCase()}`,
    institutionId: opts.institutionId,
    kind: 'object',
    title,
    identifiers: [{ type: 'inventory', value: a.acno, label: 'Tate accession number' }],
    agents: contributors.map((c) => ({
      name: { none: [c.fc] },
      role: c.role,
      ...(opts.artistUrls?.get(c.id) ? { uri: opts.artistUrls.get(c.id) } : {}),
      ...(c.date ? { dates: c.date } : {}),
    })),
    ...tateDate(a),
    ...(materials.length ? { materials: materials.map((m) => ({ label: { en: [m] } })) } : {}),
    ...(techniques.length ? { techniques: techniques.map((m) => ({ label: { en: [m] } })) } : {}),
    ...(objectType ? { objectTypes: [{ label: { en: [objectType] }, vocabulary: 'Tate classification' }] } : {}),
    // Tate's separate height and width fields are not reliably ordered: keep its own dimension statement.
    ...(a.dimensions?.trim() ? { dimensionsText: a.dimensions.trim() } : {}),
    ...(subjects.length ? { subjects: subjects.map((s) => ({ label: { en: [s] }, vocabulary: 'Tate subject index' })) } : {}),
    ...(notes.length ? { notes: { en: notes } } : {}),
    rights: tateRights(a, opts.asOfYear),
    ...(a.creditLine ? { creditLine: { en: [a.creditLine.trim()] } } : {}),
    visibility: 'public',
    source: { kind: 'demo', system: DEMO_SOURCE_SYSTEM, identifier: `tate:${a.acno}`, ...(a.url ? { url: a.url } : {}) },
  };
  if (!record.agents?.length) delete record.agents;
  return record;
}

/**
 * The rights of the artwork itself (Tate's metadata is CC0; the works may not be): public domain
 * when every named artist died more than 70 years before `asOfYear` and, where the record names
 * other hands only by relation ("after", "manner of"), the work itself is over 70 years old.
 * Unknown death dates are treated as in copyright.
 */
export function tateRights(a: Pick<TateArtwork, 'contributors' | 'dateRange'>, asOfYear: number): string {
  const contributors = a.contributors ?? [];
  if (!contributors.length) {
    const end = a.dateRange?.endYear;
    return end && end + 70 < asOfYear ? RIGHTS_PUBLIC_DOMAIN : RIGHTS_IN_COPYRIGHT;
  }
  for (const c of contributors) {
    const death = deathYear(c.date);
    if (death === null || death + 70 >= asOfYear) return RIGHTS_IN_COPYRIGHT;
  }
  if (contributors.some((c) => UNNAMED_HANDS.test(c.role.trim()))) {
    const end = a.dateRange?.endYear;
    if (!end || end + 70 >= asOfYear) return RIGHTS_IN_COPYRIGHT;
  }
  return RIGHTS_PUBLIC_DOMAIN;
}

/** The year of death in Tate's life dates ("1757–1827", "c.1760–1835", "18th century"); null when living or unknown. */
export function deathYear(dates: string | null | undefined): number | null {
  if (!dates) return null;
  const text = dates.trim();
  if (/^(born|active|exhibited|founded)\b/i.test(text) || /,\s*born\b/i.test(text)) return null;
  const m = /[–-]\s*(?:c\.\s*)?(\d{4})\s*$/.exec(text);
  if (m) return Number(m[1]);
  const century = /^(\d{1,2})(?:st|nd|rd|th) century$/i.exec(text);
  if (century) return Number(century[1]) * 100;
  return null;
}

/** The date as Tate displays it, with an EDTF value from Tate's machine-readable range. */
export function tateDate(a: Pick<TateArtwork, 'dateText' | 'dateRange'>): Pick<RecordInput, 'date'> {
  const display = (a.dateText ?? a.dateRange?.text ?? '').trim();
  if (!display) return {};
  const r = a.dateRange;
  if (!r || !Number.isInteger(r.startYear) || !Number.isInteger(r.endYear) || r.startYear > r.endYear) return { date: { display } };
  const approx = /\bc\.|circa/i.test(r.text ?? display);
  const uncertain = /\?/.test(r.text ?? display);
  const q = approx && uncertain ? '%' : approx ? '~' : uncertain ? '?' : '';
  const y = (n: number) => String(n).padStart(4, '0') + q;
  return { date: { display, edtf: r.startYear === r.endYear ? y(r.startYear) : `${y(r.startYear)}/${y(r.endYear)}` } };
}

// Print and photographic processes name how a work was made; everything else in a medium is a material.
const TECHNIQUE = /(print|prints|graph|graphs|etching|engraving|aquatint|tint|woodcut|linocut|line-cut|drypoint|monotype|letterpress|collotype|photocopies|offset|stencil)$/i;
const NOT_A_TERM = /^(colour|black|white|black and white|other materials|works?|parts?)$/i;

/**
 * Splits Tate's medium statement into materials and techniques: "Oil paint on canvas" gives the
 * materials oil paint and canvas; "Etching and aquatint on paper" the techniques etching and
 * aquatint and the material paper. A verso ("Graphite on paper. Verso: chalk") adds its terms.
 */
export function mediumTerms(medium: string | null | undefined): { materials: string[]; techniques: string[] } {
  const materials: string[] = [];
  const techniques: string[] = [];
  if (!medium) return { materials, techniques };
  const parts = medium.split(/\.\s*verso:\s*/i);
  for (const part of parts) {
    for (const segment of part.split(/\s+(?:on|mounted onto|mounted on|with)\s+/i)) {
      for (const raw of segment.split(/\s*,\s*|\s+and\s+/i)) {
        const term = lowerFirst(raw.replace(/^\d+\s+/, '').replace(/[.;:\s]+$/, '').trim());
        if (!term || term.length > 80 || NOT_A_TERM.test(term)) continue;
        const technique = TECHNIQUE.test(term);
        const label = technique ? singular(term) : term;
        const list = technique ? techniques : materials;
        if (!list.includes(label)) list.push(label);
      }
    }
  }
  return { materials, techniques };
}

/** The most specific subjects of Tate's subject hierarchy (its leaves), in order, without repeats. */
export function subjectLeaves(root: TateSubject | null | undefined): string[] {
  const out: string[] = [];
  const walk = (s: TateSubject, depth: number) => {
    if (s.children?.length) for (const c of s.children) walk(c, depth + 1);
    else if (depth > 0 && s.name && !out.includes(s.name.trim())) out.push(s.name.trim());
  };
  if (root) walk(root, 0);
  return out.slice(0, 500);
}

/**
 * A conservative guess of the language of an original-language title: a language is chosen only
 * on words or letters that belong to it alone; otherwise `und` (undetermined, BCP 47).
 */
export function guessTitleLanguage(title: string): string {
  const words = title.toLowerCase().split(/[^\p{L}']+/u).filter(Boolean);
  const has = (list: string[]) => words.filter((w) => list.includes(w) || list.some((p) => p.endsWith("'") && w.startsWith(p))).length;
  const scores: Record<string, number> = {
    de: has(['der', 'die', 'das', 'und', 'mit', 'ohne', 'titel', 'bild', 'wir', 'nicht', 'sind', 'zum', 'zur', 'aus', 'von', 'auf', 'zwei', 'neun', 'drei', 'bis']) + (/[äöüß]/i.test(title) ? 2 : 0),
    // Elisions (l', d') and à are shared with Italian: not evidence for French.
    fr: has(['le', 'les', 'du', 'des', 'et', 'au', 'aux', 'une', 'sur', 'à', 'dit', 'petit', 'petite', 'tête', 'femme', 'nature', 'morte', 'paysage', 'enfant']) + (/[éêçôûœ]/i.test(title) ? 2 : 0),
    it: has(['della', 'delle', 'degli', "dell'", 'il', 'è', 'ogni', 'ritratto', 'come']),
    es: has(['el', 'los', 'las', 'del', 'y', 'cuadro', 'algunas', 'noticias', 'publicadas', 'dibujo']) + (/ñ/i.test(title) ? 2 : 0),
    pl: /[ąćęłńśźż]/i.test(title) ? 2 : 0,
  };
  const ranked = Object.entries(scores).sort((x, y) => y[1] - x[1]);
  return ranked[0][1] > 0 && ranked[0][1] > ranked[1][1] ? ranked[0][0] : 'und';
}

/** Picks a varied, deterministic sample: every work with an original-language title, then at most `perArtist` works of each artist. */
export function selectTateSample(all: TateArtwork[], opts: { perArtist: number; perProlificArtist: number; prolificFrom: number }): TateArtwork[] {
  const sorted = [...all].sort((a, b) => (a.acno < b.acno ? -1 : a.acno > b.acno ? 1 : 0));
  const byArtist = new Map<string, number>();
  for (const a of sorted) byArtist.set(artistKey(a), (byArtist.get(artistKey(a)) ?? 0) + 1);
  const taken = new Map<string, number>();
  return sorted.filter((a) => {
    const key = artistKey(a);
    const cap = (byArtist.get(key) ?? 0) >= opts.prolificFrom ? opts.perProlificArtist : opts.perArtist;
    const n = taken.get(key) ?? 0;
    if (!a.foreignTitle && n >= cap) return false;
    taken.set(key, n + 1);
    return true;
  });
}

/** Tate's classifications, as object types. */
const CLASSIFICATIONS: Record<string, string> = {
  'on paper, unique': 'work on paper (unique)',
  'on paper, print': 'print',
  painting: 'painting',
  sculpture: 'sculpture',
  'block for printing': 'printing block',
  relief: 'relief',
  installation: 'installation',
  'time-based media': 'time-based media',
};

function singular(term: string): string {
  return /[^s]s$/.test(term) && !/ies$/.test(term) ? term.slice(0, -1) : term;
}

function artistKey(a: TateArtwork): string {
  return a.contributors?.[0]?.fc ?? '';
}

function lowerFirst(s: string): string {
  return s.length > 1 && /\p{Lu}/u.test(s[0]) && !/\p{Lu}/u.test(s[1]) ? s[0].toLowerCase() + s.slice(1) : s;
}

function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
