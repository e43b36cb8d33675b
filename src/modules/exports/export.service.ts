import { AppError } from '../../shared/errors';
import type { Actor } from '../accounts/actor';
import { institutionRepository } from '../institutions/institution.repository';
import type { Store } from '../records/record.store';
import type { SearchParams } from '../search/search.types';
import { FORMAT_INFO, writeFormat, type ExportFormat } from './export.formats';
import { searchRecordPages, visibleRecordPages } from './export.source';

/** A streamed export: its chunks, content type and a file name for `content-disposition`. */
export interface ExportStream {
  chunks: AsyncGenerator<string>;
  contentType: string;
  filename: string;
}

/** The records the actor may see (optionally one institution's), in a format, streamed. */
export async function exportRecords(store: Store, actor: Actor, opts: { format: ExportFormat; institutionId?: string; publicUrl: string }): Promise<ExportStream> {
  if (opts.institutionId && !(await institutionRepository.findById(store.db, opts.institutionId))) {
    throw new AppError('INSTITUTION_NOT_FOUND', `No institution "${opts.institutionId}"`);
  }
  const pages = visibleRecordPages(store, actor, { institutionId: opts.institutionId });
  return stream(opts.format, writeFormat(opts.format, pages, opts.publicUrl), opts.institutionId ?? 'records');
}

/** Every match of a search the actor may see, in a format, streamed (the search's order and page are ignored). */
export async function exportSearch(store: Store, actor: Actor, opts: { format: ExportFormat; params: SearchParams; publicUrl: string }): Promise<ExportStream> {
  const pages = searchRecordPages(store, actor, opts.params);
  return stream(opts.format, writeFormat(opts.format, pages, opts.publicUrl), 'search');
}

function stream(format: ExportFormat, chunks: AsyncGenerator<string>, name: string): ExportStream {
  const { contentType, extension } = FORMAT_INFO[format];
  return { chunks, contentType, filename: `heritage-${name}.${extension}` };
}
