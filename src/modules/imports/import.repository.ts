import type { Db } from '../../db/database';
import type { ImportProblemRow, NewImportProblemRow } from './import.table';

/** All SQL of import reports. */
export const importRepository = {
  async insertProblems(db: Db, rows: NewImportProblemRow[]): Promise<void> {
    // 9 values a row: stay well under SQLite's and PostgreSQL's bound-parameter limits.
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('import_problem').values(rows.slice(i, i + 500)).execute();
  },

  /** A page of a job's report in order, after `afterSeq`. */
  async listProblems(db: Db, jobId: string, afterSeq: number, limit: number): Promise<ImportProblemRow[]> {
    return db.selectFrom('import_problem').selectAll().where('job_id', '=', jobId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  },

  /** The highest seq written for a job (0 when none). */
  async lastSeq(db: Db, jobId: string): Promise<number> {
    const r = await db.selectFrom('import_problem').select((eb) => eb.fn.max('seq').as('m')).where('job_id', '=', jobId).executeTakeFirst();
    return Number(r?.m ?? 0);
  },
};
