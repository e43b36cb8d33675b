import { formString } from '../accounts/form-outcome';
import type { CsvMapping } from './import.types';
import type { EditorColumn } from './mapping.sample';

/** What the mapping editor shows and posts: a name, the columns with their targets, the options of the mapping. */
export interface EditorState {
  name: string;
  /** '' detects the delimiter from each file's header line. */
  delimiter: string;
  columns: EditorColumn[];
  /** '' lets the import pick the identifier column (source id, inventory number…). */
  identifierColumn: string;
  defaults: NonNullable<CsvMapping['defaults']>;
}

/** Editor fields are numbered per column; a form with more columns than this is cut. */
export const MAX_EDITOR_COLUMNS = 500;
const MAX_SAMPLE_CELL = 200;

/** The editor's state from a saved mapping (no sample: the columns are the mapping's). */
export function editorFromMapping(name: string, mapping: CsvMapping): EditorState {
  return {
    name,
    delimiter: mapping.delimiter ?? '',
    columns: Object.entries(mapping.columns).map(([header, target]) => ({ header, samples: [], target })),
    identifierColumn: mapping.identifierColumn ?? '',
    defaults: { ...mapping.defaults },
  };
}

/** The editor's state from its posted form (untrusted: every field a string, lengths bounded). */
export function editorFromForm(body: unknown): EditorState {
  const columns: EditorColumn[] = [];
  for (let i = 0; i < MAX_EDITOR_COLUMNS; i++) {
    const header = formString(body, `c${i}`);
    if (!header) break;
    columns.push({ header: header.slice(0, 500), target: formString(body, `t${i}`).slice(0, 200) || 'ignore', samples: sampleCells(formString(body, `s${i}`)) });
  }
  const defaults: EditorState['defaults'] = {};
  for (const key of ['kind', 'visibility', 'rights', 'language'] as const) {
    const v = formString(body, `default.${key}`).trim();
    if (v) (defaults as Record<string, string>)[key] = v.slice(0, 500);
  }
  const delimiter = formString(body, 'delimiter');
  return {
    name: formString(body, 'name').slice(0, 200),
    delimiter: delimiter === 'tab' ? '\t' : delimiter,
    columns,
    identifierColumn: formString(body, 'identifierColumn'),
    defaults,
  };
}

/** The mapping an editor state describes (checked later by the mapping validator). */
export function mappingOf(state: EditorState): CsvMapping {
  return {
    ...(state.delimiter ? { delimiter: state.delimiter } : {}),
    columns: Object.fromEntries(state.columns.map((c) => [c.header, c.target])),
    ...(state.identifierColumn ? { identifierColumn: state.identifierColumn } : {}),
    ...(Object.keys(state.defaults).length ? { defaults: state.defaults } : {}),
  };
}

/** Sample values of a column as the form carries them between posts (a JSON array, bounded). */
export function sampleField(samples: string[]): string {
  return JSON.stringify(samples.slice(0, 5).map((s) => s.slice(0, MAX_SAMPLE_CELL)));
}

function sampleCells(raw: string): string[] {
  if (!raw || raw.length > 5 * (MAX_SAMPLE_CELL + 10) * 6) return [];
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 5).map((s) => s.slice(0, MAX_SAMPLE_CELL)) : [];
  } catch {
    return [];
  }
}
