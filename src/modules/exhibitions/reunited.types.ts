import type { LangMap } from '../../shared/lang-map';

/** One step of a work's dispersal: when (EDTF), where, and what happened. */
export interface DispersalEvent {
  /** EDTF, e.g. `1907`, `1900/1910`, `0868-05-11`. */
  date: string;
  place: string;
  lat?: number | null;
  lon?: number | null;
  note: LangMap;
}

/** A fragment of a reunited work: a record, and the holder's own IIIF image service when its images live elsewhere. */
export interface Fragment {
  recordId: string;
  position: number;
  imageService: string | null;
  width: number | null;
  height: number | null;
}

/** A work once whole, now held in parts by several institutions. */
export interface ReunitedWork {
  id: string;
  institutionId: string;
  title: LangMap;
  summary: LangMap;
  history: DispersalEvent[];
  fragments: Fragment[];
  createdAt: string;
  updatedAt: string;
}

export interface FragmentInput {
  recordId: string;
  imageService?: string | null;
  width?: number | null;
  height?: number | null;
}

export interface ReunitedInput {
  institutionId?: string;
  title?: LangMap;
  summary?: LangMap;
  history?: DispersalEvent[];
  fragments?: FragmentInput[];
}
