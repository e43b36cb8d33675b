import type { RecordInput } from '../../records/record.schema';
import { deriveEdtf, edtfYears } from '../../records/record.dates';
import { fieldsOf, sub, subs, type MarcField, type MarcRecord } from './marc.record';
import { hasCjk, isGarbled, isKatakanaOnly, isLatinText, latinTag, lookupPlace } from './marc.reference';

/** A language map under construction. */
export type LangMap = Record<string, string[]>;


const RELATORS: Record<string, string> = {
  aut: 'author', trl: 'translator', edt: 'editor', ill: 'illustrator', nrt: 'narrator', com: 'compiler', prf: 'performer',
  'ill.': 'illustrator', 'ed.': 'editor', 'trad.': 'translator', 'tł.': 'translator', 'comp.': 'compiler', 'käänt.': 'translator',
  'över.': 'translator', 'esitt.': 'performer', ctb: 'contributor', pbl: 'publisher', art: 'artist', pht: 'photographer',
  prt: 'printer', scr: 'scribe', cre: 'creator', own: 'former owner', fmo: 'former owner', ctg: 'cartographer', cmp: 'composer', orm: 'organizer', his: 'host institution', spn: 'sponsor', isb: 'issuing body', '著': 'author', '作': 'author', '譯': 'translator', '译': 'translator',
};

/**
 * Maps one bibliographic MARC record (MARC 21, or UNIMARC as some of the demo's sources are) to a
 * record: titles as language maps (vernacular 880 fields under their script's tag, romanised
 * forms under `-Latn`), agents with roles, publication date and places, identifiers, languages.
 * Garbled values (lost character-set conversions) are left out. Null when there is no title.

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
  let text = withoutEndPunctuation(value.replace(/\s+/g, ' ')).trim();
  // Drop brackets only where they are not paired inside the value: "[London]", "[1996?]", "Oxford [England".
  if (/^\[[^[\]]*\]$/.test(text)) text = text.slice(1, -1);
  else if (text.startsWith('[') && !text.includes(']')) text = text.slice(1);
  else if (text.endsWith(']') && !text.includes('[')) text = text.slice(0, -1);
  return withoutEndPunctuation(text).trim();
}

const END_PUNCTUATION = /[\s/:;=,.]/;

/**
 * The text without the ISBD punctuation and spaces it ends with (` /`, ` :`, `.`): the same as
 * `replace(/[\s/:;=,.]+$/, '')`, read from the end (the pattern is tried at every space and
 * stop of the text before it fails, and runs on every subfield of every record).
 */
export function withoutEndPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && END_PUNCTUATION.test(text[end - 1])) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** A field with no subfields, for lookups that find none. */
export const EMPTY: MarcField = { tag: '', ind1: ' ', ind2: ' ', subfields: [] };

/** Adds a text to a language map under a tag, once. */
export function add(map: LangMap, tag: string, text: string): void {
  const list = (map[tag] ??= []);
  if (!list.includes(text)) list.push(text);
}

/** `{ key: list }` when the list has items, else `{}`. */
export function nonEmpty<K extends string, T>(key: K, list: T[]): { [P in K]?: T[] } {
  return (list.length ? { [key]: list } : {}) as { [P in K]?: T[] };
}

