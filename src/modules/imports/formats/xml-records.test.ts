import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import { EVENTS, SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { MalformedInputError } from '../import.types';
import { attrOf, childElement, newRecordsParser, textOf, xmlRecords, type XmlRecord, type XmlRecordsOptions } from './xml-records';
import { sharedData } from '../../../../test/helpers/shared-data';

const MARC = 'http://www.loc.gov/MARC21/slim';
const marcRecord = (local: string, ns: string) => local === 'record' && ns === MARC;
const fromString = (xml: string | Buffer, chunk = 7) => {
  const buf = Buffer.isBuffer(xml) ? xml : Buffer.from(xml);
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunk) parts.push(buf.subarray(i, i + chunk));
  return Readable.from(parts);
};

async function collect(input: Readable, opts: XmlRecordsOptions = { recordElement: marcRecord }): Promise<{ records: XmlRecord[]; error?: MalformedInputError }> {
  const records: XmlRecord[] = [];
  try {
    for await (const r of xmlRecords(input, opts)) records.push(r);
  } catch (e) {
    if (!(e instanceof MalformedInputError)) throw e;
    return { records, error: e };
  }
  return { records };
}

describe('xmlRecords', () => {
  it('streams the 383 records of a real MARCXML file with their start positions', async () => {
    const { records, error } = await collect(fs.createReadStream(sharedData('marc', 'pride-and-prejudice-fixed.xml')));
    expect(error).toBeUndefined();
    expect(records).toHaveLength(383);
    expect(records[0]).toMatchObject({ line: 2, column: 1, index: 1 });
    expect(records.at(-1)!.index).toBe(383);
  });

  it('finds prefixed records and carries the ancestors\' namespace declarations into each record\'s markup', async () => {
    const { records } = await collect(fs.createReadStream(sharedData('marc', 'batch.xml')));
    expect(records).toHaveLength(2);
    expect(records[0].element.name).toBe('marc:record');
    expect(records[0].xml).toMatch(/^<marc:record xmlns:marc="http:\/\/www\.loc\.gov\/MARC21\/slim"/);
    // The markup stands alone: a namespace-aware parser reads it without errors.
    const parser = new SaxesParser({ xmlns: true });
    expect(() => parser.write(records[0].xml).close()).not.toThrow();
  });

  it('finds records at any depth, e.g. inside an OAI-PMH response, and gives text, attributes and xml:lang', async () => {
    const xml = `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords><record><header><identifier>oai:x:1</identifier></header>
      <metadata xml:lang="fr"><m:record xmlns:m="${MARC}"><m:datafield tag="245"><m:subfield code="a">Orgueil &amp; préjugés</m:subfield></m:datafield></m:record></metadata></record></ListRecords></OAI-PMH>`;
    const { records } = await collect(fromString(xml));
    expect(records).toHaveLength(1);
    const field = childElement(records[0].element, 'datafield');
    expect(attrOf(field, 'tag')).toBe('245');
    expect(textOf(field)).toBe('Orgueil & préjugés');
    expect(field!.lang).toBe('fr');
    expect(records[0].xml).toContain('Orgueil &amp; préjugés');
  });

  it('stops at truncated XML with the line and column, after yielding the records before the cut', async () => {
    const whole = fs.readFileSync(sharedData('marc', 'pride-and-prejudice-fixed.xml'));
    const cut = whole.subarray(0, Math.floor(whole.length / 2));
    const { records, error } = await collect(fromString(cut, 65536));
    // Every record closed before the cut, including those in the chunk where the error is found.
    expect(records).toHaveLength(cut.toString('utf8').split('</record>').length - 1);
    expect(records.length).toBeGreaterThan(150);
    expect(error).toBeInstanceOf(MalformedInputError);
    expect(error!.position.line).toBeGreaterThan(10000);
    expect(error!.position.column).toBeGreaterThan(0);
    expect(error!.message).toMatch(/Malformed XML at line \d+, column \d+/);
  });

  it('yields the records closed before malformed markup in the same chunk, then reports its line and column', async () => {
    const xml = `<collection xmlns="${MARC}">\n<record><leader>1</leader></record>\n<record><leader>2</leader></record>\n<record><leader>3</leader></recrod>`;
    const { records, error } = await collect(fromString(xml, 1 << 16));
    expect(records.map((r) => textOf(childElement(r.element, 'leader')))).toEqual(['1', '2']);
    expect(error!.position).toEqual({ line: 4, column: 36, record: 3 });
    expect(error!.message).toBe('Malformed XML at line 4, column 36: unexpected close tag.');
  });

  it('refuses an external-entity (XXE) document with its position and reads nothing from disk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxe-'));
    const secret = path.join(dir, 'secret.txt');
    fs.writeFileSync(secret, 'TOP-SECRET-MARKER');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file://${secret}">]>\n<collection xmlns="${MARC}"><record><leader>&e;</leader></record></collection>`;
    const { records, error } = await collect(fromString(xml));
    fs.rmSync(dir, { recursive: true });
    expect(records).toEqual([]);
    expect(error!.message).toMatch(/DTDs and entity declarations are not accepted \(XXE, entity expansion\)/);
    expect(error!.position.line).toBe(2);
    expect(error!.position.column).toBeGreaterThan(1);
    expect(JSON.stringify(error)).not.toContain('TOP-SECRET-MARKER');
  });

  it('refuses a billion-laughs document before expanding anything', async () => {
    const decl = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)].join('\n');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${decl}\n]>\n<collection xmlns="${MARC}"><record><leader>&lol9;</leader></record></collection>`;
    const start = process.memoryUsage().heapUsed;
    const { records, error } = await collect(fromString(xml, 64));
    expect(records).toEqual([]);
    // Reported where the DOCTYPE ends (line 13), before any entity is used.
    expect(error!.position).toMatchObject({ line: 13, column: 3 });
    expect(error!.message).toMatch(/DTDs and entity declarations/);
    expect(process.memoryUsage().heapUsed - start).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses bytes that are not UTF-8 with their byte offset, line and column, after the records before them', async () => {
    const head = `<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="${MARC}">\n<record><leader>a</leader></record>\n<record><leader>Caf`;
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from([0xe9]), Buffer.from('</leader></record></collection>')]);
    const { records, error } = await collect(fromString(bytes, 16));
    expect(records).toHaveLength(1);
    expect(error!.position).toEqual({ byte: Buffer.byteLength(head), line: 4, column: 20 });
    expect(error!.message).toMatch(/Invalid UTF-8 at byte 146 \(line 4, column 20\)/);
  });

  it('reads a multi-byte character split across chunks', async () => {
    const xml = Buffer.from(`<collection xmlns="${MARC}"><record><leader>敦煌</leader></record></collection>`);
    const { records, error } = await collect(fromString(xml, 1));
    expect(error).toBeUndefined();
    expect(textOf(childElement(records[0].element, 'leader'))).toBe('敦煌');
  });

  it('refuses a real MARCXML file with invalid UTF-8 (marc4j sample1.xml) at line 393, keeping the records before', async () => {
    const { records, error } = await collect(fs.createReadStream(sharedData('marc', 'sample1.xml')));
    expect(records).toHaveLength(6);
    expect(error!.position).toMatchObject({ byte: 16694, line: 393 });
  });

  it('refuses a declared encoding other than UTF-8', async () => {
    const { error } = await collect(fromString(`<?xml version="1.0" encoding="ISO-8859-1"?><collection/>`));
    expect(error!.message).toMatch(/Only UTF-8 XML is accepted; the document declares encoding="ISO-8859-1"/);
  });

  it('refuses a record over the size limit, and a 100 MB text node quickly without holding it', async () => {
    const small = await collect(fromString(`<collection xmlns="${MARC}"><record><leader>${'x'.repeat(5000)}</leader></record></collection>`, 1024), {
      recordElement: marcRecord,
      maxRecordBytes: 1000,
    });
    expect(small.error!.message).toMatch(/Record 1 \(line 1, column 52\) is over the limit of 1000 characters/);
    const outside = await collect(fromString(`<collection xmlns="${MARC}"><note>${'x'.repeat(5000)}</note></collection>`, 1024), {
      recordElement: marcRecord,
      maxRecordBytes: 1000,
    });
    expect(outside.error!.message).toMatch(/^A single text or markup run over 1000 characters at line 1$/);

    let produced = 0;
    const chunk = 'a'.repeat(64 * 1024);
    async function* huge() {
      yield `<collection xmlns="${MARC}"><record><leader>`;
      for (let i = 0; i < 1600; i++) {
        produced += chunk.length;
        yield chunk;
      }
      yield '</leader></record></collection>';
    }
    const before = process.memoryUsage();
    const started = Date.now();
    const { error } = await collect(Readable.from(huge()));
    expect(error).toBeInstanceOf(MalformedInputError);
    expect(error!.message).toMatch(/over the limit of 16777216 characters/);
    expect(produced).toBeLessThan(20 * 1024 * 1024);
    // Stopped after ~16 MiB of the 100 MB: a few seconds at most even on a loaded 2-core machine.
    expect(Date.now() - started).toBeLessThan(20000);
    const after = process.memoryUsage();
    expect(after.heapUsed + after.external - before.heapUsed - before.external).toBeLessThan(100 * 1024 * 1024);
  }, 30000);
});

describe('the records parser', () => {
  it('keeps fast properties with a handler on every event (a dictionary-mode parser reads 2.4 times slower)', () => {
    v8.setFlagsFromString('--allow-natives-syntax');
    const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
    // (saxes' own parser given the same handlers is a dictionary in Node 20's V8.)
    const ours = newRecordsParser();
    for (const event of EVENTS) ours.on(event, () => undefined);
    ours.write('<a xmlns="urn:x"><b c="d">text</b><![CDATA[more]]></a>').close();
    expect(hasFastProperties(ours)).toBe(true);
  });
});
