import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { postForm, signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import { jpeg } from '../media/media.test-support';
import { getRecord } from './record.service';
import { SYSTEM_ADMIN } from '../../../test/helpers/factories';

describe('the record editor', () => {
  let t: TestApp;
  let instId = '';
  let curator: BrowserSession;
  let outsider: BrowserSession;
  let member: BrowserSession;
  let privateId = '';
  let relatedId = '';
  const get = (url: string, who?: BrowserSession) => t.app.inject({ url, ...(who ? { headers: { cookie: who.cookie } } : {}) });
  const editUrl = (id: string) => `/records/${id}/edit?lang=en`;
  /** The fields of a form as the page renders them, for posting back (first value of each name kept in order). */
  const base = (over: Record<string, string | string[]>, who = curator) => ({ _csrf: who.csrf, kind: 'object', visibility: 'public', rights: '', action: 'save', ...over });

  beforeAll(async () => {
    t = await buildTestApp();
    const inst = await newInstitution(t.store, { name: { en: ['Dunhuang Academy'] } });
    const other = await newInstitution(t.store, { name: { en: ['Other Library'] } });
    instId = inst.id;
    curator = await signInBrowser(t.app, (await newUser(t.store, { role: 'curator', institutionId: inst.id })).email);
    outsider = await signInBrowser(t.app, (await newUser(t.store, { role: 'curator', institutionId: other.id })).email);
    member = await signInBrowser(t.app, (await newUser(t.store, { role: 'member', institutionId: inst.id })).email);
    privateId = (await newRecord(t.store, { institutionId: inst.id, title: { en: ['Secret scroll'] }, visibility: 'private' })).id;
    relatedId = (
      await newRecord(t.store, {
        institutionId: other.id,
        title: { en: ['Lotus Sutra fragment'] },
        subjects: [{ label: { en: ['Buddhism'], zh: ['佛教'] }, uri: 'http://www.wikidata.org/entity/Q748' }],
      })
    ).id;
  });
  afterAll(() => t?.close());

  it('creates a record in two languages without JavaScript and opens it again with the date read in words', async () => {
    const form = await get('/records/new?lang=en', curator);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<option value="${instId}" selected="">Dunhuang Academy</option>`);
    expect(form.body).not.toContain('Other Library');
    const res = await postForm(
      t.app,
      '/records/new?lang=en',
      base({ institutionId: instId, langs: ['en', 'fr'], 'title.en': 'Diamond Sutra', 'title.fr': 'Sûtra du diamant', 'description.en': 'Printed scroll.', 'date.display': '4th–14th century', 'date.edtf': '' }),
      curator.cookie,
    );
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    const id = /^\/records\/([^/]+)\/edit\?saved=1$/.exec(res.headers.location as string)![1];
    const record = await getRecord(t.store, SYSTEM_ADMIN, id);
    expect(record.title).toEqual({ en: ['Diamond Sutra'], fr: ['Sûtra du diamant'] });
    expect(record.description).toEqual({ en: ['Printed scroll.'] });
    expect(record.date).toMatchObject({ display: '4th–14th century', edtf: '0301/1400', yearFrom: 301, yearTo: 1400 });
    const page = await get(`${res.headers.location}&lang=en`, curator);
    expect(page.body).toContain('The record has been created.');
    expect(page.body).toContain('id="ed-lang-en" data-lang-panel="en"');
    expect(page.body).toContain('id="ed-lang-fr" data-lang-panel="fr"');
    expect(page.body).toContain('value="Sûtra du diamant" lang="fr"');
    expect(page.body).toContain('Read as: 4th century – 14th century');
    const fr = await get(`/records/${id}/edit?lang=fr`, curator);
    expect(fr.body).toContain('Lue comme : IVe siècle – XIVe siècle');
  });

  it('saves an edit as a new version, keeping the fields the form does not show', async () => {
    const id = (await newRecord(t.store, { institutionId: instId, title: { en: ['Bowl'] }, identifiers: [{ type: 'inventory', value: 'DA-1' }] })).id;
    const res = await postForm(
      t.app,
      `/records/${id}/edit`,
      base({
        expected: '1',
        langs: ['en', 'fr'],
        'title.en': 'Bowl with fish',
        'title.fr': 'Bol aux poissons',
        'date.display': 'c. 1850',
        'subjects.label': ['Buddhism', ''],
        'subjects.lang': ['en', ''],
        'subjects.uri': ['http://www.wikidata.org/entity/Q748', ''],
        'subjects.keep': ['', ''],
        'relations.type': ['fragmentOfSameWork', 'relatedTo'],
        'relations.target': [relatedId, ''],
        'relations.keep': ['', ''],
        visibility: 'members',
        embargoUntil: '2999-01-01',
        rights: 'https://creativecommons.org/licenses/by/4.0/',
      }),
      curator.cookie,
    );
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    expect(res.headers.location).toBe(`/records/${id}/edit?saved=2`);
    const r = await getRecord(t.store, SYSTEM_ADMIN, id);
    expect(r.version).toBe(2);
    expect(r.title).toEqual({ en: ['Bowl with fish'], fr: ['Bol aux poissons'] });
    expect(r.identifiers).toEqual([{ type: 'inventory', value: 'DA-1' }]);
    expect(r.subjects).toEqual([{ label: { en: ['Buddhism'] }, uri: 'http://www.wikidata.org/entity/Q748' }]);
    expect(r.relations?.[0]).toMatchObject({ type: 'fragmentOfSameWork', target: relatedId });
    expect(r.date).toMatchObject({ edtf: '1850~' });
    expect([r.visibility, r.embargoUntil, r.rights]).toEqual(['members', '2999-01-01T00:00:00.000Z', 'https://creativecommons.org/licenses/by/4.0/']);
    const page = await get(`${res.headers.location}&lang=en`, curator);
    expect(page.body).toContain('Saved as version 2.');
    expect(page.body).toContain('Read as: circa 1850');
    expect(page.body).toMatch(/value="https:\/\/creativecommons.org\/licenses\/by\/4.0\/" checked=""/);
    expect(page.body).toContain('<span class="tag tag-code" dir="ltr">CC BY 4.0</span>');
  });

  it('shows the form again with a message on each wrong field and saves nothing', async () => {
    const id = (await newRecord(t.store, { institutionId: instId, title: { en: ['Mirror'] } })).id;
    const res = await postForm(
      t.app,
      `/records/${id}/edit?lang=en`,
      base({
        expected: '1',
        langs: ['en'],
        'title.en': '  ',
        'description.en': 'Kept as typed',
        'date.display': 'sometime',
        'date.edtf': '18th century',
        'relations.type': ['partOf'],
        'relations.target': ['r-nosuchrecord'],
        'relations.keep': [''],
        embargoUntil: 'next year',
        rights: 'other',
        rightsOther: 'not a uri',
      }),
      curator.cookie,
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The record was not saved. Correct these fields:');
    for (const [input, message] of [
      ['ed-relations-0-target', 'No record you may see has this identifier.'],
      ['ed-embargo', 'Give a date as year-month-day.'],
      ['ed-rights-other', 'Give a web address beginning with http:// or https://.'],
    ]) {
      expect(res.body).toContain(`<a href="#${input}">${message}</a>`);
      expect(res.body).toMatch(new RegExp(`id="${input}"[^>]*aria-describedby="[^"]*${input}-error[^"]*" aria-invalid="true"`));
      expect(res.body).toContain(`<p class="field-error" id="${input}-error">${message}</p>`);
    }
    expect(res.body).toContain('Kept as typed');
    // Once the form's own checks pass, the service's problems are placed too.
    const second = await postForm(t.app, `/records/${id}/edit?lang=en`, base({ expected: '1', langs: ['en'], 'title.en': '', 'date.edtf': '18th century' }), curator.cookie);
    expect(second.statusCode).toBe(400);
    expect(second.body).toContain('<a href="#ed-title-en-0">Give a title in at least one language.</a>');
    expect(second.body).toContain('<a href="#ed-date-edtf">This is not a valid EDTF date (for example 1907, 188X, -0199~, 0301/1400).</a>');
    expect(second.body).toMatch(/id="ed-date-edtf"[^>]*aria-describedby="ed-date-edtf-hint ed-date-edtf-error ed-date-preview" aria-invalid="true"/);
    expect((await getRecord(t.store, SYSTEM_ADMIN, id)).version).toBe(1);
  });

  it('adds and removes a language by submitting, without saving', async () => {
    const id = (await newRecord(t.store, { institutionId: instId, title: { en: ['Lamp'] } })).id;
    const added = await postForm(t.app, `/records/${id}/edit?lang=en`, base({ expected: '1', langs: ['en'], 'title.en': 'Lamp (typed)', addLang: 'ar', action: 'addLang' }), curator.cookie);
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('id="ed-lang-ar" data-lang-panel="ar"');
    expect(added.body).toContain('name="title.ar" type="text" value="" lang="ar" dir="rtl"');
    expect(added.body).toContain('value="Lamp (typed)"');
    const removed = await postForm(t.app, `/records/${id}/edit?lang=en`, base({ expected: '1', langs: ['en', 'ar'], 'title.en': 'Lamp', 'title.ar': 'مصباح', action: 'removeLang:ar' }), curator.cookie);
    expect(removed.body).not.toContain('data-lang-panel="ar"');
    expect((await getRecord(t.store, SYSTEM_ADMIN, id)).version).toBe(1);
  });

  it('shows what changed meanwhile instead of overwriting a newer version, then saves on purpose', async () => {
    const id = (await newRecord(t.store, { institutionId: instId, title: { en: ['Seal'] } })).id;
    const first = await postForm(t.app, `/records/${id}/edit`, base({ expected: '1', langs: ['en'], 'title.en': 'Jade seal' }), curator.cookie);
    expect(first.statusCode).toBe(303);
    const stale = await postForm(t.app, `/records/${id}/edit?lang=en`, base({ expected: '1', langs: ['en'], 'title.en': 'Bronze seal' }), curator.cookie);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else saved version 2 of this record while you were editing it.');
    expect(stale.body).toMatch(/Title · English.*<del>Seal<\/del>.*<ins>Jade seal<\/ins>/s);
    expect(stale.body).toContain('value="Bronze seal"');
    expect(stale.body).toContain('name="expected" value="2"');
    expect((await getRecord(t.store, SYSTEM_ADMIN, id)).title).toEqual({ en: ['Jade seal'] });
    const again = await postForm(t.app, `/records/${id}/edit`, base({ expected: '2', langs: ['en'], 'title.en': 'Bronze seal' }), curator.cookie);
    expect(again.headers.location).toBe(`/records/${id}/edit?saved=3`);
  });

  it('is only for the record’s editors: 404 to a curator elsewhere, refused to a member, sign-in for the public', async () => {
    expect((await get(editUrl(privateId), outsider)).statusCode).toBe(404);
    expect((await postForm(t.app, `/records/${privateId}/edit`, base({ expected: '1', langs: ['en'], 'title.en': 'Taken' }, outsider), outsider.cookie)).statusCode).toBe(404);
    const asMember = await get(editUrl(privateId), member);
    expect(asMember.statusCode).toBe(403);
    expect(asMember.body).not.toContain('editor-form');
    expect((await get('/records/new', member)).statusCode).toBe(403);
    const anonymous = await get(editUrl(privateId));
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
    expect((await getRecord(t.store, SYSTEM_ADMIN, privateId)).title).toEqual({ en: ['Secret scroll'] });
    // The dashboard offers a new record to those who catalogue; the record page links to the editor for its editors only.
    expect((await get('/dashboard?lang=en', curator)).body).toContain('href="/records/new"');
    expect((await get('/dashboard?lang=en', member)).body).not.toContain('href="/records/new"');
    expect((await get(`/records/${privateId}?lang=en`, curator)).body).toContain(`href="/records/${privateId}/edit"`);
    expect((await get(`/records/${relatedId}?lang=en`, curator)).body).not.toContain(`/records/${relatedId}/edit`);
  });

  it('reads dates in words through the API, the same as the form', async () => {
    const read = async (q: string) => (await get(`/api/v1/edtf?${q}`)).json();
    expect(await read('value=1850~&lang=en')).toEqual({ valid: true, edtf: '1850~', derived: false, text: 'circa 1850' });
    expect(await read(`display=${encodeURIComponent('4th–14th century')}&lang=en`)).toEqual({ valid: true, edtf: '0301/1400', derived: true, text: '4th century – 14th century' });
    expect(await read('value=188X&lang=fr')).toMatchObject({ text: 'les années 1880' });
    expect(await read('value=-0199~&lang=en')).toMatchObject({ text: 'circa 200 BCE' });
    expect(await read('value=18th%20century')).toMatchObject({ valid: false, text: null });
  });

  it('suggests terms already in the catalogue with their vocabulary URIs, to signed-in staff', async () => {
    const res = await t.app.inject({ url: '/api/v1/vocabulary?field=subjects&q=budd&lang=en', headers: { cookie: curator.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ label: 'Buddhism', uri: 'http://www.wikidata.org/entity/Q748' });
    const zh = await t.app.inject({ url: `/api/v1/vocabulary?field=subjects&q=${encodeURIComponent('佛教')}&lang=zh`, headers: { cookie: curator.cookie } });
    expect(zh.json().items[0]).toMatchObject({ label: '佛教', lang: 'zh' });
    expect((await get('/api/v1/vocabulary?field=subjects&q=budd')).statusCode).toBe(401);
  });

  it('uploads, reorders and removes images from the editor without JavaScript', async () => {
    const id = (await newRecord(t.store, { institutionId: instId, title: { en: ['Album'] } })).id;
    const upload = async (name: string) => {
      const form = new FormData();
      form.append('file', new Blob([await jpeg(40, 30)], { type: 'image/jpeg' }), name);
      const encoded = new Response(form);
      return t.app.inject({
        method: 'POST',
        url: `/records/${id}/edit/images?_csrf=${encodeURIComponent(curator.csrf)}`,
        headers: { cookie: curator.cookie, 'content-type': encoded.headers.get('content-type')! },
        payload: Buffer.from(await encoded.arrayBuffer()),
      });
    };
    expect((await upload('first.jpg')).headers.location).toBe(`/records/${id}/edit?images=uploaded#images`);
    expect((await upload('second.jpg')).statusCode).toBe(303);
    const media = async () => (await t.app.inject({ url: `/api/v1/records/${id}/media`, headers: { cookie: curator.cookie } })).json().items as { id: string; label: Record<string, string[]> }[];
    const [a, b] = await media();
    const page = await get(editUrl(id), curator);
    expect(page.body).toContain('aria-label="Move image 2 up"');
    const moved = await postForm(t.app, `/records/${id}/edit/images/${b.id}`, { _csrf: curator.csrf, action: 'up' }, curator.cookie);
    expect(moved.headers.location).toBe(`/records/${id}/edit#images`);
    expect((await media()).map((m) => m.id)).toEqual([b.id, a.id]);
    await postForm(t.app, `/records/${id}/edit/images/${a.id}`, { _csrf: curator.csrf, action: 'delete' }, curator.cookie);
    expect((await media()).map((m) => m.id)).toEqual([b.id]);
    expect((await postForm(t.app, `/records/${privateId}/edit/images/${b.id}`, { _csrf: outsider.csrf, action: 'delete' }, outsider.cookie)).statusCode).toBe(404);
  });
});
