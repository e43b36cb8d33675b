import { describe, expect, it } from 'vitest';
import { withoutEndPunctuation } from './marc.fields';
import { hasCjk, isGarbled, isLatinText } from './marc.reference';

describe('script tests of MARC text', () => {
  it('tells Latin-script text from other scripts, with and without diacritics', () => {
    expect(isLatinText('Crème brûlée, ʻOkina and Łódź')).toBe(true);
    expect(isLatinText('')).toBe(true);
    expect(isLatinText('Ελληνικά')).toBe(false);
    expect(isLatinText('Москва : Наука')).toBe(false);
    expect(isLatinText('Paris 東京')).toBe(false);
    // Beyond U+036F but no letter of the scripts named: punctuation and symbols stay Latin.
    expect(isLatinText('1996 – “quoted” …')).toBe(true);
    expect(hasCjk('臺北市')).toBe(true);
    expect(hasCjk('カタカナ')).toBe(true);
    expect(hasCjk('Taibei shi')).toBe(false);
    expect(hasCjk('Москва')).toBe(false);
  });

  it('knows text garbled by a lost character-set conversion', () => {
    expect(isGarbled('孫!T*!N|!YF')).toBe(true);
    expect(isGarbled('354!_w')).toBe(true);
    expect(isGarbled('Help!')).toBe(false);
    expect(isGarbled('Wow! Really')).toBe(false);
  });

  it('drops the ISBD punctuation a subfield ends with, and only that', () => {
    expect(withoutEndPunctuation('Oxford :')).toBe('Oxford');
    expect(withoutEndPunctuation('The title /')).toBe('The title');
    expect(withoutEndPunctuation('1996.')).toBe('1996');
    expect(withoutEndPunctuation('a ; b = c,  ')).toBe('a ; b = c');
    expect(withoutEndPunctuation('[London]')).toBe('[London]');
    expect(withoutEndPunctuation(' :;/')).toBe('');
    expect(withoutEndPunctuation('no change')).toBe('no change');
  });
});
