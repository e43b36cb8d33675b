import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serialize, deserialize } from 'node:v8';
import { pathToFileURL } from 'node:url';
import { csvReader } from '../src/modules/imports/formats/csv.reader';
import { suggestMapping } from '../src/modules/imports/formats/csv-mapping';
import { forTransfer, prepareRecords } from '../src/modules/records/record.prepare';
import { allTexts } from '../src/shared/lang-map';
import { indexTokens } from '../src/modules/search/text-analysis';
import { normalizeRecord } from '../src/modules/records/record.normalize';
import { ftsDocument, facetRows } from '../src/modules/records/record.derive';
import { docColumns } from '../src/modules/records/record.mapper';
import type { HeritageRecord } from '../src/modules/records/record.schema';
import { CSV_BENCH_HEADERS, writeBenchCsv } from './import-csv';
import { fmtInt, loadAverage, note } from './support';

/**
 * CPU time per record of each in-memory stage of a CSV import, on this thread alone (no
 * database): read + map, validation, tokenising, facets, row columns, and the cost of moving a
 * prepared batch between threads. `node --import tsx bench/import-stages.ts N`.
 */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export async function importStages(count: number): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-stages-'));
  const file = path.join(dir, 'records.csv');
  try {
    await writeBenchCsv(file, count);
    const mapping = { ...suggestMapping(CSV_BENCH_HEADERS), defaults: { language: 'en' } };
    const out: Record<string, number> = {};
    const time = <T>(name: string, work: () => T): T => {
      global.gc?.();
      const t = cpu();
      const v = work();
      out[name] = ((cpu() - t) * 1000) / count;
      return v;
    };
    const inputs: unknown[] = [];
    global.gc?.();
    let t = cpu();
    for await (const item of csvReader(fs.createReadStream(file, { highWaterMark: 1 << 16 }), { institutionId: 'x', sourceKind: 'import', sourceSystem: 'bench.csv', mapping })) {
      if (item.kind === 'record') inputs.push({ ...item.record, institutionId: 'x' });
    }
    out['read + map'] = ((cpu() - t) * 1000) / count;
    const docs = time('normalizeRecord', () => inputs.map((i) => (normalizeRecord(i) as { doc: HeritageRecord }).doc));
    time('ftsDocument', () => docs.map((d) => ftsDocument(0, d)));
    // The tokens as ftsDocument made them before its ASCII shortcut: one array per text, then joined.
    time('  (same, one token array per text, as before)', () =>
      docs.map((r) => {
        const body = [
          ...allTexts(r.description),
          ...allTexts(r.inscriptions),
          ...allTexts(r.notes),
          ...(r.agents ?? []).flatMap((a) => allTexts(a.name)),
          ...(r.places ?? []).flatMap((p) => allTexts(p.name)),
          ...[...(r.materials ?? []), ...(r.techniques ?? []), ...(r.objectTypes ?? []), ...(r.subjects ?? [])].flatMap((t) => allTexts(t.label)),
          ...(r.identifiers ?? []).map((i) => i.value),
          r.date?.display ?? '',
          r.dimensionsText ?? '',
        ];
        return [allTexts(r.title).flatMap(indexTokens).join(' '), body.flatMap(indexTokens).join(' ')];
      }),
    );
    time('facetRows', () => docs.map((d) => facetRows(0, d)));
    time('docColumns', () => docs.map((d) => docColumns({ ...d, id: 'r-x' } as never, 'KZ')));
    time('JSON.stringify doc', () => docs.map((d) => JSON.stringify(d)));
    const prepared = time('prepareRecords (all)', () => prepareRecords(inputs));
    const wire = time('clone out: serialize prepared', () => serialize(prepared));
    time('clone in: deserialize prepared', () => deserialize(wire));
    const heads = serialize(forTransfer(prepared));
    time('clone in: deserialize prepared as sent (heads + JSON)', () => deserialize(heads));
    const wireIn = time('clone out: serialize inputs', () => serialize(inputs));
    time('clone in: deserialize inputs', () => deserialize(wireIn));
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = Number(process.argv[2] ?? 20_000);
  const r = await importStages(count);
  for (const [k, v] of Object.entries(r)) console.log(`${v.toFixed(1).padStart(8)} µs/record  ${k}`);
  note(`import-stages: ${fmtInt(count)} records; load ${loadAverage()}`);
}
