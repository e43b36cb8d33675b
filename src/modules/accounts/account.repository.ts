import type { Db } from '../../db/database';
import type { ApiTokenRow, AppUserRow } from './account.table';

/** All SQL of users, memberships and API tokens. */
export const accountRepository = {
  async insertUser(db: Db, row: AppUserRow): Promise<void> {
    await db.insertInto('app_user').values(row).execute();
  },

  async findUserByEmail(db: Db, email: string): Promise<AppUserRow | undefined> {
    return db.selectFrom('app_user').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  },

  async findUserById(db: Db, id: string): Promise<AppUserRow | undefined> {
    return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async setMembership(db: Db, userId: string, institutionId: string, role: string): Promise<void> {
    await db.deleteFrom('user_institution').where('user_id', '=', userId).where('institution_id', '=', institutionId).execute();
    await db.insertInto('user_institution').values({ user_id: userId, institution_id: institutionId, role }).execute();
  },

  async membershipsOf(db: Db, userId: string): Promise<{ institution_id: string; role: string }[]> {
    return db.selectFrom('user_institution').select(['institution_id', 'role']).where('user_id', '=', userId).orderBy('institution_id').execute();
  },

  async insertToken(db: Db, row: ApiTokenRow): Promise<void> {
    await db.insertInto('api_token').values(row).execute();
  },

  async findTokenByHash(db: Db, hash: string): Promise<ApiTokenRow | undefined> {
    return db.selectFrom('api_token').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  },

  async touchToken(db: Db, id: string, at: string): Promise<void> {
    await db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', id).execute();
  },

  async countAdmins(db: Db): Promise<number> {
    const r = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).where('is_admin', '=', 1).executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
