import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { createProject } from '../projects/project.service';
import { TEST_DIALECT } from '../../../test/helpers/test-database';
import { UI_LANGUAGES } from '../../shared/lang-map';
import type { HeritageRecord } from '../records/record.schema';

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

describe(`public pages (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let dunhuang: string;
  let library: string;
  let sutra: HeritageRecord;
  let fragment: HeritageRecord;
  let secret: HeritageRecord;
  let embargoed: HeritageRecord;
  let member: { token: string };

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
  const body = async (url: string, headers: Record<string, string> = {}) => {
    const res = await get(url, headers);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    dunhuang = (await newInstitution(t.store, { name: { en: ['Dunhuang Academy'], zh: ['敦煌研究院'], fr: ['Académie de Dunhuang'] }, country: 'CN', city: 'Dunhuang', website: 'https://www.dha.ac.cn/', description: { en: ['Conservation and research of the Mogao Caves.'] } })).id;
    library = (await newInstitution(t.store, { name: { en: ['British Library'] }, country: 'GB', kind: 'library', city: 'London' })).id;
    sutra = await newRecord(t.store, {
      institutionId: library,
      kind: 'manuscript',
      title: { en: ['Diamond Sutra'], zh: ['金刚般若波罗蜜经'] },
      description: { en: ['The earliest dated printed book, found in the library cave.'], zh: ['现存最早有明确纪年的印本。'] },
      inscriptions: { zh: ['咸通九年四月十五日王玠为二亲敬造普施'], en: ['Reverently made for universal free distribution by Wang Jie on behalf of his two parents on the 15th of the 4th moon of the 9th year of Xiantong'] },
      notes: { en: ['Printed from woodblocks.'] },
      identifiers: [{ type: 'shelfmark', value: 'Or.8210/P.2' }],
      agents: [{ name: { en: ['Wang Jie'] }, role: 'patron' }],
      date: { display: '868' },
      places: [{ name: { en: ['Dunhuang'] }, role: 'found at', country: 'CN', lat: 40.0406, lon: 94.8036 }],
      materials: [{ label: { en: ['paper'], fr: ['papier'] }, uri: 'http://vocab.getty.edu/aat/300014109' }],
      techniques: [{ label: { en: ['woodblock printing'] } }],
      objectTypes: [{ label: { en: ['scroll'] } }],
      dimensions: [{ type: 'length', value: 5.3, unit: 'm' }],
      subjects: [{ label: { en: ['Buddhism'] }, uri: 'https://www.wikidata.org/wiki/Q748' }],
      languages: ['zh'],
      rights: 'https://creativecommons.org/licenses/by/4.0/',
      creditLine: { en: ['© The British Library Board'] },
      source: { kind: 'import', system: 'IDP', identifier: 'Or.8210/P.2', url: 'https://idp.bl.uk/' },
    });
    fragment = await newRecord(t.store, {
      institutionId: dunhuang,
      kind: 'manuscript',
      title: { en: ['Lotus Sutra fragment'], ar: ['جزء من سوترا اللوتس'] },
      date: { display: '4th century' },
      rights: 'http://rightsstatements.org/vocab/InC/1.0/',
      relations: [{ type: 'fragmentOfSameWork', target: sutra.id }],
    });
    await newRecord(t.store, { institutionId: dunhuang, kind: 'object', title: { en: ['Bronze mirror'] }, date: { display: '3rd century BCE' }, materials: [{ label: { en: ['bronze'] } }] });
    secret = await newRecord(t.store, { institutionId: dunhuang, kind: 'object', title: { en: ['Classified zither'] }, visibility: 'members', relations: [{ type: 'partOf', target: sutra.id }] });
    embargoed = await newRecord(t.store, { institutionId: dunhuang, kind: 'object', title: { en: ['Embargoed zither'] }, embargoUntil: '2999-01-01T00:00:00Z' });
    await newRecord(t.store, { institutionId: library, kind: 'object', title: { en: ['Public zither'] }, relations: [{ type: 'relatedTo', target: secret.id }] });
    for (let i = 0; i < 23; i++) await newRecord(t.store, { institutionId: library, kind: 'archival-unit', title: { en: [`Letter ${String(i).padStart(2, '0')} about pagination`] } });
    member = await newUser(t.store, { role: 'member', institutionId: library });
  });
  afterAll(() => t?.close());

  it('renders every page in each UI language with a title, a skip link and landmarks', async () => {
    const urls = ['/', '/search?q=sutra', `/records/${sutra.id}`, `/institutions/${dunhuang}`, '/institutions'];
    for (const lang of UI_LANGUAGES) {
      for (const url of urls) {
        const html = await body(`${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
        expect(html.startsWith('<!doctype html>')).toBe(true);
        expect(html).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`);
        expect(html).toMatch(/<title>[^<]+— Heritage Commons<\/title>|<title>Heritage Commons<\/title>/);
        expect(html).toMatch(/<a class="skip-link" href="#main">/);
        for (const landmark of ['<header', '<nav', '<main id="main"', '<footer']) expect(html).toContain(landmark);
      }
    }
  });

  it('renders the search page in Arabic right to left', async () => {
    const html = await body('/search?q=sutra&lang=ar');
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('ابحث في المجموعات');
    expect(html).toContain('<label for="q">كلمات البحث</label>');
    // An English title on an Arabic page is marked as English, left to right.
    expect(html).toMatch(/<span lang="en" dir="ltr">Diamond Sutra<\/span>/);
  });

  it('remembers the language chosen with ?lang= and otherwise follows the cookie, then Accept-Language', async () => {
    const chosen = await get('/?lang=zh');
    expect(String(chosen.headers['set-cookie'])).toMatch(/^hc_lang=zh; Path=\/; Max-Age=\d+; SameSite=Lax; HttpOnly/);
    expect(chosen.body).toContain('<html lang="zh"');
    expect((await get('/search', { cookie: 'other=1; hc_lang=ru' })).body).toContain('<html lang="ru"');
    expect((await get('/search', { 'accept-language': 'de-DE,fr;q=0.8,en;q=0.5' })).body).toContain('<html lang="fr"');
    expect((await get('/search', { cookie: 'hc_lang=fr', 'accept-language': 'es' })).body).toContain('<html lang="fr"');
    expect((await get('/search', { 'accept-language': 'de' })).body).toContain('<html lang="en"');
    expect((await get('/search?lang=xx')).headers['set-cookie']).toBeUndefined();
  });

  it('links the language switch to the same page and query in each language', async () => {
    const html = await body('/search?q=sutra&kind=manuscript');
    expect(decode(html)).toContain('href="/search?q=sutra&kind=manuscript&lang=fr" lang="fr" hreflang="fr">Français</a>');
  });

  it('does not show a members-only or embargoed record on any page', async () => {
    const pages = ['/', '/search', '/search?q=zither', '/search?sort=newest', `/institutions/${dunhuang}`, '/institutions', `/records/${sutra.id}`];
    for (const url of pages) {
      const html = await body(url);
      expect(html, url).not.toContain('Classified zither');
      expect(html, url).not.toContain('Embargoed zither');
    }
    expect((await body('/search?q=zither'))).toContain('Public zither');
    expect((await get(`/records/${secret.id}`)).statusCode).toBe(404);
    expect((await get(`/records/${embargoed.id}`)).statusCode).toBe(404);
    // The public record pointing at the hidden one does not reveal it either.
    const zither = decode(await body('/search?q=%22public+zither%22'));
    const id = /href="\/records\/([^"]+)"/.exec(zither)![1];
    expect(await body(`/records/${id}`)).not.toContain(secret.id);
    // A member of the alliance sees it, and is told it is not public.
    const asMember = await get(`/records/${secret.id}`, { authorization: `Bearer ${member.token}` });
    expect(asMember.statusCode).toBe(200);
    expect(asMember.body).toContain('Visible to members of the alliance only');
  });

  it('counts only visible records in the home figures and the institution pages', async () => {
    const visible = (await get('/api/v1/search?limit=0')).json().total as number;
    const home = await body('/?lang=en');
    expect(home).toContain(`<span class="figure-number">${visible}</span> <span class="figure-label">records</span>`);
    expect(home).toContain('<span class="figure-number">2</span> <span class="figure-label">member institutions</span>');
    expect(home).toContain('<span class="figure-number">2</span> <span class="figure-label">countries</span>');
    // Joint projects: the public counts the public one; staff of the partner count the private one too.
    await createProject(t.store.db, SYSTEM_ADMIN, { kind: 'restoration', title: { en: ['Mural conservation'] }, ownerInstitutionId: dunhuang, visibility: 'public' });
    await createProject(t.store.db, SYSTEM_ADMIN, { kind: 'research', title: { en: ['Pigment survey'] }, ownerInstitutionId: dunhuang, visibility: 'private' });
    expect(await body('/?lang=en')).toContain('<span class="figure-number">1</span> <span class="figure-label">joint project</span>');
    expect(await body('/?lang=en')).toContain('<span class="figure-label">records with images</span>');
    const admin = await newUser(t.store, { admin: true });
    expect((await get('/?lang=en', { authorization: `Bearer ${admin.token}` })).body).toContain('<span class="figure-number">2</span> <span class="figure-label">joint projects</span>');
    expect(await body(`/institutions/${dunhuang}`)).toContain('2 records');
    expect(await body('/institutions')).toMatch(/Dunhuang Academy<\/span><\/a><\/h2>.*?2 records/s);
  });

  it('shows which language a record is shown in when it falls back', async () => {
    const ar = await body(`/records/${sutra.id}?lang=ar`);
    expect(ar).toContain('لا يحتوي هذا السجل على نص باللغة العربية؛ يُعرض باللغة الإنجليزية.');
    expect(ar).toContain('<a href="?show=zh" lang="zh" hreflang="zh" class="chip">中文</a>');
    const en = await body(`/records/${sutra.id}?lang=en`);
    expect(en).not.toContain('This record has no');
    const zhContent = await body(`/records/${sutra.id}?lang=en&show=zh`);
    expect(zhContent).toContain('<h1 id="record-title"><span lang="zh">金刚般若波罗蜜经</span></h1>');
    expect(zhContent).toContain('Shown in Chinese.');
    const ru = await body(`/records/${fragment.id}?lang=ru`);
    expect(ru).toContain('У этой записи нет текста на языке «русский»; показано на языке «английский».');
    const arFragment = await body(`/records/${fragment.id}?lang=ar`);
    expect(arFragment).toContain('<h1 id="record-title">جزء من سوترا اللوتس</h1>');
    expect(arFragment).not.toContain('notice-language');
  });

  it('shows every field of a record, its licence and its related records', async () => {
    const html = decode(await body(`/records/${sutra.id}?lang=en`));
    expect(html).toContain(`<link rel="alternate" type="application/json" href="/api/v1/records/${sutra.id}"/>`);
    for (const text of [
      '<h1 id="record-title">Diamond Sutra</h1>',
      '金刚般若波罗蜜经',
      'The earliest dated printed book',
      '咸通九年四月十五日',
      'Printed from woodblocks.',
      'Shelfmark',
      'Or.8210/P.2',
      'Wang Jie',
      'patron',
      '868',
      'Dunhuang',
      '40.0406° N, 94.8036° E',
      'href="http://vocab.getty.edu/aat/300014109"',
      'paper',
      'woodblock printing',
      'scroll',
      'length: 5.3 m',
      'href="https://www.wikidata.org/wiki/Q748"',
      'Chinese',
      'Creative Commons BY 4.0',
      'CC BY 4.0',
      'rel="license"',
      'Free to reuse under the stated terms.',
      '© The British Library Board',
      'British Library',
      'Imported',
      'From IDP',
      'Fragment of the same work',
      `href="/records/${fragment.id}"`,
      'Lotus Sutra fragment',
    ]) {
      expect(html, text).toContain(text);
    }
    const frag = decode(await body(`/records/${fragment.id}?lang=en`));
    expect(frag).toContain('In Copyright');
    expect(frag).toContain('Reuse is restricted');
    expect(frag).toContain(`href="/records/${sutra.id}"`);
  });

  it('labels century facet values in each language', async () => {
    const expectations: Record<string, string[]> = {
      en: ['4th century', '3rd century BCE', '9th century'],
      fr: ['IVe siècle', 'IIIe siècle av. J.-C.'],
      es: ['siglo IV', 'siglo III a. C.'],
      ru: ['IV век', 'III век до н. э.'],
      zh: ['4世纪', '公元前3世纪'],
      ar: ['القرن الـ4 الميلادي', 'القرن الـ3 قبل الميلاد'],
    };
    for (const [lang, labels] of Object.entries(expectations)) {
      const html = await body(`/search?lang=${lang}`);
      for (const label of labels) expect(html, `${lang}: ${label}`).toContain(`<span class="facet-label">${label}</span>`);
    }
  });

  it('adds and removes facet filters with links, keeping the whole state in the URL', async () => {
    const html = decode(await body('/search?q=sutra&lang=en'));
    const add = /<a class="facet-value" href="([^"]+)"><span class="facet-label">Dunhuang Academy<\/span>/.exec(html)![1];
    expect(add).toBe(`/search?q=sutra&institution=${dunhuang}`);
    const filtered = decode(await body(add));
    expect(filtered).toContain('1 record found');
    expect(filtered).toContain('Lotus Sutra fragment');
    expect(filtered).not.toContain('>Diamond Sutra<');
    expect(filtered).toContain('Remove filter: Institution: Dunhuang Academy');
    expect(filtered).toContain(`<input type="hidden" name="institution" value="${dunhuang}"/>`);
    const remove = /<a class="chip" href="([^"]+)"><span class="visually-hidden">Remove filter: Institution/.exec(filtered)![1];
    expect(remove).toBe('/search?q=sutra');
  });

  it('turns years with eras from the form into a clean, shareable URL', async () => {
    const res = await get('/search?q=&sort=relevance&yearFrom=300&eraFrom=bce&yearTo=500&eraTo=ce');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/search?yearFrom=-299&yearTo=500');
    const html = decode(await body(res.headers.location as string));
    expect(html).toContain('From 300 BCE');
    expect(html).toContain('Until 500');
    expect(html).toContain('Lotus Sutra fragment');
    expect(html).toContain('Bronze mirror');
    expect(html).not.toContain('>Diamond Sutra<');
  });

  it('pages through results with previous and next links', async () => {
    const first = decode(await body('/search?q=pagination&sort=title&limit=10'));
    expect(first).toContain('23 records found');
    expect(first).toContain('Showing 1–10 of 23');
    expect(first).toContain('Page 1 of 3');
    expect(first).toContain('<a class="page-next" rel="next" href="/search?q=pagination&sort=title&limit=10&offset=10">');
    const last = decode(await body('/search?q=pagination&sort=title&limit=10&offset=20'));
    expect(last).toContain('Showing 21–23 of 23');
    expect(last).toContain('Letter 22 about pagination');
    expect(last).toContain('<a class="page-prev" rel="prev" href="/search?q=pagination&sort=title&limit=10&offset=10">');
    expect(last).toContain('<span class="page-next is-disabled">');
  });

  it('says when nothing is found and suggests removing the filters', async () => {
    const html = decode(await body('/search?q=sutra&kind=site&lang=en'));
    expect(html).toContain('0 records found');
    expect(html).toContain('Nothing found.');
    expect(html).toContain('Try other words, or remove some of the filters. <a href="/search?q=sutra">Remove all filters</a>');
    expect(decode(await body('/search?q=qwertyuiop'))).toContain('Try other or fewer words');
  });

  it('answers hostile query strings with a page, not a 500', async () => {
    const urls = [
      '/search?q=%22%22%22&offset=-5&yearFrom=abc',
      '/search?offset=99999999&limit=-1',
      '/search?limit=100000&offset=1e9',
      '/search?yearFrom=500&yearTo=100',
      '/search?sort=evil&hasImages=maybe&bbox=1,2,3',
      '/search?bbox=0,100,1,1',
      '/search?q=a&q=b&lang=xx&lang=fr',
      '/search?q=*&institution=%3Cscript%3E',
      '/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      '/search?q=' + 'x'.repeat(5000),
      '/search?century=abc&century=-0&material=%00',
      '/search?yearFrom=99999999999999999999&eraFrom=bce&eraTo=zz',
      '/records/%3Cscript%3E',
      '/records/..%2F..%2Fetc%2Fpasswd',
      `/records/${sutra.id}?show=%3Cx%3E&lang[]=ar`,
      '/institutions/nope',
      '/institutions?country=%3Cx%3E',
      '/?lang=%3Cscript%3E',
      '/search?yearFrom=-5&yearTo=-10&eraFrom=ce',
      '/search?q=%00&material=%00&institution=a%00b',
      '/records/%00',
      '/records/a%00b',
      '/institutions/%00',
      '/institutions?country=%00',
      '/search?q=%F0%9F%98%80%ED%A0%80',
    ];
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, url).toBeLessThan(500);
      if (res.statusCode === 303) continue;
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      // The only script a page may hold here is the record's schema.org data block, which is never run.
      // Only bundled island scripts (by URL) and JSON-LD data blocks: nothing inline that could run.
      expect(res.body, url).not.toMatch(/<script(?! type="application\/ld\+json">| src="\/assets\/islands\/[a-z-]+\.js(?:\?v=[0-9a-f]+)?" defer=""><\/script>)/i);
    }
    expect((await get('/records/%3Cscript%3E')).statusCode).toBe(404);
  });

  it('renders error pages in the visitor language', async () => {
    const res = await get('/records/does-not-exist', { 'accept-language': 'fr' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<html lang="fr" dir="ltr">');
    expect(res.body).toContain('Page introuvable');
    const ar = await get('/no/such/page', { cookie: 'hc_lang=ar' });
    expect(ar.statusCode).toBe(404);
    expect(ar.body).toContain('<html lang="ar" dir="rtl">');
    expect(ar.body).toContain('الصفحة غير موجودة');
    // The API still answers JSON.
    expect((await get('/api/v1/records/does-not-exist')).json().error.code).toBe('RECORD_NOT_FOUND');
  });

  it('serves the stylesheet with long cache headers and an ETag', async () => {
    const home = await body('/');
    const href = decode(/<link rel="stylesheet" href="([^"]+)"/.exec(home)![1]);
    expect(href).toMatch(/^\/assets\/site\.css\?v=[0-9a-f]{12}$/);
    const css = await get(href);
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const again = await get(href, { 'if-none-match': css.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect((await get('/assets/site.css')).headers['cache-control']).toBe('public, max-age=3600');
    expect((await get('/assets/nope.css')).statusCode).toBe(404);
  });

  it('answers /favicon.ico with an ICO of the logo at 16, 32 and 48 pixels', async () => {
    const res = await get('/favicon.ico');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/x-icon');
    const ico = res.rawPayload;
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 3]);
    const sizes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const at = 6 + 16 * i;
      const [length, offset] = [ico.readUInt32LE(at + 8), ico.readUInt32LE(at + 12)];
      const png = await sharp(ico.subarray(offset, offset + length)).metadata();
      expect(png.format).toBe('png');
      expect([png.width, png.height]).toEqual([ico[at], ico[at + 1]]);
      sizes.push(png.width!);
      if (i === 2) expect(offset + length).toBe(ico.length);
    }
    expect(sizes).toEqual([16, 32, 48]);
    // The logo's own colour, not an empty square.
    const { data, info } = await sharp(ico.subarray(ico.readUInt32LE(6 + 32 + 12))).raw().toBuffer({ resolveWithObject: true });
    const at = (24 * 48 + 3) * info.channels; // left edge, half-way down: the logo's red
    expect([...data.subarray(at, at + 4)].map((v) => Math.round(v / 8))).toEqual([122, 38, 24, 255].map((v) => Math.round(v / 8)));
    expect((await get('/favicon.ico', { 'if-none-match': res.headers.etag as string })).statusCode).toBe(304);
  });

  it('shows an institution with its profile and its records', async () => {
    const html = decode(await body(`/institutions/${dunhuang}?lang=fr`));
    expect(html).toContain('<h1 id="inst-title">Académie de Dunhuang</h1>');
    expect(html).toContain('敦煌研究院');
    expect(html).toContain('Musée');
    expect(html).toContain('Chine');
    expect(html).toContain('href="https://www.dha.ac.cn/"');
    expect(html).toContain('2 notices');
    expect(html).toContain('Lotus Sutra fragment');
    expect((await get('/institutions/nope')).statusCode).toBe(404);
    const cn = decode(await body('/institutions?country=cn&lang=en'));
    expect(cn).toContain('Institutions in China');
    expect(cn).not.toContain('British Library');
  });

  it('escapes record text and keeps only the search highlight as markup', async () => {
    await newRecord(t.store, { institutionId: library, title: { en: ['<img src=x onerror=alert(1)> hostile'] }, description: { en: ['A <b>bold</b> claim about hostile markup'] } });
    const html = await body('/search?q=hostile');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; hostile');
    expect(html).toMatch(/&lt;b&gt;bold&lt;\/b&gt; claim about <mark>hostile<\/mark>/);
  });
});
