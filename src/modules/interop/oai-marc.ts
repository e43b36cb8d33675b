import type { LangMap } from '../../shared/lang-map';
import type { RecordDoc } from '../records/record.normalize';
import { esc } from './oai-xml';

/** The marcxml format as ListMetadataFormats announces it. */
export const MARCXML_FORMAT = {
  metadataPrefix: 'marcxml',
  schema: 'http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd',
  metadataNamespace: 'http://www.loc.gov/MARC21/slim',
};

/** Kinds of record that MARC 21 bibliographic describes and the provider offers as marcxml. */
export const MARC_KINDS = ['manuscript', 'rare-book'] as const;

// ISO 639-1 codes of common languages of the collections → MARC language codes (ISO 639-2/B).
const MARC_LANGUAGE: Record<string, string> = {
  ar: 'ara', bo: 'tib', de: 'ger', el: 'gre', en: 'eng', es: 'spa', fa: 'per', fr: 'fre', he: 'heb', hi: 'hin', it: 'ita', ja: 'jpn',
  ko: 'kor', la: 'lat', mn: 'mon', pt: 'por', ru: 'rus', sa: 'san', tr: 'tur', ug: 'uig', ur: 'urd', uz: 'uzb', vi: 'vie', zh: 'chi',
};
const CREATOR_ROLE = /creat|author|artist|maker|scribe|callig|compos|engrav/i;

type Sub = [code: string, value: string | undefined | null];

/**
 * A manuscript or rare book as a MARC 21 bibliographic record in MARCXML: leader, 001, 005, 008,
 * 020/022/024, 041, 100/700 with relator $e, 245/246, 264 $c, 300, 500/520, 540, 650/651, 852, 856.
 */
export function toMarcXml(doc: RecordDoc, ctx: { id: string; updatedAt: string; recordUrl: string; publisher: LangMap | null }): string {
  const fields: string[] = [];
  const data = (tag: string, ind1: string, ind2: string, subs: Sub[]) => {
    const body = subs.filter(([, v]) => v && v.trim()).map(([c, v]) => `<marc:subfield code="${c}">${esc(v!.trim())}</marc:subfield>`);
    if (body.length) fields.push(`<marc:datafield tag="${tag}" ind1="${ind1}" ind2="${ind2}">${body.join('')}</marc:datafield>`);
  };
  const languages = (doc.languages ?? []).map(marcLanguage).filter((l): l is string => !!l);
  const titles = Object.entries(doc.title).flatMap(([, vs]) => vs);
  const agents = doc.agents ?? [];
  const main = agents.find((a) => CREATOR_ROLE.test(a.role));
  const year = doc.date?.yearFrom;

  data('020', ' ', ' ', (doc.identifiers ?? []).filter((i) => i.type === 'isbn').map((i) => ['a', i.value]));
  data('022', ' ', ' ', (doc.identifiers ?? []).filter((i) => i.type === 'issn').map((i) => ['a', i.value]));
  for (const i of (doc.identifiers ?? []).filter((x) => x.type === 'doi')) data('024', '7', ' ', [['a', i.value], ['2', 'doi']]);
  data('041', '0', ' ', languages.map((l) => ['a', l]));
  if (main) data('100', '0', ' ', [['a', first(main.name)], ['d', main.dates], ['e', main.role], ['0', main.uri]]);
  data('245', main ? '1' : '0', '0', [['a', titles[0] ?? '[Untitled]']]);
  for (const t of titles.slice(1)) data('246', '1', ' ', [['a', t]]);
  data('264', ' ', doc.kind === 'manuscript' ? '0' : '1', [['c', doc.date?.display]]);
  data('300', ' ', ' ', [['c', doc.dimensionsText]]);
  for (const n of all(doc.notes)) data('500', ' ', ' ', [['a', n]]);
  for (const n of all(doc.inscriptions)) data('500', ' ', ' ', [['a', n]]);
  for (const d of all(doc.description)) data('520', ' ', ' ', [['a', d]]);
  data('540', ' ', ' ', [['a', first(doc.creditLine)], ['u', doc.rights]]);
  for (const s of doc.subjects ?? []) data('650', ' ', '4', [['a', first(s.label)], ['0', s.uri]]);
  for (const p of doc.places ?? []) data('651', ' ', '4', [['a', first(p.name)], ['0', p.uri]]);
  for (const a of agents) if (a !== main) data('700', '0', ' ', [['a', first(a.name)], ['d', a.dates], ['e', a.role], ['0', a.uri]]);
  for (const i of (doc.identifiers ?? []).filter((x) => x.type === 'shelfmark' || x.type === 'call-number')) data('852', ' ', ' ', [['a', first(ctx.publisher)], ['j', i.value]]);
  data('856', '4', '0', [['u', ctx.recordUrl]]);

  const leader = `00000n${doc.kind === 'manuscript' ? 't' : 'a'}m a2200000 u 4500`;
  const d = ctx.updatedAt.replace(/\D/g, '');
  const dateType = year !== undefined && year >= 0 && year <= 9999 ? `s${String(year).padStart(4, '0')}    ` : 'n        ';
  const f008 = `${d.slice(2, 8)}${dateType}xx ${' '.repeat(17)}${languages[0] ?? 'und'} d`;
  return (
    '<marc:record xmlns:marc="http://www.loc.gov/MARC21/slim" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://www.loc.gov/MARC21/slim http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd">' +
    `<marc:leader>${leader}</marc:leader>` +
    `<marc:controlfield tag="001">${esc(ctx.id)}</marc:controlfield>` +
    `<marc:controlfield tag="005">${d.slice(0, 14)}.0</marc:controlfield>` +
    `<marc:controlfield tag="008">${f008}</marc:controlfield>` +
    fields.join('') +
    '</marc:record>'
  );
}

/** The MARC language code of a BCP 47 tag, or null when there is none. */
export function marcLanguage(tag: string): string | null {
  const primary = tag.toLowerCase().split('-')[0];
  if (/^[a-z]{3}$/.test(primary)) return primary;
  return MARC_LANGUAGE[primary] ?? null;
}

function first(m: LangMap | undefined | null): string | undefined {
  for (const vs of Object.values(m ?? {})) for (const v of vs) if (v.trim()) return v;
  return undefined;
}

function all(m: LangMap | undefined | null): string[] {
  return Object.values(m ?? {}).flat();
}
