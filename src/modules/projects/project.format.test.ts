import { describe, expect, it } from 'vitest';
import { amountLabel, edtfLabel } from './project.format';

describe('project formats', () => {
  it('writes EDTF days, months, years and ranges in the UI language', () => {
    expect(edtfLabel('en', '2024-05-17')).toBe('May 17, 2024');
    expect(edtfLabel('fr', '2024-05')).toBe('mai 2024');
    expect(edtfLabel('en', '2024/2026')).toMatch(/2024.*2026/);
    expect(edtfLabel('en', '2024?')).toBe('2024?');
  });

  it('writes money in its currency and counts with their plural forms', () => {
    expect(amountLabel('en', 12500, 'USD')).toBe('$12,500.00');
    expect(amountLabel('en', 1, 'persons')).toBe('1 person');
    expect(amountLabel('en', 3, 'places')).toBe('3 places');
    expect(amountLabel('ru', 5, 'items')).toMatch(/^5 /);
  });
});
