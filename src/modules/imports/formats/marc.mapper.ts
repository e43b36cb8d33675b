import type { RecordInput, RecordKind } from '../../records/record.schema';
import { add, agents, clean, EMPTY, groups, identifiers, linkedFields, nonEmpty, places, publicationDate, scriptTag, subjects, type LangMap } from './marc.fields';
import { fieldsOf, sub, subs, type MarcField, type MarcRecord } from './marc.record';
import { isLatinText, latinTag, marcLanguage } from './marc.reference';

export { clean, scriptTag } from './marc.fields';

/** rightsstatements.org "Copyright Not Evaluated": for editions whose rights nobody has evaluated. */
export const RIGHTS_NOT_EVALUATED = 'http://rightsstatements.org/vocab/CNE/1.0/';

/** The record's owner and source, and the choices a caller makes for what MARC does not say. */
export interface MarcMapOptions {
  id?: string;
  institutionId: string;
  source: NonNullable<RecordInput['source']>;
  /** Publication years after this one are kept as a note, not as a date (default: this year). */
  asOfYear?: number;
  /** The rights when the record states none as a URI (540 $u). */
  rights?: string;
}

/**
 * Maps one bibliographic MARC record (MARC 21, or UNIMARC) to a record: titles as language maps
 * (245 with 246/240; vernacular 880 fields under their script's tag, romanised forms under
 * `-Latn`), agents with relator roles, publication date and places, identifiers, subjects, notes,
 * languages. Garbled values (lost character-set conversions) are left out. Null when there is no title.
 */
export function marcToRecord(rec: MarcRecord, opts: MarcMapOptions): RecordInput | null {
  const asOfYear = opts.asOfYear ?? new Date().getUTCFullYear();
  const unimarc = !fieldsOf(rec, '245').length && fieldsOf(rec, '200').length > 0;
  const languages = recordLanguages(rec, unimarc);
  const main = languages[0] ?? null;
  const original = marcLanguage(unimarc ? sub(fieldsOf(rec, '101')[0] ?? EMPTY, 'c') : sub(fieldsOf(rec, '041')[0] ?? EMPTY, 'h'));
  const tagOf = (text: string) => scriptTag(text, main);
  const linked = linkedFields(rec);

  const title: LangMap = {};
  const notes: LangMap = {};
  for (const group of groups(fieldsOf(rec, unimarc ? '200' : '245'), linked)) {
    for (const f of group) {
      const t = unimarc ? unimarcTitle(f) : marc21Title(f);
      if (t.main) add(title, tagOf(t.main), t.main);
      if (t.parallel) add(title, isLatinText(t.parallel) ? (original ? latinTag(original) : 'und') : tagOf(t.parallel), t.parallel);
    }
  }
  if (!Object.keys(title).length) return null;
  // The title proper first (in the record's language and script), parallel titles next, romanised forms last.
  const rank = (tag: string) => (tag.includes('-Latn') ? 2 : main && tag.split('-')[0] === main ? 0 : 1);
  const ordered: LangMap = Object.fromEntries(Object.entries(title).sort(([a], [b]) => rank(a) - rank(b)));
  // Uniform (240) and variant (246) titles follow the title proper in each language.
  for (const group of unimarc ? [] : groups(fieldsOf(rec, '240', '246'), linked)) {
    for (const f of group) {
      const t = clean([sub(f, 'a'), sub(f, 'b'), ...subs(f, 'n'), ...subs(f, 'p')].map(clean).filter(Boolean).join('. '));
      // A uniform title of a translation is the original's title, in the original language (041 $h).
      if (t) add(ordered, f.tag === '240' && original && isLatinText(t) ? latinTag(original) : tagOf(t), t);
    }
  }

  for (const tag of unimarc ? ['205'] : ['250', '440', '490']) {
    for (const f of [...fieldsOf(rec, tag), ...fieldsOf(rec, tag).map((x) => linked.get(x)).filter((x): x is MarcField => !!x)]) {
      const text = [clean(sub(f, 'a')), clean(sub(f, 'v'))].filter(Boolean).join(' ; ');
      if (text) add(notes, tagOf(text), text);
    }
  }
  const catalogueLang = marcLanguage(sub(fieldsOf(rec, '040')[0] ?? EMPTY, 'b')) ?? 'en';
  for (const f of fieldsOf(rec, '500', '546', '880').filter((x) => x.tag !== '880' || /^(500|546)-/.test(sub(x, '6') ?? ''))) {
    const text = clean(subs(f, 'a').join(' '));
    // A note with a vernacular form is itself a romanisation; other notes are in the cataloguing language.
    if (text && text.length < 1000) add(notes, !isLatinText(text) ? tagOf(text) : linked.has(f) ? latinTag(main ?? 'und') : catalogueLang, text);
  }
  const description: LangMap = {};
  for (const f of fieldsOf(rec, '520')) {
    const text = clean(subs(f, 'a').join(' '));
    if (text) add(description, isLatinText(text) ? catalogueLang : tagOf(text), text);
  }

  const date = publicationDate(rec, unimarc, asOfYear);
  if (date.note) add(notes, 'none', date.note);
  const extent = clean(fieldsOf(rec, unimarc ? '215' : '300').flatMap((f) => f.subfields.map((s) => s.value)).join(' '));

  const rights = statedRights(rec) ?? opts.rights;
  return {
    ...(opts.id ? { id: opts.id } : {}),
    institutionId: opts.institutionId,
    kind: kindOf(rec.leader),
    title: ordered,
    ...(Object.keys(description).length ? { description } : {}),
    ...(Object.keys(notes).length ? { notes } : {}),
    ...nonEmpty('identifiers', identifiers(rec, unimarc)),
    ...nonEmpty('agents', agents(rec, unimarc, linked, main)),
    ...(date.value ? { date: date.value } : {}),
    ...nonEmpty('places', places(rec, unimarc, linked, tagOf)),
    ...(extent ? { dimensionsText: extent.slice(0, 1000) } : {}),
    ...nonEmpty('subjects', subjects(rec, unimarc)),
    ...(languages.length ? { languages } : {}),
    ...(rights ? { rights } : {}),
    source: opts.source,
  };
}

