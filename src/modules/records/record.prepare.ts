import type { FieldProblem } from '../../shared/errors';
import { facetRows, ftsDocument, sortTitle } from './record.derive';
import { normalizeRecord, type RecordDoc } from './record.normalize';
import type { HeritageRecord } from './record.schema';

/** What can be computed from a record's input alone: its validated document, index tokens and facet values. */
export interface PreparedRecord {
  /** The document; from a preparation thread, only its head (see `headOf`): the rest travels as `json`. */
  doc?: RecordDoc;
  problems?: FieldProblem[];
  title?: string;
  body?: string;
  facets?: { facet: string; value: string }[];
  /** The whole document's JSON (as `JSON.stringify(doc)` gives it) and its title sort key. */
  json?: string;
  titleSort?: string;
}

/**
 * Validates and analyses a batch of inputs. Pure and free of I/O, so it can run on worker
 * threads while the main thread writes the previous batch.
 */
export function prepareRecords(inputs: unknown[]): PreparedRecord[] {
  return inputs.map((input) => {
    const r = normalizeRecord(input);
    if ('problems' in r) return { problems: r.problems };
    const asRecord = r.doc as unknown as HeritageRecord;
    const fts = ftsDocument(0, asRecord);
    return {
      doc: r.doc,
      title: fts.title,
      body: fts.body,
      facets: facetRows(0, asRecord).map(({ facet, value }) => ({ facet, value })),
      json: JSON.stringify(r.doc),
      titleSort: sortTitle(r.doc.title),
    };
  });
}

/**
 * A prepared batch as a preparation thread sends it: each document cut down to its head, the
 * fields the writer reads itself (identity, source, visibility, rights, years, coordinates,
 * relations). Copying whole documents between threads cost the writing thread more than
 * preparing them; the document itself is written from `json`.
 */
export function forTransfer(prepared: PreparedRecord[]): PreparedRecord[] {
  return prepared.map((p) => (p.doc && p.json !== undefined && p.titleSort !== undefined ? { ...p, doc: headOf(p.doc) } : p));
}

function headOf(doc: RecordDoc): RecordDoc {
  const place = doc.places?.find((p) => p.lat !== undefined && p.lon !== undefined);
  const head: Partial<RecordDoc> = { institutionId: doc.institutionId, kind: doc.kind, visibility: doc.visibility, embargoUntil: doc.embargoUntil, rights: doc.rights };
  if (doc.id !== undefined) head.id = doc.id;
  if (doc.source) head.source = doc.source;
  if (doc.relations) head.relations = doc.relations;
  if (doc.date) head.date = doc.date;
  if (place) head.places = [{ name: {}, lat: place.lat, lon: place.lon }];
  return head as RecordDoc;
}
