import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../shared/lang-map';
import type { SearchResult } from '../search/search.types';
import type { Institution } from '../institutions/institution.schema';
import type { HeritageRecord } from '../records/record.schema';
import { contextFor } from './context';
import { renderDocument } from './layout';
import { HomePage } from './home.page';
import { SearchPage } from './search.page';
import { RecordPage } from './record.page';
import { InstitutionPage, InstitutionsPage } from './institution.page';
import { ErrorPage } from './error.page';
import { parseSearchQuery } from './search.state';

const inst: Institution = {
  id: 'dha', name: { en: ['Dunhuang Academy'], zh: ['敦煌研究院'] }, country: 'CN', kind: 'museum', city: 'Dunhuang', lat: null, lon: null,
  website: 'https://www.dha.ac.cn/', description: { en: ['Mogao Caves'] }, version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
};
const record: HeritageRecord = {
  id: 'r1', institutionId: 'dha', kind: 'manuscript', title: { zh: ['金刚经'], en: ['Diamond Sutra'] }, description: { en: ['Printed <b>868</b>'] },
  date: { display: '868', yearFrom: 868, yearTo: 868 }, visibility: 'public', embargoUntil: null, rights: null, country: 'CN', hasMedia: false,
  version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', deletedAt: null,
};
const result: SearchResult = {
  total: 1, offset: 0, limit: 20,
  items: [{ id: 'r1', title: record.title, institutionId: 'dha', country: 'CN', kind: 'manuscript', date: '868', yearFrom: 868, yearTo: 868, lat: null, lon: null, rights: null, hasMedia: true, snippet: 'Printed &lt;b&gt;<mark>868</mark>', score: 1 }],
  facets: { kind: [{ value: 'manuscript', count: 1, label: 'manuscript' }], century: [{ value: '9', count: 1, label: '9' }], hasImages: [{ value: 'true', count: 1, label: 'true' }] },
};
const index = new Map([['dha', inst]]);

function pages(lang: (typeof UI_LANGUAGES)[number]) {
  const ctx = contextFor(lang, '/x?y=1');
  const { state } = parseSearchQuery({ q: '868', kind: 'manuscript', yearFrom: '-100' });
  return {
    home: renderDocument(<HomePage ctx={ctx} data={{ recordCount: 1, institutions: [inst], countryCount: 1, newest: result.items, index, withImages: 1, projectCount: 2, exhibitions: [] }} />),
    search: renderDocument(<SearchPage ctx={ctx} data={{ state, result, institutions: index }} />),
    searchEmpty: renderDocument(<SearchPage ctx={ctx} data={{ state, result: { ...result, total: 0, items: [] }, institutions: index }} />),
    searchError: renderDocument(<SearchPage ctx={ctx} data={{ state, result: null, institutions: index }} />),
    record: renderDocument(<RecordPage ctx={ctx} data={{ record, institution: inst, related: [], media: [], show: null }} />),
    institution: renderDocument(<InstitutionPage ctx={ctx} data={{ institution: inst, records: result, index }} />),
    institutions: renderDocument(<InstitutionsPage ctx={ctx} data={{ institutions: [inst], counts: new Map([['dha', 1]]), countsComplete: true, country: null }} />),
    error: renderDocument(<ErrorPage ctx={ctx} status={404} message="No record" />),
  };
}

describe('page rendering', () => {
  it('renders no inline script, style attribute or event handler, as the strict CSP requires', () => {
    for (const lang of UI_LANGUAGES) {
      for (const [name, html] of Object.entries(pages(lang))) {
        // Island scripts load by URL (allowed by script-src 'self'); nothing inline.
        expect(html, `${lang} ${name}`).not.toMatch(/<script(?! src="\/assets\/islands\/[a-z-]+\.js(?:\?v=[0-9a-f]+)?" defer=""><\/script>)|\sstyle=|\son[a-z]+=/i);
      }
    }
  });

  it('labels every form control', () => {
    for (const html of Object.values(pages('ar'))) {
      const ids = [...html.matchAll(/<(?:input|select)(?![^>]*type="hidden")[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
      const controls = [...html.matchAll(/<(?:input|select)(?![^>]*type="hidden")[^>]*>/g)];
      expect(ids.length).toBe(controls.length);
      for (const id of ids) expect(html).toMatch(new RegExp(`<label[^>]* for="${id}"`));
    }
  });

  it('lays the Arabic pages out right to left and marks text in other languages', () => {
    const { search, record } = pages('ar');
    expect(search).toContain('<html lang="ar" dir="rtl">');
    expect(record).toContain('<h1 id="record-title"><span lang="en" dir="ltr">Diamond Sutra</span></h1>');
    expect(record).toContain('<li><span lang="zh" dir="ltr">金刚经</span></li>');
    expect(record).toContain('<p>Printed &lt;b&gt;868&lt;/b&gt;</p>');
  });

  it('keeps the search snippet highlight and nothing else as markup', () => {
    expect(pages('en').search).toContain('<p class="record-card-snippet" dir="auto">Printed &lt;b&gt;<mark>868</mark></p>');
  });

  it('shows active filters with links that remove them, and a years filter in the era of the language', () => {
    const html = pages('en').search.replace(/&amp;/g, '&');
    expect(html).toContain('<a class="chip" href="/search?q=868&yearFrom=-100"><span class="visually-hidden">Remove filter: Kind of item: Manuscript</span>');
    expect(html).toContain('From 101 BCE');
    expect(pages('zh').search).toContain('自 公元前101年');
  });
});
