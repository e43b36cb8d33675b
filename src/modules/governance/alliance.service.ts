import type { Db } from '../../db/database';
import { AppError, validationError, type FieldProblem } from '../../shared/errors';
import { ID_REGEX, newId, nowIso } from '../../shared/ids';
import type { LangMap } from '../../shared/lang-map';
import { canonicalLangMap } from '../../shared/lang-map-validate';
import { isCountryCode } from '../../shared/country';
import type { Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import { allianceRepository as repo } from './alliance.repository';
import type { AllianceRow, MembershipEventRow, TierRow } from './governance.table';
import { isCalendarDate, memberKey, MEMBERSHIP_EVENTS, replayMembership, type MembershipEventKind, type StepProblem } from './membership.history';

export const MEMBER_KINDS = ['states', 'institutions', 'both'] as const;
export type MemberKinds = (typeof MEMBER_KINDS)[number];

export interface Tier {
  id: string;
  code: string;
  name: LangMap;
  appliesTo: 'state' | 'institution';
  position: number;
}

export interface Alliance {
  id: string;
  name: LangMap;
  description: LangMap;
  memberKinds: MemberKinds;
  tiers: Tier[];
}

/** Who a member is: an institution of this hub, or a state by its ISO 3166-1 code. */
export type MemberRef = { kind: 'institution'; institutionId: string } | { kind: 'state'; country: string };

/** A member on some date, with what the pages show of it. */
export interface Member {
  key: string;
  kind: 'institution' | 'state';
  institutionId: string | null;
  country: string;
  name: LangMap | null;
  lat: number | null;
  lon: number | null;
  tierId: string;
  status: 'active' | 'suspended';
  since: string;
}

export interface MembershipEvent {
  id: string;
  member: MemberRef;
  event: MembershipEventKind;
  tierId: string | null;
  effectiveOn: string;
  /** Only the secretariat sees notes. */
  note: string | null;
  recordedAt: string;
}

/** Every alliance of this hub, oldest first (membership and tiers are public). */
export async function listAlliances(db: Db): Promise<Alliance[]> {
  const rows = await repo.listAlliances(db);
  return Promise.all(rows.map(async (r) => toAlliance(r, await repo.tiers(db, r.id))));
}

/** One alliance with its tiers. */
export async function getAlliance(db: Db, id: string): Promise<Alliance> {
  const row = await repo.findAlliance(db, id);
  if (!row) throw new AppError('NOT_FOUND', `No alliance "${id}"`);
  return toAlliance(row, await repo.tiers(db, id));
}

export interface AllianceInput {
  id?: string;
  name: LangMap;
  description?: LangMap;
  memberKinds: MemberKinds;
  tiers: { code: string; name: LangMap; appliesTo: 'state' | 'institution' }[];
}

/** Creates an alliance with its tiers (the secretariat). */
export async function createAlliance(db: Db, actor: Actor, input: AllianceInput): Promise<Alliance> {
  requireSecretariat(actor);
  const problems: FieldProblem[] = [];
  const name = canonicalLangMap(input.name, '/name', problems);
  const description = canonicalLangMap(input.description ?? {}, '/description', problems);
  if (!Object.keys(name).length) problems.push({ field: '/name', message: 'needs a name in at least one language' });
  if (input.id !== undefined && !ID_REGEX.test(input.id)) problems.push({ field: '/id', message: 'letters, digits, ".", "_" and "-" only' });
  const codes = new Set<string>();
  input.tiers.forEach((t, i) => {
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(t.code)) problems.push({ field: `/tiers/${i}/code`, message: 'lower-case letters, digits and "-", at most 40' });
    if (codes.has(t.code)) problems.push({ field: `/tiers/${i}/code`, message: 'is used twice' });
    codes.add(t.code);
    if (!allows(input.memberKinds, t.appliesTo)) problems.push({ field: `/tiers/${i}/appliesTo`, message: `this alliance admits ${input.memberKinds} only` });
    canonicalLangMap(t.name, `/tiers/${i}/name`, problems);
  });
  if (problems.length) throw validationError(problems, 'alliance');
  const id = input.id ?? newId('al');
  if (await repo.findAlliance(db, id)) throw new AppError('ALREADY_EXISTS', `An alliance "${id}" exists already`, { problems: [{ field: '/id', message: 'is taken' }] });
  const now = nowIso();
  await repo.insertAlliance(db, { id, name: JSON.stringify(name), description: JSON.stringify(description), member_kinds: input.memberKinds, created_at: now, updated_at: now });
  for (const [i, t] of input.tiers.entries()) {
    await repo.insertTier(db, { id: `${id}.${t.code}`, alliance_id: id, code: t.code, name: JSON.stringify(canonicalLangMap(t.name, '', [])), applies_to: t.appliesTo, position: i });
  }
  return getAlliance(db, id);
}

