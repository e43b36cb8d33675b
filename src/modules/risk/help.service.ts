import { AppError, validationError, type FieldProblem } from '../../shared/errors';
import { newId, nowIso } from '../../shared/ids';
import { actorLabel, isAllianceMember, type Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import { audit } from '../audit/audit.service';
import { getInstitution } from '../institutions/institution.service';
import { recordRepository } from '../records/record.repository';
import { inTransaction, type Store } from '../records/record.store';
import { coverage, HELP_KINDS, scoreMatch, type MatchScore } from './help-match';
import { helpRepository as repo } from './help.repository';
import { areaCentre, type IncidentArea } from './incident';
import { incidentRepository } from './incident.repository';
import type { RiskHelpMatchRow, RiskHelpOfferRow, RiskHelpRequestRow } from './risk.table';
import { generalise } from './sensitive-location';

export interface HelpMatch {
  id: string;
  requestId: string;
  offerId: string;
  quantity: number;
  status: 'proposed' | 'accepted' | 'delivered' | 'declined';
  proposedBy: 'request' | 'offer';
  createdAt: string;
  deliveredAt: string | null;
}

interface HelpCommon {
  id: string;
  institutionId: string;
  kind: string;
  title: string;
  description: string | null;
  skill: string | null;
  languages: string[];
  quantity: number;
  unit: string;
  status: string;
  createdAt: string;
  /** May change it (its institution's editors, the secretariat). */
  canEdit: boolean;
}

export interface HelpRequest extends HelpCommon {
  incidentId: string | null;
  recordId: string | null;
  neededFrom: string;
  neededUntil: string;
  covered: number;
  delivered: number;
  remaining: number;
  matches: HelpMatch[];
}

export interface HelpOffer extends HelpCommon {
  availableFrom: string;
  availableUntil: string;
  /** Accepted or delivered to requests. */
  given: number;
  remaining: number;
  /** Where the help comes from, to 0.1°. */
  lat: number | null;
  lon: number | null;
}

export interface HelpInput {
  institutionId: string;
  kind: string;
  title: string;
  description?: string | null;
  skill?: string | null;
  languages?: string[];
  quantity: number;
  unit: string;
  from: string;
  until: string;
  lat?: number | null;
  lon?: number | null;
  incidentId?: string | null;
  recordId?: string | null;
}

const LIMIT = 500;

/** Open and covered requests (members of the alliance only; help concerns sites the public may not locate). */
export async function listRequests(store: Store, actor: Actor, f: { status?: string; incidentId?: string } = {}): Promise<HelpRequest[]> {
  if (!isAllianceMember(actor)) return [];
  const rows = await repo.requests(store.db, f, LIMIT);
  const matches = await repo.matchesOfRequests(store.db, rows.map((r) => r.id));
  return rows.map((r) => toRequest(actor, r, matches.filter((m) => m.request_id === r.id)));
}

/** One request with its matches, and the offers that could cover what is left, best first. */
export async function getRequest(store: Store, actor: Actor, id: string): Promise<{ request: HelpRequest; offers: Map<string, HelpOffer>; suggestions: { offer: HelpOffer; match: MatchScore }[] }> {
  const row = isAllianceMember(actor) ? await repo.request(store.db, id) : undefined;
  if (!row) throw new AppError('NOT_FOUND', `No help request "${id}"`);
  const request = toRequest(actor, row, await repo.matchesOfRequests(store.db, [id]));
  const candidates = await listOffers(store, actor, { kind: row.kind });
  const linked = await listOffers(store, actor, { ids: [...new Set(request.matches.map((m) => m.offerId))] });
  const offers = new Map([...candidates, ...linked].map((o) => [o.id, o]));
  const busy = new Set(request.matches.filter((m) => m.status !== 'declined').map((m) => m.offerId));
  const side = { kind: row.kind, skill: row.skill, languages: request.languages, lat: row.lat, lon: row.lon, from: row.needed_from, until: row.needed_until, remaining: request.remaining };
  const suggestions = candidates
    .filter((o) => o.status === 'open' && !busy.has(o.id) && o.institutionId !== row.institution_id)
    .flatMap((o) => {
      const offerRow = { kind: o.kind, skill: o.skill, languages: o.languages, lat: o.lat, lon: o.lon, from: o.availableFrom, until: o.availableUntil, remaining: o.remaining };
      const match = scoreMatch(side, offerRow);
      return match ? [{ offer: o, match }] : [];
    })
    .sort((a, b) => b.match.score - a.match.score);
  return { request, offers, suggestions };
}

/** Offers (members only), each with what it has left to give. */
export async function listOffers(store: Store, actor: Actor, f: { kind?: string; ids?: string[]; status?: string } = {}): Promise<HelpOffer[]> {
  if (!isAllianceMember(actor)) return [];
  const rows = await repo.offers(store.db, f, LIMIT);
  const matches = await repo.matchesOfOffers(store.db, rows.map((r) => r.id));
  return rows.map((r) => toOffer(actor, r, matches.filter((m) => m.offer_id === r.id)));
}

/** Asks for help on behalf of an institution the actor edits. */
export async function createRequest(store: Store, actor: Actor, input: HelpInput): Promise<HelpRequest> {
  requireEdit(actor, input.institutionId);
  const clean = await validHelp(store, input);
  let point = clean.lat !== null && clean.lon !== null ? { lat: clean.lat, lon: clean.lon } : null;
  if (input.incidentId) {
    const incident = await incidentRepository.find(store.db, input.incidentId);
    if (!incident) throw validationError([{ field: '/incidentId', message: `no incident "${input.incidentId}"` }], 'help request');
    if (!point && incident.area) point = areaCentre(JSON.parse(incident.area) as IncidentArea);
  }
  if (input.recordId) {
    const record = await recordRepository.findVisible(store.db, actor, input.recordId);
    if (!record) throw validationError([{ field: '/recordId', message: `no record "${input.recordId}" you may see` }], 'help request');
    // The record's stored point is already generalised for a sensitive site.
    if (!point && record.lat !== null && record.lon !== null) point = { lat: record.lat, lon: record.lon };
  }
  const id = newId('req');
  const now = nowIso();
  await inTransaction(store, async (trx) => {
    await repo.insertRequest(trx.db, {
      id,
      institution_id: input.institutionId,
      incident_id: input.incidentId || null,
      record_id: input.recordId || null,
      kind: clean.kind,
      title: clean.title,
      description: clean.description,
      skill: clean.skill,
      languages: JSON.stringify(clean.languages),
      quantity: clean.quantity,
      unit: clean.unit,
      // Distances need no more than 0.1° (about 11 km), and a request must not locate a site precisely.
      lat: point ? generalise(point.lat) : null,
      lon: point ? generalise(point.lon) : null,
      needed_from: clean.from,
      needed_until: clean.until,
      status: 'open',
      created_by: actorLabel(actor),
      created_at: now,
      updated_at: now,
    });
    await audit(trx.db, actor, [{ action: 'risk.help.request', targetType: 'help-request', targetId: id, institutionId: input.institutionId }]);
  });
  return (await getRequest(store, actor, id)).request;
}

/** Offers help on behalf of an institution the actor edits (located at the institution unless a point is given). */
export async function createOffer(store: Store, actor: Actor, input: HelpInput): Promise<HelpOffer> {
  requireEdit(actor, input.institutionId);
  const clean = await validHelp(store, input);
  const inst = await getInstitution(store.db, input.institutionId);
  const lat = clean.lat ?? inst.lat;
  const lon = clean.lon ?? inst.lon;
  const id = newId('off');
  const now = nowIso();
  await inTransaction(store, async (trx) => {
    await repo.insertOffer(trx.db, {
      id,
      institution_id: input.institutionId,
      kind: clean.kind,
      title: clean.title,
      description: clean.description,
      skill: clean.skill,
      languages: JSON.stringify(clean.languages),
      quantity: clean.quantity,
      unit: clean.unit,
      lat: lat === null ? null : generalise(lat),
      lon: lon === null ? null : generalise(lon),
      available_from: clean.from,
      available_until: clean.until,
      status: 'open',
      created_by: actorLabel(actor),
      created_at: now,
      updated_at: now,
    });
    await audit(trx.db, actor, [{ action: 'risk.help.offer', targetType: 'help-offer', targetId: id, institutionId: input.institutionId }]);
  });
  return (await listOffers(store, actor, { ids: [id] }))[0];
}

/** Proposes an offer for a request: either side's editors may; the other side then accepts. */
export async function proposeMatch(store: Store, actor: Actor, input: { requestId: string; offerId: string; quantity?: number | null }): Promise<HelpMatch> {
  return inTransaction(store, async (trx) => {
    const { request, offer } = await pair(trx, actor, input.requestId, input.offerId);
    const side = can(actor, 'edit', { institutionId: request.institutionId }) ? 'request' : can(actor, 'edit', { institutionId: offer.institutionId }) ? 'offer' : null;
    if (!side) throw new AppError('FORBIDDEN', 'Only the requesting or the offering institution proposes a match');
    if (offer.kind !== request.kind) throw validationError([{ field: '/offerId', message: `offers ${offer.kind}, the request asks for ${request.kind}` }], 'match');
    if (request.matches.some((m) => m.offerId === offer.id && m.status !== 'declined')) throw new AppError('CONFLICT', 'This offer is matched to this request already');
    const quantity = input.quantity ?? Math.min(request.remaining, offer.remaining);
    if (!(quantity > 0) || quantity > request.remaining || quantity > offer.remaining) {
      throw validationError([{ field: '/quantity', message: `must be more than 0 and at most ${Math.min(request.remaining, offer.remaining)} (what the request lacks and the offer has left)` }], 'match');
    }
    const now = nowIso();
    const id = newId('mt');
    await repo.insertMatch(trx.db, { id, request_id: request.id, offer_id: offer.id, quantity, status: 'proposed', proposed_by: side, created_by: actorLabel(actor), created_at: now, updated_at: now, delivered_at: null });
    await audit(trx.db, actor, [{ action: 'risk.help.match.propose', targetType: 'help-request', targetId: request.id, institutionId: request.institutionId, detail: { offerId: offer.id, quantity } }]);
    return toMatch((await repo.match(trx.db, id))!);
  });
}

/** Moves a match on: the other side accepts a proposal; either side declines; the requesting side confirms delivery. */
export async function advanceMatch(store: Store, actor: Actor, id: string, action: 'accept' | 'decline' | 'deliver'): Promise<HelpMatch> {
  return inTransaction(store, async (trx) => {
    const m = isAllianceMember(actor) ? await repo.match(trx.db, id) : undefined;
    if (!m) throw new AppError('NOT_FOUND', `No match "${id}"`);
    const { request, offer } = await pair(trx, actor, m.request_id, m.offer_id);
    const mine = { request: can(actor, 'edit', { institutionId: request.institutionId }), offer: can(actor, 'edit', { institutionId: offer.institutionId }) };
    const admin = actor.kind === 'user' && actor.isAdmin;
    const now = nowIso();
    if (action === 'accept') {
      if (m.status !== 'proposed') throw new AppError('CONFLICT', `The match is ${m.status}, not proposed`);
      if (!admin && !(m.proposed_by === 'request' ? mine.offer : mine.request)) throw new AppError('FORBIDDEN', 'The other side of the match accepts it');
      if (m.quantity > request.remaining || m.quantity > offer.remaining) throw new AppError('CONFLICT', 'The request or the offer no longer has room for this match');
      await repo.setMatch(trx.db, id, { status: 'accepted', updated_at: now });
      if (request.remaining - m.quantity <= 0) await repo.setRequestStatus(trx.db, request.id, 'covered', now);
    } else if (action === 'decline') {
      if (m.status !== 'proposed' && m.status !== 'accepted') throw new AppError('CONFLICT', `The match is ${m.status}`);
      if (!admin && !mine.request && !mine.offer) throw new AppError('FORBIDDEN', 'Only the two sides decline a match');
      await repo.setMatch(trx.db, id, { status: 'declined', updated_at: now });
      if (m.status === 'accepted' && request.status === 'covered') await repo.setRequestStatus(trx.db, request.id, 'open', now);
    } else {
      if (m.status !== 'accepted') throw new AppError('CONFLICT', `Only an accepted match is delivered; this one is ${m.status}`);
      if (!admin && !mine.request) throw new AppError('FORBIDDEN', 'The requesting institution confirms delivery');
      await repo.setMatch(trx.db, id, { status: 'delivered', delivered_at: now, updated_at: now });
    }
    await audit(trx.db, actor, [{ action: `risk.help.match.${action}`, targetType: 'help-request', targetId: request.id, institutionId: request.institutionId, detail: { matchId: id } }]);
    return toMatch((await repo.match(trx.db, id))!);
  });
}

async function pair(store: Store, actor: Actor, requestId: string, offerId: string) {
  const { request } = await getRequest(store, actor, requestId);
  const offer = (await listOffers(store, actor, { ids: [offerId] }))[0];
  if (!offer) throw new AppError('NOT_FOUND', `No help offer "${offerId}"`);
  return { request, offer };
}

function requireEdit(actor: Actor, institutionId: string): void {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to ask for or offer help');
  if (!can(actor, 'edit', { institutionId })) throw new AppError('FORBIDDEN', `You may not ask for or offer help on behalf of ${institutionId}`);
}

async function validHelp(store: Store, input: HelpInput) {
  const problems: FieldProblem[] = [];
  if (!(HELP_KINDS as readonly string[]).includes(input.kind)) problems.push({ field: '/kind', message: `must be one of ${HELP_KINDS.join(', ')}` });
  const title = input.title?.trim() ?? '';
  if (!title || title.length > 300) problems.push({ field: '/title', message: 'is required (at most 300 characters)' });
  if (!(Number.isFinite(input.quantity) && input.quantity > 0 && input.quantity < 1e12)) problems.push({ field: '/quantity', message: 'must be a number above 0' });
  const unit = input.unit?.trim() ?? '';
  if (!unit || unit.length > 40) problems.push({ field: '/unit', message: 'is required (e.g. experts, days, USD, boxes, m²)' });
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (!date.test(input.from ?? '')) problems.push({ field: '/from', message: 'must be a date (YYYY-MM-DD)' });
  if (!date.test(input.until ?? '')) problems.push({ field: '/until', message: 'must be a date (YYYY-MM-DD)' });
  else if (date.test(input.from ?? '') && input.until < input.from) problems.push({ field: '/until', message: 'is before the start' });
  const languages = (input.languages ?? []).map((l) => l.trim()).filter(Boolean);
  if (languages.some((l) => !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(l))) problems.push({ field: '/languages', message: 'must be BCP 47 language tags, e.g. en, zh-Hans' });
  const hasPoint = input.lat !== undefined && input.lat !== null && input.lon !== undefined && input.lon !== null;
  if (hasPoint && (Math.abs(input.lat!) > 90 || Math.abs(input.lon!) > 180)) problems.push({ field: '/lat', message: 'latitude and longitude out of range' });
  if (problems.length) throw validationError(problems, 'help');
  if (!(await getInstitution(store.db, input.institutionId).catch(() => null))) throw validationError([{ field: '/institutionId', message: `no institution "${input.institutionId}"` }], 'help');
  return {
    kind: input.kind,
    title,
    description: input.description?.trim() || null,
    skill: input.skill?.trim() || null,
    languages: [...new Set(languages)],
    quantity: input.quantity,
    unit,
    from: input.from,
    until: input.until,
    lat: hasPoint ? input.lat! : null,
    lon: hasPoint ? input.lon! : null,
  };
}

function toMatch(m: RiskHelpMatchRow): HelpMatch {
  return { id: m.id, requestId: m.request_id, offerId: m.offer_id, quantity: m.quantity, status: m.status as HelpMatch['status'], proposedBy: m.proposed_by, createdAt: m.created_at, deliveredAt: m.delivered_at };
}

function toRequest(actor: Actor, r: RiskHelpRequestRow, matches: RiskHelpMatchRow[]): HelpRequest {
  const c = coverage(r.quantity, matches);
  return {
    id: r.id,
    institutionId: r.institution_id,
    incidentId: r.incident_id,
    recordId: r.record_id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    skill: r.skill,
    languages: JSON.parse(r.languages) as string[],
    quantity: r.quantity,
    unit: r.unit,
    neededFrom: r.needed_from,
    neededUntil: r.needed_until,
    status: r.status,
    createdAt: r.created_at,
    canEdit: can(actor, 'edit', { institutionId: r.institution_id }),
    ...c,
    matches: matches.map(toMatch),
  };
}

function toOffer(actor: Actor, r: RiskHelpOfferRow, matches: RiskHelpMatchRow[]): HelpOffer {
  const given = coverage(r.quantity, matches).covered;
  return {
    id: r.id,
    institutionId: r.institution_id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    skill: r.skill,
    languages: JSON.parse(r.languages) as string[],
    quantity: r.quantity,
    unit: r.unit,
    availableFrom: r.available_from,
    availableUntil: r.available_until,
    status: r.status,
    createdAt: r.created_at,
    canEdit: can(actor, 'edit', { institutionId: r.institution_id }),
    given,
    remaining: Math.max(0, r.quantity - given),
    lat: r.lat,
    lon: r.lon,
  };
}
