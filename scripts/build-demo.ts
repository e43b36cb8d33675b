/**
 * Builds the demo alliance's dataset in `demo/` from the published open data in ../shared/data:
 * a sample of Tate's collection (CC0), classical Chinese texts (MIT) and MARC records of editions
 * and translations (LGPL 2.1). Every record is validated as the API validates it; the build fails
 * naming the record and the field of the first invalid one.
 *
 *   node --import tsx scripts/build-demo.ts [DATA_DIR] [--out DIR] [--as-of YEAR]
 *
 * DATA_DIR defaults to ../shared/data beside the repository; --out to demo/; --as-of (the year
 * against which "the artist died more than 70 years ago" is judged) to 2026, so that a rebuild
 * gives byte-identical files until someone moves the year on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { normalizeRecord } from '../src/modules/records/record.normalize';
import type { RecordInput } from '../src/modules/records/record.schema';
import { DEMO_SOURCE_SYSTEM, type DemoDataset } from '../src/modules/demo/demo.dataset';
import { DEMO_INSTITUTIONS } from '../src/modules/demo/build/institutions';
import { selectTateSample, tateToRecord, type TateArtwork } from '../src/modules/demo/build/tate.mapper';
import { classicsToRecords, type ClassicsSources } from '../src/modules/demo/build/classics.mapper';
import { parseMarcXml } from '../src/modules/imports/formats/marc.record';
import { marcToRecord, RIGHTS_NOT_EVALUATED } from '../src/modules/imports/formats/marc.mapper';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_AS_OF = 2026;
const EMBARGO_UNTIL = '2030-01-01T00:00:00.000Z';

interface Options {
  dataDir: string;
  outDir: string;
  asOfYear: number;
}

main(parseArgs(process.argv.slice(2)));

function main(opts: Options): void {
  const { dataDir, outDir, asOfYear } = opts;
  const read = (rel: string) => fs.readFileSync(path.join(dataDir, rel), 'utf8');

  const tate = buildTate(read, asOfYear);
  const classics = classicsToRecords(
    {
      lunyu: JSON.parse(read('chinese-classics/论语/lunyu.json')),
      shijing: JSON.parse(read('chinese-classics/诗经/shijing.json')),
      mengzi: JSON.parse(read('chinese-classics/四书五经/mengzi.json')),
      daxue: JSON.parse(read('chinese-classics/四书五经/daxue.json')),
      zhongyong: JSON.parse(read('chinese-classics/四书五经/zhongyong.json')),
    } satisfies ClassicsSources,
    DEMO_INSTITUTIONS.classics.id,
  );
  const marc = buildMarc(read('marc/pride-and-prejudice-fixed.xml'), asOfYear);

  const institutions: DemoDataset['institutions'] = Object.values(DEMO_INSTITUTIONS);
  const files = { tate, classics, marc };
  validate(institutions, Object.values(files).flat(), asOfYear);

  fs.mkdirSync(path.join(outDir, 'licences'), { recursive: true });
  for (const old of fs.readdirSync(outDir).filter((f) => /^records-.*\.jsonl(\.gz)?$/.test(f))) fs.rmSync(path.join(outDir, old));
  fs.writeFileSync(path.join(outDir, 'institutions.json'), `${JSON.stringify(institutions, null, 2)}\n`);
  for (const [name, records] of Object.entries(files)) {
    const jsonl = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    fs.writeFileSync(path.join(outDir, `records-${name}.jsonl.gz`), gzipSync(jsonl, { level: 9 }));
  }
  // Copied by content: the shared sources are read-only and their mode must not follow.
  const licence = (from: string, to: string) => fs.writeFileSync(path.join(outDir, 'licences', to), fs.readFileSync(path.join(dataDir, from)));
  licence('tate/LICENCE', 'tate-CC0-1.0.txt');
  licence('chinese-classics/LICENSE', 'chinese-poetry-MIT.txt');
  licence('marc/LICENSE.marc4j', 'marc4j-LGPL-2.1.txt');
  fs.writeFileSync(path.join(outDir, 'CREDITS.md'), credits({ tate: tate.length, classics: classics.length, marc: marc.length, asOfYear }));

  const all = Object.values(files).flat();
  const perInstitution = new Map<string, number>();
  for (const r of all) perInstitution.set(r.institutionId, (perInstitution.get(r.institutionId) ?? 0) + 1);
  process.stdout.write(`Demo written to ${path.relative(process.cwd(), outDir) || '.'}: ${institutions.length} institutions, ${all.length} records\n`);
  for (const [id, n] of perInstitution) process.stdout.write(`  ${id.padEnd(36)} ${String(n).padStart(5)}\n`);
  process.stdout.write(`  size ${(folderSize(outDir) / 1024).toFixed(0)} KiB\n`);
}

function buildTate(read: (rel: string) => string, asOfYear: number): RecordInput[] {
  const artworks = read('tate/artworks-sample.jsonl')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as TateArtwork);
  const artistUrls = new Map<number, string>();
  for (const row of parseCsv(read('tate/artist_data.csv').replace(/^\uFEFF/, '')).slice(1)) {
    const [id, , , , , , , , url] = row;
    if (/^\d+$/.test(id) && /^https?:\/\//.test(url ?? '')) artistUrls.set(Number(id), url);
  }
  const sample = selectTateSample(artworks, { perArtist: 2, perProlificArtist: 250, prolificFrom: 200 });
  return sample.map((a) => tateToRecord(a, { institutionId: DEMO_INSTITUTIONS.tate.id, asOfYear, artistUrls }));
}

/** MARC records: translations to the Japanese demo library, English-language editions to the Samarkand one. */
function buildMarc(xml: string, asOfYear: number): RecordInput[] {
  const out: RecordInput[] = [];
  parseMarcXml(xml).forEach((rec, i) => {
    const n = String(i + 1).padStart(3, '0');
    const english = (r: RecordInput) => !r.languages?.length || r.languages[0] === 'en';
    const source = { kind: 'demo' as const, system: DEMO_SOURCE_SYSTEM, identifier: `marc:pride-and-prejudice-fixed.xml#${i + 1}` };
    const mapped = marcToRecord(rec, { id: `demo-marc-${n}`, institutionId: '', source, asOfYear, rights: RIGHTS_NOT_EVALUATED });
    if (!mapped) {
      process.stderr.write(`skipped MARC record #${i + 1}: no title\n`);
      return;
    }
    mapped.visibility = 'public';
    mapped.institutionId = english(mapped) ? DEMO_INSTITUTIONS.samarkand.id : DEMO_INSTITUTIONS.japan.id;
    out.push(mapped);
  });
  // Demo settings, not facts about the items: a few records for members only, one under embargo.
  out.filter((r) => r.institutionId === DEMO_INSTITUTIONS.samarkand.id && Number(r.id!.slice(-3)) % 60 === 0).forEach((r) => {
    r.visibility = 'members';
    r.notes = { ...r.notes, en: [...(r.notes?.en ?? []), 'Demo setting: visible to members of the alliance only.'] };
  });
  const embargoed = out.filter((r) => r.institutionId === DEMO_INSTITUTIONS.japan.id).at(-1)!;
  embargoed.embargoUntil = EMBARGO_UNTIL;
  embargoed.notes = { ...embargoed.notes, en: [...(embargoed.notes?.en ?? []), `Demo setting: under embargo until ${EMBARGO_UNTIL.slice(0, 10)}.`] };
  return out;
}

