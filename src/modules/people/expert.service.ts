import { canonicalTag } from '../../shared/lang-map';
import { newId, nowIso } from '../../shared/ids';
import type { Actor } from '../accounts/actor';
import { audit } from '../audit/audit.service';
import type { Store } from '../records/record.store';
import { expertRepository as repo } from './expert.repository';
import type { ExpertRow } from './people.table';
import { Checks, notFound, requireMember, type User } from './people.rules';
import { AVAILABILITIES, SKILLS, type Availability, type Skill } from './skills';

/** An expert as the directory shows them. */
export interface Expert {
  id: string;
  userId: string;
  institutionId: string | null;
  name: string;
  bio: string;
  skills: Skill[];
  languages: string[];
  availability: Availability;
  listed: boolean;
  updatedAt: string;
}

export interface ExpertFilter {
  skill?: string;
  language?: string;
  availability?: string;
}

export interface ExpertInput {
  name?: unknown;
  bio?: unknown;
  skills?: unknown;
  languages?: unknown;
  availability?: unknown;
  institutionId?: unknown;
  listed?: unknown;
}

/** The directory: experts who consented to be listed, for members of the alliance only. */
export async function listExperts(store: Store, actor: Actor, filter: ExpertFilter = {}): Promise<Expert[]> {
  requireMember(actor, 'read the experts directory', { reading: true });
  const language = filter.language ? canonicalTag(filter.language) ?? filter.language : undefined;
  const rows = await repo.listListed(store.db, { skill: filter.skill || undefined, language, availability: filter.availability || undefined });
  return rows.map(toExpert);
}

/** One listed expert (or the actor's own entry); NOT_FOUND otherwise. */
export async function getExpert(store: Store, actor: Actor, id: string): Promise<Expert> {
  const user = requireMember(actor, 'read the experts directory', { reading: true });
  const row = await repo.find(store.db, id);
  if (!row || (!row.listed && row.user_id !== user.userId)) throw notFound('expert', id);
  return toExpert(row);
}

/** The actor's own entry, or null when they have none yet. */
export async function myExpertEntry(store: Store, actor: Actor): Promise<Expert | null> {
  const user = requireMember(actor, 'keep an entry in the experts directory', { reading: true });
  const row = await repo.findByUser(store.db, user.userId);
  return row ? toExpert(row) : null;
}

/** Creates or replaces the actor's own entry; only its owner edits an entry, and listing needs consent. */
export async function saveMyExpertEntry(store: Store, actor: Actor, input: ExpertInput): Promise<Expert> {
  const user = requireMember(actor, 'keep an entry in the experts directory');
  const checked = checkInput(user, input);
  const now = nowIso();
  const existing = await repo.findByUser(store.db, user.userId);
  const id = existing?.id ?? newId('x');
  const row: ExpertRow = { id, user_id: user.userId, ...checked, created_at: existing?.created_at ?? now, updated_at: now };
  if (existing) await repo.update(store.db, row);
  else await repo.insert(store.db, row);
  await audit(store.db, actor, [{ action: existing ? 'expert.update' : 'expert.create', targetType: 'expert', targetId: id, detail: { listed: !!row.listed } }]);
  return toExpert(row);
}

/** Removes the actor's own entry from the directory altogether. */
export async function deleteMyExpertEntry(store: Store, actor: Actor): Promise<void> {
  const user = requireMember(actor, 'keep an entry in the experts directory');
  const row = await repo.findByUser(store.db, user.userId);
  if (!row) throw notFound('expert entry of', user.email);
  await repo.delete(store.db, row.id);
  await audit(store.db, actor, [{ action: 'expert.delete', targetType: 'expert', targetId: row.id }]);
}

function checkInput(user: User, input: ExpertInput): Omit<ExpertRow, 'id' | 'user_id' | 'created_at' | 'updated_at'> {
  const c = new Checks();
  const name = c.text(input.name, 'name', { required: true, max: 200 });
  const bio = c.text(input.bio, 'bio', { max: 4000 }) ?? '';
  const skills = listOf(input.skills);
  for (const s of skills) if (!(SKILLS as readonly string[]).includes(s)) c.fail('skills', `"${s}" is not a skill of the list`);
  if (skills.length > SKILLS.length) c.fail('skills', 'has too many entries');
  const languages: string[] = [];
  for (const raw of listOf(input.languages)) {
    const tag = canonicalTag(raw.trim());
    if (!tag) c.fail('languages', `"${raw}" is not a BCP 47 language tag`);
    else if (!languages.includes(tag)) languages.push(tag);
  }
  if (languages.length > 30) c.fail('languages', 'has too many entries');
  const availability = c.oneOf(input.availability, AVAILABILITIES, 'availability', 'available');
  const institutionId = typeof input.institutionId === 'string' && input.institutionId ? input.institutionId : null;
  if (institutionId && !user.memberships.some((m) => m.institutionId === institutionId)) c.fail('institutionId', 'is not an institution you belong to');
  const listed = input.listed === true || input.listed === 'true' || input.listed === 'on' || input.listed === '1';
  c.throwIfAny('expert entry');
  return { institution_id: institutionId, name: name!, bio, skills: JSON.stringify([...new Set(skills)]), languages: JSON.stringify(languages), availability, listed: listed ? 1 : 0 };
}

function listOf(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [v];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter(Boolean);
}

function toExpert(r: ExpertRow): Expert {
  return {
    id: r.id,
    userId: r.user_id,
    institutionId: r.institution_id,
    name: r.name,
    bio: r.bio,
    skills: JSON.parse(r.skills) as Skill[],
    languages: JSON.parse(r.languages) as string[],
    availability: r.availability,
    listed: !!Number(r.listed),
    updatedAt: r.updated_at,
  };
}
