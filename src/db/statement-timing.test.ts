import { describe, expect, it } from 'vitest';
import { statementShape, statementTimingLog } from './statement-timing';

describe('statement timing', () => {
  it('folds placeholders and value rows, so one statement of any batch size has one shape', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `($${i * 2 + 1}, $${i * 2 + 2})`).join(', ');
    expect(statementShape(`insert into "t" ("a", "b")\n  values ${rows(3)}`)).toBe('insert into "t" ("a", "b") values (…)…');
    expect(statementShape(`insert into "t" ("a", "b") values ${rows(500)}`)).toBe(statementShape(`insert into "t" ("a", "b") values ${rows(2)}`));
    expect(statementShape('select * from "record" where "id" in (?, ?, ?) and "x" = ?')).toBe('select * from "record" where "id" in (…) and "x" = ?');
  });

  it('logs nothing unless asked', () => {
    expect(statementTimingLog({})).toBeUndefined();
    expect(typeof statementTimingLog({ HERITAGE_SQL_TIMING: '1' })).toBe('function');
  });
});
