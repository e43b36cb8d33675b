import type { LangMap } from '../../shared/lang-map';
import type { RecordDoc } from '../records/record.normalize';
import { toOaiDc } from './oai-dc';
import { toLido } from './oai-lido';
import { lidoExtras, type LidoExtras } from './oai-lido.extras';
import { toMarcXml } from './oai-marc';
import { OaiError, type OaiRequest } from './oai-request';
import { decodeToken, encodeToken, TOKEN_LIFETIME_MS, type ListState } from './oai-token';
import { attributes, el } from './oai-xml';
import { oaiRepository as repo, type OaiFilter, type OaiRow } from './oai.repository';
import { OAI_FORMATS, oaiIdentifier, recordIdOf, repositoryIdentifier, type OaiContext, type OaiFormat } from './oai-context';

type ListRequest = Extract<OaiRequest, { verb: 'ListIdentifiers' | 'ListRecords' }>;

/** GetRecord: one record in one format, or its header alone when it is deleted. */
export async function getRecord(ctx: OaiContext, request: { identifier: string; metadataPrefix: string }, now: Date): Promise<string> {
  const id = recordIdOf(ctx.publicUrl, request.identifier);
  const row = id ? await repo.find(ctx.db, id, now.toISOString()) : undefined;
  if (!row) throw new OaiError('idDoesNotExist', `No item has the identifier "${request.identifier}" in this repository.`);
  const format = OAI_FORMATS[request.metadataPrefix];
  if (!format || (format.kinds && !format.kinds.includes(row.kind))) {
    throw new OaiError('cannotDisseminateFormat', `The item cannot be disseminated as "${request.metadataPrefix}".`);
  }
  const names = await publishers(ctx, [row.institution_id]);
  const extras = format === OAI_FORMATS.lido ? await lidoExtras(ctx.db, [row], { publicUrl: ctx.publicUrl, now }) : undefined;
  const docs = await publicDocs(ctx, [row], now);
  return `<GetRecord>${renderRecord(ctx, row, format, names, extras, docs.get(row.seq))}</GetRecord>`;
}

/**
 * ListIdentifiers and ListRecords: a page in (datestamp, seq) order, with a resumption token
 * carrying the whole state (selection, keyset position, cursor, list size) when more follow, and
 * an empty one closing a list that took more than one response.
 */
export async function listRecords(ctx: OaiContext, request: ListRequest, now: Date): Promise<string> {
  const nowIso = now.toISOString();
  const state = request.resumptionToken !== undefined ? await resume(ctx, request.verb, request.resumptionToken, now) : await start(ctx, request, nowIso);
  const format = OAI_FORMATS[state.metadataPrefix]!;
  const filter = { ...setFilter(state.set)!, kinds: format.kinds, fromIso: state.fromIso, untilIso: state.untilIso };
  const withMetadata = request.verb === 'ListRecords';
  const rows = await repo.page(ctx.db, filter, { now: nowIso, after: state.after, limit: ctx.pageSize + 1, withMetadata });
  if (!rows.length) throw new OaiError('noRecordsMatch', 'No records match the request (any more).');
  const more = rows.length > ctx.pageSize;
  const page = more ? rows.slice(0, ctx.pageSize) : rows;
  const names = withMetadata ? await publishers(ctx, [...new Set(page.map((r) => r.institution_id))]) : new Map<string, LangMap>();
  const extras = withMetadata && format === OAI_FORMATS.lido ? await lidoExtras(ctx.db, page, { publicUrl: ctx.publicUrl, now }) : undefined;
  const docs = withMetadata ? await publicDocs(ctx, page, now) : new Map<number, RecordDoc>();
  const items = page.map((r) => (withMetadata ? renderRecord(ctx, r, format, names, extras, docs.get(r.seq)) : header(ctx, r)));

  const resumed = request.resumptionToken !== undefined;
  const size = Math.max(state.completeListSize, state.cursor + page.length + (more ? 1 : 0));
  let token = '';
  if (more) {
    const last = page[page.length - 1];
    const next: ListState = { ...state, after: [last.updated_at, last.seq], cursor: state.cursor + page.length, completeListSize: size, expires: now.getTime() + TOKEN_LIFETIME_MS };
    const expirationDate = `${new Date(next.expires).toISOString().slice(0, 19)}Z`;
    token = el('resumptionToken', encodeToken(next, await ctx.secret()), { expirationDate, completeListSize: size, cursor: state.cursor });
  } else if (resumed) {
    token = `<resumptionToken${attributes({ completeListSize: size, cursor: state.cursor })}/>`;
  }
  return `<${request.verb}>${items.join('')}${token}</${request.verb}>`;
}

