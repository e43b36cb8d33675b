import { formatNumber, type MessageKey } from '../../shared/i18n/i18n';
import { canonicalTag } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { languageName } from '../pages/format';

const FIELD_LABELS: Record<string, MessageKey> = {
  id: 'editor.field.id',
  title: 'editor.field.title',
  description: 'record.description',
  inscriptions: 'record.inscriptions',
  notes: 'record.notes',
  creditLine: 'record.creditLine',
  kind: 'record.kind',
  identifiers: 'record.identifiers',
  agents: 'record.agents',
  date: 'record.date',
  places: 'record.places',
  materials: 'record.materials',
  techniques: 'record.techniques',
  objectTypes: 'record.objectTypes',
  dimensions: 'record.dimensions',
  dimensionsText: 'record.dimensions',
  subjects: 'record.subjects',
  languages: 'record.languages',
  relations: 'record.relations',
  rights: 'record.rights',
  visibility: 'images.visibility',
  embargoUntil: 'editor.embargo',
  institutionId: 'editor.institution',
  iiifManifests: 'editor.field.iiifManifests',
  source: 'record.source',
};

// Keys of nested values, in words; others are shown as they are.
const PART_LABELS: Record<string, MessageKey> = {
  label: 'editor.part.label',
  name: 'editor.part.name',
  uri: 'editor.part.uri',
  edtf: 'editor.part.edtf',
  display: 'editor.part.display',
  yearFrom: 'editor.part.yearFrom',
  yearTo: 'editor.part.yearTo',
  target: 'editor.part.target',
  type: 'editor.part.type',
  role: 'editor.part.role',
  value: 'editor.part.value',
  note: 'record.notes',
};

/** A changed value's place in words: "Title · French", "Subjects 2 · URI", "Date · EDTF". */
export function describePath(ctx: PageContext, path: string): string {
  const parts = path.match(/[^.[\]]+|\[\d+\]/g) ?? [path];
  const words: string[] = [];
  parts.forEach((part, i) => {
    const index = /^\[(\d+)\]$/.exec(part);
    if (index) {
      // Numbers list entries only when there are several kinds of them (a text's values are numbered from 2 on).
      const n = Number(index[1]) + 1;
      const afterLang = i > 0 && isLangPart(parts, i - 1);
      const shown = formatNumber(ctx.lang, n);
      if (!afterLang) words[words.length - 1] = `${words[words.length - 1]} ${shown}`;
      else if (n > 1) words[words.length - 1] = `${words[words.length - 1]} (${shown})`;
      return;
    }
    if (i === 0) words.push(FIELD_LABELS[part] ? ctx.t(FIELD_LABELS[part]) : part);
    else if (isLangPart(parts, i)) words.push(part === 'none' ? ctx.t('editor.part.noLang') : languageName(ctx.lang, part));
    else words.push(PART_LABELS[part] ? ctx.t(PART_LABELS[part]) : part);
  });
  return words.join(' · ');
}

const LANG_MAP_KEYS = new Set(['title', 'description', 'inscriptions', 'notes', 'creditLine', 'label', 'name', 'note']);

// A segment is a language when the one before it names a language map.
function isLangPart(parts: string[], i: number): boolean {
  return i > 0 && LANG_MAP_KEYS.has(parts[i - 1]) && (parts[i] === 'none' || canonicalTag(parts[i]) !== null);
}
