import type { Db } from '../../db/database';
import type { EventRow, EventTable } from './people.table';

/** All SQL of the events calendar. */
export const eventRepository = {
  async find(db: Db, id: string): Promise<EventRow | undefined> {
    return db.selectFrom('event').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Events overlapping [from, to) that are readable at these levels or belong to these institutions (all when null). */
  async list(db: Db, f: { levels: ('public' | 'members')[]; staffOf: string[] | null; from?: string; to?: string; kind?: string; limit: number }): Promise<EventRow[]> {
    let q = db.selectFrom('event').selectAll().orderBy('starts_at').orderBy('id').limit(f.limit);
    const { staffOf, levels } = f;
    if (staffOf) q = q.where((eb) => (staffOf.length ? eb.or([eb('visibility', 'in', levels), eb('institution_id', 'in', staffOf)]) : eb('visibility', 'in', levels)));
    if (f.from) q = q.where('ends_at', '>', f.from);
    if (f.to) q = q.where('starts_at', '<', f.to);
    if (f.kind) q = q.where('kind', '=', f.kind as EventRow['kind']);
    return q.execute();
  },

  async insert(db: Db, row: EventRow): Promise<void> {
    await db.insertInto('event').values(row).execute();
  },

  async update(db: Db, id: string, patch: Partial<Omit<EventTable, 'id'>>): Promise<void> {
    await db.updateTable('event').set(patch).where('id', '=', id).execute();
  },

  async delete(db: Db, id: string): Promise<void> {
    await db.deleteFrom('event').where('id', '=', id).execute();
  },
};
