import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { MalformedInputError, type CsvMapping, type ImportWarning, type ReadItem, type ReaderOptions, type RecordReader } from '../import.types';
import { applyMapping, suggestMapping } from './csv-mapping';
import { firstInvalidUtf8 } from './jsonl.reader';

const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;
const DELIMITERS = [',', ';', '\t', '|'];

/**
 * CSV and TSV in UTF-8 (with or without a byte-order mark), streamed: the delimiter comes from the
 * mapping or is detected on the header line among `,` `;` tab `|`; quoted fields may span lines.
 * Without a mapping one is suggested from the headers. A row with another number of fields than the
 * header, or one that cannot be mapped, is a rejected item with its line; bytes that are not UTF-8,
 * an unclosed quote, a row over `maxRecordBytes` or no column mapping to a title stop the input
 * with a MalformedInputError giving line, column (the field's number) or byte.
 */
export const csvReader: RecordReader = (input, opts) => readCsv(input, opts);

async function* readCsv(input: Readable, opts: ReaderOptions): AsyncGenerator<ReadItem> {
  const max = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const decoded = decodeUtf8(input)[Symbol.asyncIterator]();
  try {
    let head = '';
    // The header line decides the delimiter, so it is read before the parser starts.
    while (!/[\r\n]/.test(head)) {
      if (head.length > max) throw new MalformedInputError(`the header line is longer than ${max} bytes`, { line: 1 });
      const next = await decoded.next();
      if (next.done) break;
      head += next.value;
    }
    const delimiter = opts.mapping?.delimiter ?? detectDelimiter(head.split(/\r\n|\n|\r/, 1)[0]);
    let headers: string[] | null = null;
    let mapping: CsvMapping = { columns: {} };
    let headerWarnings: ImportWarning[] = [];
    let row = 0;
    for await (const { record, line } of parseRows(head, decoded, { delimiter, max, headers: () => headers, row: () => row })) {
      if (!headers) {
        headers = uniqueHeaders(record);
        ({ mapping, warnings: headerWarnings } = resolveMapping(headers, opts.mapping));
        continue;
      }
      if (record.length === 1 && !record[0].trim()) continue;
      row++;
      const position = { record: row, line };
      if (record.length !== headers.length) {
        yield { kind: 'rejected', position, problems: [{ field: 'row', message: `has ${record.length} fields where the header has ${headers.length} (line ${line})` }] };
        continue;
      }
      const cells: Record<string, string> = {};
      for (let i = 0; i < headers.length; i++) cells[headers[i]] = record[i];
      const applied = applyMapping(cells, mapping, { institutionId: opts.institutionId, sourceKind: opts.sourceKind, sourceSystem: opts.sourceSystem, row });
      if (!applied.record) {
        yield { kind: 'rejected', position, problems: applied.problems };
        continue;
      }
      // Warnings about the header apply to every row: they are reported once, with the first record.
      const warnings = headerWarnings.length ? [...headerWarnings, ...applied.warnings] : applied.warnings;
      headerWarnings = [];
      yield { kind: 'record', position: { ...position, identifier: applied.record.source!.identifier }, record: applied.record, warnings };
    }
    if (!headers) throw new MalformedInputError('the input is empty: a CSV file starts with a header line naming its columns', { line: 1, byte: 0 });
  } finally {
    await decoded.return?.(undefined);
  }
}

/**
 * The records of the text, each with the line it starts on. csv-parse is driven chunk by chunk and
 * hands records over as it parses them, so rows before a fatal error are still delivered.
 */
