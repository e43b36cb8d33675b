import type { Generated, Insertable, Selectable } from 'kysely';

/** The protocols a harvest source may speak. */
export const HARVEST_PROTOCOLS = ['oai-pmh', 'iiif-discovery'] as const;
export type HarvestProtocol = (typeof HARVEST_PROTOCOLS)[number];

/** An endpoint registered to be harvested into one institution: an OAI-PMH repository, or a IIIF Change Discovery stream (a member node, for a hub). */
export interface HarvestSourceTable {
  id: string;
  institution_id: string;
  /** `oai-pmh` or `iiif-discovery`. */
  protocol: Generated<string>;
  /** The OAI-PMH base URL, or the node's base URL (or its Change Discovery collection URL). */
  base_url: string;
  /** The OAI-PMH metadataPrefix; empty for IIIF Change Discovery. */
  metadata_prefix: string;
  /** JSON array of setSpecs; empty harvests the whole repository. */
  sets: string;
  /** Hours between scheduled harvests; null harvests only when asked. */
  schedule_hours: number | null;
  /** The responseDate of the last successful harvest, at the repository's granularity: the `from` of the next. */
  last_datestamp: string | null;
  last_run_at: string | null;
  next_run_at: string | null;
  /** The newest job harvesting this source (the scheduler enqueues no second while it is unfinished). */
  last_job_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One harvest of a source: when, how it ended, what it counted. */
export interface HarvestRunTable {
  id: string;
  source_id: string;
  job_id: string;
  started_at: string;
  finished_at: string | null;
  /** running | succeeded | failed | retrying */
  status: string;
  /** JSON: records, deleted, rejected, pages (and what the writer counted). */
  counts: string;
  error: string | null;
}

export type HarvestSourceRow = Selectable<HarvestSourceTable>;
export type NewHarvestSourceRow = Insertable<HarvestSourceTable>;
export type HarvestRunRow = Selectable<HarvestRunTable>;

declare module '../../../db/schema' {
  interface Database {
    harvest_source: HarvestSourceTable;
    harvest_run: HarvestRunTable;
  }
}
