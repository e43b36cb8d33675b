import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { MeetingParticipantTable, MeetingRow, MeetingTable, MeetingVoteTable, ResolutionRow, ResolutionTable, ResolutionVersionTable } from './governance.table';

/** All SQL of meetings, their participants and votes, and resolutions with their versions. */
export const meetingRepository = {
  listMeetings(db: Db, allianceId: string, visibilities: string[]): Promise<MeetingRow[]> {
    return db.selectFrom('meeting').selectAll().where('alliance_id', '=', allianceId).where('visibility', 'in', visibilities).orderBy('starts_on', 'desc').orderBy('id').limit(500).execute();
  },
  findMeeting(db: Db, id: string): Promise<MeetingRow | undefined> {
    return db.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertMeeting(db: Db, row: Insertable<MeetingTable>): Promise<void> {
    await db.insertInto('meeting').values(row).execute();
  },
  async updateMeeting(db: Db, id: string, set: Partial<MeetingRow>): Promise<void> {
    await db.updateTable('meeting').set(set).where('id', '=', id).execute();
  },
  participants(db: Db, meetingId: string) {
    return db.selectFrom('meeting_participant').selectAll().where('meeting_id', '=', meetingId).orderBy('kind').orderBy('id').execute();
  },
  async replaceParticipants(db: Db, meetingId: string, rows: Insertable<MeetingParticipantTable>[]): Promise<void> {
    await db.deleteFrom('meeting_participant').where('meeting_id', '=', meetingId).execute();
    if (rows.length) await db.insertInto('meeting_participant').values(rows).execute();
  },
  votes(db: Db, meetingId: string) {
    return db.selectFrom('meeting_vote').selectAll().where('meeting_id', '=', meetingId).orderBy('created_at').orderBy('id').execute();
  },
  async insertVote(db: Db, row: Insertable<MeetingVoteTable>): Promise<void> {
    await db.insertInto('meeting_vote').values(row).execute();
  },
  async linkVote(db: Db, voteId: string, resolutionId: string): Promise<void> {
    await db.updateTable('meeting_vote').set({ resolution_id: resolutionId }).where('id', '=', voteId).execute();
  },
  findVote(db: Db, id: string) {
    return db.selectFrom('meeting_vote').selectAll().where('id', '=', id).executeTakeFirst();
  },

  listResolutions(db: Db, filter: { allianceId?: string; meetingId?: string; visibilities: string[] }) {
    let q = db
      .selectFrom('resolution')
      .innerJoin('resolution_version', (j) => j.onRef('resolution_version.resolution_id', '=', 'resolution.id').onRef('resolution_version.version', '=', 'resolution.version'))
      .select(['resolution.id', 'resolution.alliance_id', 'resolution.meeting_id', 'resolution.kind', 'resolution.adopted_on', 'resolution.visibility', 'resolution.version', 'resolution_version.title'])
      .where('resolution.visibility', 'in', filter.visibilities);
    if (filter.allianceId) q = q.where('resolution.alliance_id', '=', filter.allianceId);
    if (filter.meetingId) q = q.where('resolution.meeting_id', '=', filter.meetingId);
    return q.orderBy('resolution.adopted_on', 'desc').orderBy('resolution.id').limit(500).execute();
  },
  findResolution(db: Db, id: string): Promise<ResolutionRow | undefined> {
    return db.selectFrom('resolution').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertResolution(db: Db, row: Insertable<ResolutionTable>): Promise<void> {
    await db.insertInto('resolution').values(row).execute();
  },
  /** Moves the resolution to its next version if `from` is still current (false otherwise). */
  async bumpResolution(db: Db, id: string, from: number): Promise<boolean> {
    const res = await db.updateTable('resolution').set({ version: from + 1 }).where('id', '=', id).where('version', '=', from).executeTakeFirst();
    return Number(res.numUpdatedRows ?? 0) === 1;
  },
  versions(db: Db, resolutionId: string) {
    return db.selectFrom('resolution_version').selectAll().where('resolution_id', '=', resolutionId).orderBy('version', 'desc').execute();
  },
  async insertVersion(db: Db, row: Insertable<ResolutionVersionTable>): Promise<void> {
    await db.insertInto('resolution_version').values(row).execute();
  },
};