async function* parseRows(
  head: string,
  rest: AsyncIterator<string>,
  at: { delimiter: string; max: number; headers: () => string[] | null; row: () => number },
): AsyncGenerator<{ record: string[]; line: number }> {
  const pending: { record: string[]; lines: number; empty: number }[] = [];
  let failure: unknown;
  const parser = parse({
    delimiter: at.delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: at.max,
    on_record: (record: string[], ctx: { lines: number; empty_lines: number }) => {
      pending.push({ record, lines: ctx.lines, empty: ctx.empty_lines });
      return null;
    },
  });
  parser.on('error', (e) => (failure ??= e));
  const feed = (chunk: string | null) =>
    new Promise<void>((resolve) => {
      if (parser.destroyed) return resolve();
      const settled = () => {
        parser.off('error', settled);
        resolve();
      };
      parser.on('error', settled);
      if (chunk === null) parser.end(settled);
      else parser.write(chunk, settled);
    });
  let prevEnd = 0;
  let prevEmpty = 0;
  try {
    for (let chunk: string | null = head || null, done = !head; ; ) {
      if (chunk !== null) await feed(chunk);
      else if (done) await feed(null);
      for (const p of pending) {
        const line = prevEnd + 1 + (p.empty - prevEmpty);
        prevEnd = p.lines;
        prevEmpty = p.empty;
        yield { record: p.record, line };
      }
      pending.length = 0;
      if (failure) throw malformed(failure, { line: prevEnd + 1, headers: at.headers(), max: at.max, row: at.row() + 1, prevEmpty });
      if (done) return;
      const next = await rest.next();
      done = !!next.done;
      chunk = next.done ? null : next.value;
    }
  } finally {
    parser.removeAllListeners('error');
    parser.on('error', () => {});
    parser.destroy();
  }
}

/** The delimiter among , ; tab | that occurs most often outside quotes in the header line (a comma when none does). */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** The mapping to apply to this file's headers (a given one, matched case-insensitively, or a suggested one) and its warnings. */
function resolveMapping(headers: string[], given: CsvMapping | undefined): { mapping: CsvMapping; warnings: ImportWarning[] } {
  const warnings: ImportWarning[] = [];
  let mapping: CsvMapping;
  if (!given) {
    const { unmapped: _u, warnings: w, ...suggested } = suggestMapping(headers);
    warnings.push(...w.filter((x) => x.field !== 'title'));
    mapping = suggested;
  } else {
    const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
    const byFolded = new Map(headers.map((h) => [fold(h), h]));
    const find = (c: string) => (headers.includes(c) ? c : byFolded.get(fold(c)));
    const columns: Record<string, string> = {};
    for (const [column, target] of Object.entries(given.columns)) {
      const header = find(column);
      if (header) columns[header] = target;
      else if (target !== 'ignore') warnings.push({ field: column, message: `the mapping names the column "${column}" (${target}), which this file does not have` });
    }
    const identifierColumn = given.identifierColumn ? find(given.identifierColumn) : undefined;
    if (given.identifierColumn && !identifierColumn) warnings.push({ field: given.identifierColumn, message: 'the identifier column is not in this file' });
    mapping = { ...given, columns, ...(identifierColumn ? { identifierColumn } : {}) };
  }
  if (!Object.values(mapping.columns).some((t) => t === 'title' || t.startsWith('title.'))) {
    throw new MalformedInputError(`no column maps to title; columns are: ${headers.join(', ')}`, { line: 1, record: 0 });
  }
  return { mapping, warnings: warnings.map((w) => ({ ...w, message: `${w.message} (applies to every row)` })) };
}

/** Trimmed headers; a repeated one gets " #2", " #3" so no column is lost. */
export function uniqueHeaders(record: string[]): string[] {
  const seen = new Map<string, number>();
  return record.map((raw, i) => {
    const h = raw.trim() || `column ${i + 1}`;
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h} #${n}`;
  });
}

