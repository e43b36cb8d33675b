import { firstText } from '../../shared/lang-map';
import type { RecordDoc } from '../records/record.normalize';
import { toRecordJson } from '../records/record.mapper';
import type { RecordRow } from '../records/record.table';
import { addLanguages, csvColumns, noLanguages, recordUrl } from './export.columns';
import { csvCell } from '../imports/import.report';
import type { RecordPages } from './export.source';

export const EXPORT_FORMATS = ['csv', 'jsonl', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Content type and file extension of each format. */
export const FORMAT_INFO: Record<ExportFormat, { contentType: string; extension: string }> = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  jsonl: { contentType: 'application/x-ndjson', extension: 'jsonl' },
  geojson: { contentType: 'application/geo+json', extension: 'geojson' },
};

/** The export of these records in a format, as text chunks (one per page) to stream. */
export function writeFormat(format: ExportFormat, pages: RecordPages, publicUrl: string): AsyncGenerator<string> {
  if (format === 'csv') return writeCsv(pages, publicUrl);
  if (format === 'jsonl') return writeJsonl(pages);
  return writeGeoJson(pages, publicUrl);
}

/**
 * CSV: a first pass gathers the languages present (the header names one column per language),
 * a second writes the rows. UTF-8 with a byte-order mark, so spreadsheets read CJK and Arabic right.
 */
async function* writeCsv(pages: RecordPages, publicUrl: string): AsyncGenerator<string> {
  const langs = noLanguages();
  for await (const rows of pages()) for (const row of rows) addLanguages(langs, JSON.parse(row.metadata) as RecordDoc);
  const columns = csvColumns(langs, publicUrl);
  yield `\uFEFF${csvLine(columns.headers)}`;
  for await (const rows of pages()) yield rows.map((row) => csvLine(columns.cells(row))).join('');
}

/** JSON Lines: each record exactly as `GET /api/v1/records/{id}` answers it. */
async function* writeJsonl(pages: RecordPages): AsyncGenerator<string> {
  for await (const rows of pages()) yield rows.map((row) => `${toRecordJson(row)}\n`).join('');
}

/** GeoJSON: a FeatureCollection with a Feature for each record that has coordinates. */
async function* writeGeoJson(pages: RecordPages, publicUrl: string): AsyncGenerator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for await (const rows of pages()) {
    const features = rows.map((row) => geoFeature(row, publicUrl)).filter((f) => f !== null);
    if (!features.length) continue;
    yield `${first ? '\n' : ',\n'}${features.map((f) => JSON.stringify(f)).join(',\n')}`;
    first = false;
  }
  yield '\n]}\n';
}

/** A record's Feature: a Point, or a MultiPoint when its places have several coordinates; null without any. */
export function geoFeature(row: RecordRow, publicUrl: string) {
  const doc = JSON.parse(row.metadata) as RecordDoc;
  const points: [number, number][] = [];
  const add = (lon: number | null | undefined, lat: number | null | undefined) => {
    if (typeof lon !== 'number' || typeof lat !== 'number') return;
    if (!points.some(([x, y]) => x === lon && y === lat)) points.push([lon, lat]);
  };
  add(row.lon, row.lat);
  for (const p of doc.places ?? []) add(p.lon, p.lat);
  if (!points.length) return null;
  return {
    type: 'Feature' as const,
    id: row.id,
    geometry: points.length === 1 ? { type: 'Point' as const, coordinates: points[0] } : { type: 'MultiPoint' as const, coordinates: points },
    properties: { id: row.id, title: firstText(doc.title), kind: row.kind, institution: row.institution_id, url: recordUrl(publicUrl, row.id) },
  };
}

/** One CSV line, CRLF-terminated as RFC 4180 writes it, each cell quoted and neutralised by the one CSV cell writer. */
export function csvLine(cells: (string | number | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
