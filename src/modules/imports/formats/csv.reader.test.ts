import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/helpers/shared-data';
import type { TateArtwork } from '../../demo/build/tate.mapper';
import { MalformedInputError, type CsvMapping, type ReadItem, type ReaderOptions } from '../import.types';
import { suggestMapping } from './csv-mapping';
import { csvReader, detectDelimiter } from './csv.reader';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/imports/csv');
const OPTS: ReaderOptions = { institutionId: 'tate', sourceSystem: 'artworks.csv', sourceKind: 'import' };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-reader-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function readAll(input: Readable, opts: Partial<ReaderOptions> = {}): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of csvReader(input, { ...OPTS, ...opts })) items.push(item);
  return items;
}

async function failure(input: Readable, opts: Partial<ReaderOptions> = {}): Promise<MalformedInputError> {
  const err = await readAll(input, opts).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(MalformedInputError);
  return err as MalformedInputError;
}

const text = (s: string) => Readable.from([Buffer.from(s)]);
const records = (items: ReadItem[]) => items.flatMap((i) => (i.kind === 'record' ? [i] : []));
const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

describe('csvReader on Tate artists (UTF-8 with a byte-order mark)', () => {
  it('strips the BOM, finds the header and reads all 3,532 rows with their names', async () => {
    const items = await readAll(fs.createReadStream(sharedData('tate', 'artist_data.csv')), { sourceSystem: 'artist_data.csv', mapping: undefined });
    expect(items).toHaveLength(3532);
    expect(items.every((i) => i.kind === 'record')).toBe(true);
    const first = records(items)[0];
    // Without the BOM stripped the first header would be "\uFEFFid" and no identifier column would be found.
    expect(first.position).toEqual({ record: 1, line: 2, identifier: '10093' });
    expect(first.record.source).toEqual({ kind: 'import', system: 'artist_data.csv', identifier: '10093', url: 'http://www.tate.org.uk/art/artists/magdalena-abakanowicz-10093' });
    const backstrom = records(items).find((i) => i.position.identifier === '13866')!;
    expect(backstrom.position.line).toBe(142);
    expect(backstrom.record.title).toEqual({ none: ['Bäckström, Miriam'] });
    expect(backstrom.record.date).toEqual({ display: 'born 1967' });
    const abbey = records(items).find((i) => i.position.identifier === '0')!;
    expect(abbey.record.date?.display).toBe('1852–1911');
  });
});

