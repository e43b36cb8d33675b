import { describe, expect, it } from 'vitest';
import { foldWord, indexTokens, tokenize } from './text-analysis';

describe('text analysis', () => {
  it('folds case and diacritics', () => {
    expect(tokenize('Café CRÈME Xiva Ōsaka Łódź straße')).toEqual(['cafe', 'creme', 'xiva', 'osaka', 'lodz', 'strasse']);
  });

  it('segments Chinese text into dictionary words', () => {
    const tokens = tokenize('敦煌莫高窟壁画');
    expect(tokens).toContain('敦煌');
    expect(tokens).toContain('壁画');
  });

  it('indexes character pairs of long Chinese words so two-character words are found inside them', () => {
    const tokens = indexTokens('敦煌莫高窟');
    expect(tokens).toContain('莫高');
    expect(tokens).toContain('高窟');
  });

  it('segments Japanese text', () => {
    const tokens = tokenize('高慢と偏見');
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens).toContain('偏見');
  });

  it('removes Arabic vowel marks, tatweel and alef variants', () => {
    expect(foldWord('مَخْطُوطَة')).toBe(foldWord('مخطوطة'));
    expect(foldWord('أحمد')).toBe('احمد');
    expect(foldWord('كتـــاب')).toBe('كتاب');
  });

  it('keeps only letters and digits, dropping punctuation and emoji', () => {
    expect(tokenize('"foo" -bar* (baz) 🏛️ AND 42')).toEqual(['foo', 'bar', 'baz', 'and', '42']);
  });

  it('finds the same words in Latin, Cyrillic and Arabic text as the Unicode word segmenter', () => {
    const seg = new Intl.Segmenter('en', { granularity: 'word' });
    const samples = [
      "Don’t stop: l·l, Jean-Paul's 3.14 e.g. naïve façade — Sant'Angelo (1907?) x+y=z",
      'Самарканд, мечеть Биби-Ханым; 15-й век',
      'مخطوطة قرآنية، القرن الرابع عشر',
    ];
    for (const text of samples) {
      const viaSegmenter = [...seg.segment(text)]
        .filter((s) => s.isWordLike)
        .flatMap((s) => foldWord(s.segment).split(/[^\p{L}\p{N}]+/u))
        .filter(Boolean);
      expect(tokenize(text)).toEqual(viaSegmenter);
    }
  });

  it('treats full-width forms as their plain equivalents', () => {
    expect(tokenize('ＡＢＣ１２３')).toEqual(['abc123']);
  });
});
