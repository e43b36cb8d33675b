import type { ImportProblemRow } from './import.table';

const COLUMNS = ['kind', 'record', 'line', 'identifier', 'field', 'message'] as const;

/** One report row as the API shows it. */
export interface ReportEntry {
  kind: 'rejected' | 'warning' | 'fatal';
  record: number | null;
  line: number | null;
  identifier: string | null;
  field: string | null;
  message: string;
}

/** The API form of a report row. */
export function toEntry(r: ImportProblemRow): ReportEntry {
  return { kind: r.kind, record: r.record_index, line: r.line, identifier: r.identifier, field: r.field, message: r.message };
}

/** A CSV cell that a spreadsheet will show as text: a formula trigger (= + - @ tab CR, also after spaces) is prefixed with '. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[ \u00a0]*[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The report as CSV text, chunk by chunk (header first), from rows read a page at a time. */
export async function* reportCsv(rows: AsyncIterable<ImportProblemRow>): AsyncGenerator<string> {
  yield `${COLUMNS.join(',')}\r\n`;
  let chunk = '';
  for await (const r of rows) {
    const e = toEntry(r);
    chunk += `${[e.kind, e.record, e.line, e.identifier, e.field, e.message].map(csvCell).join(',')}\r\n`;
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** The report as a JSON document `{ job, items: [...] }`, streamed so a report of a million rows stays flat in memory. */
export async function* reportJson(head: unknown, rows: AsyncIterable<ImportProblemRow>): AsyncGenerator<string> {
  const open = JSON.stringify({ job: head, items: [] });
  yield open.slice(0, -2);
  let first = true;
  let chunk = '';
  for await (const r of rows) {
    chunk += (first ? '' : ',') + JSON.stringify(toEntry(r));
    first = false;
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}]}`;
}
