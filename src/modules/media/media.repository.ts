import { bumpCatalogueVersion } from '../../db/app-state';
import type { Db } from '../../db/database';
import { nowIso } from '../../shared/ids';
import type { MediaRow, MediaUpdate, NewMediaRow } from './media.table';

/** All SQL of media. */
export const mediaRepository = {
  async insert(db: Db, row: NewMediaRow): Promise<MediaRow> {
    await db.insertInto('media').values(row).execute();
    return (await this.find(db, row.id))!;
  },

  /** The position after the last image of a record (ties from concurrent uploads are ordered by creation). */
  async nextPosition(db: Db, recordId: string): Promise<number> {
    const r = await db.selectFrom('media').select((eb) => eb.fn.max('position').as('p')).where('record_id', '=', recordId).executeTakeFirst();
    return Number(r?.p ?? 0) + 1;
  },

  async find(db: Db, id: string): Promise<MediaRow | undefined> {
    return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Every media item of a record, in order (visibility is filtered by the service). */
  async listForRecord(db: Db, recordId: string): Promise<MediaRow[]> {
    return db.selectFrom('media').selectAll().where('record_id', '=', recordId).orderBy('position').orderBy('created_at').execute();
  },

  async update(db: Db, id: string, set: MediaUpdate): Promise<void> {
    await db.updateTable('media').set(set).where('id', '=', id).execute();
  },

  async setPositions(db: Db, positions: { id: string; position: number }[], now: string): Promise<void> {
    for (const p of positions) await db.updateTable('media').set({ position: p.position, updated_at: now }).where('id', '=', p.id).execute();
  },

  async remove(db: Db, id: string): Promise<void> {
    await db.deleteFrom('media').where('id', '=', id).execute();
  },

  /**
   * Keeps the record's `has_media` flag (the "with images" facet) true only while it has a ready
   * image the public may see, so the facet never reveals hidden images.
   */
  async refreshRecordFlag(db: Db, recordId: string): Promise<void> {
    const shown = await db
      .selectFrom('media')
      .select('id')
      .where('record_id', '=', recordId)
      .where('status', '=', 'ready')
      .where('visibility', '=', 'public')
      .where('embargo_until', 'is', null)
      .limit(1)
      .executeTakeFirst();
    const flag = shown ? 1 : 0;
    const now = nowIso();
    // A change of the record's images is a change the public sees (feeds announce it), unless the
    // record waits for an embargo to end, which is announced then.
    const r = await db
      .updateTable('record')
      .set((eb) => ({ has_media: flag, updated_at: now, public_at: eb.case().when('public_at', '<', now).then(now).else(eb.ref('public_at')).end() })).where('id', '=', recordId).where('has_media', '!=', flag).executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0) await bumpCatalogueVersion(db);
  },
};
