import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '../../records/record.normalize';
import { sharedData } from '../../../../test/helpers/shared-data';
import {
  deathYear,
  guessTitleLanguage,
  mediumTerms,
  RIGHTS_IN_COPYRIGHT,
  RIGHTS_PUBLIC_DOMAIN,
  selectTateSample,
  subjectLeaves,
  tateDate,
  tateRights,
  tateToRecord,
  type TateArtwork,
} from './tate.mapper';

const SAMPLE = sharedData('tate', 'artworks-sample.jsonl');
const artworks = (): TateArtwork[] =>
  fs
    .readFileSync(SAMPLE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe('Tate collection data to records', () => {
  it('maps a real artwork: title, artist with role and life dates, date, medium, subjects, inventory number, source URL', () => {
    const blake = artworks().find((a) => a.acno === 'A00013')!;
    const r = tateToRecord(blake, { institutionId: 'tate', asOfYear: 2026, artistUrls: new Map([[39, 'http://www.tate.org.uk/art/artists/william-blake-39']]) });
    expect(r).toMatchObject({
      id: 'demo-tate-a00013',
      kind: 'object',
      title: { en: ['Satan before the Throne of God'] },
      agents: [{ name: { none: ['William Blake'] }, role: 'artist', dates: '1757–1827', uri: 'http://www.tate.org.uk/art/artists/william-blake-39' }],
      date: { display: '1825, reprinted 1874', edtf: '1825' },
      materials: [{ label: { en: ['paper'] } }],
      techniques: [{ label: { en: ['line engraving'] } }],
      dimensionsText: 'image: 197 x 151 mm',
      identifiers: [{ type: 'inventory', value: 'A00013' }],
      rights: RIGHTS_PUBLIC_DOMAIN,
      source: { kind: 'demo', system: 'heritage-demo', identifier: 'tate:A00013', url: 'http://www.tate.org.uk/art/artworks/blake-satan-before-the-throne-of-god-a00013' },
    });
    expect(r.subjects?.map((s) => s.label.en[0])).toEqual(expect.arrayContaining(['God', 'Satan', 'angel', 'sheep']));
    expect(r.subjects?.map((s) => s.label.en[0])).not.toContain('religion and belief');
    expect(r.creditLine?.en[0]).toMatch(/^Purchased with the assistance/);
  });

  it('maps every artwork of the sample to a record the API accepts', () => {
    for (const a of artworks()) {
      const result = normalizeRecord(tateToRecord(a, { institutionId: 'tate', asOfYear: 2026 }));
      expect('problems' in result ? `${a.acno}: ${JSON.stringify(result.problems)}` : 'ok').toBe('ok');
    }
  });

  it('splits a medium statement into materials and techniques', () => {
    expect(mediumTerms('Oil paint on canvas')).toEqual({ materials: ['oil paint', 'canvas'], techniques: [] });
    expect(mediumTerms('Gouache, graphite and watercolour on paper')).toEqual({ materials: ['gouache', 'graphite', 'watercolour', 'paper'], techniques: [] });
    expect(mediumTerms('Etching and aquatint on paper')).toEqual({ materials: ['paper'], techniques: ['etching', 'aquatint'] });
    expect(mediumTerms('Photograph, gelatin silver print on paper')).toEqual({ materials: ['paper'], techniques: ['photograph', 'gelatin silver print'] });
    expect(mediumTerms('Graphite on paper. Verso: chalk')).toEqual({ materials: ['graphite', 'paper', 'chalk'], techniques: [] });
    expect(mediumTerms('2 photographs, colour, on paper mounted onto board')).toEqual({ materials: ['paper', 'board'], techniques: ['photograph'] });
    expect(mediumTerms(null)).toEqual({ materials: [], techniques: [] });
  });

  it('states the artwork in copyright unless its artists died more than 70 years ago', () => {
    const died = (year: number | null, role = 'artist') => ({ id: 1, fc: 'X', role, date: year ? `1900–${year}` : 'born 1936' });
    expect(tateRights({ contributors: [died(1827)] }, 2026)).toBe(RIGHTS_PUBLIC_DOMAIN);
    expect(tateRights({ contributors: [died(1955)] }, 2026)).toBe(RIGHTS_PUBLIC_DOMAIN);
    expect(tateRights({ contributors: [died(1956)] }, 2026)).toBe(RIGHTS_IN_COPYRIGHT);
    expect(tateRights({ contributors: [died(null)] }, 2026)).toBe(RIGHTS_IN_COPYRIGHT);
    expect(tateRights({ contributors: [died(1827), died(1990)] }, 2026)).toBe(RIGHTS_IN_COPYRIGHT);
    // "After Turner": the engraver is unnamed, so the print itself must be old enough.
    expect(tateRights({ contributors: [died(1851, 'after')], dateRange: { startYear: 1830, endYear: 1830, text: '1830' } }, 2026)).toBe(RIGHTS_PUBLIC_DOMAIN);
    expect(tateRights({ contributors: [died(1851, 'after')], dateRange: null }, 2026)).toBe(RIGHTS_IN_COPYRIGHT);
  });

  it('reads the year of death from Tate life dates', () => {
    expect(deathYear('1757–1827')).toBe(1827);
    expect(deathYear('c.1760–1835')).toBe(1835);
    expect(deathYear('1926 – 2012')).toBe(2012);
    expect(deathYear('born 1939')).toBeNull();
    expect(deathYear('active 1840–1860')).toBeNull();
    expect(deathYear('born ?, born 1945')).toBeNull();
    expect(deathYear(null)).toBeNull();
  });

  it('derives EDTF from the date range, marking circa and uncertain dates', () => {
    expect(tateDate({ dateText: 'c.1830', dateRange: { startYear: 1830, endYear: 1830, text: 'c.1830' } }).date).toEqual({ display: 'c.1830', edtf: '1830~' });
    expect(tateDate({ dateText: '1796–7', dateRange: { startYear: 1796, endYear: 1797, text: '1796–7' } }).date).toEqual({ display: '1796–7', edtf: '1796/1797' });
    expect(tateDate({ dateText: '?1802', dateRange: { startYear: 1802, endYear: 1802, text: '?1802' } }).date).toEqual({ display: '?1802', edtf: '1802?' });
    expect(tateDate({ dateText: 'date not known', dateRange: null }).date).toEqual({ display: 'date not known' });
    expect(tateDate({ dateText: null, dateRange: null })).toEqual({});
  });

  it('keeps the leaves of the subject hierarchy', () => {
    expect(subjectLeaves({ id: 1, name: 'subject', children: [{ id: 2, name: 'nature', children: [{ id: 3, name: 'tree' }, { id: 4, name: 'sea' }] }] })).toEqual(['tree', 'sea']);
    expect(subjectLeaves(null)).toEqual([]);
  });

  it('tags an original-language title only when its language is certain', () => {
    expect(guessTitleLanguage('Zwei Frauen')).toBe('de');
    expect(guessTitleLanguage('Tête de femme')).toBe('fr');
    expect(guessTitleLanguage("Ritratto dell'artista come modello")).toBe('it');
    expect(guessTitleLanguage("'Infierno', dibujo de Yaparí, aborigen guaraní")).toBe('es');
    expect(guessTitleLanguage('Cuadrado')).toBe('und');
    expect(guessTitleLanguage("Merda d'artista")).toBe('und');
  });

  it('samples every original-language title and caps each artist', () => {
    const all = artworks();
    const sample = selectTateSample(all, { perArtist: 2, perProlificArtist: 250, prolificFrom: 200 });
    const byArtist = new Map<string, number>();
    for (const a of sample) if (!a.foreignTitle) byArtist.set(a.contributors![0].fc, (byArtist.get(a.contributors![0].fc) ?? 0) + 1);
    expect(Math.max(...byArtist.values())).toBeLessThanOrEqual(250);
    expect(sample.filter((a) => a.foreignTitle)).toHaveLength(all.filter((a) => a.foreignTitle).length);
    expect(sample).toEqual(selectTateSample([...all].reverse(), { perArtist: 2, perProlificArtist: 250, prolificFrom: 200 }));
  });
});
