import type { Db } from '../../db/database';
import type { TrainingApplicationRow, TrainingApplicationTable, TrainingCallRow } from './people.table';

export type ApplicationWithUser = TrainingApplicationRow & { email: string; user_name: string | null };

/** All SQL of training programmes, exchange calls and their applications. */
export const trainingRepository = {
  async findCall(db: Db, id: string): Promise<TrainingCallRow | undefined> {
    return db.selectFrom('training_call').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Calls readable at these levels or held by these institutions (all when `staffOf` is null), latest deadline first. */
  async listCalls(db: Db, f: { levels: ('public' | 'members')[]; staffOf: string[] | null; kind?: string; institutionId?: string; openOn?: string }): Promise<TrainingCallRow[]> {
    let q = db.selectFrom('training_call').selectAll().orderBy('deadline', 'desc').orderBy('id').limit(500);
    const { staffOf, levels } = f;
    if (staffOf) q = q.where((eb) => (staffOf.length ? eb.or([eb('visibility', 'in', levels), eb('institution_id', 'in', staffOf)]) : eb('visibility', 'in', levels)));
    if (f.kind) q = q.where('kind', '=', f.kind as TrainingCallRow['kind']);
    if (f.institutionId) q = q.where('institution_id', '=', f.institutionId);
    if (f.openOn) q = q.where('closed_at', 'is', null).where('deadline', '>=', f.openOn);
    return q.execute();
  },

  async insertCall(db: Db, row: TrainingCallRow): Promise<void> {
    await db.insertInto('training_call').values(row).execute();
  },

  async updateCall(db: Db, id: string, patch: Partial<Omit<TrainingCallRow, 'id' | 'institution_id' | 'kind' | 'created_by' | 'created_at'>>): Promise<void> {
    await db.updateTable('training_call').set(patch).where('id', '=', id).execute();
  },

  async closeCall(db: Db, id: string, at: string): Promise<void> {
    await db.updateTable('training_call').set({ closed_at: at, updated_at: at }).where('id', '=', id).execute();
  },

  async findApplication(db: Db, id: string): Promise<ApplicationWithUser | undefined> {
    return withUser(db).where('training_application.id', '=', id).executeTakeFirst();
  },

  async findApplicationOf(db: Db, callId: string, userId: string): Promise<ApplicationWithUser | undefined> {
    return withUser(db).where('training_application.call_id', '=', callId).where('training_application.user_id', '=', userId).executeTakeFirst();
  },

  async listApplications(db: Db, callId: string, statuses?: TrainingApplicationRow['status'][]): Promise<ApplicationWithUser[]> {
    let q = withUser(db).where('training_application.call_id', '=', callId).orderBy('training_application.created_at').orderBy('training_application.id');
    if (statuses) q = q.where('training_application.status', 'in', statuses);
    return q.execute();
  },

  async countSelected(db: Db, callId: string): Promise<number> {
    const r = await db.selectFrom('training_application').select((eb) => eb.fn.countAll<number>().as('n')).where('call_id', '=', callId).where('status', '=', 'selected').executeTakeFirst();
    return Number(r?.n ?? 0);
  },

  async insertApplication(db: Db, row: TrainingApplicationRow): Promise<void> {
    await db.insertInto('training_application').values(row).execute();
  },

  async updateApplication(db: Db, id: string, patch: Partial<Omit<TrainingApplicationTable, 'id'>>): Promise<void> {
    await db.updateTable('training_application').set(patch).where('id', '=', id).execute();
  },
};

function withUser(db: Db) {
  return db
    .selectFrom('training_application')
    .innerJoin('app_user', 'app_user.id', 'training_application.user_id')
    .selectAll('training_application')
    .select(['app_user.email as email', 'app_user.name as user_name']);
}
