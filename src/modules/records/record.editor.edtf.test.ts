import { describe, expect, it } from 'vitest';
import { describeEdtf, edtfPreview } from './record.editor.edtf';

describe('the editor’s reading of dates', () => {
  it('reads years, eras, qualifiers, decades, centuries, months, days and open ends in words', () => {
    const cases: [string, string][] = [
      ['1907', '1907'],
      ['1850~', 'circa 1850'],
      ['1850?', '1850 (uncertain)'],
      ['1850%', 'circa 1850 (uncertain)'],
      ['-0199~', 'circa 200 BCE'],
      ['188X', 'the 1880s'],
      ['18XX', '19th century'],
      ['0301/1400', '4th century – 14th century'],
      ['1401/1500', '15th century'],
      ['-0299/-0200', '3rd century BCE'],
      ['1825/1830', '1825 – 1830'],
      ['1850~/1870~', 'circa 1850 – 1870'],
      ['1907-05', 'May 1907'],
      ['1907-05-12', 'May 12, 1907'],
      ['1850/..', 'from 1850'],
      ['../1850', 'until 1850'],
    ];
    for (const [value, words] of cases) expect(describeEdtf('en', value), value).toBe(words);
  });

  it('speaks the UI language', () => {
    expect(describeEdtf('fr', '0301/1400')).toBe('IVe siècle – XIVe siècle');
    expect(describeEdtf('fr', '1850~')).toBe('vers 1850');
    expect(describeEdtf('ru', '188X')).toBe('1880-е годы');
    expect(describeEdtf('zh', '1850~')).toBe('约1850年');
    expect(describeEdtf('ar', '1850~')).toMatch(/^نحو /);
  });

  it('validates typed values and derives one from the display text when none is typed', () => {
    expect(edtfPreview('en', { edtf: '18th century' })).toEqual({ valid: false, edtf: '18th century', derived: false, text: null });
    expect(edtfPreview('en', { display: 'c. 1850' })).toEqual({ valid: true, edtf: '1850~', derived: true, text: 'circa 1850' });
    expect(edtfPreview('en', { display: 'sometime', edtf: '' })).toEqual({ valid: true, edtf: null, derived: false, text: null });
    expect(edtfPreview('en', { display: 'c. 1850', edtf: '1851' })).toMatchObject({ edtf: '1851', derived: false, text: '1851' });
  });
});
