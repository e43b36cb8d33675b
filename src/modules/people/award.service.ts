import { AppError } from '../../shared/errors';
import type { LangMap } from '../../shared/lang-map';
import { ID_REGEX, newId, nowIso } from '../../shared/ids';
import type { Actor } from '../accounts/actor';
import { audit } from '../audit/audit.service';
import { inTransaction, type Store } from '../records/record.store';
import { awardRepository as repo } from './award.repository';
import type { AwardNominationRow, AwardRow } from './people.table';
import { byOf, Checks, langMapOf, notFound, requireMember, requireUser, todayUtc } from './people.rules';

export type AwardStatus = 'open' | 'judging' | 'published';

export interface Award {
  id: string;
  title: LangMap;
  description: LangMap;
  deadline: string;
  status: AwardStatus;
  /** Nominations are taken while the award is open and its deadline has not passed. */
  acceptsNominations: boolean;
  publishedAt: string | null;
}

export interface Nomination {
  id: string;
  nominee: string;
  institutionId: string | null;
  citation: string;
  winner: boolean;
  createdAt: string;
  /** Scores: for the jury and the secretariat only. */
  scores?: { juror: string; score: number; comment: string | null }[];
  average?: number | null;
}

/** What the actor may see of an award: the jury and secretariat see every nomination and score. */
export interface AwardDetail {
  award: Award;
  /** Published winners (everyone, once published). */
  winners: Nomination[];
  /** Every nomination (jury, secretariat), or the actor's own; null for the public. */
  nominations: Nomination[] | null;
  jurors: string[] | null;
  isJuror: boolean;
  isSecretariat: boolean;
}

/** Every award call: awards are public, their nominations are not. */
export async function listAwards(store: Store): Promise<Award[]> {
  return (await repo.list(store.db)).map(toAward);
}

/** An award with its winners, and its nominations and scores for those who judge it. */
export async function getAward(store: Store, actor: Actor, id: string): Promise<AwardDetail> {
  const row = await findAward(store, id);
  const award = toAward(row);
  const jurors = await repo.jurors(store.db, id);
  const isSecretariat = actor.kind === 'user' && actor.isAdmin;
  const isJuror = actor.kind === 'user' && jurors.some((j) => j.user_id === actor.userId);
  const winners = row.status === 'published' ? (await repo.nominations(store.db, id, { winnersOnly: true })).map((n) => toNomination(n)) : [];
  let nominations: Nomination[] | null = null;
  if (isSecretariat || isJuror) {
    const scores = await repo.scores(store.db, id);
    nominations = (await repo.nominations(store.db, id)).map((n) => toNomination(n, scores.filter((s) => s.nomination_id === n.id)));
  } else if (actor.kind === 'user') {
    nominations = (await repo.nominations(store.db, id, { nominatedBy: actor.userId })).map((n) => toNomination(n));
  }
  return { award, winners, nominations, jurors: isSecretariat || isJuror ? jurors.map((j) => j.email) : null, isJuror, isSecretariat };
}

/** The secretariat opens an award call, with its jury (users named by email). */
export async function createAward(store: Store, actor: Actor, input: Record<string, unknown>): Promise<Award> {
  const user = requireSecretariat(actor);
  const c = new Checks();
  const title = c.langMap(input.title, 'title', { required: true, max: 300 });
  const description = c.langMap(input.description, 'description', { max: 10000 });
  const deadline = c.date(input.deadline, 'deadline', { required: true });
  const jurorIds = await jurorsFrom(store, c, input.jurors);
  c.throwIfAny('award');
  const now = nowIso();
  const row: AwardRow = { id: newId('aw'), title: JSON.stringify(title), description: JSON.stringify(description), deadline: deadline!, status: 'open', published_at: null, created_by: byOf(user), created_at: now, updated_at: now };
  await inTransaction(store, async (trx) => {
    await repo.insert(trx.db, row);
    await repo.replaceJurors(trx.db, row.id, jurorIds);
    await audit(trx.db, actor, [{ action: 'award.create', targetType: 'award', targetId: row.id, detail: { jurors: jurorIds.length } }]);
  });
  return toAward(row);
}