describe('csvReader on a museum-objects CSV made from Tate artworks', () => {
  const artworks = fs
    .readFileSync(sharedData('tate', 'artworks-sample.jsonl'), 'utf8')
    .split('\n')
    .slice(0, 40)
    .map((l) => JSON.parse(l) as TateArtwork)
    .filter((a) => a.contributors?.length === 1 && a.dateText && a.medium);
  const headers = ['Object number', 'Title', 'Title (zh)', 'Artist', 'Role', 'Date', 'Medium', 'Dimensions', 'Credit line', 'URL', 'Notes'];
  const rows = artworks.map((a, i) => [
    a.acno,
    a.title,
    i === 0 ? '撒旦在上帝宝座前' : '',
    a.contributors![0].fc,
    a.contributors![0].role,
    a.dateText!,
    a.medium!,
    a.dimensions ?? '',
    a.creditLine ?? '',
    a.url ?? '',
    // A quoted field over two lines: the next rows' line numbers must count it.
    i === 0 ? `Catalogue group: ${a.groupTitle}\nAcquired ${a.acquisitionYear}` : '',
  ]);
  const write = (file: string, delimiter: string, quote = cell) => {
    const lines = [headers, ...rows].map((r) => r.map(quote).join(delimiter));
    fs.writeFileSync(path.join(tmp, file), lines.join('\r\n') + '\r\n');
    return path.join(tmp, file);
  };

  it('maps each row with the suggested mapping: title, agent role, date, materials, identifier, source', async () => {
    const mapping: CsvMapping = { ...suggestMapping(headers), defaults: { language: 'en', rights: 'http://rightsstatements.org/vocab/InC/1.0/' } };
    expect(mapping.columns).toMatchObject({ 'Object number': 'identifier.inventory', Title: 'title', 'Title (zh)': 'title.zh', Artist: 'agent.artist', Role: 'agentRole', Notes: 'notes' });
    const items = await readAll(fs.createReadStream(write('artworks.csv', ',')), { mapping });
    expect(artworks.length).toBeGreaterThan(10);
    expect(records(items)).toHaveLength(artworks.length);

    const blake = records(items)[0];
    const a = artworks[0];
    expect(blake.position).toEqual({ record: 1, line: 2, identifier: a.acno });
    expect(blake.record.title).toEqual({ en: [a.title], zh: ['撒旦在上帝宝座前'] });
    expect(blake.record.agents).toEqual([{ name: { none: ['William Blake'] }, role: 'artist' }]);
    expect(blake.record.date).toEqual({ display: '1825, reprinted 1874' });
    expect(blake.record.techniques).toEqual([{ label: { en: ['line engraving'] } }]);
    expect(blake.record.materials).toEqual([{ label: { en: ['paper'] } }]);
    expect(blake.record.identifiers).toEqual([{ type: 'inventory', value: 'A00013' }]);
    expect(blake.record.dimensionsText).toBe('image: 197 x 151 mm');
    expect(blake.record.notes).toEqual({ en: [`Catalogue group: ${a.groupTitle}\nAcquired 1919`] });
    expect(blake.record.rights).toBe('http://rightsstatements.org/vocab/InC/1.0/');
    expect(blake.record.source).toEqual({ kind: 'import', system: 'artworks.csv', identifier: 'A00013', url: a.url });
    expect(blake.warnings).toEqual([]);

    // The first row spans lines 2–3, so the second starts at line 4.
    expect(records(items)[1].position.line).toBe(4);
    for (const [i, item] of records(items).entries()) {
      expect(item.record.title.en).toEqual([artworks[i].title]);
      expect(item.record.agents?.[0].role).toBe(artworks[i].contributors![0].role);
      expect(item.record.date?.display).toBe(artworks[i].dateText);
      expect(item.record.creditLine?.en?.[0]).toBe(artworks[i].creditLine?.trim());
    }
  });

  it('reads the same rows as TSV and with ";" detected from the header line', async () => {
    const tsvQuote = (v: string) => (/[\t\n"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const semiQuote = (v: string) => (/[;\n"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const tsv = records(await readAll(fs.createReadStream(write('artworks.tsv', '\t', tsvQuote))));
    const semi = records(await readAll(fs.createReadStream(write('artworks-semicolon.csv', ';', semiQuote))));
    expect(tsv).toHaveLength(artworks.length);
    expect(semi).toHaveLength(artworks.length);
    expect(tsv[0].record.title).toEqual({ none: [artworks[0].title], zh: ['撒旦在上帝宝座前'] });
    expect(semi.map((r) => r.record.source?.identifier)).toEqual(artworks.map((a) => a.acno));
    expect(semi[3].record.creditLine).toEqual(tsv[3].record.creditLine);
  });

  it('uses the delimiter of the mapping over detection', async () => {
    const items = await readAll(text('Title|Object number,old\nBowl|A1,x\n'), { mapping: { delimiter: '|', columns: { Title: 'title', 'Object number,old': 'identifier.inventory' } } });
    expect(records(items)[0].record.identifiers).toEqual([{ type: 'inventory', value: 'A1,x' }]);
  });
});

describe('csvReader with a saved mapping', () => {
  it('matches columns ignoring case, and reports mapping columns the file lacks once, with the first record', async () => {
    const mapping: CsvMapping = { columns: { title: 'title', 'OBJECT NUMBER': 'identifier.inventory', Maker: 'agent.maker' }, defaults: { kind: 'site', rights: 'http://rightsstatements.org/vocab/NKC/1.0/' } };
    const items = await readAll(text('Object number,Title\nA1,\nA2,Khiva walls\nA3,Itchan Kala\n'), { mapping, sourceKind: 'harvest' });
    expect(items.map((i) => i.kind)).toEqual(['rejected', 'record', 'record']);
    const [second, third] = records(items);
    expect(second.warnings).toEqual([{ field: 'Maker', message: 'the mapping names the column "Maker" (agent.maker), which this file does not have (applies to every row)' }]);
    expect(third.warnings).toEqual([]);
    expect(second.record).toMatchObject({ kind: 'site', title: { none: ['Khiva walls'] }, source: { kind: 'harvest', identifier: 'A2' } });
  });
});

describe('detectDelimiter', () => {
  it('picks the most frequent of , ; tab | outside quotes', () => {
    expect(detectDelimiter('a;b;"c,d,e"')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('a|b')).toBe('|');
    expect(detectDelimiter('title')).toBe(',');
  });
});

describe('csvReader on malformed input', () => {
  const fixture = (name: string) => fs.createReadStream(path.join(FIXTURES, name));

  it('names the line and field of a quote that is never closed (truncated file)', async () => {
    const err = await failure(fixture('truncated.csv'));
    expect(err.position).toEqual({ line: 3, column: 2, record: 2 });
    expect(err.message).toMatch(/quoted field is never closed: field 2 \("Title"\) of the row starting at line 3/);
  });

  it('names the line, column and byte of a Latin-1 byte', async () => {
    const err = await failure(fixture('latin1.csv'));
    expect(err.position).toEqual({ line: 3, column: 7, byte: 46 });
    expect(err.message).toMatch(/not UTF-8: byte 0xe9 at line 3, column 7 \(byte offset 46\)/);
  });

  it('finds a bad byte split across chunks', async () => {
    const chunks = [Buffer.from('Title\nab'), Buffer.from([0xe4, 0xb8]), Buffer.from('\nok\n')];
    const err = await failure(Readable.from(chunks));
    expect(err.position).toEqual({ line: 2, column: 3, byte: 8 });
  });

  it('refuses UTF-16', async () => {
    const err = await failure(Readable.from([Buffer.from('\ufeffTitle\n', 'utf16le')].map((b) => Buffer.concat([Buffer.from([0xff, 0xfe]), b.subarray(2)]))));
    expect(err.message).toMatch(/UTF-16/);
  });

  it('lists the columns when none maps to a title, before any row', async () => {
    const err = await failure(fixture('missing-title.csv'));
    expect(err.message).toBe('no column maps to title; columns are: Object number, Name of object, Date');
    expect(err.position.line).toBe(1);
    const given = await failure(fixture('short-row.csv'), { mapping: { columns: { Titel: 'title' } } });
    expect(given.message).toMatch(/no column maps to title; columns are: Object number, Title, Date/);
  });

  it('rejects a short row with its line and goes on', async () => {
    const items = await readAll(fixture('short-row.csv'));
    expect(items.map((i) => [i.kind, i.position.line])).toEqual([
      ['record', 2],
      ['rejected', 3],
      ['record', 4],
      ['record', 6],
    ]);
    expect(items[1]).toMatchObject({ kind: 'rejected', problems: [{ field: 'row', message: 'has 2 fields where the header has 3 (line 3)' }] });
    expect(records(items)[1].record.title).toEqual({ none: ['Plate\nwith a rim'] });
  });

  it('rejects a row whose title is empty, naming the column', async () => {
    const items = await readAll(text('Object number,Title\nA1,\nA2,Cup\n'));
    expect(items[0]).toEqual({ kind: 'rejected', position: { record: 1, line: 2 }, problems: [{ field: 'Title', message: 'the title is empty' }] });
    expect(items[1].kind).toBe('record');
  });

  it('stops a 100 MB single field quickly, at its line, without buffering it', async () => {
    const MiB = 1024 * 1024;
    const block = Buffer.alloc(MiB, 'a');
    let produced = 0;
    let closed = false;
    async function* huge() {
      try {
        yield Buffer.from('Object number,Title\nA1,Bowl\nA2,"');
        for (; produced < 100; produced++) yield block;
        yield Buffer.from('"\n');
      } finally {
        closed = true;
      }
    }
    global.gc?.();
    const rss = process.memoryUsage().rss;
    const started = Date.now();
    const err = await failure(Readable.from(huge(), { objectMode: false }));
    expect(err.position).toMatchObject({ line: 3, record: 2 });
    expect(err.message).toMatch(/row starting at line 3 is longer than 16777216 bytes/);
    expect(produced).toBeLessThan(40);
    expect(closed).toBe(true);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * MiB);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('reads the same rows and lines whatever the chunks: quoted line breaks, \\r\\n split between chunks, blank lines', async () => {
    const csv = 'Object number,Title,Notes\r\nA1,"Bowl, ""blue""","two\r\nlines"\r\n\r\nA2,Cup,\r\nA3,"Jug\nwith\rbreaks",x\r\nA4,Plate,"last"';
    const whole = await readAll(text(csv));
    expect(whole.map((i) => [i.kind, i.position.line])).toEqual([
      ['record', 2],
      ['record', 5],
      ['record', 6],
      ['record', 9],
    ]);
    expect(records(whole)[0].record.title).toEqual({ none: ['Bowl, "blue"'] });
    expect(records(whole)[2].record.title).toEqual({ none: ['Jug\nwith\rbreaks'] });
    const bytes = Buffer.from(csv);
    for (const size of [1, 2, 3, 5, 8, 13]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(await readAll(Readable.from(chunks)), `chunks of ${size} bytes`).toEqual(whole);
    }
  });

  it('reads a file mixing \\r\\n and \\n line ends, and one of old Mac \\r line ends', async () => {
    for (const csv of ['Object number,Title\r\nA1,Bowl\nA2,"Cup"\r\nA3,Jug', 'Object number,Title\rA1,Bowl\rA2,"Cup"\rA3,Jug\r']) {
      const items = records(await readAll(text(csv)));
      expect(items.map((i) => [i.position.line, i.record.title.none[0], i.record.source!.identifier])).toEqual([
        [2, 'Bowl', 'A1'],
        [3, 'Cup', 'A2'],
        [4, 'Jug', 'A3'],
      ]);
    }
  });

  it('stops at text after a closing quote, naming the line and field', async () => {
    const err = await failure(text('Object number,Title,Date\nA1,Bowl,1900\nA2,"Cup" with a lid,1901\nA3,Jug,1902\n'));
    expect(err.position).toEqual({ line: 3, column: 2, record: 2 });
    expect(err.message).toMatch(/CSV syntax error in the row starting at line 3, field 2 \("Title"\): a quoted field has text after its closing quote/);
  });

  it('refuses a whole row over the limit that arrived in one chunk, and a long quoted field spanning lines', async () => {
    const err = await failure(text(`Title,Notes\nok,1\n${'x'.repeat(3000)},2\nok,3\n`), { maxRecordBytes: 1000 });
    expect(err.position).toMatchObject({ line: 3, record: 2 });
    const lines = await failure(text(`Title,Notes\nok,"${'line\n'.repeat(400)}"\n`), { maxRecordBytes: 1000 });
    expect(lines.position).toMatchObject({ line: 2, record: 1 });
  });

  it('honours a smaller maxRecordBytes', async () => {
    const err = await failure(text(`Title\n${'x'.repeat(5000)}\n`), { maxRecordBytes: 1000 });
    expect(err.position.line).toBe(2);
  });

  it('says when the input is empty', async () => {
    const err = await failure(text(''));
    expect(err.message).toMatch(/empty/);
  });
});