/** The selection a set names, or null for a set this repository does not have. */
export function setFilter(set: string | undefined): Pick<OaiFilter, 'institutionId' | 'kind'> | null {
  if (set === undefined || set === 'institution' || set === 'kind') return {};
  const m = /^(institution|kind):([^:]+)$/.exec(set);
  if (!m) return null;
  return m[1] === 'institution' ? { institutionId: m[2] } : { kind: m[2] };
}

async function start(ctx: OaiContext, request: Extract<ListRequest, { metadataPrefix: string }>, nowIso: string): Promise<ListState> {
  const format = OAI_FORMATS[request.metadataPrefix];
  if (!format) throw new OaiError('cannotDisseminateFormat', `The metadata format "${request.metadataPrefix}" is not supported by this repository.`);
  const sets = setFilter(request.set);
  if (!sets) throw new OaiError('noRecordsMatch', `This repository has no set "${request.set}".`);
  const filter: OaiFilter = { ...sets, kinds: format.kinds, fromIso: request.fromIso, untilIso: request.untilIso };
  const completeListSize = await repo.count(ctx.db, filter, nowIso);
  if (!completeListSize) throw new OaiError('noRecordsMatch', 'No records match the request.');
  return {
    verb: request.verb,
    metadataPrefix: request.metadataPrefix,
    set: request.set,
    fromIso: request.fromIso,
    untilIso: request.untilIso,
    cursor: 0,
    completeListSize,
    expires: 0,
  };
}

async function resume(ctx: OaiContext, verb: ListRequest['verb'], token: string, now: Date): Promise<ListState> {
  const state = decodeToken(token, await ctx.secret(), now.getTime());
  if (!state || state.verb !== verb || !OAI_FORMATS[state.metadataPrefix] || !setFilter(state.set)) {
    throw new OaiError('badResumptionToken', 'The resumption token is invalid or has expired.');
  }
  return state;
}

async function publishers(ctx: OaiContext, ids: string[]): Promise<Map<string, LangMap>> {
  const names = await repo.institutionNames(ctx.db, ids);
  return new Map([...names].map(([id, name]) => [id, JSON.parse(name) as LangMap]));
}

function header(ctx: OaiContext, row: OaiRow): string {
  return (
    `<header${row.deleted_at ? ' status="deleted"' : ''}>` +
    el('identifier', oaiIdentifier(ctx.publicUrl, row.id)) +
    `<datestamp>${stamp(row.updated_at)}</datestamp>` +
    el('setSpec', `institution:${row.institution_id}`) +
    el('setSpec', `kind:${row.kind}`) +
    '</header>'
  );
}

/**
 * The documents of the live records of a page, with relations to records the public may not see
 * left out: their ids would tell that those records exist.
 */
async function publicDocs(ctx: OaiContext, rows: OaiRow[], now: Date): Promise<Map<number, RecordDoc>> {
  const docs = new Map<number, RecordDoc>();
  for (const r of rows) if (!r.deleted_at && r.metadata) docs.set(r.seq, JSON.parse(r.metadata) as RecordDoc);
  const targets = [...new Set([...docs.values()].flatMap((d) => (d.relations ?? []).map((x) => x.target)))];
  if (!targets.length) return docs;
  const visible = new Set(await repo.publicIds(ctx.db, targets, now.toISOString()));
  for (const d of docs.values()) if (d.relations?.length) d.relations = d.relations.filter((x) => visible.has(x.target));
  return docs;
}

function renderRecord(ctx: OaiContext, row: OaiRow, format: OaiFormat, names: Map<string, LangMap>, extras: LidoExtras | undefined, parsed: RecordDoc | undefined): string {
  if (row.deleted_at || !parsed) return `<record>${header(ctx, row)}</record>`;
  const doc = parsed;
  const publisher = names.get(row.institution_id) ?? null;
  const recordUrl = (id: string) => `${ctx.publicUrl}/records/${encodeURIComponent(id)}`;
  const lido = () =>
    toLido(doc, {
      id: row.id,
      oaiIdentifier: oaiIdentifier(ctx.publicUrl, row.id),
      repository: repositoryIdentifier(ctx.publicUrl),
      kind: row.kind,
      institutionId: row.institution_id,
      publisher,
      recordUrl,
      updatedAt: row.updated_at,
      extras: extras ?? { images: new Map(), titles: new Map() },
    });
  const metadata =
    format.metadataPrefix === 'marcxml'
      ? toMarcXml(doc, { id: row.id, updatedAt: row.updated_at, recordUrl: recordUrl(row.id), publisher })
      : format.metadataPrefix === 'lido'
        ? lido()
        : toOaiDc(doc, { id: row.id, recordUrl, publisher });
  return `<record>${header(ctx, row)}<metadata>${metadata}</metadata></record>`;
}

// Stored timestamps are ISO 8601 in UTC with milliseconds: the datestamp keeps whole seconds.
function stamp(iso: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(iso) ? `${iso.slice(0, 19)}Z` : `${new Date(iso).toISOString().slice(0, 19)}Z`;
}
