import type { Db } from '../../db/database';
import type { NotificationRow } from './notification.table';

/** All SQL of notifications. */
export const notificationRepository = {
  async insertMany(db: Db, rows: NotificationRow[]): Promise<void> {
    if (rows.length) await db.insertInto('notification').values(rows).execute();
  },

  async listForUser(db: Db, userId: string, limit: number): Promise<NotificationRow[]> {
    return db.selectFrom('notification').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  },

  async countUnread(db: Db, userId: string): Promise<number> {
    const row = await db.selectFrom('notification').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  /** Marks one (or, with `id` null, every) unread notification of the user read; returns how many changed. */
  async markRead(db: Db, userId: string, id: string | null, at: string): Promise<number> {
    let q = db.updateTable('notification').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
    if (id) q = q.where('id', '=', id);
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows ?? 0);
  },

  async exists(db: Db, userId: string, id: string): Promise<boolean> {
    return !!(await db.selectFrom('notification').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst());
  },

  async emails(db: Db, userIds: string[]): Promise<{ id: string; email: string }[]> {
    if (!userIds.length) return [];
    return db.selectFrom('app_user').select(['id', 'email']).where('id', 'in', userIds).where('disabled_at', 'is', null).execute();
  },

  async adminIds(db: Db): Promise<string[]> {
    const rows = await db.selectFrom('app_user').select('id').where('is_admin', '=', 1).where('disabled_at', 'is', null).execute();
    return rows.map((r) => r.id);
  },
};