/** 880 fields by the field they render in another script (`245-01` ↔ `880-01`). */
export function linkedFields(rec: MarcRecord): Map<MarcField, MarcField> {
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
export function groups(fields: MarcField[], linked: Map<MarcField, MarcField>): MarcField[][] {
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

/** ISBN, ISSN, call numbers (050, 090, 852), system numbers (035) and the control number (001 of 003). */
export function identifiers(rec: MarcRecord, unimarc: boolean): NonNullable<RecordInput['identifiers']> {
  const out: NonNullable<RecordInput['identifiers']> = [];
  const push = (id: NonNullable<RecordInput['identifiers']>[number]) => {
    if (id.value && !out.some((i) => i.type === id.type && i.value === id.value)) out.push({ ...id, value: id.value.slice(0, 500) });
  };
  for (const f of fieldsOf(rec, unimarc ? '010' : '020')) {
    const isbn = /^[0-9][0-9Xx-]{8,16}/.exec((sub(f, 'a') ?? '').trim())?.[0];
    if (isbn && [10, 13].includes(isbn.replace(/-/g, '').length)) push({ type: 'isbn', value: isbn });
  }
  for (const f of fieldsOf(rec, unimarc ? '011' : '022')) {
    const issn = /^\d{4}-?\d{3}[\dXx]$/.exec((sub(f, 'a') ?? '').trim())?.[0];
    if (issn) push({ type: 'issn', value: issn });
  }
  for (const [tag, label] of [['050', 'Library of Congress call number'], ['090', 'Local call number']] as const) {
    for (const f of fieldsOf(rec, tag)) push({ type: 'call-number', value: [sub(f, 'a'), sub(f, 'b')].filter(Boolean).join(' ').trim(), label });
  }
  for (const f of fieldsOf(rec, '852')) {
    const value = ['h', 'i', 'j'].flatMap((c) => subs(f, c)).join(' ').trim();
    const holder = [sub(f, 'a'), sub(f, 'b')].filter(Boolean).join(', ').trim();
    push({ type: 'call-number', value, label: holder ? `Call number (852) at ${holder}`.slice(0, 200) : 'Call number (852)' });
  }
  for (const f of unimarc ? [] : fieldsOf(rec, '035')) push({ type: 'other', value: (sub(f, 'a') ?? '').trim(), label: 'System control number (035)' });
  const control = rec.controls.get('001')?.trim();
  const org = rec.controls.get('003')?.trim();
  if (control) push({ type: 'other', value: control, label: org ? `MARC control number (001) of ${org}`.slice(0, 200) : 'MARC control number (001) in the source file' });
  return out.slice(0, 100);
}

/** Persons, bodies and meetings (1XX, 7XX) with their relator roles; names in several scripts in one language map. */
export function agents(rec: MarcRecord, unimarc: boolean, linked: Map<MarcField, MarcField>, main: string | null): NonNullable<RecordInput['agents']> {
  const out: NonNullable<RecordInput['agents']> = [];
  const tags = unimarc ? ['700', '701', '702', '710', '711', '712'] : ['100', '110', '111', '700', '710', '711'];
  for (const group of groups(fieldsOf(rec, ...tags), linked)) {
    const first = group[0];
    const name: LangMap = {};
    let dates: string | undefined;
    for (const f of group) {
      const text = clean(unimarc ? unimarcName(f) : isMeeting(f, unimarc) ? meetingName(f) : ['a', 'b', 'c', 'q'].map((c) => sub(f, c)).filter(Boolean).join(' '));
      if (!text) continue;
      add(name, isLatinText(text) ? (group.length > 1 ? romanisationTag(group, main) : 'none') : scriptTag(text, main), text);
      // A meeting's $d is the date it was held, part of its name; a person's is their life dates.
      if (!isMeeting(f, unimarc)) dates ??= clean(sub(f, unimarc ? 'f' : 'd')) || undefined;
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

/** A MARC 21 meeting name (111/711, or an 880 linked from one): its relator term is in $j, $e is a subordinate unit. */
function isMeeting(f: MarcField, unimarc: boolean): boolean {
  return !unimarc && /^(111|711)$/.test(f.tag === '880' ? (sub(f, '6') ?? '').slice(0, 3) : f.tag);
}

/** "Silk Road Symposium (3rd : 2019 : Xi'an, China)": name, number, date and place of the meeting as catalogued, in field order. */
function meetingName(f: MarcField): string {
  return f.subfields
    .filter((s) => 'aqendc'.includes(s.code))
    .map((s) => s.value.trim())
    .filter(Boolean)
    .join(' ');
}

function roleOf(f: MarcField, unimarc: boolean): string {
  const term = clean(sub(f, isMeeting(f, unimarc) ? 'j' : 'e') ?? '').replace(/[()]/g, '').toLowerCase().normalize('NFC');
  const code = clean(sub(f, '4') ?? '').toLowerCase().normalize('NFC');
  const known = RELATORS[term] ?? RELATORS[`${term}.`] ?? RELATORS[code];
  if (known) return known;
  if (term.length >= 4 && term.length < 40) return term;
  // MARC 21 1XX and UNIMARC 700 name the main author.
  return f.tag.startsWith('1') || (unimarc && f.tag === '700') ? 'author' : 'contributor';
}

/** Places of publication (260/264 $a), with coordinates when known, and geographic subjects (651). */
export function places(rec: MarcRecord, unimarc: boolean, linked: Map<MarcField, MarcField>, tagOf: (t: string) => string): NonNullable<RecordInput['places']> {
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
  for (const f of fieldsOf(rec, unimarc ? '607' : '651')) {
    const text = clean(sub(f, 'a'));
    if (!text || out.some((p) => Object.values(p.name).flat().includes(text))) continue;
    const known = lookupPlace(text);
    out.push({ name: { [isLatinText(text) ? 'none' : tagOf(text)]: [text] }, role: 'subject', ...(known ? { country: known.country, lat: known.lat, lon: known.lon } : {}) });
  }
  return out.slice(0, 100);
}

/** Subject headings (600, 610, 650, 651), LCSH when the second indicator says so. */
export function subjects(rec: MarcRecord, unimarc: boolean): NonNullable<RecordInput['subjects']> {
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
export function publicationDate(rec: MarcRecord, unimarc: boolean, asOfYear: number): { value?: { display: string; edtf?: string }; note?: string } {
  const f = fieldsOf(rec, ...(unimarc ? ['210'] : ['260', '264'])).find((x) => sub(x, unimarc ? 'd' : 'c'));
  const display = f ? clean((sub(f, unimarc ? 'd' : 'c') ?? '').replace(/\s*--\s*$/, '')) : '';
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
