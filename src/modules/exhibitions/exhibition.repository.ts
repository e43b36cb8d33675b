import type { Db } from '../../db/database';
import type {
  ApprovalRow,
  ChapterRow,
  EventRow,
  ExhibitionApprovalTable,
  ExhibitionChapterTable,
  ExhibitionEventTable,
  ExhibitionItemTable,
  ExhibitionRow,
  ExhibitionTable,
  ItemRow,
} from './exhibition.table';

/** All SQL of exhibitions: the exhibition, its curators, language versions, chapters, items, approvals and events. */
export const exhibitionRepository = {
  async insert(db: Db, row: ExhibitionTable, curatorIds: string[]): Promise<void> {
    await db.insertInto('exhibition').values(row).execute();
    await db
      .insertInto('exhibition_curator')
      .values(curatorIds.map((institution_id) => ({ exhibition_id: row.id, institution_id, added_at: row.created_at })))
      .execute();
  },

  async find(db: Db, id: string): Promise<ExhibitionRow | undefined> {
    return db.selectFrom('exhibition').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async findBySlug(db: Db, slug: string): Promise<ExhibitionRow | undefined> {
    return db.selectFrom('exhibition').selectAll().where('slug', '=', slug).executeTakeFirst();
  },

  async update(db: Db, id: string, patch: Partial<Omit<ExhibitionTable, 'id' | 'created_at' | 'created_by'>>): Promise<void> {
    await db.updateTable('exhibition').set(patch).where('id', '=', id).execute();
  },

  /** Exhibitions the public may find (published with a published language) or that these institutions co-curate, newest first. */
  async list(db: Db, opts: { curatedBy: string[] | 'all'; limit: number }): Promise<ExhibitionRow[]> {
    let q = db.selectFrom('exhibition').selectAll().orderBy('updated_at', 'desc').orderBy('id').limit(opts.limit);
    if (opts.curatedBy !== 'all') {
      const curated = opts.curatedBy;
      q = q.where((eb) => {
        const published = eb.and([
          eb('exhibition.status', '=', 'published'),
          eb.exists(eb.selectFrom('exhibition_language as l').select('l.lang').whereRef('l.exhibition_id', '=', 'exhibition.id').where('l.published', '=', 1)),
        ]);
        if (!curated.length) return published;
        return eb.or([published, eb.exists(eb.selectFrom('exhibition_curator as c').select('c.institution_id').whereRef('c.exhibition_id', '=', 'exhibition.id').where('c.institution_id', 'in', curated))]);
      });
    }
    return q.execute();
  },

  async curators(db: Db, exhibitionIds: string[]): Promise<{ exhibition_id: string; institution_id: string }[]> {
    if (!exhibitionIds.length) return [];
    return db.selectFrom('exhibition_curator').select(['exhibition_id', 'institution_id']).where('exhibition_id', 'in', exhibitionIds).orderBy('added_at').orderBy('institution_id').execute();
  },

  async addCurator(db: Db, exhibitionId: string, institutionId: string, at: string): Promise<void> {
    await db.insertInto('exhibition_curator').values({ exhibition_id: exhibitionId, institution_id: institutionId, added_at: at }).execute();
  },

  async removeCurator(db: Db, exhibitionId: string, institutionId: string): Promise<void> {
    await db.deleteFrom('exhibition_curator').where('exhibition_id', '=', exhibitionId).where('institution_id', '=', institutionId).execute();
  },

  async languages(db: Db, exhibitionIds: string[]): Promise<{ exhibition_id: string; lang: string; published: boolean; published_at: string | null }[]> {
    if (!exhibitionIds.length) return [];
    const rows = await db.selectFrom('exhibition_language').selectAll().where('exhibition_id', 'in', exhibitionIds).orderBy('lang').execute();
    return rows.map((r) => ({ ...r, published: Number(r.published) === 1 }));
  },

  async setLanguage(db: Db, exhibitionId: string, lang: string, published: boolean, at: string): Promise<void> {
    await db.deleteFrom('exhibition_language').where('exhibition_id', '=', exhibitionId).where('lang', '=', lang).execute();
    await db.insertInto('exhibition_language').values({ exhibition_id: exhibitionId, lang, published: published ? 1 : 0, published_at: published ? at : null }).execute();
  },

  async chapters(db: Db, exhibitionId: string): Promise<ChapterRow[]> {
    return db.selectFrom('exhibition_chapter').selectAll().where('exhibition_id', '=', exhibitionId).orderBy('position').orderBy('id').execute();
  },

  async insertChapter(db: Db, row: ExhibitionChapterTable): Promise<void> {
    await db.insertInto('exhibition_chapter').values(row).execute();
  },

  async updateChapter(db: Db, id: string, patch: Partial<Pick<ExhibitionChapterTable, 'layout' | 'title' | 'body' | 'position'>>): Promise<void> {
    await db.updateTable('exhibition_chapter').set(patch).where('id', '=', id).execute();
  },

  async deleteChapter(db: Db, id: string): Promise<void> {
    await db.deleteFrom('exhibition_item').where('chapter_id', '=', id).execute();
    await db.deleteFrom('exhibition_chapter').where('id', '=', id).execute();
  },

  async items(db: Db, exhibitionId: string): Promise<ItemRow[]> {
    return db.selectFrom('exhibition_item').selectAll().where('exhibition_id', '=', exhibitionId).orderBy('chapter_id').orderBy('position').orderBy('id').execute();
  },

  async insertItem(db: Db, row: ExhibitionItemTable): Promise<void> {
    await db.insertInto('exhibition_item').values(row).execute();
  },

  async deleteItem(db: Db, id: string): Promise<void> {
    await db.deleteFrom('exhibition_item').where('id', '=', id).execute();
  },

  async countItemsOfRecord(db: Db, exhibitionId: string, recordId: string): Promise<number> {
    const r = await db.selectFrom('exhibition_item').select((eb) => eb.fn.countAll().as('n')).where('exhibition_id', '=', exhibitionId).where('record_id', '=', recordId).executeTakeFirst();
    return Number(r?.n ?? 0);
  },

  async approvals(db: Db, exhibitionId: string): Promise<ApprovalRow[]> {
    return db.selectFrom('exhibition_approval').selectAll().where('exhibition_id', '=', exhibitionId).orderBy('requested_at').execute();
  },

  async findApproval(db: Db, exhibitionId: string, recordId: string): Promise<ApprovalRow | undefined> {
    return db.selectFrom('exhibition_approval').selectAll().where('exhibition_id', '=', exhibitionId).where('record_id', '=', recordId).executeTakeFirst();
  },

  async insertApproval(db: Db, row: ExhibitionApprovalTable): Promise<void> {
    await db.insertInto('exhibition_approval').values(row).execute();
  },

  async decideApproval(db: Db, exhibitionId: string, recordId: string, patch: Pick<ExhibitionApprovalTable, 'status' | 'decided_by' | 'decided_at' | 'note'>): Promise<void> {
    await db.updateTable('exhibition_approval').set(patch).where('exhibition_id', '=', exhibitionId).where('record_id', '=', recordId).execute();
  },

  async deleteApproval(db: Db, exhibitionId: string, recordId: string): Promise<void> {
    await db.deleteFrom('exhibition_approval').where('exhibition_id', '=', exhibitionId).where('record_id', '=', recordId).execute();
  },

  /** Requests addressed to these institutions (all when 'all'), pending first, then the latest decisions. */
  async approvalsFor(db: Db, institutionIds: string[] | 'all', limit: number): Promise<ApprovalRow[]> {
    if (institutionIds !== 'all' && !institutionIds.length) return [];
    let q = db.selectFrom('exhibition_approval').selectAll().orderBy((eb) => eb.case().when('status', '=', 'pending').then(0).else(1).end()).orderBy('requested_at', 'desc').limit(limit);
    if (institutionIds !== 'all') q = q.where('institution_id', 'in', institutionIds);
    return q.execute();
  },

  async events(db: Db, exhibitionIds: string[]): Promise<EventRow[]> {
    if (!exhibitionIds.length) return [];
    return db.selectFrom('exhibition_event').selectAll().where('exhibition_id', 'in', exhibitionIds).orderBy('starts_at').orderBy('id').execute();
  },

  async insertEvent(db: Db, row: ExhibitionEventTable): Promise<void> {
    await db.insertInto('exhibition_event').values(row).execute();
  },

  async deleteEvent(db: Db, exhibitionId: string, id: string): Promise<number> {
    const r = await db.deleteFrom('exhibition_event').where('exhibition_id', '=', exhibitionId).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows ?? 0);
  },

  /** Published exhibitions that show a record (before visibility is applied to the item). */
  async publishedShowing(db: Db, recordId: string, limit: number): Promise<ExhibitionRow[]> {
    return db
      .selectFrom('exhibition')
      .selectAll()
      .where('status', '=', 'published')
      .where((eb) => eb.exists(eb.selectFrom('exhibition_item as i').select('i.id').whereRef('i.exhibition_id', '=', 'exhibition.id').where('i.record_id', '=', recordId)))
      .orderBy('published_at', 'desc')
      .limit(limit)
      .execute();
  },

  /** Events from an instant on (or still running) of exhibitions on view, soonest first. */
  async upcomingEvents(db: Db, from: string, limit: number): Promise<(EventRow & { slug: string })[]> {
    return db
      .selectFrom('exhibition_event as e')
      .innerJoin('exhibition as x', 'x.id', 'e.exhibition_id')
      .selectAll('e')
      .select('x.slug')
      .where('x.status', '=', 'published')
      .where((eb) => eb.exists(eb.selectFrom('exhibition_language as l').select('l.lang').whereRef('l.exhibition_id', '=', 'x.id').where('l.published', '=', 1)))
      .where((eb) => eb.or([eb('e.starts_at', '>=', from), eb('e.ends_at', '>=', from)]))
      .orderBy('e.starts_at')
      .orderBy('e.id')
      .limit(limit)
      .execute();
  },
};
