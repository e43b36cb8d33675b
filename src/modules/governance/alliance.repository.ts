import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { AllianceApplicationStepTable, AllianceApplicationTable, AllianceMembershipEventTable, AllianceRow, AllianceTierTable, ApplicationRow, MembershipEventRow, TierRow } from './governance.table';

/** All SQL of alliances, tiers, membership history and applications. */
export const allianceRepository = {
  listAlliances(db: Db): Promise<AllianceRow[]> {
    return db.selectFrom('alliance').selectAll().orderBy('created_at').orderBy('id').execute();
  },
  findAlliance(db: Db, id: string): Promise<AllianceRow | undefined> {
    return db.selectFrom('alliance').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertAlliance(db: Db, row: AllianceRow): Promise<void> {
    await db.insertInto('alliance').values(row).execute();
  },
  async updateAlliance(db: Db, id: string, set: Partial<AllianceRow>): Promise<void> {
    await db.updateTable('alliance').set(set).where('id', '=', id).execute();
  },

  tiers(db: Db, allianceId: string): Promise<TierRow[]> {
    return db.selectFrom('alliance_tier').selectAll().where('alliance_id', '=', allianceId).orderBy('position').orderBy('code').execute();
  },
  async insertTier(db: Db, row: Insertable<AllianceTierTable>): Promise<void> {
    await db.insertInto('alliance_tier').values(row).execute();
  },
  async updateTier(db: Db, id: string, set: { name: string; position: number }): Promise<void> {
    await db.updateTable('alliance_tier').set(set).where('id', '=', id).execute();
  },

  events(db: Db, allianceId: string, memberKey?: string): Promise<MembershipEventRow[]> {
    let q = db.selectFrom('alliance_membership_event').selectAll().where('alliance_id', '=', allianceId);
    if (memberKey) q = q.where('member_key', '=', memberKey);
    return q.orderBy('effective_on').orderBy('recorded_at').orderBy('id').execute();
  },
  async insertEvent(db: Db, row: Insertable<AllianceMembershipEventTable>): Promise<void> {
    await db.insertInto('alliance_membership_event').values(row).execute();
  },

  /** Institutions that are (or were) members of any alliance, for the figures' "contributing" counts. */
  async institutionsById(db: Db, ids: string[]) {
    if (!ids.length) return [];
    return db.selectFrom('institution').select(['id', 'name', 'country', 'city', 'lat', 'lon', 'kind']).where('id', 'in', ids).where('deleted_at', 'is', null).execute();
  },
  async institutionExists(db: Db, id: string): Promise<boolean> {
    return !!(await db.selectFrom('institution').select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst());
  },

  findApplication(db: Db, id: string): Promise<ApplicationRow | undefined> {
    return db.selectFrom('alliance_application').selectAll().where('id', '=', id).executeTakeFirst();
  },
  listApplications(db: Db, filter: { allianceId?: string; applicantUserId?: string; open?: boolean }): Promise<ApplicationRow[]> {
    let q = db.selectFrom('alliance_application').selectAll();
    if (filter.allianceId) q = q.where('alliance_id', '=', filter.allianceId);
    if (filter.applicantUserId) q = q.where('applicant_user_id', '=', filter.applicantUserId);
    if (filter.open) q = q.where('status', 'not in', ['admitted', 'rejected', 'withdrawn']);
    return q.orderBy('created_at', 'desc').orderBy('id').limit(500).execute();
  },
  async openApplicationFor(db: Db, allianceId: string, memberKey: string): Promise<boolean> {
    const row = await db
      .selectFrom('alliance_application')
      .select('id')
      .where('alliance_id', '=', allianceId)
      .where('member_key', '=', memberKey)
      .where('status', 'not in', ['admitted', 'rejected', 'withdrawn'])
      .executeTakeFirst();
    return !!row;
  },
  async insertApplication(db: Db, row: Insertable<AllianceApplicationTable>): Promise<void> {
    await db.insertInto('alliance_application').values(row).execute();
  },
  /** Moves an application on if it is still in `from` (false when someone else moved it first). */
  async moveApplication(db: Db, id: string, from: string, set: { status: string; updated_at: string; decided_by?: string | null; decided_on?: string | null }): Promise<boolean> {
    const res = await db.updateTable('alliance_application').set(set).where('id', '=', id).where('status', '=', from).executeTakeFirst();
    return Number(res.numUpdatedRows ?? 0) === 1;
  },
  steps(db: Db, applicationId: string) {
    return db.selectFrom('alliance_application_step').selectAll().where('application_id', '=', applicationId).orderBy('at').orderBy('id').execute();
  },
  async insertStep(db: Db, row: Insertable<AllianceApplicationStepTable>): Promise<void> {
    await db.insertInto('alliance_application_step').values(row).execute();
  },
};
