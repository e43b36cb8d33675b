import type { Db } from '../../db/database';
import { isAllianceMember, staffOf, type Actor } from '../accounts/actor';
import { visibleTo } from '../records/record.visibility';

/** SQL of the alliance's figures: what member institutions contribute, as the actor may see it. */
export const figuresRepository = {
  /** Records per institution, among `institutionIds`, created by `until` and visible to the actor. */
  async recordsByInstitution(db: Db, actor: Actor, institutionIds: string[], until: string): Promise<Map<string, number>> {
    if (!institutionIds.length) return new Map();
    const rows = await db
      .selectFrom('record')
      .select(['record.institution_id', (eb) => eb.fn.countAll().as('n')])
      .where(visibleTo(actor))
      .where('record.institution_id', 'in', institutionIds)
      .where('record.created_at', '<=', until)
      .groupBy('record.institution_id')
      .execute();
    return new Map(rows.map((r) => [r.institution_id, Number(r.n)]));
  },

  /** Images of those records that the actor may see on their own settings too (the media module's rule, in SQL). */
  async images(db: Db, actor: Actor, institutionIds: string[], until: string): Promise<number> {
    if (!institutionIds.length) return 0;
    const now = new Date().toISOString();
    const admin = actor.kind === 'user' && actor.isAdmin;
    const levels = isAllianceMember(actor) ? ['public', 'members'] : ['public'];
    const own = staffOf(actor);
    let q = db
      .selectFrom('media')
      .innerJoin('record', 'record.id', 'media.record_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(visibleTo(actor))
      .where('record.institution_id', 'in', institutionIds)
      .where('media.status', '=', 'ready')
      .where('media.created_at', '<=', until);
    if (!admin) {
      q = q.where((eb) => {
        const released = eb.and([eb('media.visibility', 'in', levels), eb.or([eb('media.embargo_until', 'is', null), eb('media.embargo_until', '<=', now)])]);
        return own.length ? eb.or([released, eb('media.institution_id', 'in', own)]) : released;
      });
    }
    const row = await q.executeTakeFirst();
    return Number(row?.n ?? 0);
  },
};
