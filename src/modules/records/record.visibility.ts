import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../db/schema';
import { isAllianceMember, staffOf, type Actor } from '../accounts/actor';

type RecordEb = ExpressionBuilder<Database, 'record'>;

/**
 * The one visibility rule, used by every read path: pages, API, search and facet counts,
 * exports, feeds. The public sees public records whose embargo (if any) has passed; members of
 * the alliance also see members-only ones; an institution's staff see all of its own records;
 * alliance admins see everything. Deleted records are hidden from all. Embargoes are compared
 * with `now` at query time, so nothing has to run for an embargo to begin or end.
 */
export function visibleTo(actor: Actor, now: string = new Date().toISOString()) {
  return (eb: RecordEb): Expression<SqlBool> => {
    const notDeleted = eb('record.deleted_at', 'is', null);
    if (actor.kind === 'user' && actor.isAdmin) return notDeleted;
    const levels = isAllianceMember(actor) ? ['public', 'members'] : ['public'];
    const released = eb.and([
      levels.length === 1 ? eb('record.visibility', '=', 'public') : eb('record.visibility', 'in', levels),
      eb.or([eb('record.embargo_until', 'is', null), eb('record.embargo_until', '<=', now)]),
    ]);
    const own = staffOf(actor);
    return eb.and([notDeleted, own.length ? eb.or([released, eb('record.institution_id', 'in', own)]) : released]);
  };
}

/** The visibility scope of an actor, for caches keyed by who may see what. */
export function visibilityScope(actor: Actor): string {
  if (actor.kind !== 'user') return 'public';
  if (actor.isAdmin) return 'admin';
  const own = staffOf(actor);
  return own.length ? `staff:${[...own].sort().join(',')}` : isAllianceMember(actor) ? 'members' : 'public';
}

/** The visibility rule of one actor at one instant, for code that checks records in memory. */
export interface VisibilityRule {
  /** Sees everything not deleted (alliance admins). */
  all: boolean;
  /** Sees members-only records too. */
  members: boolean;
  /** Institutions whose records it sees whatever their visibility or embargo. */
  own: string[];
  /** The instant embargoes are compared with, in ms. */
  now: number;
}

/** The same rule as `visibleTo`, in a form the in-memory search index applies; a test proves they agree. */
export function visibilityRule(actor: Actor, now: number = Date.now()): VisibilityRule {
  const admin = actor.kind === 'user' && actor.isAdmin;
  return { all: admin, members: isAllianceMember(actor), own: staffOf(actor), now };
}

/** True when a record with these facts is visible under the rule. */
export function isVisibleUnder(rule: VisibilityRule, f: { deleted: boolean; visibility: string; embargoUntil: string | null; institutionId: string }): boolean {
  if (f.deleted) return false;
  if (rule.all || rule.own.includes(f.institutionId)) return true;
  const levelOk = f.visibility === 'public' || (rule.members && f.visibility === 'members');
  return levelOk && (!f.embargoUntil || Date.parse(f.embargoUntil) <= rule.now);
}
