import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app';
import { newInstitution, newUser } from '../../../test/helpers/factories';
import { postForm, signInBrowser, type BrowserSession } from '../../../test/helpers/browser-session';
import { TEST_DIALECT } from '../../../test/helpers/test-database';

describe(`requests and offers of help (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let needy: string;
  let a: string;
  let b: string;
  let needyToken: string;
  let aToken: string;
  let bToken: string;
  let needyBrowser: BrowserSession;
  let requestId: string;
  const api = (method: 'GET' | 'POST', url: string, payload?: object, who: string | null = needyToken) =>
    t.app.inject({ method, url, payload, headers: who ? { authorization: `Bearer ${who}` } : {} });
  const offer = (who: string, institutionId: string, extra: object) =>
    api('POST', '/api/v1/risk/help/offers', { institutionId, kind: 'expert', title: 'Conservators', unit: 'expert-days', availableFrom: '2026-11-01', availableUntil: '2027-03-01', ...extra }, who);

  beforeAll(async () => {
    t = await buildTestApp();
    needy = (await newInstitution(t.store, { name: { en: ['Quake Museum'] }, lat: 27.7, lon: 85.3 })).id;
    a = (await newInstitution(t.store, { name: { en: ['Near Lab'] }, lat: 28.2, lon: 83.98 })).id;
    b = (await newInstitution(t.store, { name: { en: ['Far Academy'] }, lat: 48.85, lon: 2.35 })).id;
    const user = await newUser(t.store, { role: 'curator', institutionId: needy });
    needyToken = user.token;
    aToken = (await newUser(t.store, { role: 'institution-admin', institutionId: a })).token;
    bToken = (await newUser(t.store, { role: 'curator', institutionId: b })).token;
    needyBrowser = await signInBrowser(t.app, user.email);
  });
  afterAll(() => t?.close());

  it('suggests offers by skill, language, distance and availability, best first', async () => {
    const req = await api('POST', '/api/v1/risk/help/requests', {
      institutionId: needy,
      kind: 'expert',
      title: 'Mural conservators after the quake',
      skill: 'mural conservation',
      languages: ['ne', 'en'],
      quantity: 10,
      unit: 'expert-days',
      neededFrom: '2026-12-01',
      neededUntil: '2027-01-31',
      lat: 27.7172,
      lon: 85.324,
    });
    expect(req.statusCode, req.body).toBe(201);
    requestId = req.json().id;
    expect(req.json()).toMatchObject({ status: 'open', covered: 0, remaining: 10 });
    expect((await offer(aToken, a, { skill: 'conservation of murals', languages: ['en', 'hi'], quantity: 4 })).statusCode).toBe(201);
    expect((await offer(bToken, b, { skill: 'mural painting conservation', languages: ['fr', 'en'], quantity: 3 })).statusCode).toBe(201);
    await offer(bToken, b, { skill: 'mural conservation', languages: ['en'], quantity: 5, availableFrom: '2027-06-01', availableUntil: '2027-07-01' });
    await offer(bToken, b, { kind: 'funds', title: 'Emergency grant', unit: 'USD', quantity: 5000 });
    const detail = (await api('GET', `/api/v1/risk/help/requests/${requestId}`)).json();
    expect(detail.suggestions.map((s: { offer: { institutionId: string } }) => s.offer.institutionId)).toEqual([a, b]);
    expect(detail.suggestions[0]).toMatchObject({ skill: 1, languages: ['en'], quantity: 4 });
    expect(detail.suggestions[0].distanceKm).toBeLessThan(200);
    expect(detail.suggestions[1].distanceKm).toBeGreaterThan(6000);
    // The public sees none of it.
    expect((await api('GET', '/api/v1/risk/help/requests', undefined, null)).json().items).toEqual([]);
    expect((await api('GET', `/api/v1/risk/help/requests/${requestId}`, undefined, null)).statusCode).toBe(404);
  });

  it('covers a request partly with two offers, tracked from proposal to delivery', async () => {
    const { suggestions } = (await api('GET', `/api/v1/risk/help/requests/${requestId}`)).json();
    const [near, far] = suggestions.map((s: { offer: { id: string } }) => s.offer.id);
    // The requester proposes the near offer; its lab accepts. The far academy proposes its own; the requester accepts.
    const m1 = (await api('POST', '/api/v1/risk/help/matches', { requestId, offerId: near })).json();
    expect(m1).toMatchObject({ status: 'proposed', quantity: 4, proposedBy: 'request' });
    expect((await api('POST', `/api/v1/risk/help/matches/${m1.id}/accept`)).statusCode).toBe(403);
    expect((await api('POST', `/api/v1/risk/help/matches/${m1.id}/accept`, undefined, aToken)).json().status).toBe('accepted');
    const m2 = (await api('POST', '/api/v1/risk/help/matches', { requestId, offerId: far }, bToken)).json();
    expect(m2.proposedBy).toBe('offer');
    expect((await api('POST', '/api/v1/risk/help/matches', { requestId, offerId: far })).statusCode).toBe(409);
    expect((await api('POST', `/api/v1/risk/help/matches/${m2.id}/accept`)).json().status).toBe('accepted');
    expect((await api('POST', `/api/v1/risk/help/matches/${m1.id}/deliver`, undefined, aToken)).statusCode).toBe(403);
    expect((await api('POST', `/api/v1/risk/help/matches/${m1.id}/deliver`)).json().status).toBe('delivered');
    const { request } = (await api('GET', `/api/v1/risk/help/requests/${requestId}`)).json();
    expect(request).toMatchObject({ status: 'open', covered: 7, delivered: 4, remaining: 3 });
    const offers = (await api('GET', '/api/v1/risk/help/offers?kind=expert', undefined, aToken)).json().items;
    expect(offers.find((o: { id: string }) => o.id === near)).toMatchObject({ given: 4, remaining: 0 });
    // Nothing is over-promised: a match beyond what is left is refused, naming the field.
    const over = await api('POST', '/api/v1/risk/help/matches', { requestId, offerId: offers.find((o: { availableFrom: string }) => o.availableFrom === '2027-06-01').id, quantity: 5 }, bToken);
    expect(over.json().error.problems[0].field).toBe('/quantity');
  });

  it('shows the request, what is covered and its matches on the page, and takes new requests through a form', async () => {
    const page = await t.app.inject({ url: `/risk/help/requests/${requestId}?lang=en`, headers: { cookie: needyBrowser.cookie } });
    expect(page.body).toContain('7 expert-days of 10 expert-days covered');
    expect(page.body).toContain('4 expert-days delivered');
    expect(page.body).toContain('Confirm delivery');
    const bad = await postForm(t.app, '/risk/help/requests', { _csrf: needyBrowser.csrf, institutionId: needy, kind: 'storage', title: 'Dry store for archives', quantity: '', unit: 'm²', from: '2026-12-01', until: '2026-11-01' }, needyBrowser.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('must be a number above 0');
    expect(bad.body).toContain('is before the start');
    const ok = await postForm(t.app, '/risk/help/requests', { _csrf: needyBrowser.csrf, institutionId: needy, kind: 'storage', title: 'Dry store for archives', quantity: '40', unit: 'm²', from: '2026-12-01', until: '2027-02-01', languages: 'en, ne' }, needyBrowser.cookie);
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(303);
    const list = await t.app.inject({ url: '/risk/help?lang=fr', headers: { cookie: needyBrowser.cookie } });
    expect(list.body).toContain('Dry store for archives');
    expect(list.body).toContain('Stockage temporaire');
    const anonymous = await t.app.inject({ url: '/risk/help?lang=en' });
    expect(anonymous.body).not.toContain('Dry store for archives');
    expect(anonymous.body).toContain('shown to members of the alliance');
  });
});