/** Adds a tier to an alliance (the secretariat); tiers are never removed, since history refers to them. */
export async function addTier(db: Db, actor: Actor, allianceId: string, input: { code: string; name: LangMap; appliesTo: 'state' | 'institution' }): Promise<Alliance> {
  requireSecretariat(actor);
  const alliance = await getAlliance(db, allianceId);
  const problems: FieldProblem[] = [];
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(input.code)) problems.push({ field: '/code', message: 'lower-case letters, digits and "-", at most 40' });
  if (alliance.tiers.some((t) => t.code === input.code)) problems.push({ field: '/code', message: 'is taken' });
  if (!allows(alliance.memberKinds, input.appliesTo)) problems.push({ field: '/appliesTo', message: `this alliance admits ${alliance.memberKinds} only` });
  const name = canonicalLangMap(input.name, '/name', problems);
  if (problems.length) throw validationError(problems, 'tier');
  await repo.insertTier(db, { id: `${allianceId}.${input.code}`, alliance_id: allianceId, code: input.code, name: JSON.stringify(name), applies_to: input.appliesTo, position: alliance.tiers.length });
  return getAlliance(db, allianceId);
}

export interface MembershipEventInput {
  member: MemberRef;
  event: MembershipEventKind;
  tierId?: string | null;
  effectiveOn: string;
  note?: string | null;
}

/**
 * Records one step of a member's history (the secretariat). The step must fit the whole history
 * replayed in date order, so a step dated in the past cannot contradict what came after it.
 */
export async function recordMembershipEvent(db: Db, actor: Actor, allianceId: string, input: MembershipEventInput): Promise<MembershipEvent> {
  requireSecretariat(actor);
  const alliance = await getAlliance(db, allianceId);
  const problems: FieldProblem[] = [];
  if (!MEMBERSHIP_EVENTS.includes(input.event)) problems.push({ field: '/event', message: `one of ${MEMBERSHIP_EVENTS.join(', ')}` });
  if (!isCalendarDate(input.effectiveOn)) problems.push({ field: '/effectiveOn', message: 'a date written YYYY-MM-DD' });
  await checkMember(db, alliance, input.member, problems);
  const tier = input.tierId ? alliance.tiers.find((t) => t.id === input.tierId) : null;
  if (input.tierId && !tier) problems.push({ field: '/tierId', message: 'is not a tier of this alliance' });
  if (tier && tier.appliesTo !== input.member.kind) problems.push({ field: '/tierId', message: `is a tier for ${tier.appliesTo}s` });
  if ((input.event === 'joined' || input.event === 'tier-changed') && !input.tierId) problems.push({ field: '/tierId', message: 'is required to join or change tier' });
  if (problems.length) throw validationError(problems, 'membership step');
  const key = memberKey(input.member);
  const now = nowIso();
  const id = newId('me');
  const existing = await repo.events(db, allianceId, key);
  const candidate = { memberKey: key, event: input.event, tierId: input.tierId ?? null, effectiveOn: input.effectiveOn, seq: `${now}:${id}` };
  const { problem } = replayMembership([...existing.map(toStep), candidate]);
  if (problem) throw new AppError('CONFLICT', `This step does not fit the member's history (${problem.step.event} on ${problem.step.effectiveOn}: ${PROBLEM_TEXT[problem.reason]})`, { problems: [{ field: '/event', message: PROBLEM_TEXT[problem.reason] }] });
  await repo.insertEvent(db, {
    id,
    alliance_id: allianceId,
    member_key: key,
    institution_id: input.member.kind === 'institution' ? input.member.institutionId : null,
    country: input.member.kind === 'state' ? input.member.country : null,
    event: input.event,
    tier_id: input.tierId ?? null,
    effective_on: input.effectiveOn,
    note: input.note?.trim() || null,
    recorded_by: actor.kind === 'user' ? actor.email : null,
    recorded_at: now,
  });
  return { id, member: input.member, event: input.event, tierId: input.tierId ?? null, effectiveOn: input.effectiveOn, note: input.note?.trim() || null, recordedAt: now };
}

/** The members of an alliance on a date (today when null): who, in which tier, active or suspended. */
export async function membersOn(db: Db, allianceId: string, onDate: string | null = null): Promise<Member[]> {
  await getAlliance(db, allianceId);
  if (onDate !== null && !isCalendarDate(onDate)) throw validationError([{ field: 'date', message: 'a date written YYYY-MM-DD' }], 'query');
  const events = await repo.events(db, allianceId);
  return describeMembers(db, events, onDate ?? new Date().toISOString().slice(0, 10));
}

