import { Readable } from 'node:stream';
import { xmlRecords, type XmlElement } from '../formats/xml-records';
import { MalformedInputError } from '../import.types';
import { HarvestError } from './oai.fetch';

/** The OAI-PMH 2.0 namespace. */
export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';

/** One record of a ListRecords page: its header, and the record element's markup when it has metadata. */
export interface OaiRecord {
  /** Empty when the header lacks one (the record is then rejected, not fatal). */
  identifier: string;
  datestamp: string | null;
  deleted: boolean;
  /** The `<record>` element (namespaces carried over), for the metadata format's reader; null without metadata. */
  xml: string | null;
  line: number;
}

/** One ListRecords response. */
export interface OaiPage {
  responseDate: string;
  records: OaiRecord[];
  /** The token of the next page; null (or empty in the response) on the last page. */
  resumptionToken: string | null;
  completeListSize: number | null;
  /** The repository answered noRecordsMatch: nothing (new) to harvest. */
  noRecordsMatch: boolean;
}

/** What Identify says about a repository. */
export interface OaiIdentity {
  repositoryName: string;
  baseURL: string;
  protocolVersion: string;
  earliestDatestamp: string;
  granularity: 'YYYY-MM-DD' | 'YYYY-MM-DDThh:mm:ssZ';
  deletedRecord: string;
  responseDate: string;
}

const ENVELOPE = new Set(['responseDate', 'error', 'record', 'resumptionToken', 'Identify', 'metadataFormat']);

/** Reads an Identify response; a body that is not OAI-PMH 2.0 is refused saying what came instead. */
export async function parseIdentify(body: Buffer, url: string): Promise<OaiIdentity> {
  const env = await envelope(body, url, true);
  const el = env.elements.find((e) => e.local === 'Identify');
  if (!el) throw new HarvestError(`${url} answered OAI-PMH without an Identify element`);
  const get = (name: string) => textOf(child(el, name)).trim();
  const granularity = get('granularity') === 'YYYY-MM-DDThh:mm:ssZ' ? 'YYYY-MM-DDThh:mm:ssZ' : 'YYYY-MM-DD';
  const protocolVersion = get('protocolVersion');
  if (protocolVersion && protocolVersion !== '2.0') throw new HarvestError(`${url} speaks OAI-PMH ${protocolVersion}; only 2.0 is supported`);
  return { repositoryName: get('repositoryName'), baseURL: get('baseURL'), protocolVersion, earliestDatestamp: get('earliestDatestamp'), granularity, deletedRecord: get('deletedRecord'), responseDate: env.responseDate };
}

/** The metadataPrefixes a ListMetadataFormats response offers. */
export async function parseMetadataFormats(body: Buffer, url: string): Promise<string[]> {
  const env = await envelope(body, url, true);
  return env.elements.filter((e) => e.local === 'metadataFormat').map((e) => textOf(child(e, 'metadataPrefix')).trim()).filter(Boolean);
}

/** Reads a ListRecords page; malformed XML stops with a MalformedInputError naming line and column. */
export async function parseListRecords(body: Buffer, url: string): Promise<OaiPage> {
  const env = await envelope(body, url, false);
  const records: OaiRecord[] = [];
  let resumptionToken: string | null = null;
  let completeListSize: number | null = null;
  for (const el of env.elements) {
    if (el.local === 'resumptionToken') {
      resumptionToken = textOf(el).trim() || null;
      const size = Number(el.attrs.completeListSize);
      completeListSize = el.attrs.completeListSize && Number.isFinite(size) ? size : null;
    } else if (el.local === 'record') {
      const header = child(el, 'header');
      const identifier = textOf(child(header, 'identifier')).trim();
      const deleted = header?.attrs.status === 'deleted';
      const hasMetadata = !!child(el, 'metadata');
      records.push({ identifier, datestamp: textOf(child(header, 'datestamp')).trim() || null, deleted, xml: !deleted && hasMetadata ? env.xml.get(el)! : null, line: env.lines.get(el) ?? 0 });
    }
  }
  return { responseDate: env.responseDate, records, resumptionToken, completeListSize, noRecordsMatch: env.noRecordsMatch };
}

interface Envelope {
  responseDate: string;
  elements: XmlElement[];
  lines: Map<XmlElement, number>;
  xml: Map<XmlElement, string>;
  noRecordsMatch: boolean;
}

async function envelope(body: Buffer, url: string, strictlyOai: boolean): Promise<Envelope> {
  const elements: XmlElement[] = [];
  const lines = new Map<XmlElement, number>();
  const xml = new Map<XmlElement, string>();
  try {
    const found = xmlRecords(Readable.from([body]), { recordElement: (local, ns) => ns === OAI_NS && ENVELOPE.has(local), maxRecordBytes: Number.MAX_SAFE_INTEGER });
    for await (const r of found) {
      elements.push(r.element);
      lines.set(r.element, r.line);
      if (r.element.local === 'record') xml.set(r.element, r.xml);
    }
  } catch (e) {
    if (strictlyOai && e instanceof MalformedInputError) throw new HarvestError(`${url} did not answer OAI-PMH 2.0 XML: ${e.message} (${describe(body)})`);
    throw e;
  }
  const responseDate = elements.find((e) => e.local === 'responseDate');
  if (!responseDate) throw new HarvestError(`${url} did not answer OAI-PMH 2.0: no responseDate in the ${OAI_NS} namespace (${describe(body)})`);
  const errors = elements.filter((e) => e.local === 'error');
  const noRecordsMatch = errors.length > 0 && errors.every((e) => e.attrs.code === 'noRecordsMatch');
  if (errors.length && !noRecordsMatch) {
    const first = errors[0];
    const code = first.attrs.code ?? 'unknown';
    const all = errors.map((e) => `${e.attrs.code ?? 'unknown'}: ${textOf(e).trim() || '(no message)'}`).join('; ');
    throw new HarvestError(`The repository answered ${url} with OAI-PMH error ${all}`, code);
  }
  return { responseDate: textOf(responseDate).trim(), elements, lines, xml, noRecordsMatch };
}

function child(el: XmlElement | undefined | null, local: string): XmlElement | undefined {
  return el?.children.find((c): c is XmlElement => typeof c !== 'string' && c.local === local);
}

function textOf(el: XmlElement | undefined | null): string {
  if (!el) return '';
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

function describe(body: Buffer): string {
  const start = body.subarray(0, 80).toString('utf8').replace(/\s+/g, ' ').trim();
  return start ? `it begins "${start}"` : 'an empty answer';
}
