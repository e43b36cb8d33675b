import { describe, expect, it } from 'vitest';
import edtf from 'edtf';
import { centuriesOf, deriveEdtf, edtfYears, fastEdtfYears, formatYear } from './record.dates';

const range = (display: string) => {
  const e = deriveEdtf(display);
  return e ? { edtf: e, ...edtfYears(e) } : null;
};

describe('dates', () => {
  it('derives "4th–14th century"', () => {
    expect(range('4th–14th century')).toMatchObject({ from: 301, to: 1400 });
  });
  it('derives "c. 200 BCE" as an approximate BCE year', () => {
    expect(range('c. 200 BCE')).toMatchObject({ edtf: '-0199~', from: -199, to: -199 });
    expect(formatYear(-199)).toBe('200 BCE');
  });
  it('derives "1880s" and "1907?"', () => {
    expect(range('1880s')).toMatchObject({ edtf: '188X', from: 1880, to: 1889 });
    expect(range('1907?')).toMatchObject({ edtf: '1907?', from: 1907, to: 1907 });
  });
  it('derives year ranges, abbreviated or not', () => {
    expect(range('1825–30')).toMatchObject({ from: 1825, to: 1830 });
    expect(range('1825-1874')).toMatchObject({ from: 1825, to: 1874 });
    expect(range('1825, reprinted 1874')).toMatchObject({ from: 1825, to: 1874 });
  });
  it('derives BCE centuries', () => {
    expect(range('3rd century BCE')).toMatchObject({ from: -299, to: -200 });
  });
  it('keeps valid EDTF as it is', () => {
    expect(deriveEdtf('1984-06/2004-08')).toBe('1984-06/2004-08');
  });
  it('says null when it cannot tell', () => {
    expect(deriveEdtf('Tang dynasty')).toBeNull();
    expect(deriveEdtf('')).toBeNull();
  });
  it('lists the centuries a range touches, skipping a year-zero century', () => {
    expect(centuriesOf(-150, 120)).toEqual([-2, -1, 1, 2]);
  });

  it('reads the common shapes without the general parser, with the same years', () => {
    const values = ['1907', '1907?', '1907~', '1907%', '-0199~', '0868', '0301/1400', '-0399/-0300', '1825/1830?', '188X', '19XX', '18XX~', '2024-05', '1999-12', '0000', '2024-05-01'];
    for (const v of values) {
      const fast = fastEdtfYears(v);
      if (fast === undefined) continue;
      const d = edtf(v);
      expect(fast, v).toEqual({ from: new Date(d.min).getUTCFullYear(), to: new Date(d.max).getUTCFullYear() });
    }
    expect(fastEdtfYears('1907')).toBeDefined();
    expect(fastEdtfYears('1830/1825')).toBeUndefined();
    expect(fastEdtfYears('18XX~')).toBeUndefined();
    expect(deriveEdtf('c. 1880s')).toBe('188X');
  });
});
