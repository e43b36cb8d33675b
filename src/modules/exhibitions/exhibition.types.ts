import type { LangMap, UiLanguage } from '../../shared/lang-map';

/** How a chapter lays out its text and items. */
export const LAYOUTS = ['text-image', 'full-image', 'grid', 'compare', 'map', 'timeline'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** The workflow of an exhibition: draft → review → published, and back to unpublished. */
export const STATUSES = ['draft', 'review', 'published', 'unpublished'] as const;
export type ExhibitionStatus = (typeof STATUSES)[number];

export const EVENT_KINDS = ['opening', 'guided-tour', 'live-stream', 'talk'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const DECISIONS = ['granted', 'refused'] as const;
export type Decision = (typeof DECISIONS)[number];

/** A language version of an exhibition (one of the UI languages). */
export interface LanguageVersion {
  lang: UiLanguage;
  published: boolean;
  publishedAt: string | null;
}

/** An exhibition's own fields, without its content. */
export interface Exhibition {
  id: string;
  slug: string;
  leadInstitutionId: string;
  status: ExhibitionStatus;
  title: LangMap;
  summary: LangMap;
  credits: LangMap;
  coverRecordId: string | null;
  /** Co-curating institutions, the lead first. */
  curators: string[];
  languages: LanguageVersion[];
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface ExhibitionItem {
  id: string;
  chapterId: string;
  position: number;
  recordId: string;
  mediaId: string | null;
  /** A IIIF Image API region (`x,y,w,h` or `pct:x,y,w,h`), or null for the whole image. */
  region: string | null;
  caption: LangMap;
}

export interface Chapter {
  id: string;
  position: number;
  layout: Layout;
  title: LangMap;
  /** Markdown per language. */
  body: LangMap;
  items: ExhibitionItem[];
}

export interface Approval {
  exhibitionId: string;
  recordId: string;
  institutionId: string;
  status: 'pending' | Decision;
  requestedBy: string | null;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
}

export interface ExhibitionEvent {
  id: string;
  exhibitionId: string;
  kind: EventKind;
  title: LangMap;
  startsAt: string;
  endsAt: string | null;
  url: string | null;
}

/** An exhibition with everything its curators edit. */
export interface ExhibitionDraft extends Exhibition {
  chapters: Chapter[];
  approvals: Approval[];
  events: ExhibitionEvent[];
}