/** A parser failure as a MalformedInputError naming where it is; other errors pass through. */
function malformed(e: unknown, at: { line: number; headers: string[] | null; max: number; row: number; prevEmpty: number }): unknown {
  if (e instanceof MalformedInputError || !(e instanceof CsvError)) return e;
  const ctx = e as CsvError & { lines?: number; index?: number; empty_lines?: number };
  const line = at.line + Math.max(0, (ctx.empty_lines ?? at.prevEmpty) - at.prevEmpty);
  const column = typeof ctx.index === 'number' ? ctx.index + 1 : undefined;
  const name = column && at.headers?.[column - 1] ? ` ("${at.headers[column - 1]}")` : '';
  const record = at.headers ? at.row : 0;
  switch (e.code) {
    case 'CSV_MAX_RECORD_SIZE':
      return new MalformedInputError(`the row starting at line ${line} is longer than ${at.max} bytes (the limit of one record)`, { line, column, record });
    case 'CSV_QUOTE_NOT_CLOSED':
      return new MalformedInputError(
        `a quoted field is never closed: field ${column}${name} of the row starting at line ${line}; the input ends at line ${ctx.lines} (truncated file or a stray quote)`,
        { line, column, record },
      );
    default:
      return new MalformedInputError(`CSV syntax error in the row starting at line ${line}, field ${column ?? '?'}${name}: ${e.message}`, { line: ctx.lines ?? line, column, record });
  }
}

/** Decodes UTF-8 chunk by chunk; bytes that are not UTF-8 (or UTF-16) stop it with their line, column and byte offset. */
async function* decodeUtf8(input: Readable): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let byte = 0;
  let lines = 0;
  // The bytes of the current line so far (up to a bound), to give the column of a bad byte.
  let lineHead: Buffer = Buffer.alloc(0);
  let headComplete = true;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (byte === 0 && buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
      throw new MalformedInputError('the input is UTF-16; save it as UTF-8', { line: 1, column: 1, byte: 0 });
    }
    let text: string;
    try {
      text = decoder.decode(buf, { stream: true });
    } catch {
      throw notUtf8(Buffer.concat([lineHead, buf]), { start: byte - lineHead.length, headLength: lineHead.length, headComplete, linesBefore: lines });
    }
    byte += buf.length;
    let last = -1;
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) (lines++, (last = i));
    const rest = buf.subarray(last + 1);
    if (last >= 0) (lineHead = Buffer.from(rest)), (headComplete = true);
    else if (lineHead.length + rest.length <= 65_536) lineHead = Buffer.concat([lineHead, rest]);
    else (lineHead = Buffer.from(rest.subarray(Math.max(0, rest.length - 3)))), (headComplete = false);
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new MalformedInputError(`the input ends inside a UTF-8 character (byte offset ${byte}); it is truncated or not UTF-8`, { line: lines + 1, byte });
  }
}

/** The error for the first byte of `buf` that breaks UTF-8; `buf` starts with the bytes of the current line read before. */
function notUtf8(buf: Buffer, at0: { start: number; headLength: number; headComplete: boolean; linesBefore: number }): MalformedInputError {
  let from = 0;
  if (!at0.headComplete) while (from < 3 && from < buf.length && (buf[from] & 0xc0) === 0x80) from++;
  const found = firstInvalidUtf8(buf.subarray(from));
  const at = found < 0 ? from : from + found;
  const before = buf.subarray(0, at);
  let line = at0.linesBefore + 1;
  let lastNl = -1;
  for (let i = before.indexOf(10, at0.headLength); i >= 0; i = before.indexOf(10, i + 1)) (line++, (lastNl = i));
  const column = lastNl >= 0 || at0.headComplete ? new TextDecoder().decode(before.subarray(lastNl + 1)).length + 1 : undefined;
  const offset = at0.start + at;
  const hex = buf[at] === undefined ? '' : ` 0x${buf[at].toString(16).padStart(2, '0')}`;
  return new MalformedInputError(`the input is not UTF-8: byte${hex} at line ${line}${column ? `, column ${column}` : ''} (byte offset ${offset}); save the file as UTF-8`, {
    line,
    ...(column ? { column } : {}),
    byte: offset,
  });
}
