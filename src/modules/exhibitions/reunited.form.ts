import type { FieldProblem } from '../../shared/errors';
import type { LangMap } from '../../shared/lang-map';
import type { ReunitedInput, ReunitedWork } from './reunited.types';

/** The reunited-work form's text fields, as posted or as shown again. */
export interface ReunitedFormValues {
  institutionId: string;
  lang: string;
  title: string;
  summary: string;
  /** One fragment a line: `record-id`, or `record-id | https://image-service | width | height`. */
  fragments: string;
  /** One event a line: `EDTF date | place | latitude | longitude | note`. */
  history: string;
}

/** The form's values of a stored work, in one language. */
export function formOf(work: ReunitedWork, lang: string): ReunitedFormValues {
  return {
    institutionId: work.institutionId,
    lang,
    title: work.title[lang]?.[0] ?? '',
    summary: work.summary[lang]?.[0] ?? '',
    fragments: work.fragments.map((f) => (f.imageService ? [f.recordId, f.imageService, f.width, f.height].join(' | ') : f.recordId)).join('\n'),
    history: work.history.map((h) => [h.date, h.place, h.lat ?? '', h.lon ?? '', h.note[lang]?.[0] ?? ''].join(' | ')).join('\n'),
  };
}

/**
 * The service input a posted form asks for; lines that cannot be read are reported with the field
 * and line they are on. Texts replace the edited language only (`existing` keeps the others).
 */
export function inputOf(v: ReunitedFormValues, existing: ReunitedWork | null): { input: ReunitedInput; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const set = (map: LangMap, text: string): LangMap => {
    const out = { ...map };
    if (text.trim()) out[v.lang] = [text.trim()];
    else delete out[v.lang];
    return out;
  };
  const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const num = (s: string | undefined, field: string): number | null => {
    if (!s?.trim()) return null;
    const n = Number(s.trim());
    if (!Number.isFinite(n)) problems.push({ field, message: `"${s.trim()}" is not a number` });
    return Number.isFinite(n) ? n : null;
  };
  const fragments = lines(v.fragments).map((line, i) => {
    const [recordId, service, width, height] = line.split('|').map((p) => p.trim());
    return { recordId, imageService: service || null, width: num(width, `fragments/${i}/width`), height: num(height, `fragments/${i}/height`) };
  });
  const history = lines(v.history).map((line, i) => {
    const [date = '', place = '', lat, lon, ...note] = line.split('|').map((p) => p.trim());
    const noteText = note.join(' | ').trim();
    const prior = existing?.history[i]?.note ?? {};
    return { date, place, lat: num(lat, `history/${i}/lat`), lon: num(lon, `history/${i}/lon`), note: set(prior, noteText) };
  });
  const input: ReunitedInput = {
    ...(existing ? {} : { institutionId: v.institutionId }),
    title: set(existing?.title ?? {}, v.title),
    summary: set(existing?.summary ?? {}, v.summary),
    history,
    fragments,
  };
  return { input, problems };
}