/** The secretariat changes an award's title, description or deadline until its winners are published. */
export async function updateAward(store: Store, actor: Actor, id: string, input: Record<string, unknown>): Promise<Award> {
  requireSecretariat(actor);
  const row = await findAward(store, id);
  if (row.status === 'published') throw new AppError('CONFLICT', 'The winners of this award are published already');
  const c = new Checks();
  const title = input.title !== undefined ? c.langMap(input.title, 'title', { required: true, max: 300 }) : langMapOf(row.title);
  const description = input.description !== undefined ? c.langMap(input.description, 'description', { max: 10000 }) : langMapOf(row.description);
  const deadline = input.deadline !== undefined ? c.date(input.deadline, 'deadline', { required: true }) : row.deadline;
  c.throwIfAny('award');
  const patch = { title: JSON.stringify(title), description: JSON.stringify(description), deadline: deadline!, updated_at: nowIso() };
  await repo.update(store.db, id, patch);
  await audit(store.db, actor, [{ action: 'award.update', targetType: 'award', targetId: id }]);
  return toAward({ ...row, ...patch });
}

/** The secretariat replaces the jury of an award that is not yet published. */
export async function setJurors(store: Store, actor: Actor, id: string, emails: unknown): Promise<string[]> {
  requireSecretariat(actor);
  const row = await findAward(store, id);
  if (row.status === 'published') throw new AppError('CONFLICT', 'The winners of this award are published already');
  const c = new Checks();
  const ids = await jurorsFrom(store, c, emails);
  c.throwIfAny('jury');
  await repo.replaceJurors(store.db, id, ids);
  await audit(store.db, actor, [{ action: 'award.jury', targetType: 'award', targetId: id, detail: { jurors: ids.length } }]);
  return (await repo.jurors(store.db, id)).map((j) => j.email);
}

/** A member nominates a person or a team while the award is open. */
export async function nominate(store: Store, actor: Actor, awardId: string, input: Record<string, unknown>): Promise<Nomination> {
  const user = requireMember(actor, 'nominate for an award');
  const row = await findAward(store, awardId);
  if (!toAward(row).acceptsNominations) throw new AppError('CONFLICT', 'This award no longer takes nominations', { problems: [{ field: 'deadline', message: 'has passed or judging has begun' }] });
  const c = new Checks();
  const nominee = c.text(input.nominee, 'nominee', { required: true, max: 300 });
  const citation = c.text(input.citation, 'citation', { required: true, max: 5000 });
  const institutionId = c.text(input.institutionId, 'institutionId', { max: 128 });
  c.throwIfAny('nomination');
  const n: AwardNominationRow = { id: newId('an'), award_id: awardId, nominee: nominee!, institution_id: institutionId, citation: citation!, winner: 0, nominated_by: user.userId, created_at: nowIso() };
  await repo.insertNomination(store.db, n);
  await audit(store.db, actor, [{ action: 'award.nominate', targetType: 'award_nomination', targetId: n.id, detail: { award: awardId } }]);
  return toNomination(n);
}

/** The award a nomination belongs to, for its jury and the secretariat; NOT_FOUND otherwise. */
export async function awardOfNomination(store: Store, actor: Actor, nominationId: string): Promise<string> {
  const n = ID_REGEX.test(nominationId) ? await repo.findNomination(store.db, nominationId) : undefined;
  const jurors = n ? await repo.jurors(store.db, n.award_id) : [];
  if (!n || actor.kind !== 'user' || !(actor.isAdmin || jurors.some((j) => j.user_id === actor.userId))) throw notFound('nomination', nominationId);
  return n.award_id;
}

/** The secretariat closes nominations and opens judging. */
export async function startJudging(store: Store, actor: Actor, id: string): Promise<Award> {
  requireSecretariat(actor);
  const row = await findAward(store, id);
  if (row.status !== 'open') throw new AppError('CONFLICT', `This award is ${row.status} already`);
  await repo.update(store.db, id, { status: 'judging', updated_at: nowIso() });
  await audit(store.db, actor, [{ action: 'award.judging', targetType: 'award', targetId: id }]);
  return toAward({ ...row, status: 'judging' });
}

