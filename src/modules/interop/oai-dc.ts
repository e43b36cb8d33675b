import type { LangMap } from '../../shared/lang-map';
import type { RecordDoc } from '../records/record.normalize';
import { esc } from './oai-xml';

/** The oai_dc format as ListMetadataFormats announces it. */
export const OAI_DC_FORMAT = {
  metadataPrefix: 'oai_dc',
  schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
  metadataNamespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
};

/** The DCMI Type of each kind of record. */
export const DCMI_TYPE: Record<string, string> = {
  object: 'PhysicalObject',
  manuscript: 'Text',
  'rare-book': 'Text',
  'archival-unit': 'Text',
  site: 'PhysicalObject',
  audiovisual: 'MovingImage',
};

// Roles that make an agent a dc:creator; every other role makes a dc:contributor.
const CREATOR_ROLE = /creat|author|artist|maker|paint|scribe|callig|photograph|architect|compos|sculpt|draft|engrav|potter|designer|weaver|carver/i;
// What xs:language (and so xml:lang) accepts; IIIF's "none" is written without a language.
const LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

/**
 * A record as unqualified Dublin Core in the oai_dc container: every language of a multilingual
 * field as its own element with xml:lang (simpledc's elementType allows it), the institution as
 * publisher, the DCMI Type from the kind, the record's persistent URL first among identifiers.
 */
export function toOaiDc(doc: RecordDoc, ctx: { recordUrl: (id: string) => string; publisher: LangMap | null; id: string }): string {
  const out: string[] = [];
  const lit = (name: string, value: string | undefined | null) => {
    if (value && value.trim()) out.push(`<dc:${name}>${esc(value)}</dc:${name}>`);
  };
  const map = (name: string, m: LangMap | undefined | null) => {
    for (const [lang, values] of Object.entries(m ?? {})) {
      const attr = LANGUAGE.test(lang) && lang !== 'none' ? ` xml:lang="${lang}"` : '';
      for (const v of values) if (v.trim()) out.push(`<dc:${name}${attr}>${esc(v)}</dc:${name}>`);
    }
  };

  map('title', doc.title);
  for (const a of doc.agents ?? []) map(CREATOR_ROLE.test(a.role) || !a.role ? 'creator' : 'contributor', a.name);
  for (const s of doc.subjects ?? []) map('subject', s.label);
  map('description', doc.description);
  map('description', doc.inscriptions);
  map('description', doc.notes);
  map('publisher', ctx.publisher);
  lit('date', doc.date?.display);
  lit('type', DCMI_TYPE[doc.kind]);
  for (const t of doc.objectTypes ?? []) map('type', t.label);
  for (const m of doc.materials ?? []) map('format', m.label);
  lit('format', doc.dimensionsText);
  lit('identifier', ctx.recordUrl(ctx.id));
  for (const i of doc.identifiers ?? []) lit('identifier', i.value);
  lit('source', doc.source?.url);
  for (const l of doc.languages ?? []) lit('language', l);
  for (const r of doc.relations ?? []) lit('relation', ctx.recordUrl(r.target));
  for (const p of doc.places ?? []) map('coverage', p.name);
  lit('rights', doc.rights);
  map('rights', doc.creditLine);

  return (
    '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">' +
    out.join('') +
    '</oai_dc:dc>'
  );
}
