import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n/i18n';
import type { PageContext } from './context';
import { RecordGrid, ResultsMap, ResultsTimeline, ViewSwitch } from './search.views';
import { AllResultsMap, viewBox } from './search.map';

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

  it('links the three views of the same search, marking the current one', () => {
    const html = String(<ViewSwitch ctx={ctx} state={{ q: 'silk', offset: 40, limit: 20, view: 'grid' }} />);
    expect(html).toContain('<a href="/search?q=silk&amp;offset=40">List</a>');
    expect(html).toContain('<a href="/search?q=silk&amp;offset=40&amp;view=grid" class="is-active" aria-current="page">Grid</a>');
    expect(html).toContain('href="/search?q=silk&amp;offset=40&amp;view=map"');
  });

  it('draws a grid tile per result, with a lazily loaded IIIF thumbnail only where there is an image', () => {
    const hit = { id: 'r1', title: { en: ['Silk banner'] }, institutionId: 'i', country: 'CN', kind: 'object', date: null, yearFrom: 700, yearTo: 799, lat: null, lon: null, rights: null, hasMedia: true, snippet: null, score: null };
    const html = String(<RecordGrid ctx={ctx} hits={[hit, { ...hit, id: 'r2', hasMedia: false }]} institutions={new Map()} images={new Map([['r1', 'm1']])} />);
    expect(html).toContain('srcset="/iiif/3/m1/full/200,/0/default.jpg 200w, /iiif/3/m1/full/400,/0/default.jpg 400w, /iiif/3/m1/full/600,/0/default.jpg 600w"');
    expect(html).toContain('loading="lazy"');
    expect(html.match(/<img /g)).toHaveLength(1);
    expect(html).toContain('No image');
    expect(html).not.toContain('type="checkbox"');
    expect(html).not.toContain('style=');
  });

  it('draws cells of the map of all results as links into their area, sized by count, and zooms to a searched box', () => {
    const cells = [
      { count: 900, lat: 40, lon: 95, bbox: [90, 40, 100, 50] as [number, number, number, number] },
      { count: 1_500, lat: 51.5, lon: -0.1, bbox: [-10, 50, 0, 60] as [number, number, number, number] },
    ];
    const html = String(<AllResultsMap ctx={ctx} state={{ q: 'silk', offset: 20, limit: 20, view: 'map' }} total={2_500} cells={cells} />);
    expect(html).toContain('Map of the 2,400 results with a place');
    expect(html).toContain('100 results have no place and are not on the map.');
    expect(html).toContain('href="/search?q=silk&amp;bbox=-10%2C50%2C0%2C60&amp;view=map" aria-label="1,500 records in this area: show them"');
    expect(html).toContain('>1.5K</text>');
    // The bigger count is drawn first, so the smaller circle stays on top and clickable.
    expect(html.indexOf('1,500 records')).toBeLessThan(html.indexOf('900 records'));
    expect(viewBox(undefined)).toMatchObject({ x: 0, w: 1000 });
    const zoomed = viewBox([90, 40, 100, 50]);
    expect(zoomed.w).toBeCloseTo(zoomed.h * 2);
    expect(zoomed.w).toBeLessThan(70); // 10° of latitude with a margin, at 2:1
    expect(String(<AllResultsMap ctx={ctx} state={{ offset: 0, limit: 20, view: 'map' }} total={3} cells={[]} />)).toContain('None of these results has a place on the map.');
  });
});
