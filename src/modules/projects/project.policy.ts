import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError } from '../../shared/errors';
import { isAllianceMember, staffOf, type Actor } from '../accounts/actor';
import { hasScope } from '../accounts/policy';

type ProjectEb = ExpressionBuilder<Database, 'project'>;

/** The facts of a project that decide who may see and change it. */
export interface ProjectAccessFacts {
  visibility: string;
  ownerInstitutionId: string;
  /** Institutions among the project's partners. */
  partnerInstitutionIds: string[];
}

/**
 * Which projects an actor sees, as SQL: the public sees public projects; members of the alliance
 * also members-only ones; the staff of the lead and partner institutions see their projects whatever
 * their visibility; alliance admins see all.
 */
export function projectVisibleTo(actor: Actor) {
  return (eb: ProjectEb): Expression<SqlBool> => {
    if (actor.kind === 'user' && actor.isAdmin) return eb.lit(true);
    const levels: ('public' | 'members')[] = isAllianceMember(actor) ? ['public', 'members'] : ['public'];
    const open = eb('project.visibility', 'in', levels);
    const own = staffOf(actor);
    if (!own.length) return open;
    const partnered = eb.exists(
      eb.selectFrom('project_partner as pp').select('pp.id').whereRef('pp.project_id', '=', 'project.id').where('pp.institution_id', 'in', own),
    );
    return eb.or([open, eb('project.owner_institution_id', 'in', own), partnered]);
  };
}

/** The same rule as `projectVisibleTo`, for one project in memory. */
export function maySeeProject(actor: Actor, p: ProjectAccessFacts): boolean {
  if (actor.kind === 'user' && actor.isAdmin) return true;
  if (p.visibility === 'public') return true;
  if (p.visibility === 'members' && isAllianceMember(actor)) return true;
  return isProjectStaff(actor, p);
}

/** True for staff of the lead institution or of a partner institution. */
export function isProjectStaff(actor: Actor, p: ProjectAccessFacts): boolean {
  const own = staffOf(actor);
  return own.includes(p.ownerInstitutionId) || p.partnerInstitutionIds.some((id) => own.includes(id));
}

/** Partners' staff edit the project's content (milestones, updates, outputs, needs); a token needs "write". */
export function mayEditProject(actor: Actor, p: ProjectAccessFacts): boolean {
  if (actor.kind !== 'user' || !hasScope(actor, 'write')) return false;
  return actor.isAdmin || isProjectStaff(actor, p);
}

/** The lead institution's staff (and alliance admins) change the project's partners, visibility, and delete it. */
export function mayManageProject(actor: Actor, p: ProjectAccessFacts): boolean {
  if (actor.kind !== 'user' || !hasScope(actor, 'write')) return false;
  return actor.isAdmin || staffOf(actor).includes(p.ownerInstitutionId);
}

/** Throws the right error when the actor may not edit: 401 for the public, 403 for those who see the project. */
export function requireProjectEdit(actor: Actor, p: ProjectAccessFacts, manage = false): Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token to change projects');
  if (!hasScope(actor, 'write')) throw new AppError('FORBIDDEN', 'Your token lacks the "write" scope');
  if (!(manage ? mayManageProject(actor, p) : mayEditProject(actor, p))) {
    throw new AppError('FORBIDDEN', manage ? 'Only the lead institution may change this' : 'Only the partners of this project may change it');
  }
  return actor;
}
