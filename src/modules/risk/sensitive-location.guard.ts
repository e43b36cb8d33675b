import type { Db } from '../../db/database';
import { nowIso } from '../../shared/ids';
import type { RecordDoc } from '../records/record.normalize';
import type { WriteOne } from '../records/record.write';
import { splitSensitive } from './sensitive-location';
import { exactOf, sensitiveLocationRepository as repo } from './sensitive-location.repository';

/**
 * Called by the record writer before anything is stored: the documents of sensitive sites get
 * generalised coordinates, and their exact ones go to this module's table. Every read path
 * (API, pages, search and its index, exports, OAI-PMH, JSON-LD, IIIF) therefore only ever finds
 * generalised coordinates in a record; staff get the exact ones back from here.
 */
export async function guardSensitiveLocations(db: Db, writes: WriteOne[]): Promise<WriteOne[]> {
  // Only a stored record can have been flagged.
  const ids = writes.flatMap((w) => (w.existing ? [w.existing.id] : []));
  if (!ids.length) return writes;
  const flagged = new Map((await repo.findMany(db, ids)).map((r) => [r.record_id, r]));
  if (!flagged.size) return writes;
  const now = nowIso();
  const out: WriteOne[] = [];
  for (const w of writes) {
    const row = w.existing ? flagged.get(w.existing.id) : undefined;
    if (!row) {
      out.push(w);
      continue;
    }
    // A prepared import carries only the document's head in `doc`; the whole document is its JSON.
    const full = (w.json !== undefined ? JSON.parse(w.json) : w.doc) as RecordDoc & { id: string };
    const { doc, exact } = splitSensitive(full, exactOf(row));
    const json = JSON.stringify(exact);
    if (json !== row.exact_places) await repo.setExact(db, row.record_id, exact, now);
    out.push({ ...w, doc: { ...doc, id: w.doc.id }, json: undefined });
  }
  return out;
}
