import { Readable } from 'node:stream';
import { AppError } from '../../../shared/errors';
import { readerFor } from '../formats/registry';
import type { ImportFormat, ReadItem, RecordReader, SourcePosition } from '../import.types';
import type { OaiRecord } from './oai.response';

// metadataPrefix → the import format whose reader maps it (prefixes are compared in lower case).
const PREFIX_FORMATS: Record<string, ImportFormat> = { oai_dc: 'dc', marcxml: 'marcxml', marc21: 'marcxml', marc: 'marcxml', lido: 'lido' };

/** The metadata prefixes a harvest can map onto records. */
export const HARVEST_PREFIXES = Object.keys(PREFIX_FORMATS);

/** The reader of a metadataPrefix; VALIDATION_FAILED naming the supported prefixes when there is none (or none yet on this server). */
export function readerForPrefix(prefix: string): RecordReader {
  const format = PREFIX_FORMATS[prefix.toLowerCase()];
  if (!format) {
    throw new AppError('VALIDATION_FAILED', `No reader for the metadata prefix "${prefix}"; harvests read ${HARVEST_PREFIXES.join(', ')}`, {
      problems: [{ field: 'metadataPrefix', message: `"${prefix}" is not supported` }],
    });
  }
  return readerFor(format);
}

/**
 * The read items of one ListRecords page: a deleted header becomes a deletion, a record's metadata
 * is mapped by the prefix's reader, its source being the OAI identifier at the base URL.
 */
export async function* pageItems(records: OaiRecord[], opts: { reader: RecordReader; institutionId: string; baseUrl: string; firstIndex: number }): AsyncGenerator<ReadItem> {
  let index = opts.firstIndex;
  for (const r of records) {
    const position: SourcePosition = { record: index++, line: r.line, ...(r.identifier ? { identifier: r.identifier } : {}) };
    if (!r.identifier) {
      yield { kind: 'rejected', position, problems: [{ field: 'header/identifier', message: 'the record header has no identifier' }] };
      continue;
    }
    if (r.deleted) {
      yield { kind: 'deleted', position, sourceIdentifier: r.identifier };
      continue;
    }
    if (!r.xml) {
      yield { kind: 'rejected', position, problems: [{ field: 'metadata', message: 'the record has no metadata and is not marked deleted' }] };
      continue;
    }
    yield await mapOne(r, position, opts);
  }
}

async function mapOne(r: OaiRecord, position: SourcePosition, opts: { reader: RecordReader; institutionId: string; baseUrl: string }): Promise<ReadItem> {
  let first: ReadItem | null = null;
  let more = 0;
  try {
    for await (const item of opts.reader(Readable.from([r.xml!]), { institutionId: opts.institutionId, sourceSystem: opts.baseUrl, sourceKind: 'harvest' })) {
      if (first) more++;
      else first = item;
    }
  } catch (e) {
    return { kind: 'rejected', position, problems: [{ field: 'metadata', message: `could not be read: ${(e as Error).message}` }] };
  }
  if (!first || first.kind === 'deleted') return { kind: 'rejected', position, problems: [{ field: 'metadata', message: 'holds no record of the requested metadata format' }] };
  if (first.kind === 'rejected') return { ...first, position };
  const url = first.record.source?.url;
  const warnings = more ? [...first.warnings, { field: 'metadata', message: `holds ${more + 1} records; the first was kept` }] : first.warnings;
  return {
    kind: 'record',
    position,
    record: { ...first.record, institutionId: opts.institutionId, source: { kind: 'harvest', system: opts.baseUrl.slice(0, 200), identifier: r.identifier, ...(url ? { url } : {}) } },
    warnings,
  };
}
