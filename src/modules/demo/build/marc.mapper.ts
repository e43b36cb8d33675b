import type { RecordInput, RecordKind } from '../../records/record.schema';
import { deriveEdtf, edtfYears } from '../../records/record.dates';
import { DEMO_SOURCE_SYSTEM } from '../demo.dataset';
import { fieldsOf, sub, subs, type MarcField, type MarcRecord } from './marc.parse';
import { hasCjk, isGarbled, isKatakanaOnly, isLatinText, latinTag, lookupPlace, marcLanguage } from './reference';

type LangMap = Record<string, string[]>;

/** The rights of an edition the demo cannot evaluate: rightsstatements.org "Copyright Not Evaluated". */
export const RIGHTS_NOT_EVALUATED = 'http://rightsstatements.org/vocab/CNE/1.0/';

const RELATORS: Record<string, string> = {
  aut: 'author', trl: 'translator', edt: 'editor', ill: 'illustrator', nrt: 'narrator', com: 'compiler', prf: 'performer',
  'ill.': 'illustrator', 'ed.': 'editor', 'trad.': 'translator', 'tł.': 'translator', 'comp.': 'compiler', 'käänt.': 'translator',
  'över.': 'translator', 'esitt.': 'performer', '著': 'author', '作': 'author', '譯': 'translator', '译': 'translator',
};

/**
 * Maps one bibliographic MARC record (MARC 21, or UNIMARC as some of the demo's sources are) to a
 * record: titles as language maps (vernacular 880 fields under their script's tag, romanised
 * forms under `-Latn`), agents with roles, publication date and places, identifiers, languages.
 * Garbled values (lost character-set conversions) are left out. Null when there is no title.
 */
export function marcToRecord(rec: MarcRecord, opts: { id: string; institutionId: string; sourceIdentifier: string; asOfYear: number }): RecordInput | null {
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
  // Vernacular first: it is the title proper; romanised forms follow.
  const ordered = Object.fromEntries(Object.entries(title).sort(([a], [b]) => Number(a.includes('-Latn')) - Number(b.includes('-Latn'))));

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

  const date = publicationDate(rec, unimarc, opts.asOfYear);
  if (date.note) add(notes, 'none', date.note);
  const extent = clean(fieldsOf(rec, unimarc ? '215' : '300').flatMap((f) => f.subfields.map((s) => s.value)).join(' '));

  return {
    id: opts.id,
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
    rights: RIGHTS_NOT_EVALUATED,
    visibility: 'public',
    source: { kind: 'demo', system: DEMO_SOURCE_SYSTEM, identifier: opts.sourceIdentifier },
  };
}

/** The BCP 47 tag of a text in a record whose language is `main`: by its script, romanisations under `-Latn`. */
export function scriptTag(text: string, main: string | null): string {
  if (isLatinText(text)) return main ? latinTag(main) : 'und';
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return isKatakanaOnly(text) ? 'ja-Kana' : 'ja';
  if (/\p{Script=Hangul}/u.test(text)) return 'ko';
  if (/\p{Script=Han}/u.test(text)) return main === 'ja' ? 'ja' : 'zh';
  return main ?? 'und';
}

/** Strips ISBD punctuation and brackets left at the ends of a MARC value. */
export function clean(value: string | undefined): string {
  if (!value || isGarbled(value)) return '';
  let text = value.replace(/\s+/g, ' ').replace(/[\s/:;=,.]+$/, '').trim();
  // Drop brackets only where they are not paired inside the value: "[London]", "[1996?]", "Oxford [England".
  if (/^\[[^[\]]*\]$/.test(text)) text = text.slice(1, -1);
  else if (text.startsWith('[') && !text.includes(']')) text = text.slice(1);
  else if (text.endsWith(']') && !text.includes('[')) text = text.slice(0, -1);
  return text.replace(/[\s/:;=,.]+$/, '').trim();
}

const EMPTY: MarcField = { tag: '', ind1: ' ', ind2: ' ', subfields: [] };

function add(map: LangMap, tag: string, text: string): void {
  const list = (map[tag] ??= []);
  if (!list.includes(text)) list.push(text);
}