/** Members on a date, from an already loaded history (the figures replay it for many dates). */
export async function describeMembers(db: Db, events: MembershipEventRow[], onDate: string, loaded?: InstitutionFacts): Promise<Member[]> {
  const { members } = replayMembership(events.map(toStep), onDate);
  const byKey = new Map(events.map((e) => [e.member_key, e]));
  const institutions = loaded ?? (await institutionFacts(db, events));
  const out: Member[] = [];
  for (const s of members.values()) {
    const e = byKey.get(s.memberKey)!;
    const inst = e.institution_id ? institutions.get(e.institution_id) : undefined;
    if (e.institution_id && !inst) continue;
    out.push({
      key: s.memberKey,
      kind: e.institution_id ? 'institution' : 'state',
      institutionId: e.institution_id,
      country: inst?.country ?? e.country ?? '',
      name: inst ? (JSON.parse(inst.name) as LangMap) : null,
      lat: inst?.lat ?? null,
      lon: inst?.lon ?? null,
      tierId: s.tierId,
      status: s.status,
      since: s.since,
    });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

type InstitutionFacts = Map<string, Awaited<ReturnType<typeof repo.institutionsById>>[number]>;

/** What the member lists show of the institutions in a history (loaded once for many dates). */
export async function institutionFacts(db: Db, events: MembershipEventRow[]): Promise<InstitutionFacts> {
  return new Map((await repo.institutionsById(db, [...new Set(events.flatMap((e) => (e.institution_id ? [e.institution_id] : [])))])).map((i) => [i.id, i]));
}

/** The recorded history of an alliance (or of one member), oldest first; notes only for the secretariat. */
export async function membershipHistory(db: Db, actor: Actor, allianceId: string, member?: MemberRef): Promise<MembershipEvent[]> {
  await getAlliance(db, allianceId);
  const rows = await repo.events(db, allianceId, member ? memberKey(member) : undefined);
  const secretariat = can(actor, 'read', 'alliance');
  return rows.map((r) => ({
    id: r.id,
    member: r.institution_id ? { kind: 'institution', institutionId: r.institution_id } : { kind: 'state', country: r.country ?? '' },
    event: r.event as MembershipEventKind,
    tierId: r.tier_id,
    effectiveOn: r.effective_on,
    note: secretariat ? r.note : null,
    recordedAt: r.recorded_at,
  }));
}

/** Refuses anyone but the alliance secretariat (alliance admins), with a write-capable credential. */
export function requireSecretariat(actor: Actor): void {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in as the alliance secretariat');
  if (!can(actor, 'manage', 'alliance')) throw new AppError('FORBIDDEN', 'Only the alliance secretariat may do this');
}

/** Checks a member reference: its kind admitted by the alliance, the institution existing, the country known. */
export async function checkMember(db: Db, alliance: Alliance, member: MemberRef, problems: FieldProblem[]): Promise<void> {
  if (!allows(alliance.memberKinds, member.kind)) problems.push({ field: '/member/kind', message: `this alliance admits ${alliance.memberKinds} only` });
  if (member.kind === 'institution' && !(await repo.institutionExists(db, member.institutionId))) problems.push({ field: '/member/institutionId', message: 'no such institution' });
  if (member.kind === 'state' && !isCountryCode(member.country)) problems.push({ field: '/member/country', message: 'an ISO 3166-1 alpha-2 code' });
}

function allows(kinds: MemberKinds, kind: 'state' | 'institution'): boolean {
  return kinds === 'both' || kinds === `${kind}s`;
}

function toStep(e: MembershipEventRow) {
  return { memberKey: e.member_key, event: e.event as MembershipEventKind, tierId: e.tier_id, effectiveOn: e.effective_on, seq: `${e.recorded_at}:${e.id}` };
}

function toAlliance(row: AllianceRow, tiers: TierRow[]): Alliance {
  return {
    id: row.id,
    name: JSON.parse(row.name) as LangMap,
    description: JSON.parse(row.description) as LangMap,
    memberKinds: row.member_kinds as MemberKinds,
    tiers: tiers.map((t) => ({ id: t.id, code: t.code, name: JSON.parse(t.name) as LangMap, appliesTo: t.applies_to as Tier['appliesTo'], position: Number(t.position) })),
  };
}

const PROBLEM_TEXT: Record<StepProblem, string> = {
  'already-member': 'already a member then',
  'not-member': 'not a member then',
  'not-suspended': 'not suspended then',
  'already-suspended': 'already suspended then',
  'tier-required': 'a tier is required',
  'same-tier': 'already in that tier then',
};

/** Institutions' names by id (for pages naming members, participants and parties). */
export async function institutionNames(db: Db, ids: string[]): Promise<Map<string, LangMap>> {
  const rows = await repo.institutionsById(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, JSON.parse(r.name) as LangMap]));
}

/** The institutions the actor may apply for: those it administers (all its memberships for the secretariat). */
export async function institutionsToApplyFor(db: Db, actor: Actor): Promise<{ id: string; name: LangMap }[]> {
  if (actor.kind !== 'user') return [];
  const ids = actor.memberships.filter((m) => actor.isAdmin || m.role === 'institution-admin').map((m) => m.institutionId);
  const names = await institutionNames(db, ids);
  return ids.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id)! }] : []));
}
