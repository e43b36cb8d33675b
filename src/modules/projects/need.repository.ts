import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { isAllianceMember, staffOf, type Actor } from '../accounts/actor';
import { projectVisibleTo } from './project.policy';
import type { NeedRow, NeedTable, PledgeRow, PledgeTable } from './need.table';

export interface NeedFilter {
  status?: string;
  kind?: string;
  projectId?: string;
  institutionId?: string;
  /** Only needs with something still to cover. */
  uncovered?: boolean;
}

export type NeedListRow = NeedRow & { pledged: number; project_title: string | null };

/** All SQL of needs and pledges. */
export const needRepository = {
  async insert(db: Db, row: NeedTable): Promise<void> {
    await db.insertInto('need').values(row).execute();
  },
  async update(db: Db, id: string, patch: Partial<NeedTable>): Promise<void> {
    await db.updateTable('need').set(patch).where('id', '=', id).execute();
  },
  async delete(db: Db, id: string): Promise<void> {
    await db.deleteFrom('pledge').where('need_id', '=', id).execute();
    await db.deleteFrom('need').where('id', '=', id).execute();
  },

  /** Needs the actor may see, soonest due first, with what is pledged (withdrawn pledges left out). */
  async list(db: Db, actor: Actor, f: NeedFilter, page: { limit: number; offset: number }): Promise<{ rows: NeedListRow[]; total: number }> {
    let q = base(db, actor);
    if (f.status) q = q.where('need.status', '=', f.status as NeedTable['status']);
    if (f.kind) q = q.where('need.kind', '=', f.kind as NeedTable['kind']);
    if (f.projectId) q = q.where('need.project_id', '=', f.projectId);
    if (f.institutionId) q = q.where('need.institution_id', '=', f.institutionId);
    if (f.uncovered) q = q.where((eb) => eb(pledgedOf(eb), '<', eb.ref('need.quantity')));
    const [rows, count] = await Promise.all([
      q.orderBy('need.due_date').orderBy('need.created_at', 'desc').orderBy('need.id').limit(page.limit).offset(page.offset).execute(),
      q.clearSelect().select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirst(),
    ]);
    return { rows: rows.map(normal), total: Number(count?.n ?? 0) };
  },

  async findVisible(db: Db, actor: Actor, id: string): Promise<NeedListRow | undefined> {
    const row = await base(db, actor).where('need.id', '=', id).executeTakeFirst();
    return row ? normal(row) : undefined;
  },

  async pledges(db: Db, needId: string): Promise<(PledgeRow & { institution_name: string | null })[]> {
    return db
      .selectFrom('pledge')
      .leftJoin('institution', 'institution.id', 'pledge.institution_id')
      .selectAll('pledge')
      .select('institution.name as institution_name')
      .where('pledge.need_id', '=', needId)
      .orderBy('pledge.created_at')
      .orderBy('pledge.id')
      .execute();
  },
  async insertPledge(db: Db, row: PledgeTable): Promise<void> {
    await db.insertInto('pledge').values(row).execute();
  },
  async setPledgeStatus(db: Db, needId: string, id: string, status: PledgeTable['status']): Promise<void> {
    await db.updateTable('pledge').set({ status }).where('need_id', '=', needId).where('id', '=', id).execute();
  },
};

function base(db: Db, actor: Actor) {
  return db
    .selectFrom('need')
    .leftJoin('project', 'project.id', 'need.project_id')
    .where(needVisibleTo(actor))
    .selectAll('need')
    .select((eb) => [pledgedOf(eb).as('pledged'), 'project.title as project_title']);
}

function pledgedOf(eb: ExpressionBuilder<Database, 'need' | 'project'>) {
  return eb.fn.coalesce(
    eb.selectFrom('pledge as sp').select((s) => s.fn.sum<number | string>('sp.quantity').as('s')).whereRef('sp.need_id', '=', 'need.id').where('sp.status', '!=', 'withdrawn'),
    eb.lit(0),
  );
}

function normal<T extends { pledged: unknown; quantity: unknown }>(r: T): T & { pledged: number; quantity: number } {
  return { ...r, pledged: Number(r.pledged ?? 0), quantity: Number(r.quantity) };
}

/**
 * Who sees a need: alliance admins (the secretariat) all; staff of the asking institution theirs;
 * others a public need, or a members-only one when they are members of the alliance — and, for a
 * project's need, only when they may see the project.
 */
function needVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'need' | 'project'>): Expression<SqlBool> => {
    if (actor.kind === 'user' && actor.isAdmin) return eb.lit(true);
    const levels: ('public' | 'members')[] = isAllianceMember(actor) ? ['public', 'members'] : ['public'];
    const own = staffOf(actor);
    const projectOk = eb.or([eb('need.project_id', 'is', null), projectVisibleTo(actor)(eb as unknown as ExpressionBuilder<Database, 'project'>)]);
    const open = eb.and([eb('need.visibility', 'in', levels), projectOk]);
    return own.length ? eb.or([open, eb('need.institution_id', 'in', own)]) : open;
  };
}
