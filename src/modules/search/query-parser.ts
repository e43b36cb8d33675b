import type { FtsClause } from '../../db/dialect/dialect';
import { isCjk, tokenize } from './text-analysis';

const MAX_INPUT = 1000;
const MAX_CLAUSES = 16;
const OPERATORS = new Set(['AND', 'OR', '&&', '||']);

export interface ParsedQuery {
  clauses: FtsClause[];
  /** Every folded token of the query, for highlighting. */
  highlightTokens: string[];
}

/**
 * Turns whatever a user typed into full-text clauses that all must match: words, "quoted
 * phrases", word* prefixes (and the last word as a prefix when `prefixLast`, for type-ahead).
 * Never throws: unbalanced quotes, operators, emoji and very long input are all answered.
 */
export function parseQuery(input: string, options: { prefixLast?: boolean } = {}): ParsedQuery {
  const text = (input ?? '').slice(0, MAX_INPUT);
  const clauses: FtsClause[] = [];
  const pieces: { text: string; quoted: boolean }[] = [];
  const re = /"([^"]*)"|([^\s"]+)|"([^"]*)$/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== undefined) pieces.push({ text: m[1], quoted: true });
    else if (m[2] !== undefined && !OPERATORS.has(m[2])) pieces.push({ text: m[2], quoted: false });
    else if (m[3] !== undefined) pieces.push({ text: m[3], quoted: false });
  }

  pieces.forEach((piece, index) => {
    const tokens = tokenize(piece.text);
    if (!tokens.length) return;
    if (piece.quoted) {
      clauses.push(tokens.length === 1 ? { kind: 'term', token: tokens[0] } : { kind: 'phrase', tokens });
      return;
    }
    const wantsPrefix = /\*$/.test(piece.text) || (options.prefixLast && index === pieces.length - 1 && !/\s$/.test(text));
    // Chinese and Japanese words split into several tokens are kept together as a phrase.
    const groups: string[][] = [];
    for (const t of tokens) {
      const last = groups[groups.length - 1];
      if (last && isCjk(t) && isCjk(last[last.length - 1])) last.push(t);
      else groups.push([t]);
    }
    groups.forEach((g, gi) => {
      if (g.length > 1) clauses.push({ kind: 'phrase', tokens: g });
      else if (wantsPrefix && gi === groups.length - 1 && minPrefixLength(g[0])) clauses.push({ kind: 'prefix', token: g[0] });
      else clauses.push({ kind: 'term', token: g[0] });
    });
  });

  const seen = new Set<string>();
  const unique = clauses.filter((c) => {
    const key = JSON.stringify(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const kept = unique.slice(0, MAX_CLAUSES);
  const highlightTokens = [...new Set(kept.flatMap((c) => (c.kind === 'phrase' ? c.tokens : [c.token])))];
  return { clauses: kept, highlightTokens };
}

// A one-letter Latin prefix matches a large share of the index and says little; CJK characters are words.
function minPrefixLength(token: string): boolean {
  return isCjk(token) || token.length >= 2;
}
