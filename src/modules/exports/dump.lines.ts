import { createHash } from 'node:crypto';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { AppError } from '../../shared/errors';
import { assertValid } from '../../shared/schema-helpers';
import { normalizeRecord, docToInput, type RecordDoc } from '../records/record.normalize';
import { DUMP_VERSION, READABLE_DUMP_VERSIONS, HeaderLine, LINE_SCHEMAS, type DumpCounts, type DumpLine, type EndLine } from './dump.schema';

/** A dump's lines, each with its 1-based number and its size in bytes (newline included). */
export async function* dumpLines(input: Readable): AsyncGenerator<{ n: number; text: string; bytes: number }> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) {
    n++;
    yield { n, text, bytes: Buffer.byteLength(text) + 1 };
  }
}

/** The error of a bad line: says which line and what is wrong with it. */
export function lineError(n: number, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `Line ${n} of the dump: ${message}`, { problems: [{ field: `line ${n}`, message }] });
}

/** Parses and validates one line after the header; throws naming the line and the field. */
export function parseLine(n: number, text: string): DumpLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw lineError(n, `is not JSON (${(e as Error).message})`);
  }
  const type = (value as { type?: unknown })?.type;
  const schema = typeof type === 'string' ? LINE_SCHEMAS[type as keyof typeof LINE_SCHEMAS] : undefined;
  if (!schema) throw lineError(n, `has no known "type" (one of ${Object.keys(LINE_SCHEMAS).join(', ')})`);
  try {
    assertValid(schema, value, `${type} line`);
  } catch (e) {
    const p = (e as AppError).details?.problems?.[0];
    throw lineError(n, p ? `${type}: ${p.field} ${p.message}` : (e as Error).message);
  }
  return value as DumpLine;
}

/**
 * Reads a whole dump and checks it before anything is written: the header, every line's shape,
 * the order (versions and images follow their record, image bytes their image), each image's size
 * and SHA-256, and the last line's counts and checksum, so a truncated or altered dump is refused.
 */
export async function verifyDump(input: Readable, onLine?: (n: number, bytes: number) => void): Promise<{ counts: DumpCounts; lines: number }> {
  const hash = createHash('sha256');
  const counts: DumpCounts = { institutions: 0, records: 0, versions: 0, media: 0, sensitiveLocations: 0 };
  let end: EndLine | null = null;
  let last = 0;
  let record: string | null = null;
  let recordInstitution: string | null = null;
  let media: { id: string; n: number; bytes: number; sha256: string; seen: number; hash: ReturnType<typeof createHash> } | null = null;
  const closeMedia = () => {
    if (!media) return;
    const sha = media.hash.digest('hex');
    if (media.seen !== media.bytes || sha !== media.sha256) {
      throw lineError(media.n, `the bytes of image "${media.id}" (${media.seen} bytes, SHA-256 ${sha}) do not match its line (${media.bytes} bytes, SHA-256 ${media.sha256})`);
    }
    media = null;
  };
  for await (const { n, text, bytes } of dumpLines(input)) {
    last = n;
    onLine?.(n, bytes);
    if (n === 1) {
      checkHeader(text);
      continue;
    }
    if (end) throw lineError(n, 'comes after the final "end" line');
    const line = parseLine(n, text);
    if (line.type !== 'media-data') closeMedia();
    switch (line.type) {
      case 'institution':
        if (record) throw lineError(n, 'institutions come before the records');
        counts.institutions++;
        break;
      case 'record':
        checkDoc(n, line.id, line.institutionId, line.doc as RecordDoc);
        record = line.id;
        recordInstitution = line.institutionId;
        counts.records++;
        break;
      case 'version':
        if (line.recordId !== record) throw lineError(n, `the version of "${line.recordId}" does not follow its record`);
        counts.versions++;
        break;
      case 'media':
        if (line.recordId !== record) throw lineError(n, `image "${line.id}" does not follow its record "${line.recordId}"`);
        if (line.institutionId !== recordInstitution) throw lineError(n, `image "${line.id}" names institution "${line.institutionId}", its record "${record}" belongs to "${recordInstitution}"`);
        media = { id: line.id, n, bytes: line.bytes, sha256: line.sha256, seen: 0, hash: createHash('sha256') };
        counts.media++;
        break;
      case 'sensitive-location':
        if (line.recordId !== record) throw lineError(n, `the exact location of "${line.recordId}" does not follow its record`);
        if (line.institutionId !== recordInstitution) throw lineError(n, `the exact location of "${line.recordId}" names institution "${line.institutionId}", its record belongs to "${recordInstitution}"`);
        counts.sensitiveLocations!++;
        break;
      case 'media-data': {
        if (media?.id !== line.mediaId) throw lineError(n, `bytes of image "${line.mediaId}" do not follow its image line`);
        const data = Buffer.from(line.data, 'base64');
        media.seen += data.length;
        media.hash.update(data);
        break;
      }
      case 'end':
        end = line;
        continue;
    }
    hash.update(`${text}\n`);
  }
  if (last === 0) throw new AppError('VALIDATION_FAILED', 'The dump is empty');
  if (!end) throw new AppError('VALIDATION_FAILED', `The dump ends at line ${last} without its final "end" line: it is truncated; nothing was loaded`);
  const sha = hash.digest('hex');
  if (sha !== end.sha256) throw lineError(last, `the SHA-256 of the dump (${sha}) is not the one its last line records (${end.sha256}): it was altered or damaged; nothing was loaded`);
  for (const k of Object.keys(counts) as (keyof DumpCounts)[]) {
    // Version 1 dumps count no sensitive locations (and hold none).
    if (counts[k] !== (end.counts[k] ?? 0)) throw lineError(last, `the dump holds ${counts[k]} ${k} but its last line counts ${end.counts[k]}; nothing was loaded`);
  }
  return { counts, lines: last };
}

function checkHeader(text: string): void {
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    throw lineError(1, 'is not a Heritage Commons dump header (not JSON)');
  }
  if ((header as { type?: unknown })?.type !== 'heritage-dump') throw lineError(1, 'is not a Heritage Commons dump header ({"type":"heritage-dump",...})');
  try {
    assertValid(HeaderLine, header, 'dump header');
  } catch (e) {
    throw lineError(1, (e as Error).message);
  }
  const version = (header as HeaderLine).version;
  if (!READABLE_DUMP_VERSIONS.includes(version)) throw lineError(1, `is a dump of format version ${version}; this program reads versions ${READABLE_DUMP_VERSIONS.join(' and ')} (it writes ${DUMP_VERSION})`);
}

function checkDoc(n: number, id: string, institutionId: string, doc: RecordDoc): void {
  if ((doc as { id?: unknown }).id !== id || doc.institutionId !== institutionId) throw lineError(n, `the document of record "${id}" names another id or institution`);
  const r = normalizeRecord(docToInput(doc));
  if ('problems' in r) throw lineError(n, `record "${id}": ${r.problems[0].field} ${r.problems[0].message}`);
}
