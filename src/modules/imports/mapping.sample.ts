import Papa from 'papaparse';
import { AppError } from '../../shared/errors';
import { csvNewline, detectDelimiter, dropCarriageReturn, uniqueHeaders } from './formats/csv.reader';
import { suggestMapping } from './formats/csv-mapping';

/** The head of a CSV/TSV file as the mapping editor shows it: its delimiter, headers and a few rows. */
export interface CsvSample {
  delimiter: string;
  headers: string[];
  /** Up to SAMPLE_ROWS data rows, each as long as the headers. */
  rows: string[][];
}

/** How much of an uploaded sample is read: the editor needs the header line and a few rows. */
export const SAMPLE_BYTES = 64 * 1024;
export const SAMPLE_ROWS = 5;

/**
 * Reads the header line and the first rows of a sample (bytes of a file's head, or pasted text)
 * with the reader's rules: UTF-8 (a byte-order mark dropped), delimiter detected on the header
 * line among , ; tab |, headers trimmed and made unique. A row cut off by the sample's end is dropped.
 */
export function readSample(input: Buffer | string, delimiterOverride?: string): CsvSample {
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeHead(input);
  if (!text.trim()) throw sampleError('is empty: upload a CSV or TSV file, or paste its first lines, starting with the header line');
  const headerLine = text.split(/\r\n|\n|\r/, 1)[0];
  const delimiter = delimiterOverride || detectDelimiter(headerLine);
  const parsed = Papa.parse<string[]>(text, { delimiter, newline: csvNewline(text), quoteChar: '"', preview: SAMPLE_ROWS + 1, skipEmptyLines: 'greedy' });
  // The editor shows the rows before a quote fault (the import reports the fault with its line),
  // and drops a quoted field left open: a row cut off by the sample's end.
  const fault = parsed.errors.find((e) => e.code === 'InvalidQuotes');
  let records = fault ? parsed.data.slice(0, fault.row ?? 0) : parsed.data;
  if (!fault && parsed.errors.some((e) => e.code === 'MissingQuotes')) records = records.slice(0, -1);
  records = records.map((r) => (dropCarriageReturn(r), r)).filter((r) => r.length > 1 || r[0].trim() !== '');
  if (!records.length) throw sampleError('has no header line');
  const headers = uniqueHeaders(records[0]);
  const rows = records.slice(1).map((r) => headers.map((_, i) => r[i] ?? ''));
  return { delimiter, headers, rows };
}

/** One column of the editor: its header, sample values and the target suggested (or already saved) for it. */
export interface EditorColumn {
  header: string;
  samples: string[];
  target: string;
}

/** The editor's columns for a sample: each with the target a saved mapping gives it, else the suggested one, else "ignore". */
export function editorColumns(sample: CsvSample, saved?: Record<string, string>): { columns: EditorColumn[]; identifierColumn?: string } {
  const suggested = suggestMapping(sample.headers);
  const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  const savedByFold = new Map(Object.entries(saved ?? {}).map(([k, v]) => [fold(k), v]));
  const columns = sample.headers.map((header, i) => ({
    header,
    samples: sample.rows.map((r) => r[i]).filter((v) => v !== ''),
    target: savedByFold.get(fold(header)) ?? suggested.columns[header] ?? 'ignore',
  }));
  return { columns, identifierColumn: suggested.identifierColumn };
}

function decodeHead(bytes: Buffer): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) throw sampleError('is UTF-16; save it as UTF-8');
  let head = bytes.subarray(0, SAMPLE_BYTES);
  // A cut sample ends at its last complete line, so no character or row is cut in two.
  if (bytes.length > SAMPLE_BYTES) {
    const nl = head.lastIndexOf(10);
    if (nl > 0) head = head.subarray(0, nl + 1);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(head);
  } catch {
    throw sampleError('is not UTF-8; save it as UTF-8');
  }
}

function sampleError(message: string): AppError {
  return new AppError('VALIDATION_FAILED', `The sample ${message}`, { problems: [{ field: 'sample', message }] });
}
