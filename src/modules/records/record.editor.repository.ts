import type { Db } from '../../db/database';

/** The editor's own reads (the records repository has the rest). */
export const editorRepository = {
  /** The stored documents of records by id (callers pass ids the actor may see). */
  async documents(db: Db, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await db.selectFrom('record').select('metadata').where('id', 'in', ids).where('deleted_at', 'is', null).execute();
    return rows.map((r) => r.metadata);
  },
};
