import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MalformedInputError, type ReadItem } from '../import.types';
import { firstInvalidUtf8, jsonlReader } from './jsonl.reader';

const opts = { institutionId: 'museum-a', sourceSystem: 'catalogue', sourceKind: 'import' as const };

/** Reads chunks (split anywhere, even inside a character) into items, or the error that stopped the reading. */
async function read(chunks: (string | Buffer)[], extra: { maxRecordBytes?: number } = {}) {
  const items: ReadItem[] = [];
  try {
    for await (const item of jsonlReader(Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))), { ...opts, ...extra })) items.push(item);
    return { items, error: null };
  } catch (e) {
    return { items, error: e as MalformedInputError };
  }
}

describe('jsonlReader', () => {
  it('reads one record per line with its line number, forcing the institution and setting the source from the id', async () => {
    const text = '\ufeff{"id":"a1","institutionId":"elsewhere","kind":"object","title":{"en":["One"]},"rights":"http://rightsstatements.org/vocab/InC/1.0/"}\r\n\n  \n{"kind":"object","title":{"zh":["铜镜"]},"identifiers":[{"type":"inventory","value":"INV-2"}]}';
    const bytes = Buffer.from(text);
    // Split inside the BOM and inside a Chinese character.
    const { items, error } = await read([bytes.subarray(0, 2), bytes.subarray(2, 150), bytes.subarray(150)]);
    expect(error).toBeNull();
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ kind: 'record', position: { record: 1, line: 1, identifier: 'a1' }, record: { institutionId: 'museum-a', source: { kind: 'import', system: 'catalogue', identifier: 'a1' } }, warnings: [] });
    expect(items[1]).toMatchObject({ kind: 'record', position: { record: 2, line: 4, identifier: 'INV-2' }, record: { title: { zh: ['铜镜'] }, source: { identifier: 'INV-2' } } });
    expect((items[1] as Extract<ReadItem, { kind: 'record' }>).warnings.map((w) => w.field)).toEqual(['/rights']);
  });

  it('keeps a source the line names, and warns of a record nothing identifies', async () => {
    const { items } = await read(['{"kind":"object","title":{"en":["x"]},"rights":null,"source":{"kind":"harvest","identifier":"oai:x:1"}}\n{"kind":"object","title":{"en":["y"]}}\n']);
    expect(items[0]).toMatchObject({ record: { source: { kind: 'harvest', system: 'catalogue', identifier: 'oai:x:1' } }, position: { identifier: 'oai:x:1' } });
    expect((items[1] as Extract<ReadItem, { kind: 'record' }>).warnings.map((w) => w.field)).toEqual(['/source', '/rights']);
    expect(items[1]).not.toHaveProperty('record.source');
  });

  it('rejects a line that is not JSON or not an object, with its line, and reads on', async () => {
    const { items, error } = await read(['{"kind":"object"\n[1,2]\n{"id":"ok","kind":"object","title":{"en":["ok"]}}\n']);
    expect(error).toBeNull();
    expect(items.map((i) => [i.kind, i.position.line])).toEqual([['rejected', 1], ['rejected', 2], ['record', 3]]);
    expect(items[0]).toMatchObject({ problems: [{ field: '/', message: expect.stringMatching(/is not valid JSON/) }] });
    expect(items[1]).toMatchObject({ problems: [{ message: expect.stringMatching(/not a JSON object/) }] });
  });

  it('stops at bytes that are not UTF-8 with line, column and byte offset, after the lines before', async () => {
    const { items, error } = await read(['{"id":"a","kind":"object","title":{"en":["a"]}}\n{"t":"', Buffer.from([0x63, 0x61, 0x66, 0xe9]), '"}\n']);
    expect(items).toHaveLength(1);
    expect(error).toBeInstanceOf(MalformedInputError);
    expect(error!.position).toEqual({ line: 2, column: 10, byte: 57 });
    expect(error!.message).toMatch(/not UTF-8 \(byte 0xe9 at byte offset 57\)/);
  });

  it('refuses a line over the record size limit without holding it whole', async () => {
    const { error } = await read(['{"id":"a"}\n', 'x'.repeat(600), 'y'.repeat(600)], { maxRecordBytes: 1000 });
    expect(error).toBeInstanceOf(MalformedInputError);
    expect(error!.position).toMatchObject({ line: 2 });
    expect(error!.message).toMatch(/longer than 1000 bytes/);
  });

  it('finds the first byte that breaks UTF-8, overlong forms and surrogates included', () => {
    expect(firstInvalidUtf8(Buffer.from('abc 铜镜 é 😀'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from([0xe4, 0xb8]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0x80]))).toBe(0);
  });
});
