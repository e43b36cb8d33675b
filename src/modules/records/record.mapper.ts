import { facetRows, ftsDocument, isOpenRights, sortTitle } from './record.derive';
import type { RecordDoc } from './record.normalize';
import type { HeritageRecord } from './record.schema';
import type { PreparedRecord } from './record.prepare';
import type { NewRecordRow, RecordRow } from './record.table';

/** Maps a stored row to the record the services return. */
export function toRecord(row: RecordRow): HeritageRecord {
  const doc = JSON.parse(row.metadata) as RecordDoc;
  return {
    ...doc,
    id: row.id,
    institutionId: row.institution_id,
    country: row.country,
    visibility: row.visibility as HeritageRecord['visibility'],
    embargoUntil: row.embargo_until,
    rights: row.rights_uri,
    hasMedia: row.has_media === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

/**
 * The record as JSON text, straight from the stored document: the same object `toRecord`
 * gives, without parsing and re-serialising the document on the hot read path.
 */
export function toRecordJson(row: RecordRow): string {
  const extra = JSON.stringify({
    country: row.country,
    hasMedia: row.has_media === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  });
  const doc = row.metadata.trimEnd();
  return doc === '{}' ? extra : `${doc.slice(0, -1)},${extra.slice(1)}`;
}

/**
 * The columns a record document determines (everything but identity, version and audit fields).
 * `known` gives the document's JSON and title sort key when computed ahead (then `doc` may be a
 * prepared head: only the fields read here besides title are needed).
 */
export function docColumns(doc: RecordDoc & { id: string }, country: string, known?: { json?: string; titleSort?: string }) {
  const place = doc.places?.find((p) => p.lat !== undefined && p.lon !== undefined);
  return {
    institution_id: doc.institutionId,
    country,
    kind: doc.kind,
    title_sort: known?.titleSort ?? sortTitle(doc.title),
    metadata: known?.json ?? JSON.stringify(doc),
    visibility: doc.visibility,
    embargo_until: doc.embargoUntil,
    rights_uri: doc.rights,
    rights_open: isOpenRights(doc.rights) ? 1 : 0,
    year_from: doc.date?.yearFrom ?? null,
    year_to: doc.date?.yearTo ?? null,
    lat: place?.lat ?? null,
    lon: place?.lon ?? null,
    source_key: doc.source ? sourceKey(doc.source) : null,
  } satisfies Partial<NewRecordRow>;
}

/**
 * The JSON of `{ ...doc, id }` — what a record prepared as `doc` is stored as under `id` — from the
 * document's JSON computed ahead (`prepared`, as `JSON.stringify(doc)` gave it) without serialising
 * again: the id is appended where the spread appends it, or replaced where it stands.
 */
export function jsonWithId(doc: Pick<RecordDoc, 'id'>, id: string, prepared: string): string {
  if (doc.id === id) return prepared;
  if (doc.id === undefined) return `${prepared.slice(0, -1)},"id":${JSON.stringify(id)}}`;
  const full = JSON.parse(prepared) as { id?: string };
  full.id = id;
  return JSON.stringify(full);
}

/** The key that makes a re-import update the record it imported before. */
export function sourceKey(source: NonNullable<RecordDoc['source']>): string {
  return `${source.kind === 'manual' ? 'manual' : 'ext'}:${source.system ?? ''}:${source.identifier}`;
}

/** Derived rows (facets, relations, full-text document) of a record, from tokens and facets prepared ahead when given. */
export function derivedRows(seq: number, doc: RecordDoc & { id: string }, prepared?: PreparedRecord) {
  const asRecord = doc as unknown as HeritageRecord;
  return {
    facets: prepared?.facets ? prepared.facets.map((f) => ({ seq, ...f })) : facetRows(seq, asRecord),
    relations: (doc.relations ?? []).map((r) => ({ record_id: doc.id, relation: r.type, target_id: r.target })),
    fts: prepared?.title !== undefined && prepared.body !== undefined ? { seq, title: prepared.title, body: prepared.body } : ftsDocument(seq, asRecord),
  };
}
