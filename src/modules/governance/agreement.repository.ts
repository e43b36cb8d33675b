import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { AgreementLinkTable, AgreementPartyTable, AgreementRow, AgreementTable } from './governance.table';

/** All SQL of agreements, their parties and what they govern. */
export const agreementRepository = {
  list(db: Db, filter: { allianceId: string; visibilities: string[] }): Promise<AgreementRow[]> {
    return db.selectFrom('agreement').selectAll().where('alliance_id', '=', filter.allianceId).where('visibility', 'in', filter.visibilities).orderBy('signed_on', 'desc').orderBy('id').limit(500).execute();
  },
  find(db: Db, id: string): Promise<AgreementRow | undefined> {
    return db.selectFrom('agreement').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insert(db: Db, row: Insertable<AgreementTable>): Promise<void> {
    await db.insertInto('agreement').values(row).execute();
  },
  async update(db: Db, id: string, set: Partial<AgreementRow>): Promise<void> {
    await db.updateTable('agreement').set(set).where('id', '=', id).execute();
  },
  parties(db: Db, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return db.selectFrom('agreement_party').selectAll().where('agreement_id', 'in', ids).orderBy('id').execute();
  },
  async replaceParties(db: Db, agreementId: string, rows: Insertable<AgreementPartyTable>[]): Promise<void> {
    await db.deleteFrom('agreement_party').where('agreement_id', '=', agreementId).execute();
    if (rows.length) await db.insertInto('agreement_party').values(rows).execute();
  },
  links(db: Db, agreementId: string) {
    return db.selectFrom('agreement_link').selectAll().where('agreement_id', '=', agreementId).orderBy('target_kind').orderBy('target_id').execute();
  },
  async replaceLinks(db: Db, agreementId: string, rows: Insertable<AgreementLinkTable>[]): Promise<void> {
    await db.deleteFrom('agreement_link').where('agreement_id', '=', agreementId).execute();
    if (rows.length) await db.insertInto('agreement_link').values(rows).execute();
  },
  /** Agreements governing a target (e.g. a project), whatever their visibility: the service filters. */
  governing(db: Db, targetKind: string, targetId: string): Promise<AgreementRow[]> {
    return db
      .selectFrom('agreement')
      .innerJoin('agreement_link', 'agreement_link.agreement_id', 'agreement.id')
      .selectAll('agreement')
      .where('agreement_link.target_kind', '=', targetKind)
      .where('agreement_link.target_id', '=', targetId)
      .orderBy('agreement.signed_on', 'desc')
      .execute();
  },
};
