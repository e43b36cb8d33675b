import type { Generated, Selectable } from 'kysely';

export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_label: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  institution_id: string | null;
  /** JSON with what the action changed or concerned. */
  detail: string | null;
}

export type AuditEventRow = Selectable<AuditEventTable>;
