import { describe, expect, it } from 'vitest';
import { CSV_TARGETS, HEADER_SYNONYMS, LANGUAGE_WORDS, isKnownLanguage, parseTarget } from './csv-targets';

describe('CSV targets', () => {
  it('gives every target a label and parses each one', () => {
    for (const t of CSV_TARGETS) {
      expect(t.label.length, t.id).toBeGreaterThan(2);
      expect(parseTarget(t.id), t.id).not.toHaveProperty('error');
    }
    expect(new Set(CSV_TARGETS.map((t) => t.id)).size).toBe(CSV_TARGETS.length);
  });

  it('suggests only targets that exist, and only valid language tags', () => {
    for (const target of Object.values(HEADER_SYNONYMS)) expect(parseTarget(target), target).not.toHaveProperty('error');
    for (const tag of Object.values(LANGUAGE_WORDS)) expect(isKnownLanguage(tag), tag).toBe(true);
  });

  it('takes language tags and agent roles apart, canonicalising the tag', () => {
    expect(parseTarget('title.zh-hans')).toEqual({ base: 'title', lang: 'zh-Hans' });
    expect(parseTarget('subjects.ar')).toEqual({ base: 'subjects', lang: 'ar' });
    expect(parseTarget('agent.author')).toEqual({ base: 'agent', role: 'author' });
    expect(parseTarget('agent.wood engraver')).toEqual({ base: 'agent', role: 'wood engraver' });
    expect(parseTarget('date')).toEqual({ base: 'date' });
  });

  it('says why a target is refused', () => {
    expect(parseTarget('titel')).toMatchObject({ error: expect.stringMatching(/^"titel" is not a target/) });
    expect(parseTarget('dimensions.en')).toEqual({ error: '"dimensions" takes no language suffix' });
    expect(parseTarget('title.english!')).toEqual({ error: '"english!" in "title.english!" is not a BCP 47 language tag' });
  });

  it('knows which well-formed tags name a language', () => {
    expect(isKnownLanguage('zh-Hant')).toBe(true);
    expect(isKnownLanguage('lzh')).toBe(true);
    expect(isKnownLanguage('qqq')).toBe(false);
    expect(isKnownLanguage('none')).toBe(true);
  });
});
