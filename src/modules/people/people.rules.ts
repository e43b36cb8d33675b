import { AppError, validationError, type FieldProblem } from '../../shared/errors';
import { canonicalLangMap } from '../../shared/lang-map-validate';
import type { LangMap } from '../../shared/lang-map';
import { isAllianceMember, type Actor } from '../accounts/actor';
import { can, hasScope } from '../accounts/policy';
import { indexTokens } from '../search/text-analysis';

export type User = Extract<Actor, { kind: 'user' }>;
export const VISIBILITIES = ['public', 'members'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** The visibility levels an actor may read: members of the alliance also see members-only things. */
export function readableLevels(actor: Actor): Visibility[] {
  return isAllianceMember(actor) ? ['public', 'members'] : ['public'];
}

/** A signed-in user, or UNAUTHENTICATED. */
export function requireUser(actor: Actor, what: string): User {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', `Sign in or send an API token to ${what}`);
  return actor;
}

/** A member of the alliance (whose credentials may write, unless only reading), or UNAUTHENTICATED/FORBIDDEN. */
export function requireMember(actor: Actor, what: string, opts: { reading?: boolean } = {}): User {
  const user = requireUser(actor, what);
  if (!isAllianceMember(user)) throw new AppError('FORBIDDEN', `Only members of the alliance may ${what}`);
  if (!opts.reading && !hasScope(user, 'write')) throw new AppError('FORBIDDEN', 'Your token lacks the "write" scope');
  return user;
}

/** True when the actor runs things for this institution: its curators and admins, or the secretariat. */
export function isStaffOf(actor: Actor, institutionId: string | null): boolean {
  if (actor.kind !== 'user') return false;
  return institutionId ? can(actor, 'edit', { institutionId }) : can(actor, 'edit', 'alliance');
}

/** The institutions for which the actor may publish calls, events and case studies (null: any, for the secretariat). */
export function staffInstitutions(actor: Actor): string[] | null {
  if (actor.kind !== 'user') return [];
  if (actor.isAdmin) return null;
  return actor.memberships.filter((m) => m.role === 'curator' || m.role === 'institution-admin').map((m) => m.institutionId);
}

/** The user's id as stored in `*_by` columns (none for the platform itself). */
export function byOf(user: User): string | null {
  return user.userId === 'system' ? null : user.userId;
}

/** Collects field problems, then throws them all at once. */
export class Checks {
  readonly problems: FieldProblem[] = [];

  fail(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  throwIfAny(what: string): void {
    if (this.problems.length) throw validationError(this.problems, what);
  }

  /** A language map of short texts; `required` wants at least one language. */
  langMap(value: unknown, field: string, opts: { required?: boolean; max?: number } = {}): LangMap {
    if (value === undefined || value === null) {
      if (opts.required) this.fail(field, 'is required');
      return {};
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.fail(field, 'is not a language map');
      return {};
    }
    const raw: LangMap = {};
    for (const [tag, v] of Object.entries(value as Record<string, unknown>)) {
      const list = Array.isArray(v) ? v : [v];
      if (list.some((x) => typeof x !== 'string')) this.fail(`${field}/${tag}`, 'holds something other than text');
      else raw[tag] = list as string[];
    }
    const map = canonicalLangMap(raw, field, this.problems);
    const max = opts.max ?? 20000;
    for (const [tag, values] of Object.entries(map)) if (values.some((x) => x.length > max)) this.fail(`${field}/${tag}`, `is longer than ${max} characters`);
    if (opts.required && !Object.keys(map).length) this.fail(field, 'is empty');
    return map;
  }

  text(value: unknown, field: string, opts: { required?: boolean; max?: number } = {}): string | null {
    const s = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : null;
    if (s === null) return this.fail(field, 'is not text'), null;
    if (!s) return opts.required ? (this.fail(field, 'is empty'), null) : null;
    if (s.length > (opts.max ?? 5000)) return this.fail(field, `is longer than ${opts.max ?? 5000} characters`), null;
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s)) return this.fail(field, 'contains control characters'), null;
    return s;
  }

  /** A calendar date YYYY-MM-DD that exists. */
  date(value: unknown, field: string, opts: { required?: boolean } = {}): string | null {
    const s = typeof value === 'string' ? value.trim() : '';
    if (!s) return opts.required ? (this.fail(field, 'is required'), null) : null;
    if (!isCalendarDate(s)) return this.fail(field, 'is not a date (YYYY-MM-DD)'), null;
    return s;
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, fallback?: T): T {
    if ((value === undefined || value === '') && fallback !== undefined) return fallback;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.fail(field, `must be one of ${allowed.join(', ')}`);
    return allowed[0];
  }

  /** An absolute http(s) URL. */
  url(value: unknown, field: string): string | null {
    const s = this.text(value, field, { max: 2000 });
    if (!s) return null;
    try {
      const u = new URL(s);
      if (u.protocol === 'https:' || u.protocol === 'http:') return u.href;
    } catch {
      /* reported below */
    }
    this.fail(field, 'is not an http or https address');
    return null;
  }
}

/** True for an existing calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Today's date in UTC (YYYY-MM-DD). */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Padded folded tokens of texts in any language, for `like '% token%'` searches on both databases. */
export function searchTextOf(texts: string[]): string {
  const tokens = new Set<string>();
  for (const text of texts) for (const tok of indexTokens(text)) tokens.add(tok);
  return ` ${[...tokens].join(' ')} `;
}

/** Parses a JSON language map column. */
export function langMapOf(json: string): LangMap {
  return JSON.parse(json) as LangMap;
}

/** A NOT_FOUND error for something hidden or missing (the two are indistinguishable). */
export function notFound(what: string, id: string): AppError {
  return new AppError('NOT_FOUND', `No ${what} "${id}"`);
}
