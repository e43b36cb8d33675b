import { describe, expect, it } from 'vitest';
import type { Institution } from '../institutions/institution.schema';
import type { Media } from '../media/media.schema';
import type { HeritageRecord } from '../records/record.schema';
import { buildInstitutionCollection, decodePart, encodePart, manifestRef } from './iiif-collection';
import { iiifLangMap, mergeItems, plainText } from './iiif-lang';
import { buildManifest, iiifRights, navDateOf } from './iiif-manifest';
import { presentationValidator } from './iiif-schema.test-support';

const BASE = 'https://heritage.example.org';
const validate = presentationValidator();

const institution: Institution = {
  id: 'dunhuang',
  name: { en: ['Dunhuang Academy'], zh: ['敦煌研究院'] },
  country: 'CN',
  kind: 'research-institute',
  city: 'Dunhuang',
  lat: null,
  lon: null,
  website: 'https://www.dha.ac.cn/',
  description: {},
  version: 2,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};

function record(overrides: Partial<HeritageRecord> = {}): HeritageRecord {
  return {
    id: 'r-sutra',
    institutionId: 'dunhuang',
    kind: 'manuscript',
    title: { en: ['Diamond Sutra'], zh: ['金刚经'] },
    description: { en: ['<Printed scroll>'] },
    agents: [{ name: { en: ['Wang Jie'], zh: ['王玠'] }, role: 'sponsor' }],
    date: { display: '868 CE', yearFrom: 868, yearTo: 868 },
    materials: [{ label: { en: ['paper'], zh: ['纸'] } }],
    identifiers: [{ type: 'shelfmark', value: 'Or.8210/P.2' }],
    languages: ['lzh'],
    rights: 'https://creativecommons.org/publicdomain/mark/1.0/deed.en',
    visibility: 'public',
    embargoUntil: null,
    country: 'CN',
    hasMedia: true,
    version: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    deletedAt: null,
    ...overrides,
  };
}

function image(id: string, width: number, height: number, overrides: Partial<Media> = {}): Media {
  const iiif = `${BASE}/iiif/3/${id}`;
  return {
    id,
    recordId: 'r-sutra',
    institutionId: 'dunhuang',
    position: 1,
    label: {},
    rights: null,
    visibility: 'public',
    embargoUntil: null,
    effectiveVisibility: 'public',
    mime: 'image/tiff',
    originalName: null,
    bytes: 1,
    sha256: 'x',
    width,
    height,
    status: 'ready',
    error: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    links: { iiif, info: `${iiif}/info.json`, thumbnail: `${BASE}/media/${id}/thumb/200.jpg` },
    ...overrides,
  };
}

