import { XMLParser } from 'fast-xml-parser';

/** One data field of a MARC record. */
export interface MarcField {
  tag: string;
  ind1: string;
  ind2: string;
  subfields: { code: string; value: string }[];
}

/** A MARC record (MARC 21 or UNIMARC) as MARCXML carries it. */
export interface MarcRecord {
  leader: string;
  controls: Map<string, string>;
  fields: MarcField[];
}

type XmlNode = Record<string, unknown>;
const REPEATED = new Set(['record', 'controlfield', 'datafield', 'subfield']);

/**
 * Parses a MARCXML document (a `collection` or a single `record`, with or without the `marc:`
 * prefix). Refuses documents with a DTD: MARCXML needs none, and entity declarations are how
 * XML bombs and external-entity reads arrive.
 */
export function parseMarcXml(xml: string): MarcRecord[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error('MARCXML with a DTD or entity declarations is not accepted');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => REPEATED.has(name),
  });
  const doc = parser.parse(xml) as XmlNode;
  const collection = (doc.collection as XmlNode | undefined) ?? doc;
  const records = (collection.record as XmlNode[] | undefined) ?? [];
  return records.map(toRecord);
}

/** The first value of a subfield, or undefined. */
export function sub(field: MarcField, code: string): string | undefined {
  return field.subfields.find((s) => s.code === code)?.value;
}

/** Every value of a subfield, in order. */
export function subs(field: MarcField, code: string): string[] {
  return field.subfields.filter((s) => s.code === code).map((s) => s.value);
}

/** The fields with a tag, in order. */
export function fieldsOf(rec: MarcRecord, ...tags: string[]): MarcField[] {
  return rec.fields.filter((f) => tags.includes(f.tag));
}

function toRecord(node: XmlNode): MarcRecord {
  const controls = new Map<string, string>();
  for (const c of (node.controlfield as XmlNode[] | undefined) ?? []) {
    const tag = String(c.tag ?? '');
    if (tag && !controls.has(tag)) controls.set(tag, text(c));
  }
  const fields = ((node.datafield as XmlNode[] | undefined) ?? []).map((d) => ({
    tag: String(d.tag ?? ''),
    ind1: String(d.ind1 ?? ' '),
    ind2: String(d.ind2 ?? ' '),
    subfields: ((d.subfield as XmlNode[] | undefined) ?? []).map((s) => ({ code: String(s.code ?? ''), value: text(s) })),
  }));
  return { leader: typeof node.leader === 'string' ? node.leader : text(node.leader as XmlNode | undefined), controls, fields };
}

function text(node: XmlNode | string | undefined): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  const t = node['#text'];
  return t === undefined || t === null ? '' : String(t);
}
