import type { Readable } from 'node:stream';
import type { ReadItem, ReaderOptions, RecordReader } from '../import.types';
import { dcToRecord } from './dc.mapper';
import { xmlRecords } from './xml-records';

/** The OAI-PMH Dublin Core container (`oai_dc:dc`) and the SRU one (`srw_dc:dc`). */
const DC_CONTAINERS = new Set(['http://www.openarchives.org/OAI/2.0/oai_dc/', 'info:srw/schema/1/dc-schema']);

/**
 * Simple Dublin Core: every `oai_dc:dc` (or `srw_dc:dc`) element at any depth — a file of them,
 * or an OAI-PMH response's `metadata`. A record without a title is rejected.
 */
export const dcReader: RecordReader = (input, opts) => readDc(input, opts);

async function* readDc(input: Readable, opts: ReaderOptions): AsyncGenerator<ReadItem> {
  const isRecord = (local: string, ns: string) => local === 'dc' && DC_CONTAINERS.has(ns);
  const source = { kind: opts.sourceKind, system: opts.sourceSystem.slice(0, 200) };
  for await (const x of xmlRecords(input, { recordElement: isRecord, maxRecordBytes: opts.maxRecordBytes })) {
    const out = dcToRecord(x.element, { institutionId: opts.institutionId, source, index: x.index });
    const identifier = 'record' in out ? out.record.source?.identifier : undefined;
    const position = { record: x.index, line: x.line, ...(identifier ? { identifier } : {}) };
    if ('problems' in out) yield { kind: 'rejected', position, problems: out.problems };
    else yield { kind: 'record', position, record: out.record, warnings: out.warnings };
  }
}
