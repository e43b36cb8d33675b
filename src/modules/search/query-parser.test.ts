import { describe, expect, it } from 'vitest';
import { parseQuery } from './query-parser';

describe('parseQuery', () => {
  it('makes every word a clause that must match', () => {
    expect(parseQuery('Silk Road').clauses).toEqual([
      { kind: 'term', token: 'silk' },
      { kind: 'term', token: 'road' },
    ]);
  });

  it('keeps quoted phrases together', () => {
    expect(parseQuery('"silk road" map').clauses).toEqual([
      { kind: 'phrase', tokens: ['silk', 'road'] },
      { kind: 'term', token: 'map' },
    ]);
  });

  it('answers unbalanced quotes, operators and emoji without throwing', () => {
    expect(parseQuery('"silk road').clauses).toEqual([
      { kind: 'term', token: 'silk' },
      { kind: 'term', token: 'road' },
    ]);
    expect(parseQuery('AND OR ) ( * " 🏛️ ^ NEAR(').clauses).toEqual([{ kind: 'term', token: 'near' }]);
    expect(parseQuery('').clauses).toEqual([]);
  });

  it('turns a trailing star, or the last word in type-ahead, into a prefix', () => {
    expect(parseQuery('manu*').clauses).toEqual([{ kind: 'prefix', token: 'manu' }]);
    expect(parseQuery('dunhuang manu', { prefixLast: true }).clauses).toEqual([
      { kind: 'term', token: 'dunhuang' },
      { kind: 'prefix', token: 'manu' },
    ]);
  });

  it('keeps Chinese text split into single characters together as a phrase', () => {
    const { clauses } = parseQuery('莫高窟');
    expect(clauses).toHaveLength(1);
    expect(clauses[0].kind).toBe('phrase');
  });

  it('bounds very long input', () => {
    const { clauses } = parseQuery('word '.repeat(2000) + Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '));
    expect(clauses.length).toBeLessThanOrEqual(16);
  });
});
