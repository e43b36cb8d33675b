import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { Actor } from '../accounts/actor';
import { visibleTo } from '../records/record.visibility';
import type { RiskIncidentRow, RiskIncidentTable } from './risk.table';

/** A linked site as the actor may see it. */
export interface IncidentSiteRow {
  incident_id: string;
  record_id: string;
  institution_id: string;
  metadata: string;
  kind: string;
}

/** All SQL of incidents and the sites they affect. */
export const incidentRepository = {
  async list(db: Db, f: { status?: string; kind?: string }, limit: number): Promise<RiskIncidentRow[]> {
    let q = db.selectFrom('risk_incident').selectAll();
    if (f.status) q = q.where('status', '=', f.status);
    if (f.kind) q = q.where('kind', '=', f.kind);
    return q.orderBy('date_from', 'desc').orderBy('id').limit(limit).execute();
  },

  async find(db: Db, id: string): Promise<RiskIncidentRow | undefined> {
    return db.selectFrom('risk_incident').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async insert(db: Db, row: Insertable<RiskIncidentTable>): Promise<void> {
    await db.insertInto('risk_incident').values(row).execute();
  },

  async update(db: Db, id: string, set: Partial<Insertable<RiskIncidentTable>>): Promise<void> {
    await db.updateTable('risk_incident').set(set).where('id', '=', id).execute();
  },

  /** The linked sites of these incidents whose records the actor may see. */
  async visibleSites(db: Db, actor: Actor, incidentIds: string[]): Promise<IncidentSiteRow[]> {
    if (!incidentIds.length) return [];
    return db
      .selectFrom('risk_incident_site')
      .innerJoin('record', 'record.id', 'risk_incident_site.record_id')
      .select(['risk_incident_site.incident_id', 'risk_incident_site.record_id', 'record.institution_id', 'record.metadata', 'record.kind'])
      .where('risk_incident_site.incident_id', 'in', incidentIds)
      .where(visibleTo(actor))
      .orderBy('risk_incident_site.added_at')
      .orderBy('risk_incident_site.record_id')
      .execute();
  },

  /** Every linked record id of an incident, whoever may see it (for rules, never shown). */
  async linkedIds(db: Db, incidentId: string): Promise<string[]> {
    return (await db.selectFrom('risk_incident_site').select('record_id').where('incident_id', '=', incidentId).execute()).map((r) => r.record_id);
  },

  async link(db: Db, incidentId: string, recordId: string, at: string): Promise<void> {
    const exists = await db.selectFrom('risk_incident_site').select('record_id').where('incident_id', '=', incidentId).where('record_id', '=', recordId).executeTakeFirst();
    if (!exists) await db.insertInto('risk_incident_site').values({ incident_id: incidentId, record_id: recordId, added_at: at }).execute();
  },

  async unlink(db: Db, incidentId: string, recordId: string): Promise<boolean> {
    const r = await db.deleteFrom('risk_incident_site').where('incident_id', '=', incidentId).where('record_id', '=', recordId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },
};
