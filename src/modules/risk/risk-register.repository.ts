import type { Db } from '../../db/database';
import type { Actor } from '../accounts/actor';
import { visibleTo } from '../records/record.visibility';
import type { NewRiskEntryRow, RiskEntryRow, RiskThreatRow } from './risk.table';

export interface RegisterFilters {
  factor?: string;
  priority?: string;
  condition?: string;
  trend?: string;
  institutionId?: string;
}

/** A register entry with the fields of its record that lists show. */
export type RegisterRow = RiskEntryRow & { metadata: string; kind: string; lat: number | null; lon: number | null; visibility: string };

/** All SQL of the risk register. */
export const riskRegisterRepository = {
  /** Entries whose record the actor may see, most urgent first. */
  async list(db: Db, actor: Actor, f: RegisterFilters, limit: number): Promise<RegisterRow[]> {
    let q = db
      .selectFrom('risk_entry')
      .innerJoin('record', 'record.id', 'risk_entry.record_id')
      .selectAll('risk_entry')
      .select(['record.metadata', 'record.kind', 'record.lat', 'record.lon', 'record.visibility'])
      .where(visibleTo(actor));
    if (f.priority) q = q.where('risk_entry.priority', '=', f.priority);
    if (f.condition) q = q.where('risk_entry.condition', '=', f.condition);
    if (f.trend) q = q.where('risk_entry.trend', '=', f.trend);
    if (f.institutionId) q = q.where((eb) => eb.or([eb('risk_entry.responsible_institution_id', '=', f.institutionId!), eb('risk_entry.institution_id', '=', f.institutionId!)]));
    if (f.factor) {
      const [primary, secondary] = f.factor.split('.');
      q = q.where('risk_entry.id', 'in', (eb) => {
        let s = eb.selectFrom('risk_threat').select('risk_threat.entry_id').where('risk_threat.primary_factor', '=', primary);
        if (secondary) s = s.where('risk_threat.secondary_factor', '=', secondary);
        return s;
      });
    }
    const rows = await q
      .orderBy((eb) => eb.case().when('risk_entry.priority', '=', 'urgent').then(0).when('risk_entry.priority', '=', 'high').then(1).when('risk_entry.priority', '=', 'medium').then(2).else(3).end())
      .orderBy('risk_entry.updated_at', 'desc')
      .orderBy('risk_entry.id')
      .limit(limit)
      .execute();
    return rows as RegisterRow[];
  },

  async findByRecord(db: Db, recordId: string): Promise<RiskEntryRow | undefined> {
    return db.selectFrom('risk_entry').selectAll().where('record_id', '=', recordId).executeTakeFirst();
  },

  async insert(db: Db, row: NewRiskEntryRow): Promise<void> {
    await db.insertInto('risk_entry').values(row).execute();
  },

  async update(db: Db, id: string, set: Partial<NewRiskEntryRow>): Promise<void> {
    await db.updateTable('risk_entry').set(set).where('id', '=', id).execute();
  },

  async threats(db: Db, entryIds: string[]): Promise<RiskThreatRow[]> {
    if (!entryIds.length) return [];
    return db.selectFrom('risk_threat').selectAll().where('entry_id', 'in', entryIds).orderBy('created_at').orderBy('id').execute();
  },

  async insertThreat(db: Db, row: RiskThreatRow): Promise<void> {
    await db.insertInto('risk_threat').values(row).execute();
  },

  async deleteThreat(db: Db, entryId: string, threatId: string): Promise<boolean> {
    const r = await db.deleteFrom('risk_threat').where('entry_id', '=', entryId).where('id', '=', threatId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },
};
