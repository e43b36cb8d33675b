import type { Readable } from 'node:stream';
import type { ImportWarning, ReadItem, ReaderOptions, RecordReader } from '../import.types';
import { marcToRecord } from './marc.mapper';
import { MARCXML_NS, marcRecordFromElement, marcRecordProblems, type MarcRecord } from './marc.record';
import { xmlRecords } from './xml-records';

/**
 * MARCXML (MARC 21 bibliographic; UNIMARC records are mapped too): every `record` element in the
 * MARCXML namespace (any prefix) or in none, at any depth — a `collection`, a single record, or an
 * OAI-PMH response's `metadata`. Records that break the MARCXML schema or have no title are rejected.
 */
export const marcxmlReader: RecordReader = (input, opts) => readMarcXml(input, opts);

/** The identifier of a MARC record in its source: `(003)001` as in 035 system numbers, or 001 alone. */
export function marcSourceIdentifier(rec: MarcRecord): string | undefined {
  const control = rec.controls.get('001')?.trim();
  const org = rec.controls.get('003')?.trim();
  return control ? (org ? `(${org})${control}` : control) : undefined;
}

const NOT_BIBLIOGRAPHIC: Record<string, string> = { u: 'holdings', v: 'holdings', x: 'holdings', y: 'holdings', z: 'authority', q: 'community information' };

async function* readMarcXml(input: Readable, opts: ReaderOptions): AsyncGenerator<ReadItem> {
  const isRecord = (local: string, ns: string) => local === 'record' && (ns === MARCXML_NS || ns === '');
  for await (const x of xmlRecords(input, { recordElement: isRecord, maxRecordBytes: opts.maxRecordBytes })) {
    const rec = marcRecordFromElement(x.element);
    const identifier = marcSourceIdentifier(rec);
    const position = { record: x.index, line: x.line, ...(identifier ? { identifier } : {}) };
    const check = marcRecordProblems(rec);
    if (check.problems.length) {
      yield { kind: 'rejected', position, problems: [...check.problems, ...check.warnings] };
      continue;
    }
    const kind = NOT_BIBLIOGRAPHIC[rec.leader[6]];
    if (kind) {
      yield { kind: 'rejected', position, problems: [{ field: 'leader/06', message: `a MARC 21 ${kind} record (leader/06 "${rec.leader[6]}"), not a bibliographic one` }] };
      continue;
    }
    const warnings: ImportWarning[] = [...check.warnings];
    if (!identifier) warnings.push({ field: '001', message: `no control number (001): identified by its position (record ${x.index}), so a re-import of a changed file may duplicate it` });
    const sourceIdentifier = identifier ?? `record-${x.index}`;
    const record = marcToRecord(rec, {
      institutionId: opts.institutionId,
      source: { kind: opts.sourceKind, system: opts.sourceSystem.slice(0, 200), identifier: sourceIdentifier.slice(0, 500) },
    });
    if (!record) {
      yield { kind: 'rejected', position, problems: [{ field: '245', message: 'no title: 245 $a/$b/$n/$p (or UNIMARC 200 $a) is missing or empty' }] };
      continue;
    }
    if (!record.rights) warnings.push({ field: '540', message: 'no rights statement or licence URI (540 $u): the record has no rights' });
    yield { kind: 'record', position, record, warnings };
  }
}
