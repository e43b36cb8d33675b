import fs from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '../../records/record.normalize';
import { MalformedInputError, type ReadItem } from '../import.types';
import { marcxmlReader } from './marcxml.reader';
import { sharedData } from '../../../../test/helpers/shared-data';

const opts = { institutionId: 'lib', sourceSystem: 'pride-and-prejudice-fixed.xml', sourceKind: 'import' as const };
async function read(input: Readable): Promise<{ items: ReadItem[]; error?: MalformedInputError }> {
  const items: ReadItem[] = [];
  try {
    for await (const item of marcxmlReader(input, opts)) items.push(item);
  } catch (e) {
    if (e instanceof MalformedInputError) return { items, error: e };
    throw e;
  }
  return { items };
}
const file = (name: string) => fs.createReadStream(sharedData('marc', name));
const records = (items: ReadItem[]) => items.flatMap((i) => (i.kind === 'record' ? [i] : []));

describe('marcxmlReader', async () => {
  const pride = await read(file('pride-and-prejudice-fixed.xml'));
  const at = (n: number) => {
    const item = pride.items[n - 1];
    if (item.kind !== 'record') throw new Error(`record ${n} is ${item.kind}`);
    return item;
  };

  it('reads all 383 records of a real file, each one the API accepts', () => {
    expect(pride.error).toBeUndefined();
    expect(pride.items).toHaveLength(383);
    for (const item of records(pride.items)) {
      const result = normalizeRecord(item.record);
      expect('problems' in result ? `${item.position.record}: ${JSON.stringify(result.problems)}` : 'ok').toBe('ok');
    }
    expect(records(pride.items)).toHaveLength(383);
  });

  it('identifies a record by 003 and 001, and gives its line', () => {
    expect(at(1).position).toEqual({ record: 1, line: 2, identifier: '(UkOxU)UkOxUb10768856' });
    expect(at(1).record.source).toEqual({ kind: 'import', system: 'pride-and-prejudice-fixed.xml', identifier: '(UkOxU)UkOxUb10768856' });
    expect(at(5).position).toEqual({ record: 5, line: 232, identifier: '000703547' });
  });

  it('maps a relator term ($e "comp.") to a role, and LC and 852 call numbers', () => {
    const r = at(5).record;
    expect(r.agents).toEqual([{ name: { none: ['Rubinstein, Elliot'] }, role: 'compiler', dates: '1936-' }]);
    expect(r.identifiers).toContainEqual({ type: 'call-number', value: 'PR4034.P73 R8', label: 'Library of Congress call number' });
    expect(r.identifiers).toContainEqual({ type: 'call-number', value: 'PR4034 P73 R8', label: 'Call number (852) at MCL' });
  });

  it('reads a date range from 008 (type m) beside the transcribed statement', () => {
    expect(at(42).record.date).toEqual({ display: '1932-1954', edtf: '1932/1954' });
  });

  it('puts a Chinese title from its 880 field under zh, the romanised 245 under zh-Latn, the uniform title under the original language', () => {
    const r = at(313).record;
    expect(Object.keys(r.title)[0]).toBe('zh');
    expect(r.title).toEqual({ zh: ['傲慢与偏见'], 'zh-Latn': ['Ao man yu pian jian'], en: ['Pride and prejudice'] });
    expect(r.languages).toEqual(['zh']);
  });

  it('reads Japanese titles in kanji, kana and romaji linked by $8', () => {
    expect(at(304).record.title).toEqual({ ja: ['自負と偏見'], 'ja-Kana': ['ジフ ト ヘンケン'], 'ja-Latn': ['jifu to henken'] });
  });

  it('warns when a record has no rights URI (540 $u)', () => {
    expect(at(1).warnings).toContainEqual({ field: '540', message: 'no rights statement or licence URI (540 $u): the record has no rights' });
    expect(at(1).record.rights).toBeUndefined();
  });

  it('reads the marc: prefix (LoC batch.xml), the default namespace and a UTF-8 record', async () => {
    expect(records((await read(file('batch.xml'))).items)).toHaveLength(2);
    expect(records((await read(file('marc.xml'))).items)).toHaveLength(20);
    expect(records((await read(file('065001035.xml'))).items)).toHaveLength(40);
    const [utf8] = records((await read(file('utf8.xml'))).items);
    expect(utf8.position.identifier).toBe('ASP925318/clmu');
    expect(utf8.record.kind).toBe('audiovisual');
  });

  it('rejects bad_tag.xml: a 17-position leader and a two-digit tag "42" break MARC21slim.xsd (indicators "z" are allowed)', async () => {
    const { items, error } = await read(file('bad_tag.xml'));
    expect(error).toBeUndefined();
    expect(items).toEqual([
      {
        kind: 'rejected',
        position: { record: 1, line: 2 },
        problems: [
          { field: 'leader', message: '"      Z   22 4500" is not a MARC 21 leader: 17 positions instead of 24' },
          { field: 'datafield 3 (tag "42")', message: '"42" is not a three-character MARC data field tag' },
        ],
      },
    ]);
  });

  it('rejects holdings records and stops at the invalid UTF-8 of sample1.xml with its byte offset', async () => {
    const { items, error } = await read(file('sample1.xml'));
    expect(items.map((i) => i.kind)).toEqual(['record', 'rejected', 'record', 'rejected', 'record', 'rejected']);
    expect(items[1]).toMatchObject({ kind: 'rejected', problems: [{ field: 'leader/06', message: expect.stringMatching(/holdings record/) }] });
    expect(error?.position).toMatchObject({ byte: 16694, line: 393 });
  });

  it('rejects a record without a title and reads MARC records inside an OAI-PMH response', async () => {
    const xml = `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>
      <record><header><identifier>oai:x:1</identifier></header><metadata><marc:record xmlns:marc="http://www.loc.gov/MARC21/slim">
        <marc:leader>00000nam a2200000 a 4500</marc:leader><marc:controlfield tag="001">x1</marc:controlfield></marc:record></metadata></record>
      <record><header><identifier>oai:x:2</identifier></header><metadata><record xmlns="http://www.loc.gov/MARC21/slim">
        <leader>00000nam a2200000 a 4500</leader><controlfield tag="001">x2</controlfield>
        <datafield tag="245" ind1="0" ind2="0"><subfield code="a">敦煌遺書 /</subfield></datafield></record></metadata></record></ListRecords></OAI-PMH>`;
    const { items } = await read(Readable.from([xml]));
    expect(items[0]).toEqual({ kind: 'rejected', position: { record: 1, line: 2, identifier: 'x1' }, problems: [{ field: '245', message: expect.stringMatching(/^no title/) }] });
    expect(items[1]).toMatchObject({ kind: 'record', position: { record: 2, identifier: 'x2' }, record: { title: { zh: ['敦煌遺書'] } } });
  });
});
