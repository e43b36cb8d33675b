import { firstText, type LangMap } from '../../shared/lang-map';
import { RECORD_KINDS } from '../records/record.schema';
import { OAI_FORMATS, recordIdOf, repositoryIdentifier, type OaiContext } from './oai-context';
import { getRecord, listRecords } from './oai-list';
import { OaiError, parseOaiRequest, type OaiRequest } from './oai-request';
import { attributes, datestamp, el, envelope, esc } from './oai-xml';
import { oaiRepository as repo } from './oai.repository';

/** English names of the kind sets. */
export const KIND_SET_NAMES: Record<string, string> = {
  object: 'Objects',
  manuscript: 'Manuscripts',
  'rare-book': 'Rare books',
  'archival-unit': 'Archival units',
  site: 'Buildings and sites',
  audiovisual: 'Audiovisual items',
};

/** Answers one OAI-PMH request (its arguments, repeated names kept) with the whole XML document. */
export async function answerOai(ctx: OaiContext, params: Map<string, string[]>): Promise<string> {
  const now = ctx.now?.() ?? new Date();
  const parsed = parseOaiRequest(params);
  if (!parsed.ok) return errorDocument(ctx, {}, parsed.error, now);
  try {
    return envelope({ baseUrl: ctx.baseUrl, request: parsed.args, body: await answerVerb(ctx, parsed.request, now), now });
  } catch (e) {
    if (e instanceof OaiError) return errorDocument(ctx, e.code === 'badArgument' ? {} : parsed.args, e, now);
    throw e;
  }
}

async function answerVerb(ctx: OaiContext, request: OaiRequest, now: Date): Promise<string> {
  switch (request.verb) {
    case 'Identify':
      return identify(ctx, now);
    case 'ListMetadataFormats':
      return listMetadataFormats(ctx, request.identifier, now);
    case 'ListSets':
      if (request.resumptionToken !== undefined) throw new OaiError('badResumptionToken', 'ListSets answers in one response and issues no resumption tokens.');
      return listSets(ctx);
    case 'GetRecord':
      return getRecord(ctx, request, now);
    case 'ListIdentifiers':
    case 'ListRecords':
      return listRecords(ctx, request, now);
  }
}

async function identify(ctx: OaiContext, now: Date): Promise<string> {
  const earliest = await repo.earliest(ctx.db, now.toISOString());
  const host = repositoryIdentifier(ctx.publicUrl);
  // The oai-identifier scheme needs a domain name (with a dot): a node on localhost goes without it.
  const description = /^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+$/.test(host)
    ? '<description><oai-identifier xmlns="http://www.openarchives.org/OAI/2.0/oai-identifier" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd">' +
      `<scheme>oai</scheme>${el('repositoryIdentifier', host)}<delimiter>:</delimiter>${el('sampleIdentifier', `oai:${host}:r-0123456789ab`)}` +
      '</oai-identifier></description>'
    : '';
  return (
    '<Identify>' +
    el('repositoryName', ctx.repositoryName) +
    el('baseURL', ctx.baseUrl) +
    '<protocolVersion>2.0</protocolVersion>' +
    el('adminEmail', ctx.adminEmail) +
    `<earliestDatestamp>${datestamp(earliest ?? now)}</earliestDatestamp>` +
    '<deletedRecord>persistent</deletedRecord>' +
    '<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>' +
    description +
    '</Identify>'
  );
}

async function listMetadataFormats(ctx: OaiContext, identifier: string | undefined, now: Date): Promise<string> {
  let formats = Object.values(OAI_FORMATS);
  if (identifier !== undefined) {
    const id = recordIdOf(ctx.publicUrl, identifier);
    const row = id ? await repo.find(ctx.db, id, now.toISOString()) : undefined;
    if (!row) throw new OaiError('idDoesNotExist', `No item has the identifier "${identifier}" in this repository.`);
    formats = formats.filter((f) => !f.kinds || f.kinds.includes(row.kind));
    if (!formats.length) throw new OaiError('noMetadataFormats', 'No metadata formats are available for this item.');
  }
  const body = formats.map((f) => `<metadataFormat>${el('metadataPrefix', f.metadataPrefix)}${el('schema', f.schema)}${el('metadataNamespace', f.metadataNamespace)}</metadataFormat>`);
  return `<ListMetadataFormats>${body.join('')}</ListMetadataFormats>`;
}

async function listSets(ctx: OaiContext): Promise<string> {
  const set = (spec: string, name: string) => `<set>${el('setSpec', spec)}${el('setName', name)}</set>`;
  const parts = [set('institution', 'Member institutions')];
  for (const i of await repo.institutions(ctx.db)) {
    parts.push(set(`institution:${i.id}`, firstText(JSON.parse(i.name) as LangMap, 'en', i.id)));
  }
  parts.push(set('kind', 'Kinds of heritage item'));
  for (const k of RECORD_KINDS) parts.push(set(`kind:${k}`, KIND_SET_NAMES[k] ?? k));
  return `<ListSets>${parts.join('')}</ListSets>`;
}

function errorDocument(ctx: OaiContext, args: Record<string, string>, error: OaiError, now: Date): string {
  return envelope({ baseUrl: ctx.baseUrl, request: args, body: `<error${attributes({ code: error.code })}>${esc(error.message)}</error>`, now });
}
