import { AppError } from '../../../shared/errors';
import { IMPORT_FORMATS, type ImportFormat, type RecordReader } from '../import.types';
import { jsonlReader } from './jsonl.reader';
import { csvReader } from './csv.reader';
import { iiifReader } from './iiif.reader';
import { marcxmlReader } from './marcxml.reader';
import { dcReader } from './dc.reader';
import { lidoReader } from './lido.reader';

// One line per format, added by each reader's author when the reader exists.
const READERS: Partial<Record<ImportFormat, RecordReader>> = {
  csv: csvReader,
  jsonl: jsonlReader,
  iiif: iiifReader,
  marcxml: marcxmlReader,
  dc: dcReader,
  lido: lidoReader,
};

/** The reader of an import format; a format without a reader yet is refused with the list of those that have one. */
export function readerFor(format: ImportFormat | string): RecordReader {
  const reader = (IMPORT_FORMATS as readonly string[]).includes(format) ? READERS[format as ImportFormat] : undefined;
  if (!reader) {
    throw new AppError('VALIDATION_FAILED', `No reader for the import format "${format}"; this server reads ${supportedFormats().join(', ')}`, {
      problems: [{ field: 'format', message: `"${format}" is not supported here` }],
    });
  }
  return reader;
}

/** The formats this server can read now. */
export function supportedFormats(): ImportFormat[] {
  return IMPORT_FORMATS.filter((f) => READERS[f]);
}
