import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/helpers/shared-data';
import { RecordInputSchema } from '../../records/record.schema';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { MalformedInputError, type ReadItem } from '../import.types';
import { iiifReader } from './iiif.reader';

const RECIPES = sharedData('iiif-cookbook', 'rendered', 'recipe');
const opts = { institutionId: 'inst_test', sourceSystem: 'cookbook', sourceKind: 'import' as const };
const checkRecord = TypeCompiler.Compile(RecordInputSchema);

async function read(text: string | Buffer, chunk = 0): Promise<ReadItem[]> {
  const parts = chunk ? (String(text).match(new RegExp(`[\\s\\S]{1,${chunk}}`, 'g')) ?? []) : [text];
  const out: ReadItem[] = [];
  for await (const item of iiifReader(Readable.from(parts), opts)) out.push(item);
  return out;
}
const recipe = (...p: string[]) => readFileSync(path.join(RECIPES, ...p));
function records(items: ReadItem[]) {
  return items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
}
function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? jsonFiles(p) : f.endsWith('.json') ? [p] : [];
  });
}

describe('iiifReader', () => {
  it('reads every IIIF cookbook document without throwing, each record valid against the record schema', async () => {
    const files = jsonFiles(RECIPES);
    expect(files.length).toBe(111);
    let recordCount = 0;
    for (const file of files) {
      const items = await read(readFileSync(file));
      for (const item of items) {
        if (item.kind !== 'record') continue;
        recordCount += 1;
        expect(checkRecord.Check(item.record), `${file}: ${JSON.stringify([...checkRecord.Errors(item.record)][0])}`).toBe(true);
      }
    }
    expect(recordCount).toBeGreaterThan(80);
  });

  it('keeps every language of a multilingual label, summary and metadata', async () => {
    const [item] = await read(recipe('0006-text-language', 'manifest.json'));
    expect(item.kind).toBe('record');
    const r = records([item])[0];
    expect(r.title).toEqual({ en: ["Whistler's Mother"], fr: ['La Mère de Whistler'] });
    expect(r.description?.fr?.[0]).toContain('Arrangement en gris et noir');
    expect(r.agents).toEqual([{ name: { none: ['Whistler, James Abbott McNeill'] }, role: 'creator' }]);
    expect(r.subjects?.[0].label.en?.[0]).toContain('McNeill Anna Matilda');
    expect(r.creditLine).toEqual({ none: ["Musée d'Orsay, Paris, France"] });
    expect(r.iiifManifests).toEqual(['https://iiif.io/api/cookbook/recipe/0006-text-language/manifest.json']);
    expect(r.source).toMatchObject({ kind: 'import', system: 'cookbook', identifier: 'https://iiif.io/api/cookbook/recipe/0006-text-language/manifest.json' });
    expect(item.position).toMatchObject({ record: 1, identifier: r.source?.identifier });
  });

  it('maps rights to the Creative Commons URI and requiredStatement to a plain-text credit line', async () => {
    const r = records(await read(recipe('0008-rights', 'manifest.json')))[0];
    expect(r.rights).toBe('http://creativecommons.org/licenses/by-sa/3.0/');
    expect(r.creditLine).toEqual({ en: ['Glen Robson, IIIF Technical Coordinator. CC BY-SA 3.0'] });
    expect(r.description?.en?.[0]).toBe('Picture taken by the IIIF Technical Coordinator');
  });

  it('maps navDate to the date and reads every manifest referenced by a collection', async () => {
    const items = await read(recipe('0230-navdate', 'navdate-collection.json'));
    const rs = records(items);
    expect(rs.map((r) => r.date)).toEqual([
      { display: '1986-01-01', edtf: '1986-01-01' },
      { display: '1987-01-01', edtf: '1987-01-01' },
    ]);
    expect(rs[1].iiifManifests).toEqual(['https://iiif.io/api/cookbook/recipe/0230-navdate/navdate_map_1-manifest.json']);
  });

  it('maps navPlace points to places with coordinates', async () => {
    const r = records(await read(recipe('0318-navPlace-navDate', 'manifest-1.json')))[0];
    expect(r.date?.edtf).toBe('1776-01-01');
    expect(r.places).toEqual([{ name: { en: ["Castel Sant'Angelo, Rome"] }, role: 'navPlace', lat: 41.9031, lon: 12.4663 }]);
  });

  it('places a navPlace polygon at the centre of its bounding box', async () => {
    const r = records(await read(recipe('0154-geo-extension', 'manifest.json')))[0];
    const p = r.places?.find((x) => x.lat !== undefined);
    expect(p?.lat).toBeGreaterThan(-90);
    expect(p?.lon).toBeLessThan(180);
  });

  it('reads a Presentation 2 manifest with its string label under "none"', async () => {
    const r = records(await read(recipe('0057-publishing-v2-and-v3', 'manifest-v2.json')))[0];
    expect(r.title).toEqual({ none: ['IIIF Presentation Version 3 Minimum Viable Manifest'] });
    expect(r.iiifManifests).toEqual(['https://iiif.io/api/cookbook/recipe/0057-publishing-v2-and-v3/manifest.json']);
  });

  it('guesses a paged manifest is a rare book and says it guessed; sound is audiovisual', async () => {
    const [p] = await read(recipe('0009-book-1', 'manifest.json'));
    expect(p.kind === 'record' && p.record.kind).toBe('rare-book');
    expect(p.kind === 'record' && p.warnings.some((w) => w.field === 'kind' && /guessed/.test(w.message))).toBe(true);
    const audio = records(await read(recipe('0002-mvm-audio', 'manifest.json')))[0];
    expect(audio.kind).toBe('audiovisual');
  });

  it('reads JSON Lines of manifests, one record per line, across chunk boundaries', async () => {
    const lines = ['0006-text-language', '0008-rights'].map((d) => JSON.stringify(JSON.parse(recipe(d, 'manifest.json').toString()))).join('\n') + '\n';
    const items = await read(lines, 97);
    expect(records(items).map((r) => r.source?.identifier)).toEqual([
      'https://iiif.io/api/cookbook/recipe/0006-text-language/manifest.json',
      'https://iiif.io/api/cookbook/recipe/0008-rights/manifest.json',
    ]);
    expect(items.map((i) => i.position.line)).toEqual([1, 2]);
  });

  it('stops on malformed JSON with the line and column of the error', async () => {
    const err = await read('{\n  "id": "https://example.org/m",\n  "label": {"en": ["x"]\n  "type": "Manifest"\n}').catch((e) => e);
    expect(err).toBeInstanceOf(MalformedInputError);
    expect(err.position.line).toBe(4);
    expect(err.position.column).toBeGreaterThan(0);
    expect(err.message).toMatch(/line 4/);
  });

  it('stops on a malformed JSON line naming the line', async () => {
    const err = await read('{"id":"https://e.org/1","type":"Manifest","label":"a"}\n{"id": oops}\n').catch((e) => e);
    expect(err).toBeInstanceOf(MalformedInputError);
    expect(err.position.line).toBe(2);
  });

  it('rejects a manifest without a label, naming the field', async () => {
    const items = await read(JSON.stringify({ id: 'https://example.org/m1', type: 'Manifest', items: [] }));
    expect(items).toEqual([{ kind: 'rejected', position: { record: 1, line: 1, identifier: 'https://example.org/m1' }, problems: [{ field: 'label', message: expect.stringMatching(/label/) }] }]);
  });

  it('keeps unrecognised metadata in notes and warns about a non-CC rights URI', async () => {
    const manifest = {
      id: 'https://example.org/m2', type: 'Manifest', label: { en: ['Bowl'] }, rights: 'https://example.org/terms',
      metadata: [
        { label: { en: ['Date'] }, value: { none: ['Tang dynasty'] } },
        { label: { en: ['Material'] }, value: { en: ['stoneware'] } },
        { label: { en: ['Dimensions'] }, value: { none: ['h 12 cm'] } },
        { label: { en: ['Language'] }, value: { none: ['Chinese'] } },
        { label: { en: ['Provenance'] }, value: { en: ['Gift of X'] } },
      ],
      homepage: [{ id: 'https://example.org/objects/2', type: 'Text' }],
    };
    const [item] = await read(JSON.stringify(manifest));
    if (item.kind !== 'record') throw new Error('expected a record');
    expect(item.record).toMatchObject({
      date: { display: 'Tang dynasty' }, materials: [{ label: { en: ['stoneware'] } }], dimensionsText: 'h 12 cm', languages: ['zh'],
      notes: { none: ['Rights: https://example.org/terms'], en: ['Provenance: Gift of X'] }, source: { url: 'https://example.org/objects/2' },
    });
    expect(item.record.rights).toBeUndefined();
    expect(item.warnings.map((w) => w.field)).toContain('rights');
  });
});
