import fs from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '../../records/record.normalize';
import { MalformedInputError, type ReadItem } from '../import.types';
import { dcReader } from './dc.reader';
import { identifierOf } from './dc.mapper';
import { sharedData } from '../../../../test/helpers/shared-data';

const opts = { institutionId: 'lib', sourceSystem: 'https://repo.example.org/oai', sourceKind: 'harvest' as const };
const read = async (input: Readable) => {
  const items: ReadItem[] = [];
  for await (const item of dcReader(input, opts)) items.push(item);
  return items;
};
const oaiDc = (body: string) =>
  Readable.from([`<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><GetRecord><record><metadata>
  <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">${body}</oai_dc:dc>
  </metadata></record></GetRecord></OAI-PMH>`]);

describe('dcReader', () => {
  it('reads the oai_dc records of recorded OAI-PMH responses, skipping deleted headers without metadata', async () => {
    const items = await read(fs.createReadStream(sharedData('oai-pmh', 'sickle', 'ListRecords.xml')));
    expect(items).toHaveLength(1);
    const item = items[0];
    expect(item.kind).toBe('record');
    if (item.kind !== 'record') return;
    expect(item.position).toEqual({ record: 1, line: 19, identifier: 'http://test.example.com/publication/1585322' });
    expect(item.record).toMatchObject({
      kind: 'rare-book',
      title: { none: ['Sample Title'] },
      agents: [{ name: { none: ['John Doe'] }, role: 'creator' }, { name: { none: ['Sample Publisher'] }, role: 'publisher' }],
      date: { display: '2010', edtf: '2010' },
      languages: ['en'],
      identifiers: [{ type: 'uri', value: 'http://test.example.com/publication/1585322' }],
      source: { kind: 'harvest', identifier: 'http://test.example.com/publication/1585322', url: 'http://test.example.com/publication/1585322' },
    });
    // xml:lang="eng" (an ISO 639-2 code) becomes the BCP 47 tag "en".
    expect(item.record.description?.en?.[0]).toMatch(/^Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor/);
    expect(item.record.objectTypes).toContainEqual({ label: { en: ['Text'] }, uri: 'http://purl.org/dc/dcmitype/Text', vocabulary: 'DCMI Type' });
    expect(item.warnings).toEqual([{ field: 'dc:rights', message: 'no dc:rights: the record has no rights' }]);
    expect('doc' in normalizeRecord(item.record)).toBe(true);
  });

  it('reads a CJK creator from a UTF-8 GetRecord response', async () => {
    const [item] = await read(fs.createReadStream(sharedData('oai-pmh', 'sickle', 'GetRecord_utf8test.xml')));
    expect(item.kind === 'record' && item.record.agents).toEqual([
      { name: { none: ['某人'] }, role: 'creator' },
      { name: { none: ['Sample Publisher'] }, role: 'publisher' },
    ]);
  });

  it('maps languages, DCMI types, rights URIs, coverage, subjects and keeps rights text as a note with a warning', async () => {
    const [a, b] = await read(
      Readable.from([
        `<root xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <oai_dc:dc><dc:title xml:lang="zh">金刚经</dc:title><dc:title xml:lang="en">Diamond Sutra</dc:title>
          <dc:type>http://purl.org/dc/dcmitype/PhysicalObject</dc:type><dc:rights>http://rightsstatements.org/vocab/NoC-US/1.0/</dc:rights>
          <dc:coverage>Dunhuang</dc:coverage><dc:date>868</dc:date><dc:subject>http://vocab.getty.edu/aat/300028569</dc:subject>
          <dc:subject xml:lang="en">Buddhism</dc:subject><dc:identifier>doi:10.1234/abc</dc:identifier><dc:contributor>Stein, Aurel</dc:contributor></oai_dc:dc>
        <oai_dc:dc><dc:title>Untitled scroll</dc:title><dc:type>Hologram</dc:type><dc:rights>All rights reserved</dc:rights></oai_dc:dc></root>`,
      ]),
    );
    expect(a.kind === 'record' && a.record).toMatchObject({
      kind: 'object',
      title: { zh: ['金刚经'], en: ['Diamond Sutra'] },
      rights: 'http://rightsstatements.org/vocab/NoC-US/1.0/',
      places: [{ name: { none: ['Dunhuang'] }, role: 'coverage' }],
      date: { display: '868' },
      subjects: [{ label: { none: ['http://vocab.getty.edu/aat/300028569'] }, uri: 'http://vocab.getty.edu/aat/300028569' }, { label: { en: ['Buddhism'] } }],
      identifiers: [{ type: 'doi', value: '10.1234/abc' }],
      agents: [{ name: { none: ['Stein, Aurel'] }, role: 'contributor' }],
    });
    expect(b.kind === 'record' && b.record.kind).toBe('object');
    expect(b.kind === 'record' && b.record.notes).toEqual({ none: ['Rights: All rights reserved'] });
    expect(b.kind === 'record' && b.warnings.map((w) => w.field)).toEqual(['dc:type', 'dc:rights', 'dc:identifier']);
    expect(b.kind === 'record' && b.record.source?.identifier).toBe('record-2');
  });

  it('rejects a record without a title, naming the field', async () => {
    const [item] = await read(oaiDc('<dc:creator>Anonymous</dc:creator>'));
    expect(item).toEqual({ kind: 'rejected', position: { record: 1, line: 2 }, problems: [{ field: 'dc:title', message: 'no dc:title: a record needs a title' }] });
  });

  it('stops at a response that is not XML', async () => {
    await expect(read(fs.createReadStream(sharedData('oai-pmh', 'sickle', 'ListRecordsBroken.xml')))).rejects.toThrow(MalformedInputError);
  });

  it('tells URLs, DOIs, ISBNs and other identifiers apart', () => {
    expect(identifierOf('https://doi.org/10.5555/12345678')).toEqual({ type: 'doi', value: '10.5555/12345678' });
    expect(identifierOf('urn:isbn:9780140434262')).toEqual({ type: 'isbn', value: '9780140434262' });
    expect(identifierOf('https://example.org/item/1')).toEqual({ type: 'uri', value: 'https://example.org/item/1' });
    expect(identifierOf('Inv. 1890 No. 8360')).toEqual({ type: 'other', value: 'Inv. 1890 No. 8360' });
  });
});