/** Fails loudly, naming the record and the field, on the first record the API would refuse. */
function validate(institutions: DemoDataset['institutions'], records: RecordInput[], asOfYear: number): void {
  const known = new Set(institutions.map((i) => i.id));
  const ids = new Set<string>();
  const sources = new Set<string>();
  for (const r of records) {
    const where = `record ${r.id ?? '(no id)'} (${r.source?.identifier ?? 'no source'})`;
    const result = normalizeRecord(r);
    if ('problems' in result) throw new Error(`${where} is invalid: ${result.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    if (!r.id?.startsWith('demo-')) throw new Error(`${where}: /id must start with "demo-"`);
    if (!known.has(r.institutionId)) throw new Error(`${where}: /institutionId: no demo institution "${r.institutionId}"`);
    if (ids.has(r.id)) throw new Error(`${where}: /id appears twice`);
    if (sources.has(r.source!.identifier)) throw new Error(`${where}: /source/identifier appears twice`);
    const years = result.doc.date;
    if (years?.yearTo !== undefined && years.yearTo > asOfYear) throw new Error(`${where}: /date: ends in ${years.yearTo}, after ${asOfYear}`);
    ids.add(r.id);
    sources.add(r.source!.identifier);
  }
}

function credits(n: { tate: number; classics: number; marc: number; asOfYear: number }): string {
  return `# Demo data: sources, licences and credits

The demo alliance that Heritage Commons loads into an empty database is built by
\`scripts/build-demo.ts\` from published open data only. Rebuild it with
\`node --import tsx scripts/build-demo.ts ../shared/data\`.

| file | records | source | licence | credit line |
| --- | ---: | --- | --- | --- |
| \`records-tate.jsonl.gz\` | ${n.tate} | Tate collection data, [tategallery/collection](https://github.com/tategallery/collection), snapshot of 2014 (artworks and artists) | CC0 1.0 ([licences/tate-CC0-1.0.txt](licences/tate-CC0-1.0.txt)) | Collection data: Tate, released under CC0 |
| \`records-classics.jsonl.gz\` | ${n.classics} | 论语, 诗经, 孟子, 大學, 中庸 from [chinese-poetry/chinese-poetry](https://github.com/chinese-poetry/chinese-poetry) | MIT ([licences/chinese-poetry-MIT.txt](licences/chinese-poetry-MIT.txt)) | Texts: chinese-poetry, Copyright (c) 2016 JackeyGao, MIT licence |
| \`records-marc.jsonl.gz\` | ${n.marc} | \`pride-and-prejudice-fixed.xml\`, test resources of [marc4j](https://github.com/marc4j/marc4j), converted to MARCXML | LGPL 2.1 ([licences/marc4j-LGPL-2.1.txt](licences/marc4j-LGPL-2.1.txt)) | MARC records: marc4j test resources, LGPL 2.1 |

The records here are derived from those sources (mapped to the platform's record model) and are
distributed under the same licences.

## What is real and what is a demo

- **Tate** is a real museum and its records are its own published metadata. Their \`rights\` state
  the rights in the artworks themselves, which Tate's CC0 release does not cover: public domain
  (Public Domain Mark) when every named artist died more than 70 years before ${n.asOfYear} and,
  for works "after" or "in the manner of" an artist, the work itself is over 70 years old;
  otherwise In Copyright. Original-language titles are tagged with their language only when
  words or letters make it certain, else \`und\` (undetermined).
- **Silk Road Classics Library (demo)**, **Kyoto Demo University Library (demo)** and
  **Samarkand Demo Library (demo)** are fictional institutions, placed at the centre of their
  cities. The classics describe texts, not physical copies; the MARC records describe editions
  catalogued by other libraries, whose holdings statements are left out. Their rights are
  "Copyright Not Evaluated" for the editions and the Public Domain Mark for the ancient texts.
- A few MARC records are visible to members only and one is under embargo until
  ${EMBARGO_UNTIL.slice(0, 10)}, to show those features; each says so in its notes.
`;
}

function parseArgs(argv: string[]): Options {
  let dataDir = path.resolve(REPO, '../shared/data');
  let outDir = path.join(REPO, 'demo');
  let asOfYear = DEFAULT_AS_OF;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') outDir = path.resolve(argv[++i] ?? fail('--out needs a folder'));
    else if (a === '--as-of') asOfYear = Number(argv[++i]);
    else if (a.startsWith('--')) fail(`unknown option ${a}`);
    else dataDir = path.resolve(a);
  }
  if (!Number.isInteger(asOfYear) || asOfYear < 2000) fail('--as-of needs a year');
  if (!fs.existsSync(path.join(dataDir, 'tate/artworks-sample.jsonl'))) fail(`${dataDir} is not the shared data folder (no tate/artworks-sample.jsonl)`);
  return { dataDir, outDir, asOfYear };
}

function fail(message: string): never {
  process.stderr.write(`build-demo: ${message}\n`);
  process.exit(2);
}

/** A minimal CSV reader: quoted fields with doubled quotes, no line breaks inside fields. */
function parseCsv(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.length)
    .map((line) => {
      const cells: string[] = [];
      let cell = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quoted) {
          if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
          else if (c === '"') quoted = false;
          else cell += c;
        } else if (c === '"') quoted = true;
        else if (c === ',') cells.push(cell), (cell = '');
        else cell += c;
      }
      cells.push(cell);
      return cells;
    });
}

function folderSize(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? folderSize(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
}
