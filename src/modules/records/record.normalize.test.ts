import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { normalizeRecord } from './record.normalize';

describe('normalizeRecord', () => {
  const input = {
    institutionId: 'inst-1',
    kind: 'object',
    title: { EN: ['Bowl'], 'zh-hant': ['碗'] },
    description: undefined,
    date: { display: '12th century' },
    materials: [{ label: { en: ['porcelain'] } }],
  };

  it('gives a document without undefined keys, in the order it always had (the derived date last)', () => {
    const r = normalizeRecord(input);
    if (!('doc' in r)) throw new Error(JSON.stringify(r.problems));
    expect(Object.keys(r.doc)).toEqual(['institutionId', 'kind', 'title', 'materials', 'visibility', 'embargoUntil', 'rights', 'date']);
    expect(Object.values(r.doc)).not.toContain(undefined);
    expect(r.doc.title).toEqual({ en: ['Bowl'], 'zh-Hant': ['碗'] });
    expect(r.doc.date).toEqual({ display: '12th century', edtf: '1101/1200', yearFrom: 1101, yearTo: 1200 });
  });

  it('gives a document with fast properties (every later step reads it: index text, facets, JSON, copies between threads)', () => {
    v8.setFlagsFromString('--allow-natives-syntax');
    const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
    const r = normalizeRecord({ ...input, embargoUntil: '2030-01-01T00:00:00Z', visibility: 'members' });
    if (!('doc' in r)) throw new Error(JSON.stringify(r.problems));
    expect(hasFastProperties(r.doc)).toBe(true);
  });
});
