import type { Db } from '../../db/database';
import type { Store } from '../records/record.store';
import { AppError, validationError, type FieldProblem } from '../../shared/errors';
import { ID_REGEX, newId, nowIso } from '../../shared/ids';
import type { LangMap } from '../../shared/lang-map';
import { canonicalLangMap } from '../../shared/lang-map-validate';
import { isCountryCode } from '../../shared/country';
import type { Actor } from '../accounts/actor';
import { getProject } from '../projects/project.service';
import { getRecord } from '../records/record.service';
import { allianceRepository } from './alliance.repository';
import { getAlliance, requireSecretariat } from './alliance.service';
import { agreementRepository as repo } from './agreement.repository';
import type { AgreementRow } from './governance.table';
import { inTransaction } from './governance.tx';
import { GOV_VISIBILITIES, readableVisibilities, type GovVisibility } from './meeting.rules';
import { listDocuments, type GovDocument } from './document.service';
import { isCalendarDate } from './membership.history';

export const AGREEMENT_KINDS = ['bilateral', 'multilateral', 'mou'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];
/** Who can be party to an agreement. */
export const PARTY_KINDS = ['institution', 'state', 'organisation'] as const;
/** What an agreement may govern. Projects and records are checked; the others are kept as given. */
export const LINK_KINDS = ['project', 'record', 'exhibition', 'collection', 'dataset'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface AgreementParty {
  kind: (typeof PARTY_KINDS)[number];
  institutionId: string | null;
  country: string | null;
  name: string | null;
}

export interface AgreementLink {
  kind: LinkKind;
  id: string;
  /** The target's title, when it is a project or record the reader may see. */
  title?: LangMap;
}

export interface Agreement {
  id: string;
  allianceId: string;
  kind: AgreementKind;
  title: LangMap;
  scope: string;
  signedOn: string | null;
  signedPlace: string | null;
  startsOn: string | null;
  endsOn: string | null;
  renewal: string | null;
  visibility: GovVisibility;
  parties: AgreementParty[];
  links: AgreementLink[];
  documents: GovDocument[];
}

export interface AgreementInput {
  kind: AgreementKind;
  title: LangMap;
  scope?: string;
  signedOn?: string | null;
  signedPlace?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
  renewal?: string | null;
  visibility: GovVisibility;
  parties: AgreementParty[];
  links?: { kind: LinkKind; id: string }[];
}

/** The agreements of an alliance the actor may see, latest signed first (links not resolved). */
export async function listAgreements(store: Store, actor: Actor, allianceId: string): Promise<Agreement[]> {
  const { db } = store;
  await getAlliance(db, allianceId);
  const rows = await repo.list(db, { allianceId, visibilities: readableVisibilities(actor) });
  const parties = await repo.parties(db, rows.map((r) => r.id));
  return rows.map((r) => toAgreement(r, parties.filter((p) => p.agreement_id === r.id), []));
}

/** One agreement with its parties and the targets it governs that the reader may see; 404 when hidden. */
export async function getAgreement(store: Store, actor: Actor, id: string): Promise<Agreement> {
  const { db } = store;
  const row = await repo.find(db, id);
  if (!row || !readableVisibilities(actor).includes(row.visibility as GovVisibility)) throw new AppError('NOT_FOUND', `No agreement "${id}"`);
  const [parties, links] = await Promise.all([repo.parties(db, [id]), repo.links(db, id)]);
  const visible: AgreementLink[] = [];
  for (const l of links) {
    const title = await visibleTitle(store, actor, l.target_kind as LinkKind, l.target_id);
    if (title !== undefined) visible.push({ kind: l.target_kind as LinkKind, id: l.target_id, ...(title ? { title } : {}) });
  }
  return { ...toAgreement(row, parties, visible), documents: await listDocuments(db, actor, { kind: 'agreement', id }) };
}

/** The agreements governing a project (or another target) that the actor may see. */
export async function agreementsGoverning(store: Store, actor: Actor, target: { kind: LinkKind; id: string }): Promise<Agreement[]> {
  const { db } = store;
  const rows = (await repo.governing(db, target.kind, target.id)).filter((r) => readableVisibilities(actor).includes(r.visibility as GovVisibility));
  const parties = await repo.parties(db, rows.map((r) => r.id));
  return rows.map((r) => toAgreement(r, parties.filter((p) => p.agreement_id === r.id), []));
}

/** Records an agreement (the secretariat). */
export async function createAgreement(store: Store, actor: Actor, allianceId: string, input: AgreementInput): Promise<Agreement> {
  const { db } = store;
  requireSecretariat(actor);
  await getAlliance(db, allianceId);
  const clean = await validate(store, actor, input);
  const id = newId('ag');
  const now = nowIso();
  await inTransaction(db, async (trx) => {
    await repo.insert(trx, { id, alliance_id: allianceId, ...clean.row, created_at: now, updated_at: now });
    await write(trx, id, clean);
  });
  return getAgreement(store, actor, id);
}

/** Replaces an agreement's details, parties and links (the secretariat): renewals, amendments. */
export async function updateAgreement(store: Store, actor: Actor, id: string, input: AgreementInput): Promise<Agreement> {
  const { db } = store;
  requireSecretariat(actor);
  if (!(await repo.find(db, id))) throw new AppError('NOT_FOUND', `No agreement "${id}"`);
  const clean = await validate(store, actor, input);
  await inTransaction(db, async (trx) => {
    await repo.update(trx, id, { ...clean.row, updated_at: nowIso() });
    await write(trx, id, clean);
  });
  return getAgreement(store, actor, id);
}

async function write(db: Db, id: string, clean: Awaited<ReturnType<typeof validate>>) {
  await repo.replaceParties(
    db,
    id,
    clean.parties.map((p) => ({ id: newId('agp'), agreement_id: id, kind: p.kind, institution_id: p.kind === 'institution' ? p.institutionId : null, country: p.country, name: p.name?.trim() || null })),
  );
  await repo.replaceLinks(db, id, clean.links.map((l) => ({ agreement_id: id, target_kind: l.kind, target_id: l.id })));
}

async function validate(store: Store, actor: Actor, input: AgreementInput) {
  const { db } = store;
  const problems: FieldProblem[] = [];
  if (!AGREEMENT_KINDS.includes(input.kind)) problems.push({ field: '/kind', message: `one of ${AGREEMENT_KINDS.join(', ')}` });
  if (!GOV_VISIBILITIES.includes(input.visibility)) problems.push({ field: '/visibility', message: 'public or members' });
  const title = canonicalLangMap(input.title, '/title', problems);
  if (!Object.keys(title).length) problems.push({ field: '/title', message: 'needs a title in at least one language' });
  for (const f of ['signedOn', 'startsOn', 'endsOn'] as const) if (input[f] && !isCalendarDate(input[f]!)) problems.push({ field: `/${f}`, message: 'a date written YYYY-MM-DD' });
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) problems.push({ field: '/endsOn', message: 'not before the start' });
  if (input.parties.length < 2) problems.push({ field: '/parties', message: 'an agreement has at least two parties' });
  if (input.kind === 'bilateral' && input.parties.length !== 2) problems.push({ field: '/parties', message: 'a bilateral agreement has exactly two parties' });
  for (const [i, p] of input.parties.entries()) {
    if (p.kind === 'institution' && (!p.institutionId || !(await allianceRepository.institutionExists(db, p.institutionId)))) problems.push({ field: `/parties/${i}/institutionId`, message: 'no such institution' });
    if (p.kind === 'state' && (!p.country || !isCountryCode(p.country))) problems.push({ field: `/parties/${i}/country`, message: 'an ISO 3166-1 alpha-2 code' });
    if (p.kind === 'organisation' && !p.name?.trim()) problems.push({ field: `/parties/${i}/name`, message: 'an organisation needs a name' });
    if (p.country && !isCountryCode(p.country)) problems.push({ field: `/parties/${i}/country`, message: 'an ISO 3166-1 alpha-2 code' });
  }
  const links = input.links ?? [];
  const seen = new Set<string>();
  for (const [i, l] of links.entries()) {
    if (!LINK_KINDS.includes(l.kind)) problems.push({ field: `/links/${i}/kind`, message: `one of ${LINK_KINDS.join(', ')}` });
    else if (!ID_REGEX.test(l.id)) problems.push({ field: `/links/${i}/id`, message: 'not an identifier' });
    else if ((l.kind === 'project' || l.kind === 'record') && (await visibleTitle(store, actor, l.kind, l.id)) === undefined) problems.push({ field: `/links/${i}/id`, message: `no such ${l.kind}` });
    if (seen.has(`${l.kind}:${l.id}`)) problems.push({ field: `/links/${i}`, message: 'is listed twice' });
    seen.add(`${l.kind}:${l.id}`);
  }
  if (problems.length) throw validationError(problems, 'agreement');
  return {
    row: {
      kind: input.kind,
      title: JSON.stringify(title),
      scope: input.scope?.trim() ?? '',
      signed_on: input.signedOn || null,
      signed_place: input.signedPlace?.trim() || null,
      starts_on: input.startsOn || null,
      ends_on: input.endsOn || null,
      renewal: input.renewal?.trim() || null,
      visibility: input.visibility,
    },
    parties: input.parties,
    links,
    documents: [],
  };
}

/** A linked target's title when the actor may see it: null for kinds not checked, undefined when hidden or missing. */
async function visibleTitle(store: Store, actor: Actor, kind: LinkKind, id: string): Promise<LangMap | null | undefined> {
  try {
    if (kind === 'project') return (await getProject(store.db, actor, id)).title;
    if (kind === 'record') return (await getRecord(store, actor, id)).title;
    return null;
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return undefined;
    throw err;
  }
}

type PartyRow = Awaited<ReturnType<typeof repo.parties>>[number];

function toAgreement(r: AgreementRow, parties: PartyRow[], links: AgreementLink[]): Agreement {
  return {
    id: r.id,
    allianceId: r.alliance_id,
    kind: r.kind as AgreementKind,
    title: JSON.parse(r.title) as LangMap,
    scope: r.scope,
    signedOn: r.signed_on,
    signedPlace: r.signed_place,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    renewal: r.renewal,
    visibility: r.visibility as GovVisibility,
    parties: parties.map((p) => ({ kind: p.kind as AgreementParty['kind'], institutionId: p.institution_id, country: p.country, name: p.name })),
    links,
    documents: [],
  };
}
