import { describe, expect, it } from 'vitest';
import { indexTokens } from '../search/text-analysis';
import { indexedText } from './record.derive';

const slow = (texts: string[]) => texts.flatMap(indexTokens).join(' ');

describe('indexedText', () => {
  const samples = [
    '',
    '   ',
    'Diamond Sutra',
    '  Leading and trailing -- punctuation!! ',
    'Mixed CASE, digits 1907 and c.200 BCE; "quoted" (parens) [brackets] under_score',
    'tab\tand\nnewline\r\nand\u0000control',
    `a${'x'.repeat(70)}b and ${'y'.repeat(64)} exactly 64`,
    'Café crème, Ærøskøbing, straße',
    '金刚经 Diamond Sutra',
    'Hangul 한국어 and Katakana カタカナ',
    'ｆｕｌｌｗｉｄｔｈ latin',
    'Arabic الكتاب and Greek Ὀδύσσεια',
    '---',
  ];

  it('gives exactly the tokens indexTokens gives, joined by spaces, for each text alone', () => {
    for (const s of samples) expect(indexedText([s]), JSON.stringify(s)).toBe(slow([s]));
  });

  it('joins several texts as their tokens in order, skipping texts without any', () => {
    expect(indexedText(samples)).toBe(slow(samples));
    expect(indexedText(['', 'One two', '', '--', 'Three'])).toBe('one two three');
  });
});
