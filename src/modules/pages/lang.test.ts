import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, languageLinks, negotiateLanguage, readCookie } from './lang';

describe('UI language negotiation', () => {
  it('prefers ?lang, then the cookie, then Accept-Language, then English', () => {
    expect(negotiateLanguage({ query: { lang: 'fr' }, cookie: 'hc_lang=ru', acceptLanguage: 'zh' })).toEqual({ lang: 'fr', fromQuery: true });
    expect(negotiateLanguage({ query: {}, cookie: 'hc_lang=ru', acceptLanguage: 'zh' })).toEqual({ lang: 'ru', fromQuery: false });
    expect(negotiateLanguage({ query: {}, acceptLanguage: 'zh-CN,zh;q=0.9' })).toEqual({ lang: 'zh', fromQuery: false });
    expect(negotiateLanguage({})).toEqual({ lang: 'en', fromQuery: false });
  });

  it('ignores a language the UI does not speak and junk in every source', () => {
    expect(negotiateLanguage({ query: { lang: 'de' }, cookie: 'hc_lang=<x>', acceptLanguage: ';;,,q=' }).lang).toBe('en');
    expect(negotiateLanguage({ query: { lang: ['ar-EG', 'fr'] } }).lang).toBe('ar');
    expect(negotiateLanguage({ query: { lang: { nested: 'fr' } } }).lang).toBe('en');
  });

  it('ranks Accept-Language by quality, then order', () => {
    expect(fromAcceptLanguage('de-DE, es;q=0.4, ru;q=0.8')).toBe('ru');
    expect(fromAcceptLanguage('ar-SA,en;q=0.9')).toBe('ar');
    expect(fromAcceptLanguage('fr;q=0, es')).toBe('es');
    expect(fromAcceptLanguage('de, ja')).toBeNull();
  });

  it('reads one cookie without a dependency', () => {
    expect(readCookie('a=1; hc_lang=zh; b=2', 'hc_lang')).toBe('zh');
    expect(readCookie('xhc_lang=zh', 'hc_lang')).toBeUndefined();
    expect(readCookie('hc_lang=%E0%A4%A', 'hc_lang')).toBeUndefined();
  });

  it('links the language switch to the same path and query, never off the site', () => {
    const links = languageLinks('/search?q=silk&kind=object&lang=en');
    expect(links.map((l) => l.href)).toContain('/search?q=silk&kind=object&lang=ar');
    expect(links.find((l) => l.lang === 'zh')!.name).toBe('中文');
    expect(languageLinks('//evil.example/x?a=1')[0].href).toBe('/?a=1&lang=en');
  });
});
