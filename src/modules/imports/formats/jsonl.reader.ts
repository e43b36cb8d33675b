import type { Readable } from 'node:stream';
import { deriveEdtf } from '../../records/record.dates';
import type { RecordInput } from '../../records/record.schema';
import { MalformedInputError, type ImportWarning, type ReadItem, type ReaderOptions, type RecordReader } from '../import.types';

const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * JSON Lines in the API's own record shape, one record a line. A line that is not a JSON object
 * is a rejected item with its line; bytes that are not UTF-8, or a line over the size limit, stop
 * the input (MalformedInputError with line, column and byte offset).
 */
export const jsonlReader: RecordReader = (input, opts) => readJsonl(input, opts);

async function* readJsonl(input: Readable, opts: ReaderOptions): AsyncGenerator<ReadItem> {
  const max = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  let parts: Buffer[] = [];
  let partBytes = 0;
  let line = 0;
  let lineStart = 0; // byte offset of the current line in the input
  let record = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });

  const finishLine = (bytes: Buffer): ReadItem | null => {
    line++;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      const invalid = Math.max(0, firstInvalidUtf8(bytes));
      const column = new TextDecoder().decode(bytes.subarray(0, invalid)).length + 1;
      throw new MalformedInputError(`the input is not UTF-8 (byte 0x${bytes[invalid].toString(16).padStart(2, '0')} at byte offset ${lineStart + invalid}); save the file as UTF-8`, {
        line,
        column,
        byte: lineStart + invalid,
      });
    }
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    text = text.trim();
    if (!text) return null;
    record++;
    return parseLine(text, { record, line }, opts);
  };

  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let nl: number;
    while ((nl = buf.indexOf(NEWLINE)) >= 0) {
      const head = buf.subarray(0, nl);
      if (partBytes + head.length > max) throw tooLong(line + 1, max);
      const bytes = parts.length ? Buffer.concat([...parts, head]) : head;
      parts = [];
      partBytes = 0;
      const item = finishLine(bytes);
      lineStart += bytes.length + 1;
      if (item) yield item;
      buf = buf.subarray(nl + 1);
    }
    if (buf.length) {
      if (partBytes + buf.length > max) throw tooLong(line + 1, max);
      parts.push(buf);
      partBytes += buf.length;
    }
  }
  if (partBytes) {
    const item = finishLine(Buffer.concat(parts));
    if (item) yield item;
  }
}

/** One line's JSON as a record item (institution and source set), or a rejection saying why. */
function parseLine(text: string, where: { record: number; line: number }, opts: ReaderOptions): ReadItem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { kind: 'rejected', position: where, problems: [{ field: '/', message: `is not valid JSON: ${(e as Error).message}` }] };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { kind: 'rejected', position: where, problems: [{ field: '/', message: 'is not a JSON object (one record per line)' }] };
  }
  const raw = value as Partial<RecordInput> & Record<string, unknown>;
  const warnings: ImportWarning[] = [];
  const identifier = typeof raw.source?.identifier === 'string' ? raw.source.identifier : (raw.id ?? raw.identifiers?.find((i) => i?.type === 'inventory')?.value);
  const source = raw.source && typeof raw.source === 'object'
    ? { ...raw.source, system: raw.source.system ?? opts.sourceSystem }
    : identifier
      ? { kind: opts.sourceKind, system: opts.sourceSystem, identifier: String(identifier) }
      : undefined;
  if (!source) warnings.push({ field: '/source', message: 'has no id, source identifier or inventory number: importing the file again will create this record again' });
  if (raw.rights === undefined || raw.rights === null) warnings.push({ field: '/rights', message: 'no rights statement: reusers will not know the terms' });
  if (raw.date && typeof raw.date.display === 'string' && !raw.date.edtf && raw.date.display.trim() && !deriveEdtf(raw.date.display)) {
    warnings.push({ field: '/date', message: `"${raw.date.display}" could not be read as a date; kept as text only` });
  }
  const record = { ...raw, institutionId: opts.institutionId, ...(source ? { source } : {}) } as RecordInput;
  return { kind: 'record', position: { ...where, ...(identifier ? { identifier: String(identifier) } : {}) }, record, warnings };
}

function tooLong(line: number, max: number): MalformedInputError {
  return new MalformedInputError(`a line is longer than ${max} bytes (the limit of one record)`, { line, column: 1 });
}

/** Offset of the first byte that breaks UTF-8 (overlong forms and surrogates included), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) (n = 1), (min = 0x80);
    else if (c >= 0xe0 && c <= 0xef) (n = 2), (min = 0x800);
    else if (c >= 0xf0 && c <= 0xf4) (n = 3), (min = 0x10000);
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (x & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}