function marc21Title(f: MarcField): { main: string; parallel?: string } {
  const a = sub(f, 'a') ?? '';
  const parallel = /=\s*$/.test(a) ? clean(sub(f, 'b')) : undefined;
  const parts = [clean(a), parallel === undefined ? clean(sub(f, 'b')) : '', ...subs(f, 'n').map(clean), ...subs(f, 'p').map(clean)].filter(Boolean);
  return { main: parts.join(parallel === undefined && parts.length > 1 ? ': ' : '. '), parallel: parallel || undefined };
}

function unimarcTitle(f: MarcField): { main: string; parallel?: string } {
  const main = [clean(sub(f, 'a')), clean(sub(f, 'e'))].filter(Boolean).join(': ');
  return { main, parallel: clean(sub(f, 'd')) || undefined };
}


function recordLanguages(rec: MarcRecord, unimarc: boolean): string[] {
  const codes: string[] = [];
  for (const f of fieldsOf(rec, unimarc ? '101' : '041')) for (const a of subs(f, 'a')) for (const c of a.replace(/[^a-z]/gi, '').match(/.{3}/g) ?? []) codes.push(c);
  const f008 = rec.controls.get('008') ?? '';
  if (!codes.length && !unimarc) codes.push(f008.length >= 38 ? f008.slice(35, 38) : f008.length === 3 ? f008 : '');
  return [...new Set(codes.map(marcLanguage).filter((x): x is string => !!x))];
}

function kindOf(leader: string): RecordKind {
  const type = leader[6];
  if (type === 't' || type === 'd' || type === 'f') return 'manuscript';
  if (type === 'g' || type === 'i' || type === 'j' || type === 'm') return 'audiovisual';
  if (type === 'k' || type === 'r' || type === 'e') return 'object';
  return 'rare-book';
}


/** A rights statement or licence URI in 540 $u (Terms Governing Use), if any. */
function statedRights(rec: MarcRecord): string | undefined {
  for (const f of fieldsOf(rec, '540', '506')) {
    for (const u of subs(f, 'u')) if (/^https?:\/\/(rightsstatements\.org|creativecommons\.org)\//.test(u.trim())) return u.trim();
  }
  return undefined;
}
