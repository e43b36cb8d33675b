import type { PageContext } from '../pages/context';
import { DEFAULT_LIMIT, searchHref, type SearchState } from '../pages/search.state';
import { EXPORT_FORMATS } from './export.formats';

/**
 * Download links of an export in each format; `query` is the export's query string without the
 * format (`q=...&kind=...` for a search, `institution=ID` for an institution's records).
 */
export function ExportLinks({ ctx, path, query, label }: { ctx: PageContext; path: '/api/v1/search/export' | '/api/v1/exports/records'; query: string; label: 'export.searchResults' | 'export.institutionRecords' }) {
  const { t } = ctx;
  return (
    <p class="export-links">
      {t(label)}{' '}
      {EXPORT_FORMATS.map((format, i) => (
        <>
          {i ? ' · ' : null}
          <a href={`${path}?format=${format}${query ? `&${query}` : ''}`} download>
            {t(`export.${format}`)}
          </a>
        </>
      ))}
    </p>
  );
}

/** The export query of a search page's state: its words and filters (order and page do not matter to an export). */
export function searchExportQuery(state: SearchState): string {
  return searchHref({ ...state, sort: undefined, offset: 0, limit: DEFAULT_LIMIT }).split('?')[1] ?? '';
}