describe('IIIF Manifest builder', () => {
  it('writes a valid Manifest with paged behaviour, navDate, canonical rights and a Canvas per image', () => {
    const m = buildManifest({ record: record(), institution, images: [image('f1', 3000, 2000, { label: { en: ['Frontispiece'] } }), image('f2', 120, 90)], publicUrl: BASE });
    expect(validate(m)).toEqual([]);
    expect(m).toMatchObject({
      id: `${BASE}/iiif/manifest/r-sutra`,
      rights: 'http://creativecommons.org/publicdomain/mark/1.0/',
      navDate: '0868-01-01T00:00:00Z',
      behavior: ['paged'],
      viewingDirection: 'left-to-right',
      summary: { en: ['<Printed scroll> '] },
    });
    expect(m.items.map((c) => c.label)).toEqual([{ en: ['Frontispiece'] }, { none: ['2'] }]);
    expect(m.items[1].thumbnail[0]).toMatchObject({ width: 120, height: 90 });
    expect(m.thumbnail?.[0]).toMatchObject({ id: `${BASE}/media/f1/thumb/200.jpg`, width: 200, height: 133 });
    expect(m.provider[0].homepage.map((h) => h.id)).toEqual([`${BASE}/institutions/dunhuang`, 'https://www.dha.ac.cn/']);
    expect(m.metadata.find((e) => e.label.en?.[0] === 'People and organisations')?.value).toEqual({ en: ['Wang Jie, sponsor'], zh: ['王玠, sponsor'] });
    expect(m.metadata.find((e) => e.label.en?.[0] === 'Shelfmark')?.value).toEqual({ none: ['Or.8210/P.2'] });
    expect(m.metadata.find((e) => e.label.en?.[0] === 'Rights')).toBeUndefined();
  });

  it('keeps an image beyond the Image API limits on its Canvas without claiming the size of full/max', () => {
    const [canvas] = buildManifest({ record: record(), institution, images: [image('big', 20_000, 15_000)], publicUrl: BASE }).items;
    expect(canvas).toMatchObject({ width: 20_000, height: 15_000 });
    expect(canvas.items[0].items[0].body.width).toBeUndefined();
  });

  it('omits navDate before 1 CE and rights that are not CC or rightsstatements.org, showing the latter in metadata', () => {
    const m = buildManifest({ record: record({ kind: 'object', date: { display: '3rd century BCE', yearFrom: -299, yearTo: -200 }, rights: 'https://example.org/our-terms' }), institution, images: [image('a', 10, 10)], publicUrl: BASE });
    expect(validate(m)).toEqual([]);
    expect(m.navDate).toBeUndefined();
    expect(m.rights).toBeUndefined();
    expect(m.behavior).toEqual(['individuals']);
    expect(m.viewingDirection).toBeUndefined();
    expect(m.metadata.find((e) => e.label.en?.[0] === 'Rights')?.value).toEqual({ none: ['https://example.org/our-terms'] });
  });

  it('opens right-to-left books right to left', () => {
    expect(buildManifest({ record: record({ languages: ['ar'] }), institution, images: [image('a', 10, 10)], publicUrl: BASE }).viewingDirection).toBe('right-to-left');
  });

  it('accepts only rights URIs defined by Creative Commons or rightsstatements.org, in their http form', () => {
    expect(iiifRights('http://creativecommons.org/licenses/by/4.0/')).toBe('http://creativecommons.org/licenses/by/4.0/');
    expect(iiifRights('https://creativecommons.org/licenses/by-nc-sa/4.0/legalcode')).toBe('http://creativecommons.org/licenses/by-nc-sa/4.0/');
    expect(iiifRights('https://creativecommons.org/licenses/by/3.0/de/')).toBe('http://creativecommons.org/licenses/by/3.0/de/');
    expect(iiifRights('https://creativecommons.org/publicdomain/zero/1.0')).toBe('http://creativecommons.org/publicdomain/zero/1.0/');
    expect(iiifRights('https://rightsstatements.org/page/InC-EDU/1.0/?language=en')).toBe('http://rightsstatements.org/vocab/InC-EDU/1.0/');
    expect(iiifRights('http://rightsstatements.org/vocab/Made-Up/1.0/')).toBeNull();
    expect(iiifRights('https://creativecommons.org/about/')).toBeNull();
    expect(iiifRights('urn:example:rights')).toBeNull();
    expect(iiifRights(null)).toBeNull();
  });

  it('writes language maps the IIIF schema accepts and keeps every item in every language', () => {
    expect(iiifLangMap({ 'es-419': ['Sutra'], es: ['Sutra del diamante'], 'zh-Hant': ['金剛經'], en: [' '] })).toEqual({ es: ['Sutra', 'Sutra del diamante'], 'zh-Hant': ['金剛經'] });
    expect(mergeItems([{ en: ['silk'], fr: ['soie'] }, { none: ['ink'] }])).toEqual({ en: ['silk', 'ink'], fr: ['soie', 'ink'], none: ['silk', 'ink'] });
    expect(plainText({ none: ['<b>', 'a <b>'] })).toEqual({ none: ['<b> ', 'a <b>'] });
    expect(navDateOf(0)).toBeUndefined();
    expect(navDateOf(1907)).toBe('1907-01-01T00:00:00Z');
  });

  it('rejects what the specification forbids: the validator used by the tests can fail', () => {
    const m = buildManifest({ record: record(), institution, images: [image('a', 10, 10)], publicUrl: BASE });
    expect(validate({ ...m, rights: 'https://example.org/terms' })).not.toEqual([]);
    expect(validate({ ...m, label: { en: 'not an array' } })).not.toEqual([]);
    expect(validate({ ...m, items: [{ ...m.items[0], width: 0 }] })).not.toEqual([]);
  });
});

describe('IIIF Collection parts', () => {
  it('round-trips part segments and refuses others', () => {
    expect(decodePart(encodePart({ part: 3, cursor: 'czEyMw' }))).toEqual({ part: 3, cursor: 'czEyMw' });
    for (const bad of ['1.czEyMw', '0.abc', 'x.abc', '2.', '2.a/b', '2.a.b', '../etc']) expect(decodePart(bad), bad).toBeNull();
  });

  it('continues a part in the next one, listed last, and points back to the first', () => {
    const ref = manifestRef(BASE, record(), image('a', 10, 10));
    const c = buildInstitutionCollection({ institution, publicUrl: BASE, start: { part: 2, cursor: 'abc' }, manifests: [ref], next: { part: 3, cursor: 'def' } });
    expect(validate(c)).toEqual([]);
    expect(c.id).toBe(`${BASE}/iiif/collection/institution/dunhuang/2.abc`);
    expect(c.label).toEqual({ en: ['Dunhuang Academy (2)'], zh: ['敦煌研究院 (2)'] });
    expect(c.partOf).toEqual([{ id: `${BASE}/iiif/collection/institution/dunhuang`, type: 'Collection', label: institution.name }]);
    expect(c.items.map((i) => i.type)).toEqual(['Manifest', 'Collection']);
    expect(c.items[1]).toMatchObject({ id: `${BASE}/iiif/collection/institution/dunhuang/3.def`, label: { en: ['Dunhuang Academy (3)'] } });
  });
});
