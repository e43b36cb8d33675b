import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { isAllianceMember, staffOf, type Actor } from '../accounts/actor';
import { visibleTo } from '../records/record.visibility';
import type { AnalysisRow, AnalysisTable } from './analysis.table';

export interface AnalysisFilter {
  /** Folded words, all of which must occur. */
  words?: string[];
  method?: string;
  recordId?: string;
  projectId?: string;
  institutionId?: string;
}

/** All SQL of scientific analyses. */
export const analysisRepository = {
  async insert(db: Db, row: AnalysisTable): Promise<void> {
    await db.insertInto('analysis').values(row).execute();
  },
  async update(db: Db, id: string, patch: Partial<AnalysisTable>): Promise<void> {
    await db.updateTable('analysis').set(patch).where('id', '=', id).execute();
  },
  async delete(db: Db, id: string): Promise<void> {
    await db.deleteFrom('analysis').where('id', '=', id).execute();
  },

  /** One analysis the actor may see (with its record's title document), or undefined. */
  async findVisible(db: Db, actor: Actor, id: string): Promise<(AnalysisRow & { record_metadata: string | null }) | undefined> {
    return base(db, actor).where('analysis.id', '=', id).executeTakeFirst();
  },

  /** Analyses the actor may see, newest first, with the total. */
  async list(db: Db, actor: Actor, f: AnalysisFilter, page: { limit: number; offset: number }): Promise<{ rows: (AnalysisRow & { record_metadata: string | null })[]; total: number; methods: Map<string, number> }> {
    let q = base(db, actor);
    if (f.recordId) q = q.where('analysis.record_id', '=', f.recordId);
    if (f.projectId) q = q.where('analysis.project_id', '=', f.projectId);
    if (f.institutionId) q = q.where('analysis.institution_id', '=', f.institutionId);
    for (const w of f.words ?? []) q = q.where('analysis.search_text', 'like', `%${w}%`);
    const withMethod = f.method ? q.where('analysis.method', '=', f.method as AnalysisTable['method']) : q;
    const [rows, count, methods] = await Promise.all([
      withMethod.orderBy('analysis.created_at', 'desc').orderBy('analysis.id').limit(page.limit).offset(page.offset).execute(),
      withMethod.clearSelect().select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirst(),
      q.clearSelect().select(['analysis.method as v', (eb) => eb.fn.countAll<number | string | bigint>().as('n')]).groupBy('analysis.method').execute(),
    ]);
    return { rows, total: Number(count?.n ?? 0), methods: new Map(methods.map((m) => [m.v, Number(m.n)])) };
  },

  /** The record an analysis is recorded against, if the actor may see it. */
  async recordVisible(db: Db, actor: Actor, recordId: string): Promise<{ id: string } | undefined> {
    return db.selectFrom('record').select('id').where('id', '=', recordId).where(visibleTo(actor)).executeTakeFirst();
  },
};

function base(db: Db, actor: Actor) {
  return db
    .selectFrom('analysis')
    .leftJoin('record', 'record.id', 'analysis.record_id')
    .where(analysisVisibleTo(actor))
    .selectAll('analysis')
    .select('record.metadata as record_metadata');
}

/**
 * Who sees an analysis: its own level (public; members of the alliance; private: the recording
 * institution's staff) and, when it concerns a record, only those who may see that record.
 */
function analysisVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'analysis' | 'record'>): Expression<SqlBool> => {
    if (actor.kind === 'user' && actor.isAdmin) return eb.or([eb('analysis.record_id', 'is', null), eb('record.deleted_at', 'is', null)]);
    const levels: ('public' | 'members')[] = isAllianceMember(actor) ? ['public', 'members'] : ['public'];
    const own = staffOf(actor);
    const level = own.length ? eb.or([eb('analysis.visibility', 'in', levels), eb('analysis.institution_id', 'in', own)]) : eb('analysis.visibility', 'in', levels);
    const recordOk = eb.or([eb('analysis.record_id', 'is', null), visibleTo(actor)(eb as unknown as ExpressionBuilder<Database, 'record'>)]);
    return eb.and([level, recordOk]);
  };
}
