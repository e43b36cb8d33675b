import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { RiskHelpMatchRow, RiskHelpMatchTable, RiskHelpOfferRow, RiskHelpOfferTable, RiskHelpRequestRow, RiskHelpRequestTable } from './risk.table';

/** All SQL of help requests, offers and matches. */
export const helpRepository = {
  async requests(db: Db, f: { status?: string; incidentId?: string }, limit: number): Promise<RiskHelpRequestRow[]> {
    let q = db.selectFrom('risk_help_request').selectAll();
    if (f.status) q = q.where('status', '=', f.status);
    if (f.incidentId) q = q.where('incident_id', '=', f.incidentId);
    return q.orderBy('needed_from').orderBy('id').limit(limit).execute();
  },
  async request(db: Db, id: string): Promise<RiskHelpRequestRow | undefined> {
    return db.selectFrom('risk_help_request').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertRequest(db: Db, row: Insertable<RiskHelpRequestTable>): Promise<void> {
    await db.insertInto('risk_help_request').values(row).execute();
  },
  async setRequestStatus(db: Db, id: string, status: string, at: string): Promise<void> {
    await db.updateTable('risk_help_request').set({ status, updated_at: at }).where('id', '=', id).execute();
  },
  async offers(db: Db, f: { status?: string; kind?: string; ids?: string[] }, limit: number): Promise<RiskHelpOfferRow[]> {
    let q = db.selectFrom('risk_help_offer').selectAll();
    if (f.status) q = q.where('status', '=', f.status);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.ids) q = f.ids.length ? q.where('id', 'in', f.ids) : q.where('id', '=', '');
    return q.orderBy('available_from').orderBy('id').limit(limit).execute();
  },
  async offer(db: Db, id: string): Promise<RiskHelpOfferRow | undefined> {
    return db.selectFrom('risk_help_offer').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertOffer(db: Db, row: Insertable<RiskHelpOfferTable>): Promise<void> {
    await db.insertInto('risk_help_offer').values(row).execute();
  },
  async matchesOfRequests(db: Db, ids: string[]): Promise<RiskHelpMatchRow[]> {
    if (!ids.length) return [];
    return db.selectFrom('risk_help_match').selectAll().where('request_id', 'in', ids).orderBy('created_at').orderBy('id').execute();
  },
  async matchesOfOffers(db: Db, ids: string[]): Promise<RiskHelpMatchRow[]> {
    if (!ids.length) return [];
    return db.selectFrom('risk_help_match').selectAll().where('offer_id', 'in', ids).execute();
  },
  async match(db: Db, id: string): Promise<RiskHelpMatchRow | undefined> {
    return db.selectFrom('risk_help_match').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertMatch(db: Db, row: Insertable<RiskHelpMatchTable>): Promise<void> {
    await db.insertInto('risk_help_match').values(row).execute();
  },
  async setMatch(db: Db, id: string, set: Partial<Insertable<RiskHelpMatchTable>>): Promise<void> {
    await db.updateTable('risk_help_match').set(set).where('id', '=', id).execute();
  },
};
