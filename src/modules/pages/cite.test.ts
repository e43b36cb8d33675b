import { describe, expect, it } from 'vitest';
import type { HeritageRecord } from '../records/record.schema';
import type { Institution } from '../institutions/institution.schema';
import { citationParts, formatCitation } from './cite';

const record = {
  id: 'r-sutra',
  institutionId: 'bl',
  kind: 'manuscript',
  title: { en: ['Diamond Sutra'], zh: ['金刚经'] },
  agents: [
    { name: { en: ['Wang Jie'] }, role: 'patron' },
    { name: { en: ['Unknown scribe'], zh: ['佚名'] }, role: 'scribe' },
  ],
  date: { display: '868', edtf: '0868', yearFrom: 868, yearTo: 868 },
  materials: [{ label: { en: ['paper'], zh: ['纸'] } }],
  identifiers: [{ type: 'shelfmark', value: 'Or.8210/P.2' }],
  visibility: 'public',
  embargoUntil: null,
  rights: null,
  country: 'GB',
  hasMedia: false,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  deletedAt: null,
} as HeritageRecord;
const institution = { id: 'bl', name: { en: ['British Library'], zh: ['大英图书馆'] }, city: 'London', country: 'GB', kind: 'library' } as unknown as Institution;
const parts = (lang = 'en', r: HeritageRecord = record) => citationParts(r, institution, { lang, url: 'https://heritage.example.org/records/r-sutra', accessed: new Date('2026-11-21T10:00:00Z') });

describe('citations', () => {
  it('cites in Chicago style with creator, title, date, medium, holder, shelfmark and access date', () => {
    expect(formatCitation('chicago', parts())).toBe('Unknown scribe. “Diamond Sutra”. 868. paper. British Library, London. Or.8210/P.2. https://heritage.example.org/records/r-sutra (accessed 2026-11-21).');
  });

  it('cites in APA style, and in the visitor’s language where the record has it', () => {
    expect(formatCitation('apa', parts())).toBe('Unknown scribe. (868). Diamond Sutra [paper]. British Library, London. https://heritage.example.org/records/r-sutra');
    expect(formatCitation('apa', parts('zh'))).toBe('佚名. (868). 金刚经 [纸]. 大英图书馆, London. https://heritage.example.org/records/r-sutra');
  });

  it('writes BibTeX with escaped values and an ISO year, and RIS with CRLF lines ending in ER', () => {
    const tricky = { ...record, title: { en: ['50% of {Sutras} & #1_draft'] }, date: { display: '200 BCE', yearFrom: -199, yearTo: -199 } } as HeritageRecord;
    const bib = formatCitation('bibtex', parts('en', tricky));
    expect(bib).toContain('@misc{r-sutra,');
    expect(bib).toContain('title = {50\\% of \\{Sutras\\} \\& \\#1\\_draft}');
    expect(bib).toContain('date = {-0199}');
    expect(bib).toContain('url = {https://heritage.example.org/records/r-sutra}');
    const ris = formatCitation('ris', parts());
    expect(ris.split('\r\n')).toEqual(['TY  - MANSCPT', 'TI  - Diamond Sutra', 'AU  - Unknown scribe', 'PY  - 868', 'DA  - 868', 'M1  - paper', 'AN  - Or.8210/P.2', 'PB  - British Library', 'CY  - London', 'UR  - https://heritage.example.org/records/r-sutra', 'Y2  - 2026-11-21', 'ER  -', '']);
  });

  it('cites a record with no creator, date or holder without empty parts', () => {
    const bare = { ...record, agents: [], date: undefined, materials: [], identifiers: [] } as unknown as HeritageRecord;
    const p = citationParts(bare, null, { lang: 'fr', url: 'https://h.example.org/records/x', accessed: new Date('2026-01-02T00:00:00Z') });
    expect(formatCitation('chicago', p)).toBe('“Diamond Sutra”. https://h.example.org/records/x (accessed 2026-01-02).');
    expect(formatCitation('apa', p)).toBe('Diamond Sutra (n.d.). https://h.example.org/records/x');
    expect(formatCitation('ris', p)).not.toMatch(/AU {2}-|PY {2}-/);
  });
});
