import { describe, expect, it } from 'vitest';
import { continentOf } from './continent';

describe('continents', () => {
  it('places countries of the alliances on their continent', () => {
    expect(continentOf('CN')).toBe('asia');
    expect(continentOf('kh')).toBe('asia');
    expect(continentOf('FR')).toBe('europe');
    expect(continentOf('EG')).toBe('africa');
    expect(continentOf('PE')).toBe('south-america');
    expect(continentOf('MX')).toBe('north-america');
    expect(continentOf('NZ')).toBe('oceania');
    expect(continentOf('ZZ')).toBeNull();
  });

  it('knows every current country the CLDR knows', () => {
    // Codes withdrawn from ISO 3166-1 (the Soviet Union, Yugoslavia, Zaire…) that the CLDR still names.
    const withdrawn = 'AN BU CS DD DY FX HV NH RH SU TP UK VD YD YU ZR'.split(' ');
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    const missing: string[] = [];
    for (let a = 65; a <= 90; a++)
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        if (withdrawn.includes(code) || ['EU', 'EZ', 'UN', 'QO', 'ZZ', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA', 'CQ', 'XA', 'XB'].includes(code)) continue;
        if (names.of(code) !== undefined && continentOf(code) === null) missing.push(code);
      }
    expect(missing).toEqual([]);
  });
});
