import type { Selectable } from 'kysely';

export interface AppUserTable {
  id: string;
  email: string;
  name: string | null;
  password_hash: string | null;
  is_admin: number;
  created_at: string;
  disabled_at: string | null;
  last_login_at: string | null;
}

export interface UserInstitutionTable {
  user_id: string;
  institution_id: string;
  role: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: string | null;
  scopes: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface UserSessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

/** A one-time link: an invitation to join, or a password reset. */
export interface AccountLinkTable {
  id: string;
  token_hash: string;
  kind: 'invite' | 'reset';
  email: string;
  user_id: string | null;
  institution_id: string | null;
  role: string | null;
  is_admin: number;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type AppUserRow = Selectable<AppUserTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type UserSessionRow = Selectable<UserSessionTable>;
export type AccountLinkRow = Selectable<AccountLinkTable>;
