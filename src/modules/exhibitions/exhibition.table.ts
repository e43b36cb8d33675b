import type { Selectable } from 'kysely';

/** An exhibition: its language maps (title, summary, credits) are JSON; `status` is its workflow state. */
export interface ExhibitionTable {
  id: string;
  slug: string;
  /** The institution that started it; its curators and the co-curators' edit it. */
  lead_institution_id: string;
  status: 'draft' | 'review' | 'published' | 'unpublished';
  title: string;
  summary: string;
  credits: string;
  cover_record_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

/** A co-curating institution of an exhibition (the lead is one too). */
export interface ExhibitionCuratorTable {
  exhibition_id: string;
  institution_id: string;
  added_at: string;
}

/** A language version of an exhibition and whether it is published. */
export interface ExhibitionLanguageTable {
  exhibition_id: string;
  lang: string;
  published: number;
  published_at: string | null;
}

/** A chapter: title and Markdown body as language maps (JSON), and its layout. */
export interface ExhibitionChapterTable {
  id: string;
  exhibition_id: string;
  position: number;
  layout: string;
  title: string;
  body: string;
}

/** A record shown in a chapter, optionally one image of it and a IIIF region of that image. */
export interface ExhibitionItemTable {
  id: string;
  exhibition_id: string;
  chapter_id: string;
  position: number;
  record_id: string;
  media_id: string | null;
  region: string | null;
  caption: string;
}

/** The holder's answer to the use of one of its non-public records in an exhibition. */
export interface ExhibitionApprovalTable {
  exhibition_id: string;
  record_id: string;
  institution_id: string;
  status: 'pending' | 'granted' | 'refused';
  requested_by: string | null;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
}

/** An event of an exhibition (opening, guided tour, live stream). */
export interface ExhibitionEventTable {
  id: string;
  exhibition_id: string;
  kind: string;
  title: string;
  starts_at: string;
  ends_at: string | null;
  url: string | null;
}

/** A work once whole, now held in parts by several institutions. */
export interface ReunitedWorkTable {
  id: string;
  institution_id: string;
  title: string;
  summary: string;
  /** JSON: the dispersal history, a list of DispersalEvent. */
  history: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A record that is a fragment of a reunited work; a remote holder's image service when it has one. */
export interface ReunitedFragmentTable {
  work_id: string;
  record_id: string;
  position: number;
  image_service: string | null;
  width: number | null;
  height: number | null;
}

export type ExhibitionRow = Selectable<ExhibitionTable>;
export type ChapterRow = Selectable<ExhibitionChapterTable>;
export type ItemRow = Selectable<ExhibitionItemTable>;
export type ApprovalRow = Selectable<ExhibitionApprovalTable>;
export type EventRow = Selectable<ExhibitionEventTable>;
export type ReunitedWorkRow = Selectable<ReunitedWorkTable>;
export type FragmentRow = Selectable<ReunitedFragmentTable>;

declare module '../../db/schema' {
  interface Database {
    exhibition: ExhibitionTable;
    exhibition_curator: ExhibitionCuratorTable;
    exhibition_language: ExhibitionLanguageTable;
    exhibition_chapter: ExhibitionChapterTable;
    exhibition_item: ExhibitionItemTable;
    exhibition_approval: ExhibitionApprovalTable;
    exhibition_event: ExhibitionEventTable;
    reunited_work: ReunitedWorkTable;
    reunited_fragment: ReunitedFragmentTable;
  }
}
