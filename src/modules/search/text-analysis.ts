/**
 * Text analysis shared by indexing and querying, in JavaScript so that SQLite and PostgreSQL
 * index exactly the same tokens: Unicode word segmentation (dictionary-based for Chinese and
 * Japanese), case and diacritic folding, Arabic normalisation.
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

// Han, Hiragana, Katakana, Hangul: scripts written without spaces between words.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const MARKS = /\p{M}+/gu;
const ARABIC_TATWEEL = /\u0640/g;
const ARABIC_ALEF = /[\u0622\u0623\u0625\u0671]/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;
const MAX_TOKEN_LENGTH = 64;

const ASCII = /^[\x00-\x7f]*$/;

/** Folds one word: compatibility forms, case, diacritics, Arabic vowel marks and alef variants. */
export function foldWord(word: string): string {
  // Plain ASCII has nothing to decompose: lower case is the whole fold.
  if (ASCII.test(word)) return word.toLowerCase();
  return word
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(ARABIC_TATWEEL, '')
    .replace(ARABIC_ALEF, '\u0627')
    .toLowerCase()
    .normalize('NFC')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[đĐ]/g, 'd')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe');
}

// Scripts whose words the segmenter finds with a dictionary; elsewhere word boundaries are
// exactly the runs of letters and digits, which a regular expression finds many times faster.
const NEEDS_DICTIONARY = /[\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]|[\u{20000}-\u{3FFFF}]/u;

/** Splits text into folded word tokens, in order. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  if (!text) return out;
  if (!NEEDS_DICTIONARY.test(text)) {
    for (const part of foldWord(text).split(NON_WORD)) {
      if (part) out.push(part.length > MAX_TOKEN_LENGTH ? part.slice(0, MAX_TOKEN_LENGTH) : part);
    }
    return out;
  }
  // Folding first lets the segmenter see plain letters; NFKD keeps CJK characters intact.
  for (const seg of segmenter.segment(text)) {
    if (!seg.isWordLike) continue;
    for (const part of foldWord(seg.segment).split(NON_WORD)) {
      if (part) out.push(part.length > MAX_TOKEN_LENGTH ? part.slice(0, MAX_TOKEN_LENGTH) : part);
    }
  }
  return out;
}

/**
 * Tokens to index for a text: the words, then the character pairs of every run of Chinese or
 * Japanese text longer than two characters, so that a two-character word is found inside a
 * longer one the dictionary kept whole or split into single characters.
 */
export function indexTokens(text: string): string[] {
  const words = tokenize(text);
  const extra: string[] = [];
  let run = '';
  const flush = () => {
    const chars = [...run];
    if (chars.length > 2) for (let i = 0; i + 1 < chars.length; i++) extra.push(chars[i] + chars[i + 1]);
    run = '';
  };
  for (const w of words) {
    if (CJK.test(w)) run += w;
    else if (run) flush();
  }
  if (run) flush();
  return extra.length ? words.concat(extra) : words;
}

/** True when a token is written in a script without spaces between words. */
export function isCjk(token: string): boolean {
  return CJK.test(token);
}
