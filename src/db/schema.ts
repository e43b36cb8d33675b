import type { InstitutionTable } from '../modules/institutions/institution.table';
import type { RecordFacetTable, RecordTable, RecordVersionTable, RecordRelationTable } from '../modules/records/record.table';
import type { AccountLinkTable, ApiTokenTable, AppUserTable, UserInstitutionTable, UserSessionTable } from '../modules/accounts/account.table';
import type { AuditEventTable } from '../modules/audit/audit.table';

/** Process-wide key/value state kept in the database (demo loaded, catalogue version). */
export interface AppStateTable {
  key: string;
  value: string;
}

/** Every table of every module, for Kysely's typing. */
export interface Database {
  app_state: AppStateTable;
  institution: InstitutionTable;
  record: RecordTable;
  record_version: RecordVersionTable;
  record_facet: RecordFacetTable;
  record_relation: RecordRelationTable;
  app_user: AppUserTable;
  user_institution: UserInstitutionTable;
  api_token: ApiTokenTable;
  user_session: UserSessionTable;
  account_link: AccountLinkTable;
  audit_event: AuditEventTable;
}
