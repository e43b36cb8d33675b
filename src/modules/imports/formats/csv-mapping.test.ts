import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { normalizeRecord } from '../../records/record.normalize';
import type { CsvMapping } from '../import.types';
import { applyMapping, normalizeHeader, suggestMapping, validateMapping } from './csv-mapping';

const CTX = { institutionId: 'inst-a', sourceKind: 'import' as const, sourceSystem: 'objects.csv', row: 7 };

describe('suggestMapping', () => {
  it('recognises headers in the six UN languages', () => {
    const cases: [string[], Record<string, string>][] = [
      [['Inventory number', 'Title', 'Artist', 'Date', 'Medium', 'Licence'], { 'Inventory number': 'identifier.inventory', Title: 'title', Artist: 'agent.artist', Date: 'date', Medium: 'medium', Licence: 'rights' }],
      [['Numéro d’inventaire', 'Titre', 'Auteur', 'Année', 'Matériau', 'Droits'], { 'Numéro d’inventaire': 'identifier.inventory', Titre: 'title', Auteur: 'agent.author', Année: 'date', Matériau: 'materials', Droits: 'rights' }],
      [['Número de inventario', 'Título', 'Autor', 'Fecha', 'Técnica', 'Lugar'], { 'Número de inventario': 'identifier.inventory', Título: 'title', Autor: 'agent.author', Fecha: 'date', Técnica: 'techniques', Lugar: 'place' }],
      [['Инвентарный номер', 'Название', 'Автор', 'Дата', 'Материал', 'Описание'], { 'Инвентарный номер': 'identifier.inventory', Название: 'title', Автор: 'agent.author', Дата: 'date', Материал: 'materials', Описание: 'description' }],
      [['藏品编号', '标题', '作者', '年代', '材质', '尺寸'], { 藏品编号: 'identifier.inventory', 标题: 'title', 作者: 'agent.author', 年代: 'date', 材质: 'materials', 尺寸: 'dimensions' }],
      [['رقم الجرد', 'العنوان', 'المؤلف', 'التاريخ', 'المادة', 'اللغة'], { 'رقم الجرد': 'identifier.inventory', العنوان: 'title', المؤلف: 'agent.author', التاريخ: 'date', المادة: 'materials', اللغة: 'languages' }],
    ];
    for (const [headers, columns] of cases) {
      const s = suggestMapping(headers);
      expect(s.columns, headers.join(', ')).toEqual(columns);
      expect(s.unmapped).toEqual([]);
      expect(s.identifierColumn).toBe(headers[0]);
    }
  });

  it('maps per-language columns to canonical BCP 47 tags', () => {
    const s = suggestMapping(['title (zh)', 'title_zh-hant', 'title:fr', 'Title [ES]', 'description (ar)', 'Titre (chinois)', 'Subjects (ru)', 'Inscription_en']);
    expect(s.columns).toEqual({
      'title (zh)': 'title.zh',
      'title_zh-hant': 'title.zh-Hant',
      'title:fr': 'title.fr',
      'Title [ES]': 'title.es',
      'description (ar)': 'description.ar',
      'Titre (chinois)': 'title.zh',
      'Subjects (ru)': 'subjects.ru',
      Inscription_en: 'inscriptions.en',
    });
    expect(s.warnings).toEqual([]);
  });

  it('covers museum and library columns and lists what it left unmapped', () => {
    const s = suggestMapping([
      'Object number', 'Accession number', 'Call number', 'Shelfmark', 'ISBN', 'Maker', 'Creator', 'Role', 'Dated', 'Dimensions (cm)',
      'Inscription', 'Location', 'Country', 'Latitude', 'Longitude', 'Keywords', 'Language', 'Copyright', 'Credit line', 'URL', 'Kind', 'Type', 'Gender', 'yearOfBirth',
    ]);
    expect(s.columns).toMatchObject({
      'Object number': 'identifier.inventory', 'Accession number': 'identifier.inventory', 'Call number': 'identifier.call-number', Shelfmark: 'identifier.shelfmark',
      ISBN: 'identifier.isbn', Maker: 'agent.maker', Creator: 'agent.creator', Role: 'agentRole', Dated: 'date', 'Dimensions (cm)': 'dimensions',
      Inscription: 'inscriptions', Location: 'place', Country: 'place.country', Latitude: 'place.lat', Longitude: 'place.lon', Keywords: 'subjects',
      Language: 'languages', Copyright: 'rights', 'Credit line': 'creditLine', URL: 'source.url', Kind: 'kind', Type: 'objectTypes',
    });
    expect(s.unmapped).toEqual(['Gender', 'yearOfBirth']);
    expect(s.identifierColumn).toBe('Object number');
    expect(s.warnings.map((w) => w.field)).toEqual(['title']);
  });

  it('warns about a language suffix that is not a tag, or an unknown tag', () => {
    const s = suggestMapping(['Title (old spelling)', 'Title (qqq)']);
    expect(s.columns).toEqual({ 'Title (old spelling)': 'title', 'Title (qqq)': 'title.qqq' });
    expect(s.warnings).toEqual([
      { field: 'Title (old spelling)', message: '"old spelling" is not a language tag; the column is mapped to title without a language' },
      { field: 'Title (qqq)', message: 'unknown language tag "qqq"' },
    ]);
  });

  it('gives a single-valued target to its first column only', () => {
    const s = suggestMapping(['Title', 'Date', 'Year']);
    expect(s.columns).toEqual({ Title: 'title', Date: 'date' });
    expect(s.unmapped).toEqual(['Year']);
  });

  it('normalises headers for lookup', () => {
    expect(normalizeHeader('  placeOfBirth ')).toBe('place of birth');
    expect(normalizeHeader('Numéro_d’inventaire')).toBe('numero d inventaire');
  });
});

