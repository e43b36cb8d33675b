import type { LangMap } from '../../shared/lang-map';
import type { Actor } from '../accounts/actor';
import { foldWord } from '../search/text-analysis';
import type { SearchRunner } from '../search/search.runner';
import type { Store } from './record.store';
import { editorRepository } from './record.editor.repository';
import type { TermField } from './record.editor.form';

/** A term already used in the catalogue, as the picker offers it. */
export interface VocabularySuggestion {
  label: string;
  lang: string;
  uri: string | null;
  /** How many of the records searched use it. */
  count: number;
}

// Records read to collect terms from; the full-text index narrows them to those naming the prefix.
const RECORDS_READ = 100;

/**
 * Terms of `field` in records the actor may see whose label in some language starts with `q`
 * (folded: case and diacritics ignored), those with a URI first, then the most used.
 */
export async function suggestTerms(store: Store, search: SearchRunner, actor: Actor, input: { field: TermField; q: string; lang: string; limit: number }): Promise<VocabularySuggestion[]> {
  const q = foldWord(input.q.trim());
  if (q.length < 1) return [];
  const found = await search.search(actor, { q: input.q.trim(), prefix: true, limit: RECORDS_READ, facets: [] });
  const docs = await editorRepository.documents(store.db, found.items.map((i) => i.id));
  const byKey = new Map<string, VocabularySuggestion>();
  for (const json of docs) {
    const terms = (JSON.parse(json) as Record<string, { label: LangMap; uri?: string }[] | undefined>)[input.field] ?? [];
    for (const term of terms) {
      const match = matchingLabel(term.label, q, input.lang);
      if (!match) continue;
      const key = `${term.uri ?? ''}|${match.label}`;
      const seen = byKey.get(key);
      if (seen) seen.count++;
      else byKey.set(key, { ...match, uri: term.uri ?? null, count: 1 });
    }
  }
  return [...byKey.values()]
    .sort((a, b) => Number(!!b.uri) - Number(!!a.uri) || b.count - a.count || a.label.localeCompare(b.label, input.lang))
    .slice(0, input.limit);
}

// The label to offer: in the UI language when it matches, else the first one that matches.
function matchingLabel(label: LangMap, q: string, lang: string): { label: string; lang: string } | null {
  const entries = Object.entries(label).sort(([a], [b]) => Number(b.split('-')[0] === lang) - Number(a.split('-')[0] === lang));
  for (const [tag, values] of entries) {
    for (const v of values) if (foldWord(v).startsWith(q) || foldWord(v).split(/\s+/).some((w) => w.startsWith(q))) return { label: v, lang: tag };
  }
  return null;
}
