import { bumpCatalogueVersion } from '../../db/app-state';
import { AppError } from '../../shared/errors';
import type { Actor } from '../accounts/actor';
import { audit } from '../audit/audit.service';
import { enqueueJob } from '../jobs/job.service';
import { DERIVATIVES_JOB } from '../media/media.derivatives';
import type { MediaRow } from '../media/media.table';
import { derivedRows, docColumns } from '../records/record.mapper';
import type { RecordDoc } from '../records/record.normalize';
import { recordRepository } from '../records/record.repository';
import { inTransaction, type Store } from '../records/record.store';
import type { InstitutionRow } from '../institutions/institution.table';
import type { NewRecordRow, RecordRow } from '../records/record.table';
import { dumpRepository as repo } from './dump.repository';
import { lineError } from './dump.lines';
import type { InstitutionLine, MediaLine, RecordLine, SensitiveLocationLine, VersionLine } from './dump.schema';
import { sensitiveLocationRepository } from '../risk/sensitive-location.repository';

/** What a load did with one kind of thing. */
export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

/** What a load did, by kind. */
export interface LoadResult {
  institutions: Tally;
  /** `keptNewer`: records changed here after the dump was made, left as they are. */
  records: Tally & { keptNewer: number };
  versions: { added: number; unchanged: number };
  media: { added: number; unchanged: number };
  /** The derivative jobs queued for the images added (run by the server's runner, or at once by the CLI). */
  mediaJobs: string[];
}

/** What a load writes in one transaction: the lines read since the last batch (images already stored under `key`). */
export interface Batch {
  institutions: { n: number; line: InstitutionLine }[];
  records: { n: number; line: RecordLine }[];
  versions: VersionLine[];
  media: { n: number; line: MediaLine; key: string }[];
  sensitive: SensitiveLocationLine[];
}

/** A batch with nothing in it yet. */
export function emptyBatch(): Batch {
  return { institutions: [], records: [], versions: [], media: [], sensitive: [] };
}

/** Writes one batch in one transaction: institutions, records with derived rows and index entries, versions, images and their jobs. */
export async function writeBatch(store: Store, actor: Actor, b: Batch, result: LoadResult): Promise<void> {
  if (!b.institutions.length && !b.records.length && !b.media.length) return;
  await inTransaction(store, async (trx) => {
    const { db, dialect } = trx;
    let changed = false;
    const before = result.institutions.created + result.institutions.updated;
    for (const { line } of b.institutions) {
      const row = institutionRow(line);
      const existing = await repo.findInstitution(db, line.id);
      if (!existing) {
        await repo.insertInstitution(db, row);
        result.institutions.created++;
      } else if (JSON.stringify(existing) === JSON.stringify(row) || existing.version > row.version) {
        // Identical, or changed here since the dump was made: left as it is.
        result.institutions.unchanged++;
      } else {
        await repo.updateInstitution(db, row);
        result.institutions.updated++;
      }
    }

    const existing = new Map((await repo.recordsByIds(db, b.records.map((r) => r.line.id))).map((r) => [r.id, r]));
    const known = await repo.institutionIds(db, [...new Set(b.records.map((r) => r.line.institutionId))]);
    const fresh: { line: RecordLine; row: Omit<NewRecordRow, 'seq'> }[] = [];
    const replaced: { line: RecordLine; row: Omit<NewRecordRow, 'seq'>; seq: number }[] = [];
    for (const { n, line } of b.records) {
      if (!known.has(line.institutionId)) throw lineError(n, `record "${line.id}" belongs to institution "${line.institutionId}", which is neither in the dump nor here`);
      const row = recordRow(line);
      const e = existing.get(line.id);
      if (!e) fresh.push({ line, row });
      else if (e.institution_id !== line.institutionId) throw lineError(n, `record "${line.id}" exists here in institution "${e.institution_id}"`);
      else if (sameRecord(e, row)) result.records.unchanged++;
      // Edited here since the dump was made: the newer state stays (its history holds the dumped versions).
      else if (e.version > line.version) result.records.keptNewer++;
      else replaced.push({ line, row, seq: e.seq });
    }
    const seqs = await recordRepository.insertMany(db, fresh.map((f) => f.row as NewRecordRow), Math.max(1, Math.floor(dialect.maxBoundParams / 30)));
    for (const r of replaced) await repo.replaceRecord(db, r.seq, r.row);
    const written = [...fresh.map((f, i) => ({ ...f, seq: seqs[i] })), ...replaced];
    result.records.created += fresh.length;
    result.records.updated += replaced.length;
    if (written.length) {
      const derived = written.map((w) => ({ w, d: derivedRows(w.seq, w.line.doc as RecordDoc & { id: string }) }));
      const live = derived.filter((x) => !x.w.line.deletedAt);
      await recordRepository.replaceFacets(db, replaced.map((r) => r.seq), live.flatMap((x) => x.d.facets));
      await recordRepository.replaceRelations(db, replaced.map((r) => r.line.id), derived.flatMap((x) => x.d.relations));
      if (replaced.length) await dialect.removeDocuments(db, replaced.map((r) => r.seq));
      await dialect.indexDocuments(db, live.map((x) => x.d.fts), { fresh: true });
      changed = true;
    }

    // Exact coordinates of sensitive sites: the flag and the points as dumped, unless changed here since.
    for (const l of b.sensitive) {
      const here = await sensitiveLocationRepository.find(db, l.recordId);
      if (here && here.updated_at >= l.updatedAt) continue;
      if (here) await sensitiveLocationRepository.remove(db, l.recordId);
      await sensitiveLocationRepository.insert(db, { record_id: l.recordId, institution_id: l.institutionId, exact_places: JSON.stringify(l.exactPlaces), reason: l.reason, flagged_by: l.flaggedBy, flagged_at: l.flaggedAt, updated_at: l.updatedAt });
    }

    const have = await repo.versionKeys(db, [...new Set(b.versions.map((v) => v.recordId))]);
    const versions = b.versions.filter((v) => !have.has(`${v.recordId}\u0000${v.version}`));
    await recordRepository.insertVersions(
      db,
      versions.map((v) => ({ record_id: v.recordId, version: v.version, action: v.action, snapshot: JSON.stringify(v.snapshot), actor: v.actor, created_at: v.createdAt })),
    );
    result.versions.added += versions.length;
    result.versions.unchanged += b.versions.length - versions.length;

    await repo.insertMedia(db, b.media.map((m) => mediaRow(m.line, m.key)));
    for (const { line } of b.media) {
      const job = await enqueueJob(trx, actor, { kind: DERIVATIVES_JOB, payload: { mediaId: line.id }, institutionId: line.institutionId, subject: { type: 'media', id: line.id } });
      result.mediaJobs.push(job.id);
    }
    result.media.added += b.media.length;

    if (changed) await bumpCatalogueVersion(db);
    const institutionsWritten = result.institutions.created + result.institutions.updated - before;
    if (changed || institutionsWritten || versions.length || b.media.length) {
      const institutions = [...new Set(b.records.map((r) => r.line.institutionId))];
      await audit(db, actor, [
        {
          action: 'records.load',
          targetType: 'institution',
          targetId: institutions.length === 1 ? institutions[0] : undefined,
          institutionId: institutions.length === 1 ? institutions[0] : undefined,
          detail: { created: fresh.length, updated: replaced.length, versions: versions.length, media: b.media.length, institutionsWritten, institutions },
        },
      ]);
    }
  }).catch((e: unknown) => {
    if (e instanceof AppError) throw e;
    throw new AppError('VALIDATION_FAILED', `A batch of the dump (lines ${b.records[0]?.n ?? b.institutions[0]?.n ?? '?'}–${b.records[b.records.length - 1]?.n ?? '?'}) could not be written: ${(e as Error).message}; nothing of it was kept`);
  });
}

