import type { FieldProblem } from '../../shared/errors';
import { facetRows, ftsDocument } from './record.derive';
import { normalizeRecord, type RecordDoc } from './record.normalize';
import type { HeritageRecord } from './record.schema';

/** What can be computed from a record's input alone: its validated document, index tokens and facet values. */
export interface PreparedRecord {
  doc?: RecordDoc;
  problems?: FieldProblem[];
  title?: string;
  body?: string;
  facets?: { facet: string; value: string }[];
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
    };
  });
}
