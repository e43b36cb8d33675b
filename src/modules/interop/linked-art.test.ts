import { describe, expect, it } from 'vitest';
import { isoYear, namesOf, timespanOf } from './linked-art';

describe('Linked Art mapping', () => {
  it('writes years as ISO 8601 does: astronomical, signed before 1 CE, expanded past 9999', () => {
    expect(isoYear(1368)).toBe('1368');
    expect(isoYear(45)).toBe('0045');
    expect(isoYear(0)).toBe('0000');
    expect(isoYear(-299)).toBe('-0299');
    expect(isoYear(12000)).toBe('+12000');
  });

  it('makes a TimeSpan from the display date and its EDTF years', () => {
    expect(timespanOf({ display: '3rd century BCE', edtf: '-0299/-0200', yearFrom: -299, yearTo: -200 })).toEqual({
      type: 'TimeSpan',
      identified_by: [{ type: 'Name', classified_as: [expect.objectContaining({ id: 'http://vocab.getty.edu/aat/300404669' })], content: '3rd century BCE' }],
      begin_of_the_begin: '-0299-01-01T00:00:00Z',
      end_of_the_end: '-0200-12-31T23:59:59Z',
    });
    expect(timespanOf({ display: 'undated' })).toEqual(expect.objectContaining({ type: 'TimeSpan' }));
    expect(timespanOf(undefined)).toBeNull();
  });

  it('gives one primary name per language and makes the others alternates', () => {
    const names = namesOf({ en: ['Analects', 'The Analects of Confucius'], 'zh-Hant': ['論語'], none: ['Lunyu'], xx: ['Unknown tongue'] });
    const summary = names.map((n) => [n.content, (n.classified_as as { _label: string }[])[0]._label, (n.language as { id: string }[] | undefined)?.[0].id ?? null]);
    expect(summary).toEqual([
      ['Analects', 'Primary Name', 'http://vocab.getty.edu/aat/300388277'],
      ['The Analects of Confucius', 'Alternate Name', 'http://vocab.getty.edu/aat/300388277'],
      ['論語', 'Primary Name', 'http://vocab.getty.edu/aat/300388113'],
      ['Lunyu', 'Primary Name', null],
      // A language without an AAT term has no `language`: only one name without a language may be primary.
      ['Unknown tongue', 'Alternate Name', null],
    ]);
  });
});
