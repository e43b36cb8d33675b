import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newRecord, newUser } from '../../../test/helpers/factories';
import { postForm, signInBrowser } from '../../../test/helpers/browser-session';

type User = Awaited<ReturnType<typeof newUser>>;
const month = (offset: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
};

describe('the events calendar and its iCalendar feed; case studies', () => {
  let t: TestApp;
  let curator: User;
  let member: User;
  let inst: string;
  const api = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, who?: User, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as object, headers: who ? { authorization: `Bearer ${who.token}` } : {} });

  beforeAll(async () => {
    t = await buildTestApp({ HERITAGE_PUBLIC_URL: 'https://heritage.example.org' });
    inst = (await newInstitution(t.store, { name: { en: ['Silk Road Museum'] } })).id;
    curator = await newUser(t.store, { role: 'curator', institutionId: inst });
    member = await newUser(t.store, { role: 'member', institutionId: (await newInstitution(t.store)).id });
  });
  afterAll(() => t?.close());

  it('serves public events in an iCalendar feed that a real parser reads back, without members-only ones', async () => {
    const m = month(1);
    const seminar = await api('POST', '/api/v1/events', curator, {
      institutionId: inst,
      kind: 'livestream',
      title: { en: ['Mural care; dust, salts, light'], zh: ['壁画保护直播'] },
      description: { en: ['A live session.\nQuestions welcome.'] },
      startsAt: `${m}-03T09:30`,
      endsAt: `${m}-03T11:00`,
      location: 'Dunhuang, Gansu',
      url: 'https://stream.example.org/live?id=7',
    });
    expect(seminar.statusCode, seminar.body).toBe(201);
    const opening = (await api('POST', '/api/v1/events', curator, { institutionId: inst, kind: 'exhibition-opening', title: { en: ['Online exhibition: '.padEnd(120, 'Silk ')] }, startsAt: `${m}-10`, endsAt: `${m}-11`, allDay: true })).json();
    const secret = (await api('POST', '/api/v1/events', curator, { institutionId: inst, title: { en: ['Members’ briefing'] }, startsAt: `${m}-12T08:00`, visibility: 'members' })).json();
    expect((await api('POST', '/api/v1/events', member, { title: { en: ['Alliance-wide'] }, startsAt: `${m}-12T08:00` })).statusCode).toBe(403);

    const feed = await t.app.inject({ url: '/events.ics?lang=zh' });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    for (const line of feed.body.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const cal = new ICAL.Component(ICAL.parse(feed.body));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid).sort()).toEqual([`${opening.id}@heritage.example.org`, `${seminar.json().id}@heritage.example.org`].sort());
    const live = events.find((e) => e.uid.startsWith(seminar.json().id))!;
    expect(live.summary).toBe('壁画保护直播');
    expect(live.location).toBe('Dunhuang, Gansu');
    expect(live.startDate.toJSDate().toISOString()).toBe(`${m}-03T09:30:00.000Z`);
    expect(live.endDate.toJSDate().toISOString()).toBe(`${m}-03T11:00:00.000Z`);
    expect(live.component.getFirstPropertyValue('url')).toBe(`https://heritage.example.org/events/${seminar.json().id}`);
    expect(live.component.getFirstProperty('dtstamp')).toBeTruthy();
    const allDay = events.find((e) => e.uid.startsWith(opening.id))!;
    expect(allDay.startDate.isDate).toBe(true);
    expect(allDay.endDate.toString()).toBe(`${m}-12`);
    expect(allDay.summary).toBe('Online exhibition: '.padEnd(120, 'Silk '));
    expect(feed.body).not.toContain('briefing');

    // The month's page: the public sees public events; members also members-only ones.
    const publicMonth = await t.app.inject({ url: `/events?month=${m}&lang=en` });
    expect(publicMonth.body).toContain('Mural care; dust, salts, light');
    expect(publicMonth.body).not.toContain('Members’ briefing');
    expect((await t.app.inject({ url: `/events/${secret.id}` })).statusCode).toBe(404);
    expect((await api('GET', `/api/v1/events?month=${m}`, member)).json().items).toHaveLength(3);
    expect((await t.app.inject({ url: `/events/${seminar.json().id}?lang=en` })).body).toContain('https://stream.example.org/live?id=7');
  });

  it('adds an event through the form, naming the wrong field', async () => {
    const browser = await signInBrowser(t.app, curator.email);
    const bad = await postForm(t.app, '/events/new', { _csrf: browser.csrf, institutionId: inst, kind: 'seminar', lang: 'fr', title: 'Séminaire', startsAt: 'tomorrow', visibility: 'public' }, browser.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('is not a date and time');
    const ok = await postForm(t.app, '/events/new', { _csrf: browser.csrf, institutionId: inst, kind: 'seminar', lang: 'fr', title: 'Séminaire de paléographie', startsAt: `${month(0)}-15T14:00`, visibility: 'public' }, browser.cookie);
    expect(ok.statusCode).toBe(303);
    const page = await t.app.inject({ url: `${ok.headers.location}?lang=en` });
    expect(page.body).toContain('lang="fr"');
    expect(page.body).toContain('Séminaire de paléographie');
    const edit = await t.app.inject({ url: `${ok.headers.location}/edit?lang=en`, headers: { cookie: browser.cookie } });
    expect(edit.body).toContain('value="Séminaire de paléographie"');
    const edited = await postForm(t.app, `${ok.headers.location}/edit`, { _csrf: browser.csrf, kind: 'seminar', lang: 'en', title: 'Palaeography seminar', startsAt: `${month(0)}-16`, endsAt: `${month(0)}-17`, allDay: 'on', visibility: 'public' }, browser.cookie);
    expect(edited.statusCode, edited.body.slice(0, 300)).toBe(303);
    const after = (await api('GET', ok.headers.location!.replace('/events/', '/api/v1/events/'))).json();
    expect(after.title).toEqual({ fr: ['Séminaire de paléographie'], en: ['Palaeography seminar'] });
    expect(after).toMatchObject({ allDay: true, startsAt: `${month(0)}-16T00:00:00.000Z`, endsAt: `${month(0)}-18T00:00:00.000Z` });
    expect((await t.app.inject({ url: ok.headers.location as string, headers: { cookie: (await signInBrowser(t.app, member.email)).cookie } })).body).not.toContain('Remove this event');
    const removed = await postForm(t.app, `${ok.headers.location}/delete`, { _csrf: browser.csrf }, browser.cookie);
    expect(removed.statusCode).toBe(303);
    expect((await t.app.inject({ url: `${removed.headers.location}&lang=en`, headers: { cookie: browser.cookie } })).body).toContain('The event has been removed.');
    expect((await t.app.inject({ url: ok.headers.location as string })).statusCode).toBe(404);
  });

  it('finds case studies by words in any language and links only to records the reader may see', async () => {
    const open = await newRecord(t.store, { institutionId: inst, title: { en: ['Cave 85 mural'] } });
    const hidden = await newRecord(t.store, { institutionId: inst, title: { en: ['Restricted survey'] }, visibility: 'private' });
    const created = await api('POST', '/api/v1/practices', curator, {
      institutionId: inst,
      title: { en: ['Grouting detached plaster'], zh: ['空鼓壁画灌浆加固'] },
      problem: { en: ['Plaster detached from the rock wall.'] },
      method: { ar: ['الحقن بملاط جيري'] },
      lessons: { fr: ['Tester les coulis sur des maquettes.'] },
      links: [{ kind: 'record', id: open.id }, { kind: 'site', id: hidden.id }, { kind: 'project', id: 'p-none' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    for (const q of ['grouting', '灌浆', 'الحقن', 'coulis', 'plast']) {
      expect((await api('GET', `/api/v1/practices?q=${encodeURIComponent(q)}`)).json().items.map((c: { id: string }) => c.id), q).toEqual([id]);
    }
    expect((await api('GET', '/api/v1/practices?q=grouting%20bronze')).json().items).toEqual([]);
    const detail = (await api('GET', `/api/v1/practices/${id}`)).json();
    expect(detail.links).toEqual([expect.objectContaining({ kind: 'record', id: open.id, href: `/records/${open.id}` })]);
    const asStaff = (await api('GET', `/api/v1/practices/${id}`, curator)).json();
    expect(asStaff.links.map((l: { id: string }) => l.id).sort()).toEqual([open.id, hidden.id].sort());

    const translated = await api('PATCH', `/api/v1/practices/${id}`, curator, { outcome: { ru: ['Штукатурка закреплена.'] } });
    expect(translated.json().title.zh).toEqual(['空鼓壁画灌浆加固']);
    expect((await api('GET', `/api/v1/practices?q=${encodeURIComponent('штукатурка')}`)).json().items).toHaveLength(1);
    const secret = (await api('POST', '/api/v1/practices', curator, { institutionId: inst, title: { en: ['Internal lessons'] }, visibility: 'members' })).json();
    expect((await api('GET', `/api/v1/practices/${secret.id}`)).statusCode).toBe(404);
    expect((await api('GET', `/api/v1/practices/${secret.id}`, member)).statusCode).toBe(200);
    const browser = await signInBrowser(t.app, curator.email);
    const translated2 = await postForm(t.app, `/practices/${id}/translation`, { _csrf: browser.csrf, lang: 'es', title: 'Inyección de enlucidos desprendidos', lessons: 'Probar antes.' }, browser.cookie);
    expect(translated2.statusCode).toBe(303);
    const spanish = await t.app.inject({ url: `/practices/${id}?lang=es` });
    expect(spanish.body).toContain('Inyección de enlucidos desprendidos');
    expect(spanish.body).toContain('Probar antes.');
    expect((await t.app.inject({ url: `/practices/${id}?lang=fr` })).body).toContain('Tester les coulis sur des maquettes.');
    const outsider = await signInBrowser(t.app, member.email);
    const refused = await postForm(t.app, `/practices/${id}/translation`, { _csrf: outsider.csrf, lang: 'es', title: 'x' }, outsider.cookie);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Only the case study’s institution staff');
    const page = await t.app.inject({ url: `/practices?q=grouting&lang=en` });
    expect(page.body).toContain('Grouting detached plaster');
    expect(page.body).toContain('1 case study');
  });
});
