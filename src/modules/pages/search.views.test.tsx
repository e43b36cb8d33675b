import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n/i18n';
import type { PageContext } from './context';
import { ResultsMap, ResultsTimeline } from './search.views';

const ctx = { lang: 'en', dir: 'ltr', t: translator('en'), url: '/search', user: null, csrf: null } as PageContext;

describe('search result views', () => {
  it('draws the results by century oldest first, each bar a link that filters to its century', () => {
    const html = String(
      <ResultsTimeline
        ctx={ctx}
        state={{ q: 'silk', offset: 0, limit: 20 }}
        facets={{ century: [{ value: '15', label: '15', count: 10 }, { value: '-2', label: '-2', count: 5 }, { value: 'junk', label: 'junk', count: 3 }, { value: '8', label: '8', count: 1 }] }}
      />,
    );
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['/search?q=silk&amp;century=-2', '/search?q=silk&amp;century=8', '/search?q=silk&amp;century=15']);
    expect(html).toContain('2nd century BCE');
    // Heights are SVG attributes (no inline style under the CSP): the largest bar is full height.
    expect(html).toContain('<rect x="0" y="0" width="10" height="100"></rect>');
    expect(html).not.toContain('style=');
  });

  it('shows no timeline for a single century, and a map only of results with coordinates', () => {
    expect(String(<ResultsTimeline ctx={ctx} state={{ offset: 0, limit: 20 }} facets={{ century: [{ value: '15', label: '15', count: 3 }] }} />)).toBe('');
    const hit = { id: 'r1', title: { en: ['Stupa'] }, institutionId: 'i', country: 'CN', kind: 'site', date: null, yearFrom: null, yearTo: null, rights: null, hasMedia: false, snippet: null, score: null };
    expect(String(<ResultsMap ctx={ctx} hits={[{ ...hit, lat: null, lon: null }]} />)).toBe('');
    const map = String(<ResultsMap ctx={ctx} hits={[{ ...hit, lat: 40, lon: 94 }, { ...hit, id: 'r2', lat: null, lon: null }]} />);
    expect(map).toContain('Map of the 1 result on this page with a place');
    expect(map).toContain('href="/records/r1"');
    expect(map).not.toContain('/records/r2');
  });
});
