import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { canonicalTag } from '../../../shared/lang-map';
import { MalformedInputError } from '../import.types';
import { firstInvalidUtf8 } from './jsonl.reader';
import { marcLanguage } from './marc.reference';

/** An element of a record, namespace-resolved: `local` name and namespace `uri`, attributes by qualified name. */
export interface XmlElement {
  name: string;
  local: string;
  uri: string;
  attrs: Record<string, string>;
  /** Namespace declarations on this element (prefix → URI; '' is the default namespace). */
  ns: Record<string, string>;
  /** The language in effect (xml:lang here or on the nearest ancestor), if any. */
  lang?: string;
  children: (XmlElement | string)[];
}

/** One record element found in an XML input. */
export interface XmlRecord {
  /** The record element's own markup, with the namespaces declared on its ancestors carried over. */
  readonly xml: string;
  /** The record element as a tree. */
  element: XmlElement;
  /** 1-based line and column of the record's start tag. */
  line: number;
  column: number;
  /** 1-based index of the record in the input. */
  index: number;
}

/** What is a record, and how large one may be. */
export interface XmlRecordsOptions {
  /** True for the elements that are records (at any depth; elements inside a record are not tested). */
  recordElement: (localName: string, namespace: string) => boolean;
  /** A record (or any single text node) over this many characters is malformed input; default 16 MiB. */
  maxRecordBytes?: number;
}

/** The default limit of one record's size. */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

const REFUSED_DTD = 'DTDs and entity declarations are not accepted (XXE, entity expansion)';

type Parser = SaxesParser<{ xmlns: true; position: true }>;

/**
 * A saxes parser whose properties stay fast. saxes stores each handler with a keyed store
 * (`this[name] = handler`); after a few properties added that way V8 turns the object into a
 * dictionary, and every field the parser reads per character (`this.i`, `this.chunk`,
 * `this.column`) into a hash lookup: our seventh handler made reading 2.4 times slower
 * (xmlRecords over the benchmark's MARCXML: 191 µs a record with seven handlers, 81 with six).
 * Declaring the handler fields here, by name, in a constructor keeps the parser's shape fast.
 */
class RecordsParser extends SaxesParser<{ xmlns: true; position: true }> {
  constructor() {
    super({ xmlns: true, position: true });
    const self = this as unknown as Record<string, unknown>;
    self.xmldeclHandler = undefined;
    self.textHandler = undefined;
    self.piHandler = undefined;
    self.doctypeHandler = undefined;
    self.commentHandler = undefined;
    self.openTagStartHandler = undefined;
    self.attributeHandler = undefined;
    self.openTagHandler = undefined;
    self.closeTagHandler = undefined;
    self.cdataHandler = undefined;
    self.errorHandler = undefined;
    self.endHandler = undefined;
    self.readyHandler = undefined;
  }
}

/** A new records parser (exported for the test that checks its properties stay fast). */
export function newRecordsParser(): Parser {
  return new RecordsParser();
}

/**
 * Streams the record elements of an XML document (UTF-8 only): one record is held in memory at a
 * time. DTDs, malformed XML, invalid UTF-8 and oversized records stop the stream with a
 * MalformedInputError naming the position.
 */
