import { allTexts, pickLang, type LangMap } from '../../shared/lang-map';
import { foldWord, isCjk } from './text-analysis';

const WINDOW = 180;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * The passage of a record's text around the first matched word, HTML-escaped, with matched
 * words wrapped in <mark>. Prefers the visitor's language, then any other.
 */
export function makeSnippet(fields: (LangMap | undefined)[], tokens: string[], prefixes: string[], lang: string): string | null {
  if (!tokens.length && !prefixes.length) return null;
  const texts: string[] = [];
  for (const f of fields) {
    const preferred = pickLang(f, lang)?.values ?? [];
    texts.push(...preferred, ...allTexts(f).filter((t) => !preferred.includes(t)));
  }
  const wanted = new Set(tokens);
  const cjk = tokens.filter(isCjk);
  const needles = [...tokens, ...prefixes];
  for (const text of texts) {
    // Segmenting is the costly part: skip texts where no query word can occur.
    const folded = foldWord(text);
    if (!needles.some((n) => folded.includes(n))) continue;
    const spans = findSpans(text, wanted, prefixes, cjk);
    if (spans.length) return render(text, spans);
  }
  return null;
}

function findSpans(text: string, wanted: Set<string>, prefixes: string[], cjk: string[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const seg of segmenter.segment(text)) {
    if (!seg.isWordLike) continue;
    const folded = foldWord(seg.segment);
    if (wanted.has(folded) || prefixes.some((p) => folded.startsWith(p))) spans.push([seg.index, seg.index + seg.segment.length]);
  }
  for (const t of cjk) {
    for (let i = text.indexOf(t); i >= 0; i = text.indexOf(t, i + t.length)) spans.push([i, i + t.length]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  return merged;
}

function render(text: string, spans: [number, number][]): string {
  const start = Math.max(0, spans[0][0] - WINDOW / 3);
  const from = start === 0 ? 0 : Math.max(start, text.lastIndexOf(' ', start) + 1 || start);
  const to = Math.min(text.length, from + WINDOW);
  let out = from > 0 ? '…' : '';
  let pos = from;
  for (const [a, b] of spans) {
    if (a >= to) break;
    if (b <= pos) continue;
    out += escapeHtml(text.slice(pos, Math.max(pos, a))) + '<mark>' + escapeHtml(text.slice(Math.max(pos, a), Math.min(b, to))) + '</mark>';
    pos = Math.min(b, to);
  }
  out += escapeHtml(text.slice(pos, to)) + (to < text.length ? '…' : '');
  return out;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
