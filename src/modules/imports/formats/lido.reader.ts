import type { Readable } from 'node:stream';
import type { ReadItem, ReaderOptions, RecordReader } from '../import.types';
import { LIDO_NS, lidoToRecord } from './lido.mapper';
import { xmlRecords } from './xml-records';

/**
 * LIDO 1.0 and 1.1: every `lido:lido` element at any depth — a single record, a `lidoWrap`, or an
 * OAI-PMH response's `metadata`. A record without lidoRecID or title is rejected.
 */
export const lidoReader: RecordReader = (input, opts) => readLido(input, opts);

async function* readLido(input: Readable, opts: ReaderOptions): AsyncGenerator<ReadItem> {
  const isRecord = (local: string, ns: string) => local === 'lido' && ns === LIDO_NS;
  const source = { kind: opts.sourceKind, system: opts.sourceSystem.slice(0, 200) };
  for await (const x of xmlRecords(input, { recordElement: isRecord, maxRecordBytes: opts.maxRecordBytes })) {
    const out = lidoToRecord(x.element, { institutionId: opts.institutionId, source });
    const identifier = 'record' in out ? out.record.source?.identifier : undefined;
    const position = { record: x.index, line: x.line, ...(identifier ? { identifier } : {}) };
    if ('problems' in out) yield { kind: 'rejected', position, problems: out.problems };
    else yield { kind: 'record', position, record: out.record, warnings: out.warnings };
  }
}