function nonEmpty<K extends string, T>(key: K, list: T[]): { [P in K]?: T[] } {
  return (list.length ? { [key]: list } : {}) as { [P in K]?: T[] };
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

/** 880 fields by the field they render in another script (`245-01` ↔ `880-01`). */
function linkedFields(rec: MarcRecord): Map<MarcField, MarcField> {
  const by880 = new Map<string, MarcField>();
  for (const f of fieldsOf(rec, '880')) {
    const m = /^(\d{3})-(\d{2})/.exec(sub(f, '6') ?? '');
    if (m) by880.set(`${m[1]}-${m[2]}`, f);
  }
  const out = new Map<MarcField, MarcField>();
  for (const f of rec.fields) {
    const m = /^880-(\d{2})/.exec(sub(f, '6') ?? '');
    const v = m ? by880.get(`${f.tag}-${m[1]}`) : undefined;
    if (v) out.set(f, v);
  }
  return out;
}

/**
 * Groups the forms of one statement in several scripts: a field with its linked 880, or runs of
 * repeated fields linked by `$8` sequence numbers (`11` kanji, `12` kana, `13` romaji).
 */
function groups(fields: MarcField[], linked: Map<MarcField, MarcField>): MarcField[][] {
  const out: MarcField[][] = [];
  for (const f of fields) {
    const seq = /^\d+(\d)$/.exec(sub(f, '8') ?? '')?.[1];
    if (seq && seq !== '1' && out.length && sub(out[out.length - 1][0], '8')) out[out.length - 1].push(f);
    else out.push([f]);
    const v = linked.get(f);
    if (v) out[out.length - 1].push(v);
  }
  return out;
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

function identifiers(rec: MarcRecord, unimarc: boolean): NonNullable<RecordInput['identifiers']> {
  const out: NonNullable<RecordInput['identifiers']> = [];
  for (const f of fieldsOf(rec, unimarc ? '010' : '020')) {
    const isbn = /^[0-9][0-9Xx-]{8,16}/.exec((sub(f, 'a') ?? '').trim())?.[0];
    if (isbn && [10, 13].includes(isbn.replace(/-/g, '').length) && !out.some((i) => i.value === isbn)) out.push({ type: 'isbn', value: isbn });
  }
  for (const [tag, label] of [['050', 'Library of Congress call number'], ['090', 'Local call number']] as const) {
    for (const f of fieldsOf(rec, tag)) {
      const value = [sub(f, 'a'), sub(f, 'b')].filter(Boolean).join(' ').trim();
      if (value) out.push({ type: 'call-number', value, label });
    }
  }
  const control = rec.controls.get('001')?.trim();
  if (control) out.push({ type: 'other', value: control, label: 'MARC control number (001) in the source file' });
  return out.slice(0, 100);
}

function agents(rec: MarcRecord, unimarc: boolean, linked: Map<MarcField, MarcField>, main: string | null): NonNullable<RecordInput['agents']> {
  const out: NonNullable<RecordInput['agents']> = [];
  const tags = unimarc ? ['700', '701', '702', '710', '711', '712'] : ['100', '110', '700', '710'];
  for (const group of groups(fieldsOf(rec, ...tags), linked)) {
    const first = group[0];
    const name: LangMap = {};
    let dates: string | undefined;
    for (const f of group) {
      const text = clean(unimarc ? unimarcName(f) : ['a', 'b', 'c', 'q'].map((c) => sub(f, c)).filter(Boolean).join(' '));
      if (!text) continue;
      add(name, isLatinText(text) ? (group.length > 1 ? romanisationTag(group, main) : 'none') : scriptTag(text, main), text);
      dates ??= clean(sub(f, unimarc ? 'f' : 'd')) || undefined;
    }
    if (!Object.keys(name).length) continue;
    const key = Object.values(name)[0][0];
    if (out.some((a) => Object.values(a.name).flat().includes(key))) continue;
    out.push({ name, role: roleOf(first, unimarc), ...(dates ? { dates } : {}) });
  }
  return out.slice(0, 200);
}

/** Tag of the Latin-script form of a name whose group also has a vernacular form: `zh-Latn`, `ja-Latn`. */
function romanisationTag(group: MarcField[], main: string | null): string {
  const vernacular = group.map((g) => sub(g, 'a') ?? '').find((t) => t && !isLatinText(t));
  return vernacular ? latinTag(scriptTag(vernacular, main).split('-')[0]) : 'none';
}

/** A UNIMARC name: "Austen, Jane", but Chinese and Japanese names without a separator ("張玲"). */
function unimarcName(f: MarcField): string {
  const parts = [clean(sub(f, 'a')), clean(sub(f, 'b'))].filter(Boolean);
  return parts.join(parts.every(hasCjk) ? '' : ', ');
}

function roleOf(f: MarcField, unimarc: boolean): string {
  const term = clean(sub(f, 'e') ?? '').replace(/[()]/g, '').toLowerCase().normalize('NFC');
  const code = clean(sub(f, '4') ?? '').toLowerCase().normalize('NFC');
  const known = RELATORS[term] ?? RELATORS[`${term}.`] ?? RELATORS[code];
  if (known) return known;
  if (term.length >= 4 && term.length < 40) return term;
  // MARC 21 1XX and UNIMARC 700 name the main author.
  return f.tag.startsWith('1') || (unimarc && f.tag === '700') ? 'author' : 'contributor';
}

function places(rec: MarcRecord, unimarc: boolean, linked: Map<MarcField, MarcField>, tagOf: (t: string) => string): NonNullable<RecordInput['places']> {
  const out: NonNullable<RecordInput['places']> = [];
  for (const group of groups(fieldsOf(rec, ...(unimarc ? ['210'] : ['260', '264'])), linked)) {
    const count = Math.max(...group.map((f) => subs(f, 'a').length));
    for (let i = 0; i < count; i++) {
      const name: LangMap = {};
      let known = null;
      for (const f of group) {
        const text = clean(subs(f, 'a')[i]).replace(/\s*\(.*$/, '').replace(/\s*\[.*$/, '');
        if (!text || /^\d+$/.test(text) || /^s\.\s?l$/i.test(text)) continue;
        add(name, isLatinText(text) && group.length === 1 ? 'none' : tagOf(text), text);
        known ??= lookupPlace(text);
      }
      if (!Object.keys(name).length) continue;
      if (known && !Object.values(name).flat().includes(known.en)) add(name, 'en', known.en);
      const place = { name, role: 'publication', ...(known ? { country: known.country, lat: known.lat, lon: known.lon } : {}) };
      if (!out.some((p) => JSON.stringify(p.name) === JSON.stringify(name))) out.push(place);
    }
  }
  return out.slice(0, 100);
}

function subjects(rec: MarcRecord, unimarc: boolean): NonNullable<RecordInput['subjects']> {
  const out: NonNullable<RecordInput['subjects']> = [];
  for (const f of fieldsOf(rec, ...(unimarc ? ['600', '606', '607'] : ['600', '610', '650', '651']))) {
    const text = f.subfields.filter((s) => /^[abcdxyzv]$/.test(s.code)).map((s) => clean(s.value)).filter(Boolean).join(' -- ');
    if (!text || out.some((s) => Object.values(s.label).flat().includes(text))) continue;
    const lcsh = unimarc ? sub(f, '2') === 'lc' : f.ind2 === '0';
    out.push({ label: lcsh ? { en: [text] } : { none: [text] }, ...(lcsh ? { vocabulary: 'LCSH' } : sub(f, '2') ? { vocabulary: clean(sub(f, '2')).slice(0, 100) } : {}) });
  }
  return out.slice(0, 500);
}

/**
 * The date of publication: the transcribed statement as display, the EDTF from the coded dates
 * (008, or UNIMARC 100), else from the statement's bracketed or plain year. A statement whose year
 * cannot be established within 1450..asOfYear becomes a note rather than a wrong date range.
 */
function publicationDate(rec: MarcRecord, unimarc: boolean, asOfYear: number): { value?: { display: string; edtf?: string }; note?: string } {
  const f = fieldsOf(rec, ...(unimarc ? ['210'] : ['260', '264'])).find((x) => sub(x, unimarc ? 'd' : 'c'));
  const display = f ? clean(sub(f, unimarc ? 'd' : 'c')).replace(/\s*--$/, '') : '';
  const coded = unimarc ? (sub(fieldsOf(rec, '100')[0] ?? EMPTY, 'a') ?? '').slice(8, 17) : (rec.controls.get('008') ?? '').slice(6, 15);
  let edtf = codedEdtf(coded);
  if (!edtf && display) edtf = /\[(\d{4})\??\]/.exec(display)?.[1] ?? deriveEdtf(display.replace(/^[cp]\s?(?=\d{4})/, '').replace(/^(cop|DL|D\.L)\.?\s*/i, ''));
  const years = edtf ? edtfYears(edtf) : null;
  const sane = years && years.from >= 1450 && years.to <= asOfYear;
  if (sane) return { value: { display: display || edtf!, edtf: edtf! } };
  return /\d{3}/.test(display) ? { note: `Published: ${display}` } : {};
}

function codedEdtf(coded: string): string | null {
  const type = coded[0];
  const y = (s: string) => (/^[0-9]{2}[0-9u]{2}$/.test(s) && s !== '9999' ? s.replace(/u/g, 'X') : null);
  const d1 = y(coded.slice(1, 5));
  const d2 = y(coded.slice(5, 9));
  if (!d1) return null;
  if ((type === 'm' || type === 'q' || type === 'i' || type === 'k' || type === 'g') && d2 && d2.replace(/X/g, '9') >= d1.replace(/X/g, '0') && d2 !== d1) {
    return type === 'q' ? `${d1}?/${d2}?` : `${d1}/${d2}`;
  }
  return d1;
}
