import { XMLParser } from 'fast-xml-parser';
import type { FieldProblem } from '../../../shared/errors';
import { rawText, type XmlElement } from './xml-records';

/** The MARCXML namespace. */
export const MARCXML_NS = 'http://www.loc.gov/MARC21/slim';

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

/** A MARC record from a MARCXML `record` element (any prefix, or none). */
export function marcRecordFromElement(el: XmlElement): MarcRecord {
  const controls = new Map<string, string>();
  const fields: MarcField[] = [];
  let leader = '';
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.local === 'leader') leader = rawText(c);
    else if (c.local === 'controlfield') {
      const tag = c.attrs.tag ?? '';
      if (tag && !controls.has(tag)) controls.set(tag, rawText(c));
    } else if (c.local === 'datafield') {
      const subfields: MarcField['subfields'] = [];
      for (const s of c.children) if (typeof s !== 'string' && s.local === 'subfield') subfields.push({ code: s.attrs.code ?? '', value: rawText(s) });
      fields.push({ tag: c.attrs.tag ?? '', ind1: c.attrs.ind1 ?? ' ', ind2: c.attrs.ind2 ?? ' ', subfields });
    }
  }
  return { leader, controls, fields };
}

const LEADER = /^[\d ]{5}[\dA-Za-z ][\dA-Za-z][\dA-Za-z ]{3}(2| )(2| )[\d ]{5}[\dA-Za-z ]{3}(4500| {4})$/;
const TAG = /^(0([1-9A-Z][0-9A-Z])|0([1-9a-z][0-9a-z]))$|^(([1-9A-Z][0-9A-Z]{2})|([1-9a-z][0-9a-z]{2}))$/;
const CONTROL_TAG = /^00[1-9A-Za-z]$/;
const INDICATOR = /^[\da-z ]$/;

/**
 * Where a record breaks the MARCXML schema (MARC21slim.xsd). A data-field tag that is not three
 * characters or a leader that is not 24 positions makes the record unreadable (`problems`); a bad
 * indicator or leader position, common in real catalogues, is only a warning.
 */
export function marcRecordProblems(rec: MarcRecord): { problems: FieldProblem[]; warnings: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];
  if (rec.leader.length !== 24) problems.push({ field: 'leader', message: `"${rec.leader}" is not a MARC 21 leader: ${rec.leader.length} positions instead of 24` });
  else if (!LEADER.test(rec.leader)) warnings.push({ field: 'leader', message: `"${rec.leader}" does not match the MARC 21 leader pattern` });
  for (const tag of rec.controls.keys()) if (!CONTROL_TAG.test(tag)) problems.push({ field: `controlfield "${tag}"`, message: 'a control field tag is 001–009 or 00A–00z' });
  rec.fields.forEach((f, i) => {
    const where = `datafield ${i + 1} (tag "${f.tag}")`;
    if (!TAG.test(f.tag) || f.tag.startsWith('00')) problems.push({ field: where, message: `"${f.tag}" is not a three-character MARC data field tag` });
    for (const [name, v] of [['ind1', f.ind1], ['ind2', f.ind2]] as const) if (!INDICATOR.test(v)) warnings.push({ field: `${where}/@${name}`, message: `"${v}" is not an indicator (a digit, a lowercase letter or blank)` });
  });
  return { problems, warnings };
}

type XmlNode = Record<string, unknown>;
const REPEATED = new Set(['record', 'controlfield', 'datafield', 'subfield']);

/**
 * Parses a whole MARCXML document held in memory (a `collection` or a single `record`, with or
 * without the `marc:` prefix) for build scripts; imports stream through `marcxmlReader` instead.
 * Refuses documents with a DTD: entity declarations are how XML bombs and external-entity reads arrive.
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
