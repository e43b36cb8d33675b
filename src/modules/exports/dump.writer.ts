import { toInstitution } from '../institutions/institution.service';
import { createHash } from 'node:crypto';
import { nowIso } from '../../shared/ids';
import type { InstitutionRow } from '../institutions/institution.table';
import type { MediaStore } from '../media/media.storage';
import type { MediaRow } from '../media/media.table';
import type { Store } from '../records/record.store';
import type { RecordRow, RecordVersionRow } from '../records/record.table';
import { dumpRepository as repo } from './dump.repository';
import { DUMP_VERSION, MEDIA_CHUNK_BYTES, type DumpCounts, type EndLine, type HeaderLine, type InstitutionLine, type MediaLine, type RecordLine, type SensitiveLocationLine, type VersionLine } from './dump.schema';
import { exactOf, sensitiveLocationRepository } from '../risk/sensitive-location.repository';
import type { RiskSensitiveLocationRow } from '../risk/risk.table';
import { PAGE_SIZE } from './export.source';

/**
 * A full dump, as JSON Lines chunks: a header, the institution(s), then each record in `seq` order
 * with its superseded versions and its images (rows, then the original's bytes in base64 lines),
 * and a last line with the counts and the SHA-256 of every line between the header and it. Everything is included
 * whatever its visibility (deleted records too): callers authorise the whole dump first.
 */
export async function* writeDump(deps: { store: Store; files: MediaStore }, opts: { institutionId: string | null; now?: string }): AsyncGenerator<string> {
  const { db } = deps.store;
  const hash = createHash('sha256');
  const counts: DumpCounts = { institutions: 0, records: 0, versions: 0, media: 0, sensitiveLocations: 0 };
  const out = (text: string) => {
    hash.update(text);
    return text;
  };
  const header: HeaderLine = { type: 'heritage-dump', version: DUMP_VERSION, createdAt: opts.now ?? nowIso(), institution: opts.institutionId };
  // The checksum covers the content, not the header: dumps of the same data have the same checksum.
  yield line(header);
  for (const row of await repo.institutions(db, opts.institutionId)) {
    counts.institutions++;
    yield out(line(institutionLine(row)));
  }
  let after = 0;
  for (;;) {
    const records = await repo.recordPage(db, opts.institutionId, after, PAGE_SIZE);
    if (!records.length) break;
    after = records[records.length - 1].seq;
    const ids = records.map((r) => r.id);
    const versions = groupBy(await repo.versionsOf(db, ids), (v) => v.record_id);
    const media = groupBy(await repo.mediaOf(db, ids), (m) => m.record_id);
    // A sensitive site's record holds only rounded coordinates; its exact ones travel on a line of their own.
    const sensitive = new Map((await sensitiveLocationRepository.findMany(db, ids)).map((r) => [r.record_id, r]));
    let text = '';
    for (const record of records) {
      counts.records++;
      text += line(recordLine(record));
      const flagged = sensitive.get(record.id);
      if (flagged) {
        counts.sensitiveLocations!++;
        text += line(sensitiveLine(flagged));
      }
      for (const v of versions.get(record.id) ?? []) {
        counts.versions++;
        text += line(versionLine(v));
      }
      for (const m of media.get(record.id) ?? []) {
        counts.media++;
        yield out(text);
        text = '';
        yield out(line(mediaLine(m)));
        for await (const data of mediaChunks(deps.files, m)) yield out(line({ type: 'media-data', mediaId: m.id, data }));
      }
    }
    if (text) yield out(text);
  }
  const end: EndLine = { type: 'end', counts, sha256: hash.digest('hex') };
  yield line(end);
}

/** The dump line of a sensitive site's exact coordinates. */
function sensitiveLine(r: RiskSensitiveLocationRow): SensitiveLocationLine {
  return { type: 'sensitive-location', recordId: r.record_id, institutionId: r.institution_id, exactPlaces: exactOf(r), reason: r.reason, flaggedBy: r.flagged_by, flaggedAt: r.flagged_at, updatedAt: r.updated_at };
}

/** A dump line's text for a stored institution. */
export function institutionLine(row: InstitutionRow): InstitutionLine {
  // What the API shows, plus what a faithful copy needs: the sort key and the deletion.
  return { type: 'institution', ...toInstitution(row), nameSort: row.name_sort, deletedAt: row.deleted_at };
}

function recordLine(row: RecordRow): RecordLine {
  return {
    type: 'record',
    id: row.id,
    institutionId: row.institution_id,
    country: row.country,
    hasMedia: row.has_media === 1,
    version: row.version,
    changeAction: row.change_action,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    deletedAt: row.deleted_at,
    publicAt: row.public_at,
    everPublic: row.ever_public === 1,
    doc: JSON.parse(row.metadata),
  };
}

function versionLine(v: RecordVersionRow): VersionLine {
  return { type: 'version', recordId: v.record_id, version: v.version, action: v.action, actor: v.actor, createdAt: v.created_at, snapshot: JSON.parse(v.snapshot) };
}

// The store key, derivative status and error belong to the instance that built them: a loader makes its own.
function mediaLine(m: MediaRow): MediaLine {
  return {
    type: 'media',
    id: m.id,
    recordId: m.record_id,
    institutionId: m.institution_id,
    position: m.position,
    label: JSON.parse(m.label),
    rights: m.rights,
    visibility: m.visibility as MediaLine['visibility'],
    embargoUntil: m.embargo_until,
    mime: m.mime,
    originalName: m.original_name,
    bytes: Number(m.bytes),
    sha256: m.sha256,
    width: m.width,
    height: m.height,
    createdAt: m.created_at,
    updatedAt: m.updated_at,
    createdBy: m.created_by,
  };
}

/** The original's bytes in base64 pieces of a bounded size, read from the store as a stream. */
async function* mediaChunks(files: MediaStore, m: MediaRow): AsyncGenerator<string> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of files.open(m.storage_key)) {
    pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    while (pending.length >= MEDIA_CHUNK_BYTES) {
      yield pending.subarray(0, MEDIA_CHUNK_BYTES).toString('base64');
      pending = pending.subarray(MEDIA_CHUNK_BYTES);
    }
  }
  if (pending.length) yield pending.toString('base64');
}

function line(value: object): string {
  return `${JSON.stringify(value)}\n`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
