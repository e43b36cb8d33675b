import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../lang-map';
import { CATALOGUES, ORDINAL_KEYS, t, formatNumber, textDirection, type MessageKey } from './i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const forms = (m: unknown) => (typeof m === 'string' ? [m] : Object.values(m as Record<string, string>));

const en = CATALOGUES.en;

describe('UI catalogues', () => {
  it('gives every catalogue exactly the keys of the English one', () => {
    const keys = Object.keys(en).sort();
    for (const lang of UI_LANGUAGES) {
      expect(Object.keys(CATALOGUES[lang]).sort(), `catalogue ${lang}`).toEqual(keys);
    }
  });

  it('translates rather than copies English (most messages differ from English)', () => {
    for (const lang of UI_LANGUAGES.filter((l) => l !== 'en')) {
      const keys = Object.keys(en) as MessageKey[];
      const same = keys.filter((k) => JSON.stringify(CATALOGUES[lang][k]) === JSON.stringify(en[k]));
      expect(same.length / keys.length, `${lang} copies: ${same.join(', ')}`).toBeLessThan(0.12);
    }
  });

  it('uses only placeholders the English message uses (plus roman numerals for centuries)', () => {
    for (const lang of UI_LANGUAGES) {
      for (const key of Object.keys(en) as MessageKey[]) {
        const allowed = new Set([...forms(en[key]).flatMap(placeholders), 'count', 'roman']);
        for (const form of forms(CATALOGUES[lang][key])) {
          for (const p of placeholders(form)) expect(allowed.has(p), `${lang} ${key} uses {${p}}`).toBe(true);
        }
      }
    }
  });

  it('gives every plural message the forms its language needs and no others', () => {
    for (const lang of UI_LANGUAGES) {
      for (const [key, message] of Object.entries(CATALOGUES[lang])) {
        if (typeof message === 'string') continue;
        const type = ORDINAL_KEYS.has(key as MessageKey) ? 'ordinal' : 'cardinal';
        const needed = new Intl.PluralRules(lang, { type }).resolvedOptions().pluralCategories;
        expect(Object.keys(message).sort(), `${lang} ${key}`).toEqual([...needed].sort());
      }
    }
  });
});

describe('t', () => {
  it('fills placeholders and formats numbers for the language', () => {
    expect(t('en', 'search.showing', { from: 1, to: 20, total: 12345 })).toBe('Showing 1–20 of 12,345');
    expect(t('fr', 'search.showing', { from: 1, to: 20, total: 12345 })).toBe('Résultats 1 à 20 sur 12\u202f345');
  });

  it('chooses plural forms with Intl.PluralRules', () => {
    expect(t('en', 'inst.records', { count: 1 })).toBe('1 record');
    expect(t('en', 'inst.records', { count: 2 })).toBe('2 records');
    expect(t('ru', 'inst.records', { count: 1 })).toBe('1 запись');
    expect(t('ru', 'inst.records', { count: 3 })).toBe('3 записи');
    expect(t('ru', 'inst.records', { count: 5 })).toBe('5 записей');
    expect(t('ru', 'inst.records', { count: 21 })).toBe('21 запись');
    expect(t('ar', 'inst.records', { count: 2 })).toBe('سجلان');
    expect(t('ar', 'inst.records', { count: 11 })).toBe('11 سجلًا');
    expect(t('zh', 'inst.records', { count: 7 })).toBe('7 条记录');
  });

  it('uses ordinal rules for centuries', () => {
    expect(t('en', 'century.ce', { count: 1 })).toBe('1st century');
    expect(t('en', 'century.ce', { count: 2 })).toBe('2nd century');
    expect(t('en', 'century.ce', { count: 3 })).toBe('3rd century');
    expect(t('en', 'century.ce', { count: 11 })).toBe('11th century');
    expect(t('en', 'century.ce', { count: 21 })).toBe('21st century');
    expect(t('fr', 'century.ce', { count: 1, roman: 'I' })).toBe('Ier siècle');
    expect(t('fr', 'century.bce', { count: 4, roman: 'IV' })).toBe('IVe siècle av. J.-C.');
  });

  it('falls back to English for a language the UI does not speak', () => {
    expect(t('de', 'nav.search')).toBe('Search');
    expect(formatNumber('xx-invalid', 1000)).toBe('1,000');
  });

  it('lays Arabic out right to left', () => {
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('ar-EG')).toBe('rtl');
    expect(textDirection('zh')).toBe('ltr');
  });
});