function institutionRow(l: InstitutionLine): InstitutionRow {
  return {
    id: l.id,
    name: JSON.stringify(l.name),
    name_sort: l.nameSort,
    country: l.country,
    kind: l.kind,
    city: l.city,
    lat: l.lat,
    lon: l.lon,
    website: l.website,
    description: JSON.stringify(l.description),
    version: l.version,
    created_at: l.createdAt,
    updated_at: l.updatedAt,
    deleted_at: l.deletedAt,
  };
}

/** The stored row of a dumped record: columns derived from its document as writes derive them, the rest as dumped. */
function recordRow(l: RecordLine): Omit<NewRecordRow, 'seq'> {
  return {
    id: l.id,
    ...docColumns(l.doc as RecordDoc & { id: string }, l.country),
    has_media: l.hasMedia ? 1 : 0,
    version: l.version,
    change_action: l.changeAction,
    created_at: l.createdAt,
    updated_at: l.updatedAt,
    created_by: l.createdBy,
    updated_by: l.updatedBy,
    deleted_at: l.deletedAt,
    public_at: l.publicAt,
    ever_public: l.everPublic ? 1 : 0,
  };
}

function sameRecord(e: RecordRow, row: Omit<NewRecordRow, 'seq'>): boolean {
  return (Object.keys(row) as (keyof typeof row)[]).every((k) => (e[k as keyof RecordRow] ?? null) === (row[k] ?? null));
}

// Derivatives are built here again: the image waits as `pending` until its job has run.
function mediaRow(l: MediaLine, key: string): MediaRow {
  return {
    id: l.id,
    record_id: l.recordId,
    institution_id: l.institutionId,
    position: l.position,
    label: JSON.stringify(l.label),
    rights: l.rights,
    visibility: l.visibility,
    embargo_until: l.embargoUntil,
    mime: l.mime,
    original_name: l.originalName,
    bytes: l.bytes,
    sha256: l.sha256,
    width: l.width,
    height: l.height,
    status: 'pending',
    error: null,
    storage_key: key,
    created_at: l.createdAt,
    updated_at: l.updatedAt,
    created_by: l.createdBy,
  };
}
