import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/test-app';
import { newInstitution, newRecord, newUser } from './helpers/factories';
import { signInBrowser, type BrowserSession } from './helpers/browser-session';

/**
 * Who sees what, on every read surface that exists, for every role: the expected sets are
 * written out by hand below (not derived from the rule under test).
 */
const KINDS = ['pub', 'mem', 'priv', 'embargoFuture', 'embargoPast', 'memEmbargoFuture'] as const;
type Kind = (typeof KINDS)[number];
const ROLES = ['anonymous', 'memberOfA', 'curatorOfA', 'curatorOfB', 'institutionAdminOfA', 'allianceAdmin'] as const;
type Role = (typeof ROLES)[number];

const EVERYONE: Kind[] = ['pub', 'embargoPast'];
const MEMBERS: Kind[] = ['pub', 'embargoPast', 'mem'];
const ALL: Kind[] = [...KINDS];
const EXPECTED: Record<Role, { A: Kind[]; B: Kind[] }> = {
  anonymous: { A: EVERYONE, B: EVERYONE },
  memberOfA: { A: ALL, B: MEMBERS },
  curatorOfA: { A: ALL, B: MEMBERS },
  curatorOfB: { A: MEMBERS, B: ALL },
  institutionAdminOfA: { A: ALL, B: MEMBERS },
  allianceAdmin: { A: ALL, B: ALL },
};
/** Who may read a record's history: its institution's editors and alliance admins. */
const EDITORS: Record<Role, ('A' | 'B')[]> = {
  anonymous: [],
  memberOfA: [],
  curatorOfA: ['A'],
  curatorOfB: ['B'],
  institutionAdminOfA: ['A'],
  allianceAdmin: ['A', 'B'],
};

