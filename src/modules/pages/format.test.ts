import { describe, expect, it } from 'vitest';
import { centuryLabel, coordinatesLabel, roman, safeHref, yearLabel, yearRangeLabel } from './format';
import { rightsLabel } from './rights';

describe('formatting for people', () => {
  it('writes astronomical years as years of the era in each language', () => {
    expect(yearLabel('en', 1907)).toBe('1907');
    expect(yearLabel('en', 0)).toBe('1 BCE');
    expect(yearLabel('en', -199)).toBe('200 BCE');
    expect(yearLabel('fr', -199)).toBe('200 av. J.-C.');
    expect(yearLabel('zh', 868)).toBe('868年');
    expect(yearLabel('zh', -199)).toBe('公元前200年');
    expect(yearLabel('ru', 12000)).toBe('12000');
    expect(yearRangeLabel('en', -299, -200)).toBe('300 BCE – 201 BCE');
    expect(yearRangeLabel('en', 868, 868)).toBe('868');
    expect(yearRangeLabel('en', null, null)).toBeNull();
  });

  it('labels century facet values, CE and BCE, in each language', () => {
    expect(centuryLabel('en', '4')).toBe('4th century');
    expect(centuryLabel('en', '21')).toBe('21st century');
    expect(centuryLabel('en', '-2')).toBe('2nd century BCE');
    expect(centuryLabel('fr', '1')).toBe('Ier siècle');
    expect(centuryLabel('fr', '14')).toBe('XIVe siècle');
    expect(centuryLabel('es', '-3')).toBe('siglo III a. C.');
    expect(centuryLabel('ru', '19')).toBe('XIX век');
    expect(centuryLabel('zh', '-3')).toBe('公元前3世纪');
    expect(centuryLabel('ar', '4')).toBe('القرن الـ4 الميلادي');
    expect(centuryLabel('en', 'junk')).toBe('junk');
    expect(centuryLabel('en', '0')).toBe('0');
    expect(roman(1994)).toBe('MCMXCIV');
  });

  it('labels licences and rights statements', () => {
    expect(rightsLabel('en', 'http://creativecommons.org/publicdomain/zero/1.0/')).toMatchObject({ code: 'CC0', open: true });
    expect(rightsLabel('en', 'https://creativecommons.org/publicdomain/mark/1.0/')).toMatchObject({ label: 'Public Domain Mark 1.0', open: true });
    expect(rightsLabel('en', 'https://creativecommons.org/licenses/by-sa/4.0/')).toMatchObject({ code: 'CC BY-SA 4.0', label: 'Creative Commons BY-SA 4.0', open: true });
    expect(rightsLabel('en', 'https://creativecommons.org/licenses/by-nc/4.0/')).toMatchObject({ code: 'CC BY-NC 4.0', open: false });
    expect(rightsLabel('fr', 'http://rightsstatements.org/vocab/NoC-US/1.0/')).toMatchObject({ label: 'Pas de droit d’auteur – États-Unis', code: 'NoC-US', open: false });
    expect(rightsLabel('en', 'http://rightsstatements.org/vocab/InC-EDU/1.0/')).toMatchObject({ label: 'In Copyright – Educational Use Permitted', open: false });
    expect(rightsLabel('en', 'urn:example:custom')).toMatchObject({ label: 'Rights statement', code: null, href: null });
    expect(rightsLabel('en', null)).toBeNull();
  });

  it('only links http(s) URLs and writes coordinates with hemispheres', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('https://example.org/')).toBe('https://example.org/');
    expect(coordinatesLabel('en', -33.8568, 151.2153)).toBe('33.8568° S, 151.2153° E');
  });
});
