import type { Readable } from 'node:stream';
import type { FieldProblem } from '../../../shared/errors';
import type { RecordInput } from '../../records/record.schema';
import { MalformedInputError, type ImportWarning, type ReadItem, type ReaderOptions, type RecordReader, type SourcePosition } from '../import.types';

type Json = Record<string, unknown>;
type LangMap = Record<string, string[]>;

/**
 * Reads IIIF Presentation 3 or 2 manifests (one document, a Collection with embedded or referenced
 * manifests, or JSON Lines of them): one record per manifest, its images linked, not copied.
 */
export const iiifReader: RecordReader = async function* (input: Readable, opts: ReaderOptions) {
  const max = opts.maxRecordBytes ?? 16 * 1024 * 1024;
  let index = 0;
  for await (const doc of documents(input, max)) {
    for (const { manifest, line } of manifestsOf(doc.value, doc.line, 0)) {
      index += 1;
      yield mapManifest(manifest, { record: index, line }, opts);
    }
  }
};

/** Maps one manifest (P3 or P2) onto a record, or rejects it naming the missing field. */
export function mapManifest(m: Json, at: Omit<SourcePosition, 'identifier'>, opts: ReaderOptions): ReadItem {
  const id = str(m.id) ?? str(m['@id']);
  const position: SourcePosition = { ...at, ...(id ? { identifier: id } : {}) };
  const type = str(m.type) ?? str(m['@type']) ?? '';
  const problems: FieldProblem[] = [];
  if (!/^(sc:)?Manifest$/.test(type)) problems.push({ field: 'type', message: `is "${type || '(none)'}", not a IIIF Manifest or Collection` });
  if (!id || !/^https?:\/\//.test(id)) problems.push({ field: 'id', message: 'a manifest needs an http(s) id' });
  const title = langMap(m.label);
  if (!title) problems.push({ field: 'label', message: 'a manifest needs a label (its title)' });
  if (problems.length || !title || !id) return { kind: 'rejected', position, problems };

  const warnings: ImportWarning[] = [];
  const record: RecordInput = { institutionId: opts.institutionId, kind: 'object', title };
  const description = langMap(m.summary ?? m.description, true);
  if (description) record.description = description;
  mapMetadata(m.metadata, record, warnings);

  const rights = asArray(m.rights ?? m.license).map(str).find(Boolean);
  if (rights && !record.rights) {
    if (/^https?:\/\/(creativecommons\.org|rightsstatements\.org)\//.test(rights)) record.rights = rights;
    else warnings.push({ field: 'rights', message: `"${rights}" is not a Creative Commons or rightsstatements.org URI; kept in notes` }), addNote(record, { none: [`Rights: ${rights}`] });
  }
  const credit = isObject(m.requiredStatement) ? langMap(m.requiredStatement.value, true) : langMap(m.attribution, true);
  if (credit) record.creditLine = credit;

  const navDate = str(m.navDate);
  const day = navDate?.match(/^-?\d{4}-\d{2}-\d{2}/)?.[0];
  if (day) record.date = { display: record.date?.display ?? day, edtf: day };
  else if (navDate) warnings.push({ field: 'navDate', message: `"${navDate}" is not an xsd:dateTime; ignored` });
  const places = navPlaces(m.navPlace);
  if (places.length) record.places = [...(record.places ?? []), ...places].slice(0, 100);

  record.kind = guessKind(m, record, warnings);
  record.iiifManifests = [id];
  const homepage = asArray(m.homepage ?? m.related).map((h) => (isObject(h) ? str(h.id) ?? str(h['@id']) : str(h))).find((u) => u && /^https?:\/\//.test(u));
  record.source = { kind: opts.sourceKind, system: opts.sourceSystem.slice(0, 200), identifier: id, ...(homepage ? { url: homepage } : {}) };
  return { kind: 'record', position, record, warnings };
}

async function* documents(input: Readable, max: number): AsyncGenerator<{ value: unknown; line: number }> {
  let text = '';
  let bytes = 0;
  const it = input[Symbol.asyncIterator]();
  const rest: AsyncIterable<unknown> = { [Symbol.asyncIterator]: () => it };
  for (let next = await it.next(); !next.done; next = await it.next()) {
    const chunk: unknown = next.value;
    const s = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    bytes += Buffer.byteLength(s);
    text += s;
    const firstLf = text.indexOf('\n');
    if (firstLf >= 0 && /^\s*\{.*\}\s*$/.test(text.slice(0, firstLf)) && isJson(text.slice(0, firstLf))) {
      yield* jsonLines(text, rest, max);
      return;
    }
    if (bytes > max) throw new MalformedInputError(`The IIIF document is over ${max} bytes`, { byte: max });
  }
  text = text.replace(/^\uFEFF/, '');
  if (!text.trim()) throw new MalformedInputError('The input is empty: expected a IIIF manifest or collection (JSON)', { line: 1, column: 1 });
  yield { value: parseAt(text, 1), line: 1 };
}

async function* jsonLines(start: string, rest: AsyncIterable<unknown>, max: number): AsyncGenerator<{ value: unknown; line: number }> {
  let buffer = start.replace(/^\uFEFF/, '');
  let line = 0;
  const take = function* (final: boolean) {
    let lf: number;
    while ((lf = buffer.indexOf('\n')) >= 0 || (final && buffer.length)) {
      const raw = lf >= 0 ? buffer.slice(0, lf) : buffer;
      buffer = lf >= 0 ? buffer.slice(lf + 1) : '';
      line += 1;
      if (Buffer.byteLength(raw) > max) throw new MalformedInputError(`Line ${line} is over ${max} bytes`, { line });
      if (raw.trim()) yield { value: parseAt(raw, line), line };
    }
  };
  yield* take(false);
  for await (const chunk of rest) {
    buffer += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    yield* take(false);
    if (Buffer.byteLength(buffer) > max) throw new MalformedInputError(`Line ${line + 1} is over ${max} bytes`, { line: line + 1 });
  }
  yield* take(true);
}

/** JSON.parse with the error's position turned into a line and column of the input. */
function parseAt(text: string, firstLine: number): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const offset = Number(msg.match(/position (\d+)/)?.[1] ?? NaN);
    const lc = Number.isFinite(offset) ? lineColumn(text, offset) : { line: 1, column: undefined };
    const where = { line: firstLine + lc.line - 1, ...(lc.column !== undefined ? { column: lc.column } : {}) };
    throw new MalformedInputError(`Invalid JSON at line ${where.line}${lc.column !== undefined ? `, column ${lc.column}` : ''}: ${msg}`, where);
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The manifests in a document: itself, or a collection's (nested) members; anything else is passed on to be rejected. */
function* manifestsOf(doc: unknown, line: number, depth: number): Generator<{ manifest: Json; line: number }> {
  if (!isObject(doc)) {
    yield { manifest: { type: Array.isArray(doc) ? 'array' : typeof doc }, line };
    return;
  }
  const type = str(doc.type) ?? str(doc['@type']) ?? '';
  if (/^(sc:)?Collection$/.test(type) && depth < 8) {
    const members = [...asArray(doc.items), ...asArray(doc.manifests), ...asArray(doc.collections), ...asArray(doc.members)];
    for (const member of members) yield* manifestsOf(member, line, depth + 1);
    return;
  }
  yield { manifest: doc, line };
}

const ROLE = /^(creator|author|artist|painter|photographer|maker|illustrator|engraver|scribe|calligrapher|publisher|printer|contributor|editor|translator|composer|performer|architect|sculptor)s?$/;

function mapMetadata(metadata: unknown, record: RecordInput, warnings: ImportWarning[]): void {
  for (const pair of asArray(metadata).filter(isObject)) {
    const label = langMap(pair.label);
    const value = langMap(pair.value, true);
    if (!label || !value) continue;
    const key = (label.en ?? label.none ?? Object.values(label)[0] ?? [''])[0].trim().toLowerCase().replace(/[:\s]+$/, '');
    const texts = Object.values(value).flat();
    const first = texts[0] ?? '';
    if (/^(date|dates|date created|created|creation date|date of creation|period|year)$/.test(key)) {
      if (!record.date) record.date = { display: first.slice(0, 500) };
    } else if (ROLE.test(key)) {
      (record.agents ??= []).push({ name: value, role: key.replace(/s$/, '') });
    } else if (/^(materials?|medium|support)$/.test(key)) {
      (record.materials ??= []).push({ label: value });
    } else if (/^(techniques?|process)$/.test(key)) {
      (record.techniques ??= []).push({ label: value });
    } else if (/^(dimensions?|size|measurements?|extent)$/.test(key)) {
      record.dimensionsText = texts.join('; ').slice(0, 1000);
    } else if (/^(subjects?|keywords?|topics?)$/.test(key)) {
      (record.subjects ??= []).push({ label: value });
    } else if (/^(type|object type|genre|form|object name)$/.test(key)) {
      (record.objectTypes ??= []).push({ label: value });
    } else if (/^(place|location|place of origin|origin|place of creation)$/.test(key)) {
      (record.places ??= []).push({ name: value });
    } else if (/^(languages?)$/.test(key)) {
      for (const t of texts) {
        const tag = LANGUAGES[t.trim().toLowerCase()] ?? (/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(t.trim()) ? t.trim() : null);
        if (tag) (record.languages ??= []).push(tag);
        else warnings.push({ field: 'metadata.Language', message: `"${t}" is not a known language name or BCP 47 tag; kept in notes` }), addNote(record, { none: [`Language: ${t}`] });
      }
    } else if (/^(identifier|shelfmark|call number|inventory number|accession number|object number)$/.test(key)) {
      const type = key === 'shelfmark' ? 'shelfmark' : key === 'call number' ? 'call-number' : key === 'identifier' ? 'other' : 'inventory';
      (record.identifiers ??= []).push({ type, value: first.slice(0, 500) });
    } else if (/^(rights|license|licence)$/.test(key) && /^https?:\/\/(creativecommons\.org|rightsstatements\.org)\//.test(first)) {
      record.rights = first;
    } else {
      const notes: LangMap = {};
      for (const [lang, vals] of Object.entries(value)) {
        const name = (label[lang] ?? label.none ?? label.en ?? Object.values(label)[0])[0];
        notes[lang] = vals.map((v) => `${name}: ${v}`);
      }
      addNote(record, notes);
    }
  }
}

const LANGUAGES: Record<string, string> = {
  english: 'en', french: 'fr', german: 'de', chinese: 'zh', arabic: 'ar', russian: 'ru', spanish: 'es', latin: 'la',
  japanese: 'ja', italian: 'it', dutch: 'nl', greek: 'el', persian: 'fa', sanskrit: 'sa', tibetan: 'bo', korean: 'ko',
};

function navPlaces(navPlace: unknown): NonNullable<RecordInput['places']> {
  if (!isObject(navPlace)) return [];
  const features = navPlace.type === 'Feature' ? [navPlace] : asArray(navPlace.features).filter(isObject);
  const out: NonNullable<RecordInput['places']> = [];
  for (const f of features) {
    const geometry = isObject(f.geometry) ? f.geometry : null;
    const points = geometry ? positions(geometry.coordinates) : [];
    const name = isObject(f.properties) ? langMap(f.properties.label) : null;
    if (!points.length && !name) continue;
    const place: NonNullable<RecordInput['places']>[number] = { name: name ?? { none: ['(navPlace)'] }, role: 'navPlace' };
    if (points.length) {
      // A point is itself; a line or polygon is placed at the centre of its bounding box.
      const lons = points.map((p) => p[0]);
      const lats = points.map((p) => p[1]);
      const lon = (Math.min(...lons) + Math.max(...lons)) / 2;
      const lat = (Math.min(...lats) + Math.max(...lats)) / 2;
      if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180) Object.assign(place, { lat, lon });
    }
    out.push(place);
  }
  return out;
}

function positions(c: unknown): Array<[number, number]> {
  if (!Array.isArray(c)) return [];
  if (typeof c[0] === 'number' && typeof c[1] === 'number') return [[c[0], c[1]]];
  return c.flatMap(positions);
}

function guessKind(m: Json, record: RecordInput, warnings: ImportWarning[]): RecordInput['kind'] {
  const text = JSON.stringify(m.items ?? m.sequences ?? []);
  if (/"type":\s*"(Sound|Video|Audio)"|"duration":/.test(text)) return 'audiovisual';
  const hints = [...asArray(m.behavior), ...asArray(m.viewingHint)].map(String);
  const types = JSON.stringify([record.objectTypes ?? [], record.title]).toLowerCase();
  if (/manuscript|codex|scroll/.test(types)) {
    warnings.push({ field: 'kind', message: 'IIIF does not state the kind of item: "manuscript" guessed from its label or type' });
    return 'manuscript';
  }
  if (hints.includes('paged') || hints.includes('facing-pages') || /"(book|newspaper|periodical)"/.test(types)) {
    warnings.push({ field: 'kind', message: `IIIF does not state the kind of item: "rare-book" guessed from behavior "${hints.join(' ') || 'book'}" (it may be a manuscript)` });
    return 'rare-book';
  }
  warnings.push({ field: 'kind', message: 'IIIF does not state the kind of item: "object" assumed' });
  return 'object';
}

/** A IIIF language map (P3), or a P2 string / {@value, @language} list, as a language map; null when empty. */
function langMap(v: unknown, html = false): LangMap | null {
  const out: LangMap = {};
  const add = (lang: string, s: unknown) => {
    if (typeof s !== 'string' && typeof s !== 'number') return;
    const text = html ? stripHtml(String(s)) : String(s).trim();
    const key = lang.slice(0, 35) || 'none';
    if (text && (out[key]?.length ?? 0) < 100) (out[key] ??= []).push(text);
  };
  for (const item of asArray(v)) {
    if (typeof item === 'string' || typeof item === 'number') add('none', item);
    else if (isObject(item) && '@value' in item) add(str(item['@language']) ?? 'none', item['@value']);
    else if (isObject(item)) for (const [lang, vals] of Object.entries(item)) for (const s of asArray(vals)) add(lang, s);
  }
  return Object.keys(out).length ? out : null;
}

function stripHtml(s: string): string {
  return s
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' })[e] ?? _)
    .replace(/\s+/g, ' ')
    .trim();
}

function addNote(record: RecordInput, notes: LangMap): void {
  record.notes ??= {};
  for (const [lang, vals] of Object.entries(notes)) (record.notes[lang] ??= []).push(...vals);
}

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}
function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}
function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}
function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
