import { pickLang } from '../../shared/lang-map';
import type { Institution } from '../institutions/institution.schema';
import type { HeritageRecord } from '../records/record.schema';

/** The citation styles a record page offers. */
export const CITATION_STYLES = ['chicago', 'apa', 'bibtex', 'ris'] as const;
export type CitationStyle = (typeof CITATION_STYLES)[number];

/** What a citation is made of, in the language the visitor reads. */
export interface CitationParts {
  id: string;
  kind: HeritageRecord['kind'];
  title: string;
  creators: string[];
  /** The date as catalogued ("868", "Ming dynasty, 15th century"). */
  date: string | null;
  /** The first year, for styles that want a year. */
  year: number | null;
  medium: string | null;
  identifier: string | null;
  holder: string | null;
  city: string | null;
  url: string;
  /** When the visitor looked, YYYY-MM-DD. */
  accessed: string;
}

// Agent roles that make someone the author of the work (as opposed to a patron, owner, collector).
const CREATOR_ROLES = /^(author|artist|maker|creator|painter|sculptor|potter|photographer|scribe|calligrapher|composer|architect|engraver|printer|translator|compiler|editor|aut|art|cre|pht|scr|cmp|arc|egr|prt|trl|com|edt)$/i;

/** The parts of a record's citation, taken in `lang` where the record has it. */
export function citationParts(record: HeritageRecord, institution: Institution | null, opts: { lang: string; url: string; accessed: Date }): CitationParts {
  const first = (map: Parameters<typeof pickLang>[0]) => pickLang(map, opts.lang)?.values[0] ?? null;
  const creators = (record.agents ?? []).filter((a) => CREATOR_ROLES.test(a.role.trim())).map((a) => first(a.name)).filter((n): n is string => !!n);
  const medium = (record.materials ?? []).map((m) => first(m.label)).filter(Boolean).join(', ') || null;
  const identifier = record.identifiers?.find((i) => i.type === 'inventory' || i.type === 'shelfmark' || i.type === 'call-number')?.value ?? null;
  return {
    id: record.id,
    kind: record.kind,
    title: first(record.title) ?? record.id,
    creators,
    date: record.date?.display?.trim() || null,
    year: record.date?.yearFrom ?? null,
    medium,
    identifier,
    holder: institution ? first(institution.name) : null,
    city: institution?.city ?? null,
    url: opts.url,
    accessed: opts.accessed.toISOString().slice(0, 10),
  };
}

/** A citation in one style: Chicago and APA as plain text, BibTeX and RIS as records for reference managers. */
export function formatCitation(style: CitationStyle, p: CitationParts): string {
  switch (style) {
    case 'chicago':
      return chicago(p);
    case 'apa':
      return apa(p);
    case 'bibtex':
      return bibtex(p);
    case 'ris':
      return ris(p);
  }
}

const sentence = (parts: (string | null | undefined)[]) => parts.filter((s): s is string => !!s && !!s.trim()).map((s) => s.trim().replace(/[.\s]+$/, '')).join('. ') + '.';

/** Chicago (17th ed.), bibliography form for an object or manuscript: Creator. Title. Date. Medium. Holder, City. Identifier. URL (accessed). */
function chicago(p: CitationParts): string {
  const holder = [p.holder, p.city].filter(Boolean).join(', ');
  return sentence([p.creators.join(', and '), `“${p.title}”`, p.date, p.medium, holder, p.identifier, `${p.url} (accessed ${p.accessed})`]);
}

/** APA (7th ed.), for works of art and archival items: Creator. (Year). Title [Medium]. Holder, City. URL */
function apa(p: CitationParts): string {
  const when = `(${p.date ?? 'n.d.'})`;
  const holder = [p.holder, p.city].filter(Boolean).join(', ');
  const head = p.creators.length ? `${p.creators.join(', & ')}. ${when}` : `${p.title} ${when}`;
  const title = p.creators.length ? `${p.title}${p.medium ? ` [${p.medium}]` : ''}` : p.medium ? `[${p.medium}]` : null;
  return `${sentence([head, title, holder])} ${p.url}`;
}

const BIBTEX_TYPE: Record<string, string> = { 'rare-book': 'book', manuscript: 'misc', object: 'misc', 'archival-unit': 'misc', site: 'misc', audiovisual: 'misc' };

/** BibTeX (biblatex-compatible fields), values braced and escaped. */
function bibtex(p: CitationParts): string {
  const esc = (s: string) => s.replace(/[\\{}]/g, (c) => `\\${c === '\\' ? 'textbackslash{}' : c}`).replace(/([&%$#_])/g, '\\$1').replace(/~/g, '\\textasciitilde{}').replace(/\^/g, '\\textasciicircum{}');
  const fields: [string, string | null][] = [
    ['title', p.title],
    ['author', p.creators.length ? p.creators.join(' and ') : null],
    // biblatex dates are ISO 8601 with four-digit (astronomical) years: 868 is 0868, 200 BCE is -0199.
    ['date', p.year !== null ? `${p.year < 0 ? '-' : ''}${String(Math.abs(p.year)).padStart(4, '0')}` : null],
    ['note', [p.date, p.medium, [p.holder, p.city].filter(Boolean).join(', '), p.identifier].filter(Boolean).join('. ') || null],
    ['url', p.url],
    ['urldate', p.accessed],
  ];
  const key = p.id.replace(/[^A-Za-z0-9_-]/g, '');
  return `@${BIBTEX_TYPE[p.kind] ?? 'misc'}{${key},\n${fields
    .filter((f): f is [string, string] => f[1] !== null)
    .map(([k, v]) => `  ${k} = {${k === 'url' ? v : esc(v)}}`)
    .join(',\n')}\n}\n`;
}

const RIS_TYPE: Record<string, string> = { 'rare-book': 'BOOK', manuscript: 'MANSCPT', object: 'ART', 'archival-unit': 'UNPB', site: 'MAP', audiovisual: 'VIDEO' };

/** RIS: one tag a line, `ER` last; lines carry no line breaks of their own. */
function ris(p: CitationParts): string {
  const one = (s: string) => s.replace(/[\r\n]+/g, ' ');
  const lines: [string, string | null][] = [
    ['TY', RIS_TYPE[p.kind] ?? 'GEN'],
    ['TI', p.title],
    ...p.creators.map((c): [string, string] => ['AU', c]),
    ['PY', p.year !== null && p.year > 0 ? String(p.year) : null],
    ['DA', p.date],
    ['M1', p.medium],
    ['AN', p.identifier],
    ['PB', p.holder],
    ['CY', p.city],
    ['UR', p.url],
    ['Y2', p.accessed],
    ['ER', ''],
  ];
  return lines.filter((l): l is [string, string] => l[1] !== null).map(([k, v]) => `${k}  - ${one(v)}`.trimEnd()).join('\r\n') + '\r\n';
}
