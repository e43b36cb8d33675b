import { describe, expect, it } from 'vitest';
import { toTsvector } from './postgres.dialect';

describe('tsvector input text', () => {
  it('lists each lexeme once, where it first occurs, with every position and weight', () => {
    expect(toTsvector(['bronze', 'bowl'], ['a', 'bowl', 'of', 'bronze'])).toBe("'bronze':1A,7B 'bowl':2A,5B 'a':4B 'of':6B");
  });

  it('leaves a position free between the title and the body, so a phrase cannot run across them', () => {
    expect(toTsvector(['silk'], ['road'])).toBe("'silk':1A 'road':3B");
    expect(toTsvector([], ['road'])).toBe("'road':2B");
  });

  it('doubles quotes and backslashes inside a lexeme', () => {
    expect(toTsvector(["l'eau"], ['a\\b'])).toBe("'l''eau':1A 'a\\\\b':3B");
  });

  it('keeps 256 positions of a lexeme at most, and no position past 16383', () => {
    const text = toTsvector([], Array.from({ length: 20000 }, (_, i) => (i % 2 ? 'x' : `w${i}`)));
    const x = text.split(' ').find((l) => l.startsWith("'x':"))!;
    expect(x.split(',')).toHaveLength(256);
    expect(text.endsWith("'w19998':16383B")).toBe(true);
  });
});
