import type { Readable } from 'node:stream';
import type { FieldProblem } from '../../shared/errors';
import type { RecordInput } from '../records/record.schema';

/** The formats `heritage import --format` and the import API take. */
export const IMPORT_FORMATS = ['csv', 'jsonl', 'marcxml', 'lido', 'dc', 'iiif'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Where an item is in its input, for reports: 1-based line (text formats), 1-based record index, the record's own identifier. */
export interface SourcePosition {
  /** 1-based index of the record in the input. */
  record: number;
  /** 1-based line where the record starts (CSV, JSON Lines, XML). */
  line?: number;
  /** The record's identifier in its source (inventory number, 001 control number, lidoRecID, dc:identifier…). */
  identifier?: string;
}

/** Something a curator should know about an accepted record (missing rights, unknown language tag, date kept as text). */
export interface ImportWarning {
  field: string;
  message: string;
}

/** One item read from an input. */
export type ReadItem =
  /** A record mapped onto the record model; `record.source` is set so re-imports update instead of duplicating. */
  | { kind: 'record'; position: SourcePosition; record: RecordInput; warnings: ImportWarning[] }
  /** A record that cannot be mapped (a required field missing, a value that cannot be read): reported, never fatal. */
  | { kind: 'rejected'; position: SourcePosition; problems: FieldProblem[] }
  /** A record its source has deleted (OAI-PMH header status="deleted"): the matching record is trashed. */
  | { kind: 'deleted'; position: SourcePosition; sourceIdentifier: string };

/**
 * The input cannot be read any further (broken XML, wrong encoding, a DTD or entity declaration,
 * a record over the size limit, a missing required column): the job stops at once, keeping the
 * batches already committed, and reports this position.
 */
export class MalformedInputError extends Error {
  constructor(
    message: string,
    readonly position: { line?: number; column?: number; record?: number; byte?: number },
  ) {
    super(message);
    this.name = 'MalformedInputError';
  }
}

/** A column mapping for CSV/TSV: which record field each column fills. */
export interface CsvMapping {
  /** The delimiter; detected from the header line when absent. */
  delimiter?: string;
  /** Column header → target, e.g. "Title (zh)" → "title.zh", "Object number" → "identifier.inventory", "Date" → "date". */
  columns: Record<string, string>;
  /** The column whose value identifies the row in its source (for re-imports); else the `id` or inventory-number target. */
  identifierColumn?: string;
  /** Values for every record where the input has none, e.g. { kind: 'object', rights: 'http://…' }. */
  defaults?: { kind?: RecordInput['kind']; rights?: string; visibility?: 'public' | 'members' | 'private'; language?: string };
}

export interface ReaderOptions {
  institutionId: string;
  /** Names the source system in `record.source.system` (e.g. the file name, or the OAI base URL). */
  sourceSystem: string;
  /** `import` for files, `harvest` for OAI-PMH. */
  sourceKind: 'import' | 'harvest';
  mapping?: CsvMapping;
  /** A single record (or CSV row / JSON line) over this many bytes is malformed input (default 16 MiB). */
  maxRecordBytes?: number;
}

/** Reads an input as a stream (memory stays flat whatever its size) and yields its items in order. */
export type RecordReader = (input: Readable, opts: ReaderOptions) => AsyncIterable<ReadItem>;