export async function* xmlRecords(input: Readable, opts: XmlRecordsOptions): AsyncIterable<XmlRecord> {
  const max = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const parser = newRecordsParser();
  const scopes: Record<string, string>[] = [];
  const langs: (string | undefined)[] = [];
  const done: XmlRecord[] = [];
  let stack: XmlElement[] = [];
  let depth = 0;
  let recordDepth = -1;
  let recordStart = 0;
  let lastEvent = 0;
  let count = 0;
  let startLine = 0;
  let startColumn = 0;
  let pending: XmlRecord | null = null;
  let closedAt = -1;
  const where = () => ({ line: parser.line, column: parser.column + 1 });

  parser.on('doctype', () => {
    throw new MalformedInputError(`${REFUSED_DTD}, line ${parser.line}`, { ...where(), ...(count ? { record: count } : {}) });
  });
  parser.on('xmldecl', (decl) => {
    if (decl.encoding && !/^(utf-?8|us-ascii)$/i.test(decl.encoding)) {
      throw new MalformedInputError(`Only UTF-8 XML is accepted; the document declares encoding="${decl.encoding}" (line ${parser.line})`, where());
    }
  });
  parser.on('opentagstart', (tag) => {
    startLine = parser.line;
    startColumn = parser.column - tag.name.length - 1;
    lastEvent = parser.position;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    lastEvent = parser.position;
    depth++;
    const el = toElement(tag, langs[langs.length - 1]);
    langs.push(el.lang);
    if (recordDepth < 0 && opts.recordElement(tag.local, tag.uri)) {
      recordDepth = depth;
      recordStart = parser.position;
      // Carry over the ancestors' namespace bindings the record itself does not redeclare.
      for (const scope of scopes) for (const [p, u] of Object.entries(scope)) if (!(p in el.ns)) el.ns[p] = u;
      pending = makeRecord(el, startLine, startColumn, ++count);
      stack = [el];
    } else if (recordDepth > 0) {
      stack[stack.length - 1].children.push(el);
      stack.push(el);
    } else {
      scopes.push(el.ns);
      return;
    }
    scopes.push({});
  });
  parser.on('closetag', () => {
    lastEvent = parser.position;
    scopes.pop();
    langs.pop();
    if (recordDepth > 0) {
      stack.pop();
      if (depth === recordDepth) {
        if (parser.position - recordStart > max) throw tooLarge(max, pending!.line, pending!.column, count);
        closedAt = parser.position;
        done.push(pending!);
        pending = null;
        recordDepth = -1;
      }
    }
    depth--;
  });
  const onText = (text: string) => {
    lastEvent = parser.position;
    if (recordDepth > 0 && stack.length) stack[stack.length - 1].children.push(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  const feed = (text: string) => {
    try {
      parser.write(text);
    } catch (e) {
      // saxes closes the open element before failing on a mismatched end tag: that record is not complete.
      if (closedAt === parser.position) done.pop();
      throw asMalformed(e, parser, count);
    }
    if (parser.position - lastEvent > max || (recordDepth > 0 && parser.position - recordStart > max)) {
      throw recordDepth > 0 ? tooLarge(max, pending!.line, pending!.column, count) : new MalformedInputError(`A single text or markup run over ${max} characters at line ${parser.line}`, where());
    }
  };
  for await (const chunk of input) {
    const buf: Uint8Array = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let text: string;
    try {
      text = decoder.decode(buf, { stream: true });
    } catch {
      // The decoder holds an incomplete sequence across chunks, so the first bad byte is in this chunk.
      const bad = Math.max(0, firstInvalidUtf8(buf));
      let error = new MalformedInputError('', {});
      try {
        // The valid part first: its records are read, and the error can say the line and column too.
        feed(new TextDecoder('utf-8').decode(buf.subarray(0, bad)));
        error = new MalformedInputError(`Invalid UTF-8 at byte ${bytes + bad} (line ${parser.line}, column ${parser.column + 1}): the input must be UTF-8`, {
          byte: bytes + bad,
          ...where(),
        });
      } catch (e) {
        error = e as MalformedInputError;
      }
      while (done.length) yield done.shift()!;
      throw error;
    }
    bytes += buf.length;
    // Records completed before an error in the same chunk are still yielded, then the error.
    const failure = attempt(() => feed(text));
    while (done.length) yield done.shift()!;
    if (failure) throw failure;
  }
  let rest = '';
  try {
    rest = decoder.decode();
  } catch {
    throw new MalformedInputError(`Invalid UTF-8 at byte ${bytes}: the input ends inside a character`, { byte: bytes, ...where() });
  }
  const failure =
    attempt(() => rest && feed(rest)) ??
    attempt(() => {
      try {
        parser.close();
      } catch (e) {
        throw asMalformed(e, parser, count);
      }
    });
  while (done.length) yield done.shift()!;
  if (failure) throw failure;
}

function attempt(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e;
  }
}

/** The child elements of an element, all or those with a local name. */
export function childElements(el: XmlElement | undefined, local?: string): XmlElement[] {
  if (!el) return [];
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== 'string' && (!local || c.local === local)) out.push(c);
  return out;
}