/** A juror scores a nomination from 1 to 10 during judging (a new score replaces their earlier one). */
export async function scoreNomination(store: Store, actor: Actor, nominationId: string, input: { score?: unknown; comment?: unknown }): Promise<void> {
  const user = requireUser(actor, 'score a nomination');
  const n = ID_REGEX.test(nominationId) ? await repo.findNomination(store.db, nominationId) : undefined;
  const jurors = n ? await repo.jurors(store.db, n.award_id) : [];
  if (!n || !(jurors.some((j) => j.user_id === user.userId) || user.isAdmin)) throw notFound('nomination', nominationId);
  if (!jurors.some((j) => j.user_id === user.userId)) throw new AppError('FORBIDDEN', 'Only the award’s jurors score nominations');
  const award = await findAward(store, n.award_id);
  if (award.status !== 'judging') throw new AppError('CONFLICT', award.status === 'open' ? 'Judging has not begun' : 'The winners are published already');
  const c = new Checks();
  const score = Number(input.score);
  if (!Number.isInteger(score) || score < 1 || score > 10) c.fail('score', 'must be a whole number from 1 to 10');
  const comment = c.text(input.comment, 'comment', { max: 2000 });
  c.throwIfAny('score');
  await inTransaction(store, (trx) => repo.putScore(trx.db, { nomination_id: n.id, juror_id: user.userId, score, comment, scored_at: nowIso() }));
  await audit(store.db, actor, [{ action: 'award.score', targetType: 'award_nomination', targetId: n.id }]);
}

/** The secretariat publishes the winners (nominations of this award) and ends judging. */
export async function publishWinners(store: Store, actor: Actor, id: string, winners: unknown): Promise<AwardDetail> {
  requireSecretariat(actor);
  const row = await findAward(store, id);
  if (row.status !== 'judging') throw new AppError('CONFLICT', row.status === 'open' ? 'Judging has not begun' : 'The winners are published already');
  const ids = (Array.isArray(winners) ? winners : [winners]).filter((x): x is string => typeof x === 'string' && !!x);
  const known = new Set((await repo.nominations(store.db, id)).map((n) => n.id));
  const c = new Checks();
  if (!ids.length) c.fail('winners', 'names no nomination');
  for (const w of ids) if (!known.has(w)) c.fail('winners', `"${w}" is not a nomination of this award`);
  c.throwIfAny('winners');
  const now = nowIso();
  await inTransaction(store, async (trx) => {
    await repo.setWinners(trx.db, id, ids);
    await repo.update(trx.db, id, { status: 'published', published_at: now, updated_at: now });
    await audit(trx.db, actor, [{ action: 'award.publish', targetType: 'award', targetId: id, detail: { winners: ids } }]);
  });
  return getAward(store, actor, id);
}

async function jurorsFrom(store: Store, c: Checks, value: unknown): Promise<string[]> {
  const emails = (Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,;]+/) : []).filter((x): x is string => typeof x === 'string').map((e) => e.trim().toLowerCase()).filter(Boolean);
  const users = await repo.usersByEmail(store.db, [...new Set(emails)]);
  for (const e of emails) if (!users.some((u) => u.email.toLowerCase() === e)) c.fail('jurors', `"${e}" is not a user of this platform`);
  return users.map((u) => u.id);
}

function requireSecretariat(actor: Actor) {
  const user = requireUser(actor, 'run awards');
  if (!user.isAdmin) throw new AppError('FORBIDDEN', 'Only the alliance secretariat runs awards');
  return user;
}

async function findAward(store: Store, id: string): Promise<AwardRow> {
  const row = ID_REGEX.test(id) ? await repo.find(store.db, id) : undefined;
  if (!row) throw notFound('award', id);
  return row;
}

function toAward(r: AwardRow): Award {
  return { id: r.id, title: langMapOf(r.title), description: langMapOf(r.description), deadline: r.deadline, status: r.status, acceptsNominations: r.status === 'open' && r.deadline >= todayUtc(), publishedAt: r.published_at };
}

function toNomination(n: AwardNominationRow, scores?: { juror_email: string; score: number; comment: string | null }[]): Nomination {
  const base: Nomination = { id: n.id, nominee: n.nominee, institutionId: n.institution_id, citation: n.citation, winner: !!Number(n.winner), createdAt: n.created_at };
  if (!scores) return base;
  const list = scores.map((s) => ({ juror: s.juror_email, score: Number(s.score), comment: s.comment }));
  return { ...base, scores: list, average: list.length ? Math.round((list.reduce((a, s) => a + s.score, 0) / list.length) * 10) / 10 : null };
}
