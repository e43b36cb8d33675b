import type { Db } from '../../db/database';
import type { ExpertRow } from './people.table';

/** All SQL of the experts directory. */
export const expertRepository = {
  async find(db: Db, id: string): Promise<ExpertRow | undefined> {
    return db.selectFrom('expert').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async findByUser(db: Db, userId: string): Promise<ExpertRow | undefined> {
    return db.selectFrom('expert').selectAll().where('user_id', '=', userId).executeTakeFirst();
  },

  /** Listed experts, by name; skills and languages are JSON arrays matched by their quoted element. */
  async listListed(db: Db, f: { skill?: string; language?: string; availability?: string }): Promise<ExpertRow[]> {
    let q = db.selectFrom('expert').selectAll().where('listed', '=', 1).orderBy('name').orderBy('id').limit(500);
    if (f.skill) q = q.where('skills', 'like', `%${JSON.stringify(f.skill).replace(/[%_]/g, '')}%`);
    // A language also finds its regional and script variants: "zh" finds "zh-Hant".
    const lang = f.language?.replace(/[%_"\\]/g, '');
    if (lang) q = q.where((eb) => eb.or([eb('languages', 'like', `%"${lang}"%`), eb('languages', 'like', `%"${lang}-%`)]));
    if (f.availability) q = q.where('availability', '=', f.availability as ExpertRow['availability']);
    return q.execute();
  },

  async insert(db: Db, row: ExpertRow): Promise<void> {
    await db.insertInto('expert').values(row).execute();
  },

  async update(db: Db, row: ExpertRow): Promise<void> {
    const { id, ...rest } = row;
    await db.updateTable('expert').set(rest).where('id', '=', id).execute();
  },

  async delete(db: Db, id: string): Promise<void> {
    await db.deleteFrom('expert').where('id', '=', id).execute();
  },
};
