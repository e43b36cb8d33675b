import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { InstitutionInput } from '../institutions/institution.schema';
import type { RecordInput } from '../records/record.schema';

/** The `system` of every demo record's source: with the identifier, what makes a reload update instead of duplicate. */
export const DEMO_SOURCE_SYSTEM = 'heritage-demo';

/** Every demo record id starts with this, so the demo's records are recognisable in URLs and logs. */
export const DEMO_ID_PREFIX = 'demo-';

/** The demo as shipped in the repository's `demo/` folder (written by scripts/build-demo.ts). */
export interface DemoDataset {
  institutions: (InstitutionInput & { id: string })[];
  records: RecordInput[];
}

/** The repository's `demo/` folder. */
export const DEFAULT_DEMO_DIR = fileURLToPath(new URL('../../../demo/', import.meta.url));

/** Names of the record files of a demo folder: `records-*.jsonl` or `records-*.jsonl.gz`, in name order. */
export function recordFileNames(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^records-[a-z0-9-]+\.jsonl(\.gz)?$/.test(f))
    .sort();
}

/** Reads the demo dataset from a folder: `institutions.json` and the record files (JSON Lines, gzip-compressed or not). */
export function readDemoDataset(dir: string = DEFAULT_DEMO_DIR): DemoDataset {
  const institutions = JSON.parse(fs.readFileSync(path.join(dir, 'institutions.json'), 'utf8')) as DemoDataset['institutions'];
  if (!Array.isArray(institutions) || institutions.some((i) => typeof i?.id !== 'string')) {
    throw new Error(`${path.join(dir, 'institutions.json')} must hold an array of institutions, each with an id`);
  }
  const records: RecordInput[] = [];
  for (const name of recordFileNames(dir)) {
    const raw = fs.readFileSync(path.join(dir, name));
    const text = name.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      try {
        records.push(JSON.parse(line) as RecordInput);
      } catch (e) {
        throw new Error(`${name} line ${i + 1} is not JSON: ${(e as Error).message}`);
      }
    });
  }
  return { institutions, records };
}
