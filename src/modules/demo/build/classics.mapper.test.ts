import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '../../records/record.normalize';
import { classicsToRecords, opening, type ClassicsSources } from './classics.mapper';

const sources: ClassicsSources = {
  lunyu: [
    { chapter: '学而篇', paragraphs: ['子曰：“学而时习之，不亦说乎？”', '有子曰：“其为人也孝弟。”'] },
    { chapter: '为政篇', paragraphs: ['子曰：“为政以德。”'] },
  ],
  shijing: [
    { title: '关雎', chapter: '国风', section: '周南', content: ['关关雎鸠，在河之洲。', '窈窕淑女，君子好逑。'] },
    { title: '鹿鸣', chapter: '小雅', section: '鹿鸣之什', content: ['呦呦鹿鸣，食野之苹。'] },
  ],
  mengzi: [{ chapter: '梁惠王上', paragraphs: ['孟子見梁惠王。'] }],
  daxue: { chapter: '大學', paragraphs: ['大學之道，在明明德。'] },
  zhongyong: { chapter: '中庸', paragraphs: ['天命之謂性。'] },
};

describe('classical Chinese texts to records', () => {
  const records = classicsToRecords(sources, 'lib');
  const byId = new Map(records.map((r) => [r.id, r]));

  it('makes a record for each work and each of its books, books part of their work', () => {
    expect(records.map((r) => r.id)).toEqual([
      'demo-classics-lunyu',
      'demo-classics-lunyu-01',
      'demo-classics-lunyu-02',
      'demo-classics-shijing',
      'demo-classics-shijing-001',
      'demo-classics-shijing-002',
      'demo-classics-mengzi',
      'demo-classics-mengzi-01',
      'demo-classics-daxue',
      'demo-classics-zhongyong',
    ]);
    expect(byId.get('demo-classics-lunyu-02')?.relations).toEqual([{ type: 'partOf', target: 'demo-classics-lunyu' }]);
  });

  it('keeps the script of the dataset in titles and descriptions, in Literary Chinese', () => {
    expect(byId.get('demo-classics-lunyu-01')).toMatchObject({
      kind: 'rare-book',
      title: { 'zh-Hans': ['论语·学而篇'], en: ['The Analects, Book 1'] },
      description: { 'zh-Hans': ['子曰：“学而时习之，不亦说乎？”\n有子曰：“其为人也孝弟。”'] },
      languages: ['lzh'],
      rights: 'https://creativecommons.org/publicdomain/mark/1.0/',
      source: { kind: 'demo', system: 'heritage-demo', identifier: 'chinese-classics:lunyu-01' },
    });
    expect(byId.get('demo-classics-mengzi-01')?.title).toEqual({ 'zh-Hant': ['孟子·梁惠王上'], en: ['Mencius, Part 1'] });
  });

  it('cites a poem of the Airs of the States by its state, the others by their section', () => {
    expect(byId.get('demo-classics-shijing-001')?.title).toEqual({ 'zh-Hans': ['诗经·周南·关雎'] });
    expect(byId.get('demo-classics-shijing-002')?.title).toEqual({ 'zh-Hans': ['诗经·小雅·鹿鸣'] });
  });

  it('makes records the API accepts, with BCE date ranges', () => {
    for (const r of records) {
      const result = normalizeRecord(r);
      expect('problems' in result ? `${r.id}: ${JSON.stringify(result.problems)}` : 'ok').toBe('ok');
    }
    const poem = normalizeRecord(byId.get('demo-classics-shijing-001'));
    expect('doc' in poem && poem.doc.date).toMatchObject({ edtf: '-1099/-0500', yearFrom: -1099, yearTo: -500 });
  });

  it('describes a text by its opening paragraphs, about 600 characters at most', () => {
    expect(opening(['a', 'b'])).toBe('a\nb');
    const long = opening(Array.from({ length: 10 }, () => '字'.repeat(200)));
    expect(long).toBe(['字'.repeat(200), '字'.repeat(200), '字'.repeat(200)].join('\n'));
    expect(opening(['字'.repeat(2000)])).toHaveLength(602);
  });
});
