import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '../../records/record.normalize';
import { clean, marcToRecord, RIGHTS_NOT_EVALUATED, scriptTag } from './marc.mapper';
import { parseMarcXml } from './marc.record';
import { lookupPlace } from './marc.reference';
import { sharedData } from '../../../../test/helpers/shared-data';

const FILE = sharedData('marc', 'pride-and-prejudice-fixed.xml');
const records = parseMarcXml(fs.readFileSync(FILE, 'utf8'));
const source = (n: number) => ({ kind: 'demo' as const, system: 'heritage-demo', identifier: `marc:#${n}` });
const map = (n: number) => marcToRecord(records[n - 1], { id: `demo-marc-${n}`, institutionId: 'lib', source: source(n), asOfYear: 2026, rights: RIGHTS_NOT_EVALUATED })!;

describe('MARC records to records', () => {
  it('parses every record of a real MARCXML file', () => {
    expect(records).toHaveLength(383);
    expect(records[0].leader).toBe('00665nam a2200217 a 4500');
    expect(records[0].controls.get('001')).toBe('UkOxUb10768856');
  });

  it('maps an edition: title, author with dates, ISBN, date from 008, place with coordinates, language', () => {
    expect(map(1)).toMatchObject({
      kind: 'rare-book',
      title: { en: ['Complete novels of Jane Austen'] },
      agents: [{ name: { none: ['Austen, Jane'] }, role: 'author', dates: '1775-1817' }],
      identifiers: [
        { type: 'isbn', value: '000470147X' },
        { type: 'call-number', value: 'M94.G00395', label: 'Call number (852) at UkOxU, Bodleian' },
        { type: 'other', value: 'CURL 99000470147X(Bnb) from wk111923', label: 'System control number (035)' },
        { type: 'other', value: 'UkOxUb10768856', label: 'MARC control number (001) of UkOxU' },
      ],
      date: { display: '1993', edtf: '1993' },
      places: [{ name: { none: ['Glasgow'] }, role: 'publication', country: 'GB', lat: 55.8642, lon: -4.2518 }],
      languages: ['en'],
      rights: RIGHTS_NOT_EVALUATED,
      source: { kind: 'demo', system: 'heritage-demo', identifier: 'marc:#1' },
    });
  });

  it('puts linked 880 fields in Chinese script beside their romanisation', () => {
    const r = map(313);
    // The uniform title (240) of a translation is the original's, in the original language (041 $h).
    expect(r.title).toEqual({ zh: ['傲慢与偏见'], 'zh-Latn': ['Ao man yu pian jian'], en: ['Pride and prejudice'] });
    expect(r.agents).toContainEqual({ name: { 'zh-Latn': ['Zhang, Ling'], zh: ['张玲'] }, role: 'contributor' });
    expect(r.places).toEqual([{ name: { 'zh-Latn': ['Beijing Shi'], zh: ['北京市'], en: ['Beijing'] }, role: 'publication', country: 'CN', lat: 39.9042, lon: 116.4074 }]);
    expect(r.notes?.zh).toContain('译自: Pride and prejudice');
    expect(r.notes?.['zh-Latn']).toContain('Yi zi: Pride and prejudice');
    expect(r.identifiers).toContainEqual({ type: 'call-number', value: 'PR4034.P7 C5 1993', label: 'Local call number' });
  });

  it('keeps a parallel title in the original language', () => {
    const r = records.findIndex((x) => x.fields.some((f) => f.tag === '880' && f.subfields.some((s) => s.value.startsWith('傲慢与偏见 ='))));
    expect(map(r + 1).title).toEqual({ zh: ['傲慢与偏见'], 'zh-Latn': ['Ao man yu pian jian'], en: ['Pride & prejudice', 'Pride and prejudice'] });
  });

  it('reads the Japanese kanji, kana and romaji forms linked by $8', () => {
    const r = map(304);
    expect(r.title).toEqual({ ja: ['自負と偏見'], 'ja-Kana': ['ジフ ト ヘンケン'], 'ja-Latn': ['jifu to henken'] });
    expect(r.agents).toContainEqual({ name: { ja: ['中野 好夫'], 'ja-Kana': ['ナカノ, ヨシオ'], 'ja-Latn': ['nakano, yoshio'] }, role: 'contributor', dates: '1903-1985' });
    expect(r.places?.[0]).toMatchObject({ name: { ja: ['東京'], en: ['Tokyo'] }, country: 'JP' });
    expect(r.languages).toEqual(['ja']);
  });

  it('maps UNIMARC records and leaves out values garbled by a lost character set', () => {
    const r = map(312);
    expect(r.title).toEqual({ zh: ['傲慢與偏見'] });
    expect(r.agents?.map((a) => a.name.zh?.[0])).toEqual(['奧斯丁', '張揚', '張玲']);
    expect(r.date).toEqual({ display: '1993[民82]', edtf: '1993' });
    const garbled = map(370);
    expect(JSON.stringify(garbled)).not.toMatch(/![\x21-\x7e]/);
  });

  it('maps every record to one the API accepts, with publication years that make sense', () => {
    records.forEach((rec, i) => {
      const r = marcToRecord(rec, { id: `demo-marc-${i + 1}`, institutionId: 'lib', source: source(i + 1), asOfYear: 2026 });
      expect(r, `record ${i + 1}`).not.toBeNull();
      const result = normalizeRecord(r);
      expect('problems' in result ? `${i + 1}: ${JSON.stringify(result.problems)}` : 'ok').toBe('ok');
      if ('doc' in result && result.doc.date?.yearFrom !== undefined) {
        expect(result.doc.date.yearFrom).toBeGreaterThanOrEqual(1450);
        expect(result.doc.date.yearTo).toBeLessThanOrEqual(2026);
      }
    });
  });

  it('maps meetings (111/711) and bodies (110/710) to agents with relator terms, with their linked 880 vernacular forms', () => {
    const f = (tag: string, ind1: string, subs: [string, string][]) =>
      `<datafield tag="${tag}" ind1="${ind1}" ind2=" ">${subs.map(([c, v]) => `<subfield code="${c}">${v}</subfield>`).join('')}</datafield>`;
    const xml = `<collection xmlns="http://www.loc.gov/MARC21/slim"><record><leader>00000nam a2200000 a 4500</leader>
      <controlfield tag="008">190101s2019    ch            000 0 chi d</controlfield>
      ${f('111', '2', [['6', '880-01'], ['a', 'Silu kao gu yan tao hui'], ['n', '(3rd :'], ['d', '2019 :'], ['c', 'Xi’an, China)'], ['j', 'author']])}
      ${f('245', '1', [['a', 'Proceedings /']])}
      ${f('710', '2', [['a', 'Dunhuang Academy.'], ['b', 'Conservation Institute,'], ['e', 'sponsor.']])}
      ${f('711', '2', [['a', 'General Assembly of the Alliance'], ['n', '(2nd :'], ['d', '2021 :'], ['c', 'Chongqing)'], ['4', 'orm']])}
      ${f('711', '2', [['a', 'Workshop on Mural Conservation'], ['d', '(2018)']])}
      ${f('880', '2', [['6', '111-01'], ['a', '丝路考古研讨会'], ['n', '(3rd :'], ['d', '2019 :'], ['c', '西安)']])}
      </record></collection>`;
    const [rec] = parseMarcXml(xml);
    const r = marcToRecord(rec, { institutionId: 'lib', source: source(0), asOfYear: 2026 })!;
    expect(r.agents).toEqual([
      { name: { 'zh-Latn': ['Silu kao gu yan tao hui (3rd : 2019 : Xi’an, China)'], zh: ['丝路考古研讨会 (3rd : 2019 : 西安)'] }, role: 'author' },
      { name: { none: ['Dunhuang Academy. Conservation Institute'] }, role: 'sponsor' },
      { name: { none: ['General Assembly of the Alliance (2nd : 2021 : Chongqing)'] }, role: 'organizer' },
      { name: { none: ['Workshop on Mural Conservation (2018)'] }, role: 'contributor' },
    ]);
    expect('doc' in normalizeRecord(r)).toBe(true);
  });

  it('refuses MARCXML with a DTD', () => {
    expect(() => parseMarcXml('<!DOCTYPE x [<!ENTITY a "b">]><collection/>')).toThrow(/DTD/);
  });

  it('strips ISBD punctuation and unpaired brackets', () => {
    expect(clean('Pride and prejudice /')).toBe('Pride and prejudice');
    expect(clean('[London] :')).toBe('London');
    expect(clean('Oxford [England')).toBe('Oxford [England');
    expect(clean('1993[民82]')).toBe('1993[民82]');
    expect(clean('孫!T*!N|!YF.')).toBe('');
  });

  it('tags text by its script', () => {
    expect(scriptTag('Ao man yu pian jian', 'zh')).toBe('zh-Latn');
    expect(scriptTag('傲慢與偏見', 'zh')).toBe('zh');
    expect(scriptTag('ジフ ト ヘンケン', 'ja')).toBe('ja-Kana');
    expect(scriptTag('Orgueil et préjugé', 'fr')).toBe('fr');
    expect(scriptTag('Pride and prejudice', null)).toBe('und');
  });

  it('finds publication places as catalogues spell them', () => {
    expect(lookupPlace('Oxford [England')?.en).toBe('Oxford');
    expect(lookupPlace('New York, N.Y.')?.country).toBe('US');
    expect(lookupPlace('臺北市')?.en).toBe('Taipei');
    expect(lookupPlace('Taibei Xian Zhonghe Shi')).toBeNull();
    expect(lookupPlace('Cambridge')).toBeNull();
  });
});
