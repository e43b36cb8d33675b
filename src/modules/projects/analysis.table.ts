import type { Selectable } from 'kysely';

/** Methods of scientific analysis (others are recorded as `other`, the sample text says which). */
export const ANALYSIS_METHODS = ['wood-species', 'radiocarbon', 'dendrochronology', 'pigment', 'xrf', 'petrography', 'dna', 'metallography', 'other'] as const;
export type AnalysisMethod = (typeof ANALYSIS_METHODS)[number];
export const ANALYSIS_VISIBILITIES = ['public', 'members', 'private'] as const;

/** A scientific analysis recorded against a record or a site, by an institution. */
export interface AnalysisTable {
  id: string;
  /** The institution that recorded it: its staff edit it. */
  institution_id: string;
  record_id: string | null;
  /** A site named in words when there is no record. */
  site: string | null;
  project_id: string | null;
  method: AnalysisMethod;
  sample: string;
  result: string;
  /** EDTF text or ISO date. */
  analysed_on: string | null;
  laboratory: string;
  /** JSON array of names. */
  people: string;
  visibility: (typeof ANALYSIS_VISIBILITIES)[number];
  /** Folded, lower-cased text of sample, result, laboratory, people and site, for `q`. */
  search_text: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type AnalysisRow = Selectable<AnalysisTable>;

declare module '../../db/schema' {
  interface Database {
    analysis: AnalysisTable;
  }
}
