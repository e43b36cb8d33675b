import type { Store } from '../../src/modules/records/record.store';
import { createInstitution } from '../../src/modules/institutions/institution.service';
import type { Institution, InstitutionInput } from '../../src/modules/institutions/institution.schema';
import { createRecord } from '../../src/modules/records/record.service';
import type { HeritageRecord, RecordInput } from '../../src/modules/records/record.schema';
import { actorForUser, createToken, createUser } from '../../src/modules/accounts/account.service';
import type { Actor, InstitutionRole } from '../../src/modules/accounts/actor';

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export const SYSTEM_ADMIN: Actor = { kind: 'user', userId: 'system', email: 'system@test', isAdmin: true, memberships: [] };

/** A new institution (defaults: a museum in China). */
export async function newInstitution(store: Store, overrides: Partial<InstitutionInput> = {}): Promise<Institution> {
  return createInstitution(store.db, SYSTEM_ADMIN, {
    id: `inst-${next()}`,
    name: { en: ['Test Museum'] },
    country: 'CN',
    kind: 'museum',
    ...overrides,
  });
}

/** A new record (defaults: a public object with an English title). */
export async function newRecord(store: Store, overrides: Partial<RecordInput> & { institutionId: string }): Promise<HeritageRecord> {
  return createRecord(store, SYSTEM_ADMIN, { kind: 'object', title: { en: [`Object ${next()}`] }, ...overrides });
}

/** A new user with a role in an institution (or an alliance admin), with its actor and an API token. */
export async function newUser(
  store: Store,
  opts: { role?: InstitutionRole; institutionId?: string; admin?: boolean; scopes?: string[] } = {},
): Promise<{ email: string; actor: Actor; token: string }> {
  const email = `user-${next()}@example.org`;
  const user = await createUser(store.db, { email, isAdmin: opts.admin, institutionId: opts.institutionId, role: opts.role, password: 'correct horse battery' });
  const { token } = await createToken(store.db, { email, scopes: opts.scopes ?? ['read', 'write', 'import'] });
  return { email, actor: (await actorForUser(store.db, user.id))!, token };
}
