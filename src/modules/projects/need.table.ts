import type { Selectable } from 'kysely';

export const NEED_KINDS = ['funds', 'experts', 'equipment', 'training'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];
export const NEED_STATUSES = ['open', 'closed'] as const;
export const NEED_VISIBILITIES = ['public', 'members'] as const;
export const PLEDGE_STATUSES = ['offered', 'accepted', 'withdrawn'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

/** Something a project or a member institution asks the alliance for. */
export interface NeedTable {
  id: string;
  /** The institution asking (a project's lead institution for a project's need): its staff manage it. */
  institution_id: string;
  project_id: string | null;
  kind: NeedKind;
  /** Language maps, JSON. */
  title: string;
  description: string;
  /** For experts: the skill asked for. */
  skill: string | null;
  /** How much is needed, in `unit` (an ISO 4217 currency for funds; persons, items or places otherwise). */
  quantity: number;
  unit: string;
  status: (typeof NEED_STATUSES)[number];
  visibility: (typeof NEED_VISIBILITIES)[number];
  due_date: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A member institution's promise to cover part of a need. */
export interface PledgeTable {
  id: string;
  need_id: string;
  institution_id: string;
  user_id: string | null;
  quantity: number;
  note: string;
  status: PledgeStatus;
  created_at: string;
}

export type NeedRow = Selectable<NeedTable>;
export type PledgeRow = Selectable<PledgeTable>;

declare module '../../db/schema' {
  interface Database {
    need: NeedTable;
    pledge: PledgeTable;
  }
}
