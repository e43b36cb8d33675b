import type { FtsDocument } from '../../db/dialect/dialect';
import { allTexts, firstText, type LangMap } from '../../shared/lang-map';
import { foldWord, indexTokens } from '../search/text-analysis';
import { centuriesOf } from './record.dates';
import type { HeritageRecord } from './record.schema';

/** The facets stored one row per value (the single-valued ones are columns of `record`). */
export const MULTI_FACETS = ['century', 'material', 'language'] as const;
export type MultiFacet = (typeof MULTI_FACETS)[number];

/**
 * True for a rights URI that allows reuse without conditions beyond attribution or share-alike
 * (Europeana's "open": Public Domain Mark, CC0, CC BY, CC BY-SA). NC, ND, the "No Copyright"
 * statements with restrictions and everything else count as restricted.
 */
export function isOpenRights(uri: string | null | undefined): boolean {
  if (!uri) return false;
  return /creativecommons\.org\/publicdomain\/(mark|zero)\//.test(uri) || /creativecommons\.org\/licenses\/(by|by-sa)\/[\d.]+/.test(uri);
}

/** A term's facet value: its English label, else its first label. */
export function termKey(label: LangMap): string {
  return firstText(label, 'en').trim().slice(0, 200);
}

/** The title to sort by: folded, without leading punctuation. */
export function sortTitle(title: LangMap): string {
  return foldWord(firstText(title, 'en')).replace(/^[^\p{L}\p{N}]+/u, '').slice(0, 200);
}

/** Languages the record is in: those declared, else the languages of its titles. */
export function recordLanguages(r: Pick<HeritageRecord, 'languages' | 'title'>): string[] {
  const declared = (r.languages ?? []).map((l) => l.split('-')[0].toLowerCase());
  const langs = declared.length ? declared : Object.keys(r.title).filter((k) => k !== 'none').map((k) => k.split('-')[0].toLowerCase());
  return [...new Set(langs)];
}

/** Rows of the multi-valued facets for one record. */
export function facetRows(seq: number, r: HeritageRecord): { seq: number; facet: string; value: string }[] {
  const rows: { seq: number; facet: string; value: string }[] = [];
  const push = (facet: MultiFacet, value: string) => {
    if (value && !rows.some((x) => x.facet === facet && x.value === value)) rows.push({ seq, facet, value });
  };
  if (r.date?.yearFrom !== undefined && r.date.yearTo !== undefined) {
    for (const c of centuriesOf(r.date.yearFrom, r.date.yearTo)) push('century', String(c));
  }
  for (const m of r.materials ?? []) push('material', termKey(m.label));
  for (const l of recordLanguages(r)) push('language', l);
  return rows;
}

/** The record's text as the full-text index stores it: titles apart (weighted higher), the rest together. */
export function ftsDocument(seq: number, r: HeritageRecord): FtsDocument {
  const body: string[] = [];
  pushTexts(body, r.description);
  pushTexts(body, r.inscriptions);
  pushTexts(body, r.notes);
  for (const a of r.agents ?? []) pushTexts(body, a.name);
  for (const p of r.places ?? []) pushTexts(body, p.name);
  for (const list of [r.materials, r.techniques, r.objectTypes, r.subjects]) for (const t of list ?? []) pushTexts(body, t.label);
  for (const i of r.identifiers ?? []) body.push(i.value);
  body.push(r.date?.display ?? '', r.dimensionsText ?? '');
  return { seq, title: indexedText(allTexts(r.title)), body: indexedText(body) };
}

/** Appends every string of a language map (what `allTexts` gives) to `out`. */
function pushTexts(out: string[], map: LangMap | undefined | null): void {
  if (map) for (const values of Object.values(map)) for (const v of values) out.push(v);
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const ASCII_NON_WORD = /[^a-z0-9]+/g;
// A word over the 64 characters a token keeps (anchored on the character before it, so the scan stays linear).
const ASCII_LONG_WORD = /(?:^|[^a-z0-9])[a-z0-9]{65}/;

/**
 * The index tokens of texts joined by single spaces: exactly `texts.flatMap(indexTokens).join(' ')`.
 * Plain ASCII text (most of a catalogue) takes a shortcut with the same result: its fold is lower
 * case, its words are the runs of letters and digits, and it has no Chinese or Japanese to pair.
 */
export function indexedText(texts: string[]): string {
  let out = '';
  for (const text of texts) {
    let joined: string;
    if (ASCII_ONLY.test(text)) {
      const lower = text.toLowerCase();
      joined = lower.length > 64 && ASCII_LONG_WORD.test(lower) ? indexTokens(text).join(' ') : lower.replace(ASCII_NON_WORD, ' ').trim();
    } else joined = indexTokens(text).join(' ');
    if (joined) out = out ? `${out} ${joined}` : joined;
  }
  return out;
}
