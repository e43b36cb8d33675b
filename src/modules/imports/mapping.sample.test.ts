import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../shared/lang-map';
import { CSV_TARGETS } from './formats/csv-targets';
import { editorColumns, readSample, SAMPLE_BYTES } from './mapping.sample';
import { mappingTargetMessages } from './mapping-targets.messages';

describe('mapping samples', () => {
  it('reads headers and rows with the reader’s rules: BOM dropped, delimiter detected, headers trimmed and made unique', () => {
    const s = readSample(Buffer.from('\uFEFF Title \t Title\tDate\r\nBowl\t碗\t1900\r\n\r\nJar\n'));
    expect(s).toEqual({ delimiter: '\t', headers: ['Title', 'Title #2', 'Date'], rows: [['Bowl', '碗', '1900'], ['Jar', '', '']] });
    expect(readSample('a;b;c\n1;2;3\n', ',').headers).toEqual(['a;b;c']);
  });

  it('drops a row cut by the end of a long sample, and refuses UTF-16, other encodings and empty samples', () => {
    const long = Buffer.from(`Title,Notes\n${'x,"a long note\n'.repeat(SAMPLE_BYTES / 10)}`);
    const s = readSample(long);
    expect(s.headers).toEqual(['Title', 'Notes']);
    expect(s.rows.length).toBeLessThanOrEqual(5);
    expect(() => readSample(Buffer.from([0xff, 0xfe, 0x54, 0x00]))).toThrow(/UTF-16/);
    expect(() => readSample(Buffer.from([0x54, 0xe9, 0x0a]))).toThrow(/not UTF-8/);
    expect(() => readSample('  \n')).toThrow(/is empty/);
  });

  it('suggests targets, per-language ones included, and keeps saved targets for known columns', () => {
    const sample = readSample('Object number,Title (zh),Titre (anglais),Colour\nA1,碗,Bowl,blue\n');
    expect(editorColumns(sample).columns).toEqual([
      { header: 'Object number', samples: ['A1'], target: 'identifier.inventory' },
      { header: 'Title (zh)', samples: ['碗'], target: 'title.zh' },
      { header: 'Titre (anglais)', samples: ['Bowl'], target: 'title.en' },
      { header: 'Colour', samples: ['blue'], target: 'ignore' },
    ]);
    expect(editorColumns(sample, { 'colour ': 'notes.en' }).columns[3].target).toBe('notes.en');
  });

  it('has a label for every target in every UI language', () => {
    for (const lang of UI_LANGUAGES) {
      for (const target of CSV_TARGETS) expect((mappingTargetMessages[lang] as Record<string, unknown>)[`mappings.target.${target.id}`], `${lang} ${target.id}`).toBeTruthy();
    }
  });
});
