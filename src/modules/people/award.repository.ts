import type { Db } from '../../db/database';
import type { AwardNominationRow, AwardRow, AwardTable } from './people.table';

export interface ScoreRow {
  nomination_id: string;
  juror_id: string;
  juror_email: string;
  score: number;
  comment: string | null;
}

/** All SQL of awards, their juries, nominations and scores. */
export const awardRepository = {
  async find(db: Db, id: string): Promise<AwardRow | undefined> {
    return db.selectFrom('award').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async list(db: Db): Promise<AwardRow[]> {
    return db.selectFrom('award').selectAll().orderBy('deadline', 'desc').orderBy('id').limit(200).execute();
  },

  async insert(db: Db, row: AwardRow): Promise<void> {
    await db.insertInto('award').values(row).execute();
  },

  async update(db: Db, id: string, patch: Partial<Omit<AwardTable, 'id'>>): Promise<void> {
    await db.updateTable('award').set(patch).where('id', '=', id).execute();
  },

  async jurors(db: Db, awardId: string): Promise<{ user_id: string; email: string }[]> {
    return db.selectFrom('award_juror').innerJoin('app_user', 'app_user.id', 'award_juror.user_id').select(['award_juror.user_id', 'app_user.email']).where('award_juror.award_id', '=', awardId).orderBy('app_user.email').execute();
  },

  async replaceJurors(db: Db, awardId: string, userIds: string[]): Promise<void> {
    await db.deleteFrom('award_juror').where('award_id', '=', awardId).execute();
    if (userIds.length) await db.insertInto('award_juror').values(userIds.map((user_id) => ({ award_id: awardId, user_id }))).execute();
  },

  async usersByEmail(db: Db, emails: string[]): Promise<{ id: string; email: string }[]> {
    if (!emails.length) return [];
    return db.selectFrom('app_user').select(['id', 'email']).where('email', 'in', emails).where('disabled_at', 'is', null).execute();
  },

  async nominations(db: Db, awardId: string, opts: { nominatedBy?: string; winnersOnly?: boolean } = {}): Promise<AwardNominationRow[]> {
    let q = db.selectFrom('award_nomination').selectAll().where('award_id', '=', awardId).orderBy('created_at').orderBy('id');
    if (opts.nominatedBy) q = q.where('nominated_by', '=', opts.nominatedBy);
    if (opts.winnersOnly) q = q.where('winner', '=', 1);
    return q.execute();
  },

  async findNomination(db: Db, id: string): Promise<AwardNominationRow | undefined> {
    return db.selectFrom('award_nomination').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async insertNomination(db: Db, row: AwardNominationRow): Promise<void> {
    await db.insertInto('award_nomination').values(row).execute();
  },

  async setWinners(db: Db, awardId: string, ids: string[]): Promise<void> {
    await db.updateTable('award_nomination').set({ winner: 0 }).where('award_id', '=', awardId).execute();
    if (ids.length) await db.updateTable('award_nomination').set({ winner: 1 }).where('award_id', '=', awardId).where('id', 'in', ids).execute();
  },

  async scores(db: Db, awardId: string): Promise<ScoreRow[]> {
    return db
      .selectFrom('award_score')
      .innerJoin('award_nomination', 'award_nomination.id', 'award_score.nomination_id')
      .innerJoin('app_user', 'app_user.id', 'award_score.juror_id')
      .select(['award_score.nomination_id', 'award_score.juror_id', 'app_user.email as juror_email', 'award_score.score', 'award_score.comment'])
      .where('award_nomination.award_id', '=', awardId)
      .orderBy('app_user.email')
      .execute();
  },

  /** Sets a juror's score of a nomination (replacing an earlier one). */
  async putScore(db: Db, row: { nomination_id: string; juror_id: string; score: number; comment: string | null; scored_at: string }): Promise<void> {
    await db.deleteFrom('award_score').where('nomination_id', '=', row.nomination_id).where('juror_id', '=', row.juror_id).execute();
    await db.insertInto('award_score').values(row).execute();
  },
};
