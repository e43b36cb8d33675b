import { describe, expect, it } from 'vitest';
import { applyFormAction, formFromBody, formFromRecord, formToInput, placeOf } from './record.editor.form';
import type { HeritageRecord } from './record.schema';

const record = {
  id: 'r-1',
  institutionId: 'inst-1',
  kind: 'manuscript',
  title: { en: ['Diamond Sutra'], zh: ['金刚经'] },
  description: { fr: ['Rouleau imprimé.'] },
  subjects: [{ label: { en: ['Buddhism'], zh: ['佛教', '釋教'] }, uri: 'http://www.wikidata.org/entity/Q748', vocabulary: 'wikidata' }],
  relations: [{ type: 'partOf', target: 'r-2', note: { en: ['scroll 3'] } }],
  identifiers: [{ type: 'shelfmark', value: 'Or.8210/P.2' }],
  visibility: 'public',
  embargoUntil: null,
  rights: 'https://example.org/our-terms',
  version: 4,
} as unknown as HeritageRecord;

describe('the editor form model', () => {
  it('round-trips a record through the form without losing what the form does not show', () => {
    const form = formFromRecord(record, 'zh');
    expect(form.langs).toEqual(['en', 'zh', 'fr']);
    expect(form.terms.subjects[0]).toMatchObject({ label: '佛教', lang: 'zh' });
    expect([form.rights, form.rightsOther]).toEqual(['other', 'https://example.org/our-terms']);
    const { input } = formToInput(form, { institutionId: 'inst-1', kind: 'manuscript', title: {}, identifiers: record.identifiers }, 'zh');
    expect(input.title).toEqual(record.title);
    expect(input.description).toEqual(record.description);
    expect(input.subjects).toEqual(record.subjects);
    expect(input.relations).toEqual(record.relations);
    expect(input.identifiers).toEqual(record.identifiers);
    expect(input.rights).toBe('https://example.org/our-terms');
  });

  it('reads posted fields, drops empty rows, and places problems on the inputs they concern', () => {
    const form = formFromBody({
      langs: ['en', 'fr'],
      'title.en': 'Bowl',
      'title.fr': '',
      'materials.label': ['', 'bronze'],
      'materials.lang': ['', 'en'],
      'materials.uri': ['', 'bad'],
      'materials.keep': ['', ''],
      'relations.type': 'partOf',
      'relations.target': 'r-9',
      kind: 'object',
      visibility: 'private',
      embargoUntil: '2030-01-02',
    });
    const { input, places } = formToInput(form, null, 'en');
    expect(input.title).toEqual({ en: ['Bowl'] });
    expect(input.materials).toEqual([{ label: { en: ['bronze'] }, uri: 'bad' }]);
    expect(input.embargoUntil).toBe('2030-01-02T00:00:00.000Z');
    expect(placeOf(places, '/materials/0/uri')).toBe('ed-materials-1-uri');
    expect(placeOf(places, '/title')).toBe('ed-title-en-0');
    expect(placeOf(places, '/title/fr/0')).toBe('ed-title-fr-0');
    expect(placeOf(places, '/relations/0/target')).toBe('ed-relations-0-target');
    expect(placeOf(places, '/nothing')).toBeNull();
  });

  it('adds and removes languages and rows by button', () => {
    const form = formFromBody({ langs: ['en'], 'title.en': 'Bowl' });
    expect(applyFormAction(form, 'addLang', { addLang: 'ZH-hant' })).toBe(true);
    expect(form.langs).toEqual(['en', 'zh-Hant']);
    applyFormAction(form, 'removeLang:en', {});
    expect(form.langs).toEqual(['zh-Hant']);
    applyFormAction(form, 'addRow:subjects', {});
    expect(form.terms.subjects).toHaveLength(1);
    expect(applyFormAction(form, 'explode', {})).toBe(false);
  });
});
