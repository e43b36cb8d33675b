import type { Insertable, Selectable } from 'kysely';

/** One person's entry in the experts directory; listed only with their consent (`listed` = 1). */
export interface ExpertTable {
  id: string;
  user_id: string;
  institution_id: string | null;
  name: string;
  bio: string;
  /** JSON array of skill codes from SKILLS. */
  skills: string;
  /** JSON array of BCP 47 tags. */
  languages: string;
  availability: 'available' | 'limited' | 'unavailable';
  listed: number;
  created_at: string;
  updated_at: string;
}

/** A training programme or a personnel exchange, offered by an institution, with a call for applications. */
export interface TrainingCallTable {
  id: string;
  institution_id: string;
  kind: 'training' | 'exchange';
  /** JSON language maps. */
  title: string;
  summary: string;
  location: string | null;
  places: number;
  /** Last day to apply (YYYY-MM-DD, inclusive, UTC). */
  deadline: string;
  starts_on: string | null;
  ends_on: string | null;
  visibility: 'public' | 'members';
  closed_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface TrainingApplicationTable {
  id: string;
  call_id: string;
  user_id: string;
  statement: string;
  status: 'submitted' | 'selected' | 'declined' | 'withdrawn';
  /** What the participant reports after the programme. */
  outcome: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A calendar event; (source_kind, source_id) name what another module added it for. */
export interface EventTable {
  id: string;
  institution_id: string | null;
  kind: 'seminar' | 'exhibition-opening' | 'livestream' | 'training' | 'meeting' | 'other';
  title: string;
  description: string;
  /** ISO instants in UTC; for all-day events midnight UTC of the first and of the day after the last. */
  starts_at: string;
  ends_at: string;
  all_day: number;
  location: string | null;
  url: string | null;
  visibility: 'public' | 'members';
  source_kind: string | null;
  source_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A best-practice case study: its language-mapped sections are one JSON document. */
export interface CaseStudyTable {
  id: string;
  institution_id: string;
  doc: string;
  /** Folded index tokens of every section in every language, space separated and padded. */
  search_text: string;
  visibility: 'public' | 'members';
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CaseStudyLinkTable {
  case_study_id: string;
  target_kind: 'record' | 'site' | 'project';
  target_id: string;
}

/** An award: a call for nominations, judged by a jury, with published winners. */
export interface AwardTable {
  id: string;
  title: string;
  description: string;
  deadline: string;
  status: 'open' | 'judging' | 'published';
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AwardJurorTable {
  award_id: string;
  user_id: string;
}

export interface AwardNominationTable {
  id: string;
  award_id: string;
  nominee: string;
  institution_id: string | null;
  citation: string;
  winner: number;
  nominated_by: string;
  created_at: string;
}

export interface AwardScoreTable {
  nomination_id: string;
  juror_id: string;
  score: number;
  comment: string | null;
  scored_at: string;
}

export type ExpertRow = Selectable<ExpertTable>;
export type TrainingCallRow = Selectable<TrainingCallTable>;
export type TrainingApplicationRow = Selectable<TrainingApplicationTable>;
export type EventRow = Selectable<EventTable>;
export type NewEventRow = Insertable<EventTable>;
export type CaseStudyRow = Selectable<CaseStudyTable>;
export type AwardRow = Selectable<AwardTable>;
export type AwardNominationRow = Selectable<AwardNominationTable>;

declare module '../../db/schema' {
  interface Database {
    expert: ExpertTable;
    training_call: TrainingCallTable;
    training_application: TrainingApplicationTable;
    event: EventTable;
    case_study: CaseStudyTable;
    case_study_link: CaseStudyLinkTable;
    award: AwardTable;
    award_juror: AwardJurorTable;
    award_nomination: AwardNominationTable;
    award_score: AwardScoreTable;
  }
}
