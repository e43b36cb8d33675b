import type { Db } from '../../db/database';
import type { CaseStudyLinkTable, CaseStudyRow } from './people.table';

/** All SQL of case studies and their links. */
export const practiceRepository = {
  async find(db: Db, id: string): Promise<CaseStudyRow | undefined> {
    return db.selectFrom('case_study').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Case studies readable at these levels or of these institutions (all when null), matching every token as a word prefix. */
  async search(db: Db, f: { levels: ('public' | 'members')[]; staffOf: string[] | null; tokens: string[]; institutionId?: string; limit: number }): Promise<CaseStudyRow[]> {
    let q = db.selectFrom('case_study').selectAll().orderBy('updated_at', 'desc').orderBy('id').limit(f.limit);
    const { staffOf, levels } = f;
    if (staffOf) q = q.where((eb) => (staffOf.length ? eb.or([eb('visibility', 'in', levels), eb('institution_id', 'in', staffOf)]) : eb('visibility', 'in', levels)));
    for (const tok of f.tokens) q = q.where('search_text', 'like', `% ${tok.replace(/[%_\\]/g, '')}%`);
    if (f.institutionId) q = q.where('institution_id', '=', f.institutionId);
    return q.execute();
  },

  async insert(db: Db, row: CaseStudyRow): Promise<void> {
    await db.insertInto('case_study').values(row).execute();
  },

  async update(db: Db, id: string, patch: Pick<CaseStudyRow, 'doc' | 'search_text' | 'visibility' | 'updated_at'>): Promise<void> {
    await db.updateTable('case_study').set(patch).where('id', '=', id).execute();
  },

  async links(db: Db, id: string): Promise<CaseStudyLinkTable[]> {
    return db.selectFrom('case_study_link').selectAll().where('case_study_id', '=', id).orderBy('target_kind').orderBy('target_id').execute();
  },

  async replaceLinks(db: Db, id: string, links: CaseStudyLinkTable[]): Promise<void> {
    await db.deleteFrom('case_study_link').where('case_study_id', '=', id).execute();
    if (links.length) await db.insertInto('case_study_link').values(links).execute();
  },
};
