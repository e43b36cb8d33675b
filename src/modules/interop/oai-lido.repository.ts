import type { Db } from '../../db/database';
import { PUBLIC } from '../accounts/actor';
import type { MediaRow } from '../media/media.table';
import { visibleTo } from '../records/record.visibility';

/** The SQL of the LIDO writer: what a page of records links to, read in one query each. */
export const oaiLidoRepository = {
  /** The ready images of some records, in their order (their own visibility is checked by the caller). */
  async readyImages(db: Db, recordIds: string[]): Promise<MediaRow[]> {
    if (!recordIds.length) return [];
    return db
      .selectFrom('media')
      .selectAll()
      .where('record_id', 'in', recordIds)
      .where('status', '=', 'ready')
      .orderBy('record_id')
      .orderBy('position')
      .orderBy('created_at')
      .execute();
  },

  /** Of some record ids, those the public may see, with their documents (for their titles). */
  async publicRecords(db: Db, ids: string[], now: string): Promise<{ id: string; metadata: string }[]> {
    if (!ids.length) return [];
    return db.selectFrom('record').select(['id', 'metadata']).where('id', 'in', ids).where(visibleTo(PUBLIC, now)).execute();
  },
};
