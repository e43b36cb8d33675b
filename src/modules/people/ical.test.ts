import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { escapeText, foldLine, icalendar } from './ical';

describe('the iCalendar writer', () => {
  it('escapes backslashes, semicolons, commas and line breaks in text', () => {
    expect(escapeText('a\\b; c, d\ne')).toBe('a\\\\b\\; c\\, d\\ne');
  });

  it('folds lines at 75 octets without splitting a multi-byte character', () => {
    const line = `SUMMARY:${'敦煌'.repeat(40)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const part of folded) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });

  it('writes a calendar a real parser reads back, timed and all-day events alike', () => {
    const text = icalendar({
      prodId: '-//Heritage Commons//Events//EN',
      name: 'Events',
      events: [
        { uid: 'ev-1@example.org', stamp: '2026-11-01T10:00:00.000Z', start: '2026-12-03T09:30:00.000Z', end: '2026-12-03T11:00:00.000Z', allDay: false, summary: 'Mural care; dust, salts\nand light', location: 'Dunhuang, Gansu', url: 'https://example.org/live?x=1&y=2' },
        { uid: 'ev-2@example.org', stamp: '2026-11-01T10:00:00.000Z', start: '2026-12-10T00:00:00.000Z', end: '2026-12-12T00:00:00.000Z', allDay: true, summary: 'افتتاح معرض طريق الحرير '.repeat(4) },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    const cal = new ICAL.Component(ICAL.parse(text));
    const [a, b] = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(a.uid).toBe('ev-1@example.org');
    expect(a.summary).toBe('Mural care; dust, salts\nand light');
    expect(a.location).toBe('Dunhuang, Gansu');
    expect(a.startDate.toJSDate().toISOString()).toBe('2026-12-03T09:30:00.000Z');
    expect(a.component.getFirstPropertyValue('url')).toBe('https://example.org/live?x=1&y=2');
    expect(b.startDate.isDate).toBe(true);
    expect(b.startDate.toString()).toBe('2026-12-10');
    expect(b.summary).toBe('افتتاح معرض طريق الحرير '.repeat(4));
  });
});
