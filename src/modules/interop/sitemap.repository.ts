import type { Db } from '../../db/database';
import { PUBLIC } from '../accounts/actor';
import { visibleTo } from '../records/record.visibility';

/** What a sitemap lists of a record. */
export interface SitemapRecordRow {
  seq: number;
  id: string;
  /** When the public saw the record change last (its public trace: the last edit, or the end of a later embargo). */
  public_at: string;
}

/** All SQL of the sitemap: records the public may see, by `seq`, whoever asks. */
export const sitemapRepository = {
  /** How many records the public may see, counting no further than `limit` (the work stays bounded). */
  async countPublicUpTo(db: Db, limit: number, now: string): Promise<number> {
    const r = await db
      .selectFrom((eb) => eb.selectFrom('record').select('seq').where(visibleTo(PUBLIC, now)).limit(limit).as('r'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** The first record the public may see after `afterSeq`, or undefined when there is none. */
  async nextPublicSeq(db: Db, afterSeq: number, now: string): Promise<number | undefined> {
    const r = await db.selectFrom('record').select('seq').where('seq', '>', afterSeq).where(visibleTo(PUBLIC, now)).orderBy('seq').limit(1).executeTakeFirst();
    return r?.seq;
  },

  /** A page of records the public may see with `afterSeq < seq <= toSeq` (no upper bound when null), in `seq` order. */
  async listPublic(db: Db, opts: { afterSeq: number; toSeq: number | null; limit: number; now: string }): Promise<SitemapRecordRow[]> {
    let q = db.selectFrom('record').select(['seq', 'id', 'public_at']).where('seq', '>', opts.afterSeq).where(visibleTo(PUBLIC, opts.now));
    if (opts.toSeq !== null) q = q.where('seq', '<=', opts.toSeq);
    return q.orderBy('seq').limit(opts.limit).execute();
  },
};
