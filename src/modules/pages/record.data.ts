import type { Actor } from '../accounts/actor';
import type { Store } from '../records/record.store';
import type { HeritageRecord } from '../records/record.schema';
import { RELATION_TYPES } from '../records/record.schema';
import { getRecord } from '../records/record.service';
import { recordRepository } from '../records/record.repository';
import { toRecord } from '../records/record.mapper';
import { getInstitution } from '../institutions/institution.service';
import type { Institution } from '../institutions/institution.schema';
import { listRecordMedia } from '../media/media.service';
import type { Media } from '../media/media.schema';
import { can } from '../accounts/policy';

export type RelationType = (typeof RELATION_TYPES)[number];

/** A record related to the one shown, by a relation either record states, seen from the shown record. */
export interface RelatedRecord {
  relation: RelationType;
  record: HeritageRecord;
}

export interface RecordPageData {
  record: HeritageRecord;
  institution: Institution | null;
  related: RelatedRecord[];
  /** The record's images the actor may see, in order. */
  media: Media[];
  /** The actor may edit the record (its institution's curators and admins). */
  canEdit?: boolean;
  /** The content language asked for with `?show=`, or null for the UI language. */
  show: string | null;
}

/** How many related records the page lists at most. */
const MAX_RELATED = 60;

/** Seen from the other side: if B is part of A, A has part B. */
const INVERSE: Record<RelationType, RelationType> = {
  partOf: 'hasPart',
  hasPart: 'partOf',
  fragmentOfSameWork: 'fragmentOfSameWork',
  sameSite: 'sameSite',
  relatedTo: 'relatedTo',
};

/**
 * Everything the record page shows, as the actor may see it: the record (404 when hidden), its
 * holder, and related records in both directions — only those the actor may see.
 */
export async function loadRecordPage(store: Store, actor: Actor, id: string, show: string | null, publicUrl: string): Promise<RecordPageData> {
  const record = await getRecord(store, actor, id);
  const [institution, related, media] = await Promise.all([
    getInstitution(store.db, record.institutionId).catch(() => null),
    relatedRecords(store, actor, record),
    listRecordMedia(store, actor, record.id, publicUrl),
  ]);
  return { record, institution, related, media, show, canEdit: can(actor, 'edit', { institutionId: record.institutionId }) };
}

async function relatedRecords(store: Store, actor: Actor, record: HeritageRecord): Promise<RelatedRecord[]> {
  const out: RelatedRecord[] = [];
  const seen = new Set<string>();
  const add = (relation: RelationType, r: HeritageRecord) => {
    const key = `${relation}:${r.id}`;
    if (r.id === record.id || seen.has(key) || out.length >= MAX_RELATED) return;
    seen.add(key);
    out.push({ relation, record: r });
  };
  const outgoing = (record.relations ?? []).slice(0, MAX_RELATED);
  // A target the actor may not see is left out, as if the relation did not exist.
  const targets = await Promise.all(outgoing.map((rel) => getRecord(store, actor, rel.target).catch(() => null)));
  outgoing.forEach((rel, i) => targets[i] && add(rel.type as RelationType, targets[i]!));
  const incoming = await recordRepository.findPointingAt(store.db, actor, record.id);
  for (const { row, relation } of incoming) {
    if ((RELATION_TYPES as readonly string[]).includes(relation)) add(INVERSE[relation as RelationType], toRecord(row));
  }
  return out;
}

/** A content language asked for with `?show=` if it is a plausible BCP 47 tag (or `none`). */
export function showParam(query: unknown): string | null {
  const raw = query && typeof query === 'object' ? (query as Record<string, unknown>).show : undefined;
  const v = Array.isArray(raw) ? raw[0] : raw;
  return typeof v === 'string' && /^([A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}|none)$/.test(v) ? v : null;
}
