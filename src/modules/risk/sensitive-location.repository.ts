import type { Db } from '../../db/database';
import type { ExactPlace } from './sensitive-location';
import type { RiskSensitiveLocationRow } from './risk.table';

const CHUNK = 500;

/** All SQL of sensitive locations. */
export const sensitiveLocationRepository = {
  async find(db: Db, recordId: string): Promise<RiskSensitiveLocationRow | undefined> {
    return db.selectFrom('risk_sensitive_location').selectAll().where('record_id', '=', recordId).executeTakeFirst();
  },

  /** The flagged ones among these records. */
  async findMany(db: Db, recordIds: string[]): Promise<RiskSensitiveLocationRow[]> {
    const out: RiskSensitiveLocationRow[] = [];
    for (let i = 0; i < recordIds.length; i += CHUNK) {
      const ids = recordIds.slice(i, i + CHUNK);
      out.push(...(await db.selectFrom('risk_sensitive_location').selectAll().where('record_id', 'in', ids).execute()));
    }
    return out;
  },

  /** Ids of the flagged records among these. */
  async flaggedIds(db: Db, recordIds: string[]): Promise<Set<string>> {
    return new Set((await this.findMany(db, recordIds)).map((r) => r.record_id));
  },

  async insert(db: Db, row: RiskSensitiveLocationRow): Promise<void> {
    await db.insertInto('risk_sensitive_location').values(row).execute();
  },

  async setExact(db: Db, recordId: string, exact: ExactPlace[], at: string): Promise<void> {
    await db.updateTable('risk_sensitive_location').set({ exact_places: JSON.stringify(exact), updated_at: at }).where('record_id', '=', recordId).execute();
  },

  async remove(db: Db, recordId: string): Promise<void> {
    await db.deleteFrom('risk_sensitive_location').where('record_id', '=', recordId).execute();
  },
};

/** The stored exact places of a row. */
export function exactOf(row: Pick<RiskSensitiveLocationRow, 'exact_places'>): ExactPlace[] {
  return JSON.parse(row.exact_places) as ExactPlace[];
}