describe('one visibility rule on every surface, for every role', () => {
  let t: TestApp;
  const ids: Record<'A' | 'B', Record<Kind, string>> = { A: {} as Record<Kind, string>, B: {} as Record<Kind, string> };
  const inst: Record<'A' | 'B', string> = { A: '', B: '' };
  const tokens = {} as Record<Role, string | null>;
  const sessions = {} as Record<Role, BrowserSession | null>;

  beforeAll(async () => {
    t = await buildTestApp();
    inst.A = (await newInstitution(t.store, { name: { en: ['Holder A'] } })).id;
    inst.B = (await newInstitution(t.store, { name: { en: ['Holder B'] }, country: 'UZ' })).id;
    const future = new Date(Date.now() + 365 * 86400_000).toISOString();
    const past = new Date(Date.now() - 86400_000).toISOString();
    const shape: Record<Kind, { visibility: 'public' | 'members' | 'private'; embargoUntil?: string }> = {
      pub: { visibility: 'public' },
      mem: { visibility: 'members' },
      priv: { visibility: 'private' },
      embargoFuture: { visibility: 'public', embargoUntil: future },
      embargoPast: { visibility: 'public', embargoUntil: past },
      memEmbargoFuture: { visibility: 'members', embargoUntil: future },
    };
    for (const side of ['A', 'B'] as const) {
      for (const kind of KINDS) {
        const r = await newRecord(t.store, { institutionId: inst[side], title: { en: [`Matrixword ${side} ${kind}`] }, ...shape[kind] });
        ids[side][kind] = r.id;
      }
    }
    const users = {
      memberOfA: await newUser(t.store, { role: 'member', institutionId: inst.A }),
      curatorOfA: await newUser(t.store, { role: 'curator', institutionId: inst.A }),
      curatorOfB: await newUser(t.store, { role: 'curator', institutionId: inst.B }),
      institutionAdminOfA: await newUser(t.store, { role: 'institution-admin', institutionId: inst.A }),
      allianceAdmin: await newUser(t.store, { admin: true }),
    };
    tokens.anonymous = null;
    sessions.anonymous = null;
    for (const [role, u] of Object.entries(users)) {
      tokens[role as Role] = u.token;
      sessions[role as Role] = await signInBrowser(t.app, u.email);
    }
  });
  afterAll(() => t.close());

  const expectedIds = (role: Role) => new Set((['A', 'B'] as const).flatMap((side) => EXPECTED[role][side].map((k) => ids[side][k])));
  const allIds = () => (['A', 'B'] as const).flatMap((side) => KINDS.map((k) => ids[side][k]));
  const api = (role: Role, url: string) => t.app.inject({ url, headers: tokens[role] ? { authorization: `Bearer ${tokens[role]}` } : {} });
  const page = (role: Role, url: string) => t.app.inject({ url, headers: sessions[role] ? { cookie: sessions[role]!.cookie } : {} });
  const linkedIds = (html: string) => new Set([...html.matchAll(/href="\/records\/([^"?#]+)"/g)].map((m) => decodeURIComponent(m[1])).filter((id) => allIds().includes(id)));

  for (const role of ROLES) {
    describe(role, () => {
      it('reads exactly the visible records through the API (others are 404, as if they did not exist)', async () => {
        const visible = expectedIds(role);
        for (const id of allIds()) {
          const res = await api(role, `/api/v1/records/${id}`);
          expect(res.statusCode, `${role} GET ${id}`).toBe(visible.has(id) ? 200 : 404);
        }
      });

      it('lists exactly the visible records through the API list', async () => {
        const res = await api(role, '/api/v1/records?limit=500');
        const listed = new Set((res.json().items as { id: string }[]).map((r) => r.id));
        expect(listed).toEqual(expectedIds(role));
      });

      it('finds exactly the visible records in API search, with totals and facet counts that match', async () => {
        const res = await api(role, '/api/v1/search?q=matrixword&limit=100&facets=institution,country,kind');
        const body = res.json();
        expect(new Set((body.items as { id: string }[]).map((h) => h.id))).toEqual(expectedIds(role));
        expect(body.total).toBe(expectedIds(role).size);
        const counts = Object.fromEntries((body.facets.institution as { value: string; count: number }[]).map((f) => [f.value, f.count]));
        expect(counts).toEqual({ [inst.A]: EXPECTED[role].A.length, [inst.B]: EXPECTED[role].B.length });
        const countries = Object.fromEntries((body.facets.country as { value: string; count: number }[]).map((f) => [f.value, f.count]));
        expect(countries).toEqual({ CN: EXPECTED[role].A.length, UZ: EXPECTED[role].B.length });
      });

      it('shows exactly the visible records as pages, and hides the rest as 404', async () => {
        const visible = expectedIds(role);
        for (const id of allIds()) {
          const res = await page(role, `/records/${id}`);
          expect(res.statusCode, `${role} page ${id}`).toBe(visible.has(id) ? 200 : 404);
        }
      });

      it('lists exactly the visible records on the search page and the institution pages', async () => {
        const search = await page(role, '/search?q=matrixword&limit=100');
        expect(linkedIds(search.body)).toEqual(expectedIds(role));
        const onInstitutionPages = new Set([...linkedIds((await page(role, `/institutions/${inst.A}`)).body), ...linkedIds((await page(role, `/institutions/${inst.B}`)).body)]);
        expect(onInstitutionPages).toEqual(expectedIds(role));
      });

      it('opens record histories only to the editors of the institution', async () => {
        for (const side of ['A', 'B'] as const) {
          for (const kind of KINDS) {
            const res = await api(role, `/api/v1/records/${ids[side][kind]}/versions`);
            const editor = EDITORS[role].includes(side);
            if (editor) expect(res.statusCode).toBe(200);
            else expect(res.statusCode, `${role} versions ${side}.${kind}`).toBe(!expectedIds(role).has(ids[side][kind]) ? 404 : role === 'anonymous' ? 401 : 403);
          }
        }
      });
    });
  }
});