/** The first child element with a local name; with several names, follows the path. */
export function childElement(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let at = el;
  for (const local of path) at = at?.children.find((c): c is XmlElement => typeof c !== 'string' && c.local === local);
  return at;
}

/** An attribute by local name, whatever its prefix (`lido:type` and `type` alike). */
export function attrOf(el: XmlElement | undefined, local: string): string | undefined {
  if (!el) return undefined;
  if (local in el.attrs) return el.attrs[local];
  for (const [k, v] of Object.entries(el.attrs)) if (k.endsWith(`:${local}`) && k !== 'xml:lang') return v;
  return undefined;
}

/** A BCP 47 tag for a language code as catalogues write it (`en`, `eng`, `de-DE`, `en_US`), or null. */
export function languageTag(code: string | undefined): string | null {
  const c = (code ?? '').trim().replace(/_/g, '-');
  if (!c || c.length > 35) return null;
  return marcLanguage(c.length === 3 ? c : '') ?? canonicalTag(c);
}

/** The language-map key of an element's text: its xml:lang (or an ancestor's) as BCP 47, else `none`. */
export function langKey(el: XmlElement): string {
  return languageTag(el.lang) ?? 'none';
}

/** The text content of an element (its descendants' text, in order), whitespace collapsed. */
export function textOf(el: XmlElement | undefined): string {
  return el ? rawText(el).replace(/\s+/g, ' ').trim() : '';
}

/** The text content of an element exactly as written. */
export function rawText(el: XmlElement): string {
  let out = '';
  for (const c of el.children) out += typeof c === 'string' ? c : rawText(c);
  return out;
}

/** Serialises an element (with its carried-over namespace declarations) back to markup. */
export function serializeElement(el: XmlElement): string {
  let out = `<${el.name}`;
  for (const [p, u] of Object.entries(el.ns)) out += ` ${p ? `xmlns:${p}` : 'xmlns'}="${escapeXml(u)}"`;
  for (const [k, v] of Object.entries(el.attrs)) out += ` ${k}="${escapeXml(v)}"`;
  if (!el.children.length) return `${out}/>`;
  out += '>';
  for (const c of el.children) out += typeof c === 'string' ? escapeXml(c) : serializeElement(c);
  return `${out}</${el.name}>`;
}

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

function toElement(tag: SaxesTagNS, inherited: string | undefined): XmlElement {
  // Hot path (every element of every record): plain loops, no intermediate arrays or spreads.
  const attrs: Record<string, string> = {};
  for (const k in tag.attributes) if (k !== 'xmlns' && !k.startsWith('xmlns:')) attrs[k] = tag.attributes[k].value;
  const ns: Record<string, string> = {};
  for (const p in tag.ns) ns[p] = tag.ns[p];
  const lang = attrs['xml:lang']?.trim() || inherited;
  const el: XmlElement = { name: tag.name, local: tag.local, uri: tag.uri, attrs, ns, children: [] };
  if (lang) el.lang = lang;
  return el;
}

function makeRecord(element: XmlElement, line: number, column: number, index: number): XmlRecord {
  let xml: string | undefined;
  return {
    get xml() {
      return (xml ??= serializeElement(element));
    },
    element,
    line,
    column: Math.max(1, column),
    index,
  };
}

function tooLarge(max: number, line: number, column: number, record: number): MalformedInputError {
  return new MalformedInputError(`Record ${record} (line ${line}, column ${column}) is over the limit of ${max} characters per record`, { line, column, record });
}

function asMalformed(e: unknown, parser: Parser, count: number): MalformedInputError {
  if (e instanceof MalformedInputError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new MalformedInputError(`Malformed XML at line ${parser.line}, column ${parser.column + 1}: ${message.replace(/^(?:[^:\s]*:)?\d+:\d+: /, '')}`, {
    line: parser.line,
    column: parser.column + 1,
    ...(count ? { record: count } : {}),
  });
}