describe('validateMapping', () => {
  it('accepts a saved mapping (and a suggestion as saved) and canonicalises its default language', () => {
    const json = JSON.parse(JSON.stringify({ ...suggestMapping(['Title', 'Title (zh)', 'ID']), delimiter: ';', defaults: { kind: 'manuscript', language: 'EN', rights: 'http://rightsstatements.org/vocab/InC/1.0/' } }));
    expect(validateMapping(json)).toEqual({
      delimiter: ';',
      columns: { Title: 'title', 'Title (zh)': 'title.zh', ID: 'source.identifier' },
      identifierColumn: 'ID',
      defaults: { kind: 'manuscript', language: 'en', rights: 'http://rightsstatements.org/vocab/InC/1.0/' },
    });
  });

  it('names every wrong key', () => {
    const bad = { delimiter: ';;', columns: { Title: 'titel', Name: 'title.!!', Artist: 'agent', Size: 'dimensions.en' }, defaults: { kind: 'painting', rights: 'CC BY' }, extra: 1 };
    let err: unknown;
    try {
      validateMapping(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details?.problems?.map((p) => p.field)).toEqual([
      '/extra', '/delimiter', '/columns/Title', '/columns/Name', '/columns/Size', '/columns', '/defaults/kind', '/defaults/rights',
    ]);
    expect(() => validateMapping([])).toThrow(/JSON object/);
  });
});

describe('applyMapping', () => {
  const mapping: CsvMapping = {
    columns: {
      'Object number': 'identifier.inventory', Title: 'title.en', 'Title (zh)': 'title.zh', Artist: 'agent', Role: 'agentRole', Lives: 'agentDates',
      Date: 'date', Medium: 'medium', Subjects: 'subjects', Place: 'place', Country: 'place.country', Lat: 'place.lat', Lon: 'place.lon',
      Languages: 'languages', Rights: 'rights', Kind: 'kind', Link: 'source.url', Skip: 'ignore',
    },
    defaults: { language: 'en', visibility: 'members' },
  };
  const row = {
    'Object number': 'EA 1', Title: 'Diamond Sutra', 'Title (zh)': '金刚经', Artist: 'Wang Jie | Unknown scribe', Role: 'sponsor|scribe', Lives: '',
    Date: '868', Medium: 'Ink on paper', Subjects: 'Buddhism; sutras;', Place: 'Dunhuang', Country: 'cn', Lat: '40.04', Lon: '94.80',
    Languages: 'lzh; zh-hant', Rights: 'CC0', Kind: 'Rare book', Link: 'https://example.org/ea1', Skip: 'x',
  };

  it('maps a row to a valid record input with source and identifier', () => {
    const { record, warnings, problems } = applyMapping(row, mapping, CTX);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(record).toEqual({
      institutionId: 'inst-a',
      kind: 'rare-book',
      title: { en: ['Diamond Sutra'], zh: ['金刚经'] },
      identifiers: [{ type: 'inventory', value: 'EA 1' }],
      agents: [{ name: { none: ['Wang Jie'] }, role: 'sponsor' }, { name: { none: ['Unknown scribe'] }, role: 'scribe' }],
      date: { display: '868' },
      materials: [{ label: { en: ['ink'] } }, { label: { en: ['paper'] } }],
      subjects: [{ label: { en: ['Buddhism'] } }, { label: { en: ['sutras'] } }],
      places: [{ name: { en: ['Dunhuang'] }, country: 'CN', lat: 40.04, lon: 94.8 }],
      languages: ['lzh', 'zh-Hant'],
      rights: 'https://creativecommons.org/publicdomain/zero/1.0/',
      visibility: 'members',
      source: { kind: 'import', system: 'objects.csv', identifier: 'EA 1', url: 'https://example.org/ea1' },
    });
    expect('problems' in normalizeRecord(record)).toBe(false);
  });

  it('warns about missing rights, a date kept as text, an unknown language, and a row without identifier', () => {
    const { record, warnings } = applyMapping({ ...row, 'Object number': '', Rights: '', Date: 'Tang dynasty', Languages: 'xx; not a tag!' }, mapping, CTX);
    expect(record?.date).toEqual({ display: 'Tang dynasty' });
    expect(record?.source?.identifier).toBe('row-7');
    expect(warnings).toEqual([
      { field: 'Languages', message: 'unknown language tag "xx"' },
      { field: 'Languages', message: '"not a tag!" is not a language tag; left out' },
      { field: 'Date', message: 'date "Tang dynasty" not understood; kept as display text' },
      { field: 'rights', message: 'no rights statement: set a rights column or defaults.rights in the mapping' },
      { field: 'identifier', message: 'no identifier: the row number is used, so re-importing this file will duplicate the record' },
    ]);
  });

  it('rejects values it cannot read, naming the column', () => {
    const { record, problems } = applyMapping({ ...row, Kind: 'painting', Lat: '91', Rights: 'all rights reserved' }, mapping, CTX);
    expect(record).toBeUndefined();
    expect(problems).toEqual([
      { field: 'Lat', message: '"91" is not a number between -90 and 90 (place.lat)' },
      { field: 'Rights', message: '"all rights reserved" is not a rights URI or a known licence name (CC0, CC BY 4.0, Public Domain, In Copyright) (rights)' },
      { field: 'Kind', message: '"painting" is not one of object, manuscript, rare-book, archival-unit, site, audiovisual (kind)' },
    ]);
    expect(applyMapping({ ...row, Lon: '' }, mapping, CTX).problems).toEqual([{ field: 'Lon', message: 'latitude and longitude go together; this one is empty' }]);
    expect(applyMapping({ ...row, Title: ' ', 'Title (zh)': '' }, mapping, CTX).problems).toEqual([{ field: 'Title', message: 'the title is empty' }]);
  });

  it('uses the identifier column first, reads licence names and keeps a country name as a place', () => {
    const m: CsvMapping = { columns: { Name: 'title', Code: 'identifier.inventory', Licence: 'rights', Country: 'place.country' }, identifierColumn: 'Sys' };
    const { record, warnings } = applyMapping({ Name: 'Bowl', Code: 'B-1', Sys: '42', Licence: 'CC BY-SA 4.0', Country: 'Uzbekistan' }, m, CTX);
    expect(record?.source?.identifier).toBe('42');
    expect(record?.title).toEqual({ none: ['Bowl'] });
    expect(record?.rights).toBe('https://creativecommons.org/licenses/by-sa/4.0/');
    expect(record?.places).toEqual([{ name: { none: ['Uzbekistan'] } }]);
    expect(warnings).toEqual([{ field: 'Country', message: '"Uzbekistan" is not an ISO 3166-1 alpha-2 code; kept as a place name' }]);
  });

  it('gives a named-role column its role unless a role column says otherwise, with life dates', () => {
    const m: CsvMapping = { columns: { T: 'title', Author: 'agent.author', Engraver: 'agent.engraver', Dates: 'agentDates' }, defaults: { rights: 'http://rightsstatements.org/vocab/NKC/1.0/' } };
    const { record } = applyMapping({ T: 'Atlas', Author: 'Mercator, Gerard', Engraver: 'Hondius', Dates: '1512–1594; 1563–1612' }, m, CTX);
    expect(record?.agents).toEqual([
      { name: { none: ['Mercator, Gerard'] }, role: 'author', dates: '1512–1594' },
      { name: { none: ['Hondius'] }, role: 'engraver', dates: '1563–1612' },
    ]);
    expect(record?.rights).toBe('http://rightsstatements.org/vocab/NKC/1.0/');
  });
});
