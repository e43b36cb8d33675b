import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../imports/formats/csv-mapping';
import type { RecordRow } from '../records/record.table';
import { addLanguages, csvColumns, noLanguages } from './export.columns';
import { csvLine, geoFeature } from './export.formats';

const row = (doc: Record<string, unknown>, extra: Partial<RecordRow> = {}): RecordRow => ({
  seq: 1,
  id: 'r1',
  institution_id: 'inst-1',
  country: 'CN',
  kind: 'object',
  title_sort: '',
  metadata: JSON.stringify({ id: 'r1', institutionId: 'inst-1', kind: 'object', visibility: 'public', embargoUntil: null, rights: null, ...doc }),
  visibility: 'public',
  embargo_until: null,
  rights_uri: null,
  rights_open: 0,
  has_media: 0,
  year_from: null,
  year_to: null,
  lat: null,
  lon: null,
  source_key: null,
  version: 1,
  change_action: 'create',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  created_by: null,
  updated_by: null,
  deleted_at: null,
  public_at: '2026-01-01T00:00:00.000Z',
  ever_public: 1,
  ...extra,
});

describe('CSV export cells', () => {
  it('neutralises formula triggers (= + - @ tab CR), also after leading spaces, and leaves other text alone', () => {
    expect(csvLine(['=SUM(A1:A2)', '+1', '-1', '@cmd', '\tx', '   =1+1', '  @x', 'a=b', 'ok'])).toBe(`'=SUM(A1:A2),'+1,'-1,'@cmd,'\tx,'   =1+1,'  @x,a=b,ok\r\n`);
    expect(csvLine(['\rx'])).toBe(`"'\rx"\r\n`);
    // Coordinates are numbers, not formulas.
    expect(csvLine([-33.86, 151.2])).toBe('-33.86,151.2\r\n');
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and keeps CJK and Arabic as they are', () => {
    const cells = ['a, b', 'say "hi"', 'line 1\nline 2', '敦煌，莫高窟', 'مخطوطة، عربية', 'مخطوطة, "عربية"\r\n二', '=HYPERLINK("http://x","y")'];
    const line = csvLine(cells);
    expect(line).toBe(`"a, b","say ""hi""","line 1\nline 2",敦煌，莫高窟,مخطوطة، عربية,"مخطوطة, ""عربية""\r\n二","'=HYPERLINK(""http://x"",""y"")"\r\n`);
    expect(parse(line)).toEqual([[...cells.slice(0, 6), `'${cells[6]}`]]);
  });
});

describe('CSV export columns', () => {
  it('names per-language columns as the CSV importer reads them back', () => {
    const langs = noLanguages();
    const r = row({ title: { en: ['Sutra'], zh: ['金刚经'] }, description: { ar: ['وصف'] }, date: { display: '868', edtf: '0868' } });
    addLanguages(langs, JSON.parse(r.metadata));
    const { headers, cells } = csvColumns(langs, 'https://heritage.example');
    expect(headers).toContain('title (zh)');
    const mapping = suggestMapping(headers);
    expect(mapping.columns).toMatchObject({
      id: 'source.identifier',
      kind: 'kind',
      visibility: 'visibility',
      'title (en)': 'title.en',
      'title (zh)': 'title.zh',
      'description (ar)': 'description.ar',
      date: 'date',
      'date (edtf)': 'date.edtf',
      agents: 'agent',
      role: 'agentRole',
      places: 'place',
      latitude: 'place.lat',
      longitude: 'place.lon',
      materials: 'materials',
      subjects: 'subjects',
      'inventory number': 'identifier.inventory',
      rights: 'rights',
      url: 'source.url',
    });
    const values = Object.fromEntries(headers.map((h, i) => [h, cells(r)[i]]));
    expect(values).toMatchObject({ id: 'r1', 'title (zh)': '金刚经', 'description (ar)': 'وصف', 'date (edtf)': '0868', url: 'https://heritage.example/records/r1' });
  });
});

describe('GeoJSON features', () => {
  it('is a Point from the record coordinates, a MultiPoint with several places, and nothing without coordinates', () => {
    const one = geoFeature(row({ title: { en: ['A'] } }, { lat: 40.1, lon: 94.6 }), 'https://h.example');
    expect(one).toEqual({ type: 'Feature', id: 'r1', geometry: { type: 'Point', coordinates: [94.6, 40.1] }, properties: { id: 'r1', title: 'A', kind: 'object', institution: 'inst-1', url: 'https://h.example/records/r1' } });
    const places = [
      { name: { en: ['Dunhuang'] }, lat: 40.1, lon: 94.6 },
      { name: { en: ['London'] }, lat: 51.5, lon: -0.12 },
    ];
    expect(geoFeature(row({ title: { en: ['B'] }, places }, { lat: 40.1, lon: 94.6 }), 'https://h.example')?.geometry).toEqual({ type: 'MultiPoint', coordinates: [[94.6, 40.1], [-0.12, 51.5]] });
    expect(geoFeature(row({ title: { en: ['C'] } }), 'https://h.example')).toBeNull();
  });
});
