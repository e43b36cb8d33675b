import { describe, expect, it } from 'vitest';
import { hasFilters, mapCellSize, parseSearchQuery, searchHref, toggleFilter, toParams } from './search.state';

describe('search page state', () => {
  it('reads the same parameter names as /api/v1/search, repeated or comma-separated', () => {
    const { state } = parseSearchQuery({ q: ' silk ', kind: ['object', 'manuscript'], country: 'CN,GB', rights: 'open,weird', hasImages: 'true', sort: 'newest', limit: '50', offset: '100' });
    expect(state).toMatchObject({ q: 'silk', kind: ['object', 'manuscript'], country: ['CN', 'GB'], rights: ['open'], hasImages: true, sort: 'newest', limit: 50, offset: 100 });
  });

  it('drops or clamps junk instead of refusing it', () => {
    const { state, redirect } = parseSearchQuery({ q: ['a', 'b'], offset: '-5', limit: '100000', yearFrom: 'abc', yearTo: '1e3', sort: 'evil', hasImages: 'maybe', bbox: '1,2,3', facets: 'x' });
    expect(redirect).toBeNull();
    expect(state).toEqual({ q: 'a', offset: 0, limit: 100, hasImages: undefined, yearFrom: undefined, yearTo: undefined, bbox: undefined, sort: undefined, institution: undefined, country: undefined, kind: undefined, century: undefined, material: undefined, language: undefined, rights: undefined });
    expect(parseSearchQuery({ bbox: '0,100,1,1' }).state.bbox).toBeUndefined();
    expect(parseSearchQuery({ bbox: '70,15,140,55' }).state.bbox).toEqual([70, 15, 140, 55]);
  });

  it('swaps a year range given backwards', () => {
    expect(parseSearchQuery({ yearFrom: '900', yearTo: '100' }).state).toMatchObject({ yearFrom: 100, yearTo: 900 });
  });

  it('turns years with eras into astronomical years and a clean URL to redirect to', () => {
    const { state, redirect } = parseSearchQuery({ q: '', yearFrom: '200', eraFrom: 'bce', yearTo: '', eraTo: 'ce', sort: 'relevance' });
    expect(state.yearFrom).toBe(-199);
    expect(state.yearTo).toBeUndefined();
    expect(redirect).toBe('/search?yearFrom=-199');
  });

  it('writes the state back as a URL that reads back the same', () => {
    const { state } = parseSearchQuery({ q: 'a&b=c', material: ['silk', 'paper'], yearFrom: '-99', hasImages: 'false', offset: '20' });
    const href = searchHref(state);
    expect(href).toBe('/search?q=a%26b%3Dc&material=silk&material=paper&hasImages=false&yearFrom=-99&offset=20');
    const again = parseSearchQuery(Object.fromEntries([...new URLSearchParams(href.split('?')[1])].reduce((m, [k, v]) => m.set(k, m.has(k) ? [m.get(k), v].flat() : v), new Map<string, unknown>())));
    expect(again.state).toEqual(state);
  });

  it('adds and removes filters, back to the first page', () => {
    const { state } = parseSearchQuery({ q: 'silk', offset: '40' });
    const added = toggleFilter(state, 'century', '-2');
    expect(searchHref(added)).toBe('/search?q=silk&century=-2');
    expect(hasFilters(added)).toBe(true);
    const removed = toggleFilter(added, 'century', '-2');
    expect(searchHref(removed)).toBe('/search?q=silk');
    expect(hasFilters(removed)).toBe(false);
    expect(toggleFilter(state, 'hasImages', 'true').hasImages).toBe(true);
    expect(toggleFilter({ ...state, hasImages: true }, 'hasImages', 'true').hasImages).toBeUndefined();
  });

  it('keeps the view in the URL (list is the default) and asks for map cells only in the map view', () => {
    expect(parseSearchQuery({ view: 'grid' }).state.view).toBe('grid');
    expect(parseSearchQuery({ view: 'list' }).state.view).toBeUndefined();
    expect(parseSearchQuery({ view: 'evil' }).state.view).toBeUndefined();
    const map = parseSearchQuery({ q: 'silk', view: 'map' }).state;
    expect(searchHref(map)).toBe('/search?q=silk&view=map');
    expect(searchHref(toggleFilter(map, 'kind', 'object'))).toBe('/search?q=silk&kind=object&view=map');
    expect(toParams(map, 'en')).toMatchObject({ q: 'silk', geoCell: 10 });
    expect(toParams(map, 'en')).not.toHaveProperty('view');
    expect(toParams({ ...map, view: 'grid' }, 'en')).not.toHaveProperty('geoCell');
  });

  it('chooses finer map cells for smaller areas, about forty across', () => {
    expect(mapCellSize(undefined)).toBe(10);
    expect(mapCellSize([90, 40, 100, 50])).toBe(0.5);
    expect(mapCellSize([94.5, 40, 95, 40.5])).toBe(0.05);
    expect(mapCellSize([170, -10, -170, 10])).toBe(1);
  });
});
