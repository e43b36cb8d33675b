import type { Selectable } from 'kysely';

export interface AppUserTable {
  id: string;
  email: string;
  name: string | null;
  password_hash: string | null;
  is_admin: number;
  created_at: string;
  disabled_at: string | null;
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

export type AppUserRow = Selectable<AppUserTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
