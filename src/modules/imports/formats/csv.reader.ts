import { Readable } from 'node:stream';
import Papa, { type ParseError, type ParseResult } from 'papaparse';
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
    // A carriage return at the end of what was read may be the first half of \r\n: read on.
    while (!/\n|\r[^]/.test(head)) {
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
 * The records of the text, each with the line it starts on. Papa Parse's parser is run over the
 * text read so far and hands over every complete row; the incomplete last row is kept and parsed
 * again with the next chunks, only once the text has doubled (a long row costs linear time). Rows
 * end at \n (or at \r in a file whose header line ends with a lone \r; see `csvNewline`); the
 * lines a row spans are counted from the breaks inside its quoted fields. Rows before a fatal
 * fault are still delivered.
 */
async function* parseRows(
  head: string,
  rest: AsyncIterator<string>,
  at: { delimiter: string; max: number; headers: () => string[] | null; row: () => number },
): AsyncGenerator<{ record: string[]; line: number }> {
  const newline = csvNewline(head);
  const rows: { record: string[]; end: number; fault?: ParseError }[] = [];
  const parser = new Papa.Parser({
    delimiter: at.delimiter,
    newline,
    quoteChar: '"',
    step: (r: ParseResult<string[]>) => rows.push({ record: r.data[0], end: r.meta.cursor, fault: r.errors[0] }),
  });
  let text = head;
  let done = false;
  let line = 1;
  // Parse again when the text reaches this length (twice the incomplete row carried over) and a
  // line break came since the last parse: without one no row can have ended, and a long field
  // is then only collected (and refused past the limit) without being scanned again.
  let parseAt = 0;
  let broken = true;
  const breakChar = newline.at(-1)!;
  for (;;) {
    if (!done) {
      const next = await rest.next();
      if (next.done) done = true;
      else {
        text += next.value;
        broken ||= next.value.includes(breakChar);
      }
      if (!done && !broken && text.length > at.max) throw tooLong(at, line);
      if (!done && (!broken || (text.length < parseAt && text.length <= at.max))) continue;
    }
    broken = false;
    rows.length = 0;
    const result = parser.parse(text, 0, !done) as ParseResult<string[]>;
    let start = 0;
    for (const { record, end, fault } of rows) {
      if (fault) throw quoteFault(fault, text, start, line, at);
      if (end - start > at.max) throw tooLong(at, line);
      dropCarriageReturn(record);
      if (record.length > 1 || record[0] !== '') yield { record, line };
      line += 1 + breaksIn(record);
      start = end;
    }
    // The incomplete last row: its faults are known once it is whole, or at the end of the input.
    const fault = result.errors[0];
    if (fault && (done || fault.code === 'InvalidQuotes')) throw quoteFault(fault, text, start, line, at);
    if (done) return;
    text = text.slice(result.meta.cursor);
    if (text.length > at.max) throw tooLong(at, line);
    parseAt = Math.max(2 * text.length, 1);
  }
}

/**
 * The line break the parser splits rows on: a lone \r when the header line ends with one (old
 * Mac files), else \n — rows ending in \r\n then end their last field with a \r that
 * `dropCarriageReturn` removes, so a file mixing \r\n and \n reads right.
 */
export function csvNewline(head: string): '\n' | '\r' {
  return /\r\n|\n|\r/.exec(head)?.[0] === '\r' ? '\r' : '\n';
}

/** Removes the \r of a \r\n line end from a row's last field (papaparse splits on \n). */
export function dropCarriageReturn(record: string[]): void {
  const last = record.length - 1;
  if (record[last].endsWith('\r')) record[last] = record[last].slice(0, -1);
}

/** Line breaks inside a row's fields (quoted fields may span lines). */
function breaksIn(record: string[]): number {
  let n = 0;
  for (const field of record) {
    if (field.indexOf('\n') < 0 && field.indexOf('\r') < 0) continue;
    n += field.match(/\r\n|\r|\n/g)!.length;
  }
  return n;
}

function tooLong(at: { max: number; row: () => number; headers: () => string[] | null }, line: number): MalformedInputError {
  return new MalformedInputError(`the row starting at line ${line} is longer than ${at.max} bytes (the limit of one record)`, { line, record: at.headers() ? at.row() + 1 : 0 });
}

/** A quote fault as a MalformedInputError naming the row's line and the field (counted from the row's start in `text`). */
function quoteFault(fault: ParseError, text: string, rowStart: number, line: number, at: { delimiter: string; headers: () => string[] | null; row: () => number }): MalformedInputError {
  // The fault's index is just after the field's opening quote: the fields before it end the row's text up to there.
  const quoteAt = typeof fault.index === 'number' ? fault.index - 1 : -1;
  const column = quoteAt >= rowStart ? (Papa.parse<string[]>(text.slice(rowStart, quoteAt), { delimiter: at.delimiter }).data[0]?.length ?? 1) : undefined;
  const name = column && at.headers()?.[column - 1] ? ` ("${at.headers()![column - 1]}")` : '';
  const record = at.headers() ? at.row() + 1 : 0;
  if (fault.code === 'MissingQuotes') {
    const end = line + (text.slice(rowStart).match(/\r\n|\r|\n/g)?.length ?? 0);
    return new MalformedInputError(
      `a quoted field is never closed: field ${column ?? '?'}${name} of the row starting at line ${line}; the input ends at line ${end} (truncated file or a stray quote)`,
      { line, column, record },
    );
  }
  return new MalformedInputError(`CSV syntax error in the row starting at line ${line}, field ${column ?? '?'}${name}: a quoted field has text after its closing quote (write "" for a quote inside a quoted field)`, {
    line,
    column,
    record,
  });
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
