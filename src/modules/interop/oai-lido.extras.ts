import type { Db } from '../../db/database';
import type { LangMap } from '../../shared/lang-map';
import { PUBLIC } from '../accounts/actor';
import { toMedia } from '../media/media.service';
import type { RecordDoc } from '../records/record.normalize';
import type { RecordRow } from '../records/record.table';
import { isVisibleUnder, visibilityRule } from '../records/record.visibility';
import { oaiLidoRepository as repo } from './oai-lido.repository';

/** An image the public may see, as LIDO links it. */
export interface LidoImage {
  id: string;
  label: LangMap;
  rights: string | null;
  thumbnail: string;
  full: string;
  info: string;
}

/** What the LIDO of a page of records links to: their public images, and the titles of related records the public may see. */
export interface LidoExtras {
  images: Map<string, LidoImage[]>;
  titles: Map<string, LangMap>;
}

/**
 * Reads, for a page of records the public may see, their images that pass the visibility rule on
 * their own settings (visibility, embargo) and the related records the public may see.
 */
export async function lidoExtras(db: Db, records: { id: string; metadata?: string; deleted_at: string | null }[], opts: { publicUrl: string; now: Date }): Promise<LidoExtras> {
  const live = records.filter((r) => !r.deleted_at && r.metadata);
  const rule = visibilityRule(PUBLIC, opts.now.getTime());
  const images = new Map<string, LidoImage[]>();
  for (const row of await repo.readyImages(db, live.map((r) => r.id))) {
    if (!isVisibleUnder(rule, { deleted: false, visibility: row.visibility, embargoUntil: row.embargo_until, institutionId: row.institution_id })) continue;
    // The record is public (OAI-PMH shows no other): toMedia reads only its visibility.
    const m = toMedia(row, { visibility: 'public' } as RecordRow, opts.publicUrl);
    images.set(row.record_id, [...(images.get(row.record_id) ?? []), { id: m.id, label: m.label, rights: m.rights, thumbnail: m.links.thumbnail, full: `${m.links.iiif}/full/max/0/default.jpg`, info: m.links.info }]);
  }
  const targets = new Set<string>();
  for (const r of live) if (r.metadata!.includes('"relations"')) for (const rel of (JSON.parse(r.metadata!) as RecordDoc).relations ?? []) targets.add(rel.target);
  const titles = new Map<string, LangMap>();
  for (const t of await repo.publicRecords(db, [...targets], opts.now.toISOString())) titles.set(t.id, (JSON.parse(t.metadata) as RecordDoc).title);
  return { images, titles };
}
